// The decisions of the Activity page: who, when, before -> after, expected impact, automatic, push status.
import type React from "react";
import { Badge, Button, IndexTable, InlineStack, Text } from "@shopify/polaris";
import { useI18n, type Locale } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import { formatDateTime, formatMoney } from "~/lib/format";
import type { DecisionRow, ValueState } from "~/services/activity.server";
import { pushErrorText } from "./audit-text";

const PUSH_TONE: Record<string, "success" | "critical" | "attention" | "warning" | "info" | undefined> = {
  verified: "success",
  conflict: "warning",
  failed: "critical",
  pending: "attention",
  pushing: "info",
  pushed: "info",
};

/** The same date format as every other screen (formatDay), with the time. */
export function formatWhen(iso: string, locale: Locale): string {
  return formatDateTime(iso, locale);
}

/** Who acted: the automatic engine, a staff user, or the shop's staff in general. */
export function useActorLabel(): (actor: string, automatic?: boolean) => string {
  const { t } = useI18n();
  return (actor, automatic) =>
    automatic || actor === "pilotage"
      ? t("activity.actor.automatic")
      : actor === "merchant"
        ? t("activity.actor.merchant")
        : t("activity.actor.user", { id: actor });
}

/** Long product names wrap instead of widening the table. */
export function Wrap({ children, width = 240 }: { children: React.ReactNode; width?: number }) {
  return <div style={{ whiteSpace: "normal", maxWidth: width }}>{children}</div>;
}

export function valueText(v: ValueState, currency: string, locale: Locale, units: (n: number) => string): string {
  if (typeof v.price === "number") return formatMoney(v.price, currency, locale, 2);
  if (typeof v.quantity === "number") return units(v.quantity);
  return "—";
}

export function DecisionsTable({
  rows,
  currency,
  onRollback,
  onBatch,
}: {
  rows: DecisionRow[];
  currency: string;
  onRollback: (row: DecisionRow) => void;
  onBatch?: (batchId: string) => void;
}) {
  const { t, locale } = useI18n();
  const units = (n: number) => t("activity.units", { count: n });
  const actor = useActorLabel();
  const who = (r: DecisionRow) => actor(r.actor, r.automatic);
  return (
    <IndexTable
      resourceName={{ singular: t("activity.decisions.one"), plural: t("activity.decisions.many") }}
      itemCount={rows.length}
      selectable={false}
      emptyState={
        <Text as="p" tone="subdued">
          {t("activity.decisions.empty")}
        </Text>
      }
      headings={[
        { title: t("activity.col.when") },
        { title: t("activity.col.who") },
        { title: t("activity.col.kind") },
        { title: t("activity.col.variant") },
        { title: t("activity.col.change") },
        { title: t("activity.col.impact"), alignment: "end" },
        { title: t("activity.col.push") },
        { title: t("activity.col.actions"), hidden: true },
      ]}
    >
      {rows.map((r, i) => (
        <IndexTable.Row id={r.id} key={r.id} position={i}>
          <IndexTable.Cell>{formatWhen(r.createdAt, locale)}</IndexTable.Cell>
          <IndexTable.Cell>{who(r)}</IndexTable.Cell>
          <IndexTable.Cell>
            <Badge tone={r.kind === "rollback" ? "warning" : undefined}>
              {t(`activity.kind.${r.kind}` as MessageKey)}
            </Badge>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Wrap>
              <Text as="span">{r.variantLabel}</Text>
              {r.overrideReason ? (
                <Text as="p" tone="caution" variant="bodySm">
                  {t("activity.override", { reason: r.overrideReason })}
                </Text>
              ) : null}
            </Wrap>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <span
              data-testid={`change-${r.id}`}
            >{`${valueText(r.before, currency, locale, units)} → ${valueText(r.after, currency, locale, units)}`}</span>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" alignment="end" numeric>
              {r.expectedProfitDelta === null ? "—" : formatMoney(r.expectedProfitDelta, currency, locale, 2)}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <InlineStack gap="100" wrap={false}>
              <span data-testid={`push-${r.id}`} data-status={r.pushStatus} title={r.pushError ?? undefined}>
                <Badge tone={PUSH_TONE[r.pushStatus]}>{t(`activity.push.${r.pushStatus}` as MessageKey)}</Badge>
              </span>
              {r.rolledBackAt ? <Badge tone="warning">{t("activity.rolledBack")}</Badge> : null}
              {r.supersededAt ? <Badge tone="info">{t("activity.superseded")}</Badge> : null}
            </InlineStack>
            {r.pushError ? (
              <Wrap width={200}>
                <Text as="p" tone="critical" variant="bodySm">
                  {pushErrorText(t, r.pushError)}
                </Text>
              </Wrap>
            ) : null}
          </IndexTable.Cell>
          <IndexTable.Cell>
            <InlineStack gap="200" wrap={false} blockAlign="center">
              {r.rollbackable ? (
                <Button
                  size="slim"
                  onClick={() => onRollback(r)}
                  accessibilityLabel={`${t("activity.rollback")} ${r.variantLabel}`}
                >
                  {t("activity.rollback")}
                </Button>
              ) : null}
              {onBatch && r.batchId && r.kind === "price" ? (
                <Button size="slim" variant="plain" onClick={() => onBatch(r.batchId!)}>
                  {t("activity.batch.show")}
                </Button>
              ) : null}
            </InlineStack>
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}
