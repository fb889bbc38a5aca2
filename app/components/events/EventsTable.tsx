// The shop's events: dates, scope, entered effect, status, and what similar past events or the event itself taught.
import { Badge, BlockStack, Button, DataTable, Text } from "@shopify/polaris";
import type { EventView } from "~/services/events.server";
import { useI18n } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import { formatDay, formatPercent } from "~/lib/format";
import { effectText, scopeText, signedPercent } from "./text";

type Props = { events: EventView[]; onDelete: (id: string) => void; busy: boolean };

const TONE = { planned: "info", running: "attention", past: undefined } as const;

export function EventsTable({ events, onDelete, busy }: Props) {
  const { t, locale } = useI18n();
  const learned = (e: EventView) => {
    if (e.status !== "past") {
      const l = e.lesson;
      return l && l.averageUplift != null
        ? t("events.lesson", { count: l.events.length, uplift: signedPercent(l.averageUplift, locale) })
        : t("events.lesson.none");
    }
    const o = e.outcome;
    if (!o) return t("events.outcome.pending");
    if (o.days === 0) return t("events.outcome.none");
    return (
      <BlockStack gap="100">
        {o.uplift != null ? (
          <span>{t("events.outcome", { uplift: signedPercent(o.uplift, locale), days: o.days })}</span>
        ) : null}
        <span data-testid="event-errors">
          {t("events.outcome.error", {
            statistical: formatPercent(o.error.statistical, locale, 0),
            adjusted: formatPercent(o.error.adjusted, locale, 0),
          })}
        </span>
        {o.error.adjusted !== o.error.statistical ? (
          <Text as="span" tone={o.error.adjusted < o.error.statistical ? "success" : "critical"}>
            {t(o.error.adjusted < o.error.statistical ? "events.outcome.better" : "events.outcome.worse")}
          </Text>
        ) : null}
      </BlockStack>
    );
  };
  const rows = events.map((e) => [
    <BlockStack gap="050" key="n">
      <Text as="span" fontWeight="semibold">
        {e.name}
      </Text>
      <Text as="span" tone="subdued">
        {t(`events.kind.${e.kind}` as MessageKey)} ·{" "}
        {t("events.dates", { start: formatDay(e.start, locale), end: formatDay(e.end, locale) })}
      </Text>
    </BlockStack>,
    <BlockStack gap="050" key="s">
      <span>{scopeText(t, e.scope)}</span>
      <Text as="span" tone="subdued">
        {t("events.scope.covers", { count: e.variants })}
      </Text>
    </BlockStack>,
    effectText(t, locale, e.effect),
    <Badge key="st" tone={TONE[e.status]}>
      {t(`events.status.${e.status}` as MessageKey)}
    </Badge>,
    <div key="l" style={{ maxWidth: 320, whiteSpace: "normal" }}>
      {learned(e)}
    </div>,
    <Button
      key="d"
      variant="plain"
      tone="critical"
      disabled={busy}
      onClick={() => onDelete(e.id)}
      accessibilityLabel={`${t("events.delete")} ${e.name}`}
    >
      {t("events.delete")}
    </Button>,
  ]);
  return (
    <DataTable
      columnContentTypes={["text", "text", "text", "text", "text", "text"]}
      headings={[
        t("events.col.name"),
        t("events.col.scope"),
        t("events.col.effect"),
        t("events.col.status"),
        t("events.col.learned"),
        "",
      ]}
      rows={rows}
      verticalAlign="top"
    />
  );
}
