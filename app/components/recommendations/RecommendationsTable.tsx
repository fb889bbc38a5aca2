// The IndexTable: one row per suggestion, led by one plain sentence; the proposed price or quantity is
// editable in place, and an edited price's expected profit is recomputed at once with the engine's own
// function (expectedAt, app/core/pricing/profit-curve.ts) on the objective the recommendation stored.
import { useMemo, type ReactNode } from "react";
import { useSearchParams } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Box,
  Button,
  IndexTable,
  InlineStack,
  Link,
  Pagination,
  Text,
  TextField,
} from "@shopify/polaris";
import type { IndexTableProps } from "@shopify/polaris";
import { useI18n } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import { formatChance, headline } from "~/i18n/reasons";
import { formatMoney } from "~/lib/format";
import type { RecommendationListRow, RecommendationPage } from "~/services/recommendations.server";
import { parseDecimal, profitAt } from "./live-profit";

/** Clicks inside a cell's control must not toggle the row's selection. */
const Stop = ({ children }: { children: ReactNode }) => <div onClick={(e) => e.stopPropagation()}>{children}</div>;

/** Long sentences wrap inside their cell instead of widening the table. */
const Wrap = ({ children, width }: { children: ReactNode; width: number }) => (
  <div style={{ whiteSpace: "normal", maxWidth: width, minWidth: width * 0.6 }}>{children}</div>
);

export function rowName(r: { productTitle: string; variantTitle: string | null }): string {
  return r.variantTitle ? `${r.productTitle} · ${r.variantTitle}` : r.productTitle;
}

/** The price or quantity as shown in its field (the admin's decimal separator). */
export function fieldValue(value: number | null, price: boolean, locale: string): string {
  if (value == null) return "";
  return price ? value.toFixed(2).replace(".", locale === "fr" ? "," : ".") : String(value);
}

/** Expected profit change of a row at its edited price (null when unchanged or not computable). */
export function liveDelta(r: RecommendationListRow, edit: string | undefined): number | null {
  if (r.kind !== "price" || edit == null || r.currentPrice == null || !r.summary.model || !r.summary.uncertainty)
    return null;
  const price = parseDecimal(edit);
  if (price == null || price <= 0) return null;
  return (
    profitAt(r.summary.model, r.summary.uncertainty, price) -
    profitAt(r.summary.model, r.summary.uncertainty, r.currentPrice)
  );
}

export function RecommendationsTable(props: {
  rows: RecommendationListRow[];
  currency: string;
  edits: Record<string, string>;
  errors: Record<string, string>;
  selectedResources: string[];
  allResourcesSelected: boolean;
  onSelectionChange: IndexTableProps["onSelectionChange"];
  onEdit: (id: string, value: string) => void;
  onExplain: (id: string) => void;
  onApprove: () => void;
  onReject: () => void;
  loading: boolean;
  page: RecommendationPage;
}) {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const { rows, currency } = props;
  const money = (v: number | null, digits = 2) => (v == null ? "—" : formatMoney(v, currency, locale, digits));
  const signed = (v: number) =>
    v > 0 ? `+${money(v, Math.abs(v) >= 100 ? 0 : 2)}` : money(v, Math.abs(v) >= 100 ? 0 : 2);
  const go = (key: "after" | "before", cursor: string | null) => {
    if (!cursor) return;
    const next = new URLSearchParams(params);
    next.delete("after");
    next.delete("before");
    next.set(key, cursor);
    setParams(next);
  };

  // The sentences depend on the rows and the language only: not recomputed when a row is selected or edited.
  const headlines = useMemo(
    () =>
      new Map(
        rows.map((r) => [
          r.id,
          headline(
            { t, locale, currency },
            {
              kind: r.kind,
              action: r.summary.action,
              currentPrice: r.currentPrice,
              proposedPrice: r.proposedPrice,
              expectedProfitDelta: r.expectedProfitDelta,
              windowDays: r.summary.windowDays,
              elasticity: r.summary.elasticity,
              reasons: r.summary.reasons,
              quantity: r.proposedQuantity,
              orderCost: r.summary.orderCost,
              stockoutDate: r.summary.stockoutDate,
              protectionDays: r.summary.protectionDays,
            },
          ),
        ]),
      ),
    [rows, t, locale, currency],
  );

  const markup = rows.map((r, index) => {
    const name = rowName(r);
    const price = r.kind === "price";
    const edit = props.edits[r.id];
    const live = liveDelta(r, edit);
    const delta = live ?? r.expectedProfitDelta;
    const days = r.summary.windowDays ?? 28;
    const quantity = price ? null : (parseDecimal(edit ?? "") ?? r.proposedQuantity);
    const orderCost = !price && r.unitCost != null && quantity != null ? r.unitCost * quantity : null;
    return (
      <IndexTable.Row
        id={r.id}
        key={r.id}
        position={index}
        selected={props.selectedResources.includes(r.id)}
        tone={props.errors[r.id] ? "critical" : undefined}
      >
        <IndexTable.Cell>
          <Wrap width={220}>
            <Stop>
              <Link url={`/app/variants/${r.variantId}`} removeUnderline monochrome>
                <Text as="span" fontWeight="semibold">
                  {r.productTitle}
                </Text>
              </Link>
            </Stop>
            <Text as="p" tone="subdued" variant="bodySm">
              {[r.variantTitle, r.sku, r.vendor].filter(Boolean).join(" · ")}
            </Text>
          </Wrap>
        </IndexTable.Cell>
        <IndexTable.Cell>
          <Badge tone={price ? "info" : "attention"}>
            {t(price ? "recommendations.kind.price" : "recommendations.kind.reorder")}
          </Badge>
        </IndexTable.Cell>
        <IndexTable.Cell>
          {price ? (
            <Text as="span" numeric>
              {money(r.currentPrice)}
            </Text>
          ) : (
            <span title={t("recommendations.row.inStockHelp")}>
              <Text as="span">{t("recommendations.row.inStock", { count: r.currentQuantity ?? 0 })}</Text>
            </span>
          )}
        </IndexTable.Cell>
        <IndexTable.Cell>
          <Stop>
            <div style={{ width: 140 }}>
              <TextField
                label={t(price ? "recommendations.editPrice" : "recommendations.editQuantity", { name })}
                labelHidden
                type="text"
                inputMode={price ? "decimal" : "numeric"}
                value={edit ?? fieldValue(price ? r.proposedPrice : r.proposedQuantity, price, locale)}
                onChange={(v) => props.onEdit(r.id, v)}
                autoComplete="off"
                suffix={price ? currency : t("recommendations.row.unitsSuffix")}
                error={props.errors[r.id]}
              />
            </div>
          </Stop>
        </IndexTable.Cell>
        <IndexTable.Cell>
          {price ? (
            <BlockStack gap="0">
              <span data-testid={`effect-${r.id}`}>
                <Text as="span" numeric fontWeight="semibold" tone={delta >= 0 ? "success" : "critical"}>
                  {t("recommendations.row.profit", { amount: signed(delta) })}
                </Text>
              </span>
              <Text as="span" variant="bodySm" tone="subdued">
                {t(live != null ? "recommendations.row.yourPrice" : "recommendations.row.over", { days })}
              </Text>
            </BlockStack>
          ) : (
            <BlockStack gap="0">
              <Text as="span" numeric fontWeight="semibold">
                {orderCost != null
                  ? t("recommendations.row.orderCost", { amount: money(orderCost, 0) })
                  : t("recommendations.row.noCost")}
              </Text>
              <Text as="span" variant="bodySm" tone="subdued">
                {t("recommendations.row.protects", { amount: money(r.expectedProfitDelta, 0) })}
              </Text>
            </BlockStack>
          )}
        </IndexTable.Cell>
        <IndexTable.Cell>
          <Wrap width={170}>
            <Text as="span" variant="bodySm">
              {r.kind === "reorder"
                ? t("recommendations.risk", { value: formatChance({ t, locale }, r.confidence) })
                : t("recommendations.confidence", {
                    value: formatChance({ t, locale }, r.confidence),
                    words: t(confidenceWords(r.confidence)),
                  })}
            </Text>
          </Wrap>
        </IndexTable.Cell>
        <IndexTable.Cell>
          <Wrap width={340}>
            <BlockStack gap="100">
              <Text as="p" variant="bodySm">
                <span data-testid="headline">{headlines.get(r.id)}</span>
              </Text>
              <Stop>
                <Button
                  variant="plain"
                  onClick={() => props.onExplain(r.id)}
                  accessibilityLabel={`${t("recommendations.explain")}: ${name}`}
                >
                  {t("recommendations.explain")}
                </Button>
              </Stop>
            </BlockStack>
          </Wrap>
        </IndexTable.Cell>
      </IndexTable.Row>
    );
  });

  return (
    <>
      <IndexTable
        resourceName={{ singular: t("recommendations.resourceSingular"), plural: t("recommendations.resourcePlural") }}
        itemCount={rows.length}
        selectedItemsCount={props.allResourcesSelected ? "All" : props.selectedResources.length}
        onSelectionChange={props.onSelectionChange}
        loading={props.loading}
        promotedBulkActions={[
          { content: t("recommendations.approve"), onAction: props.onApprove, disabled: props.loading },
          { content: t("recommendations.reject"), onAction: props.onReject, disabled: props.loading },
        ]}
        headings={[
          { title: t("recommendations.col.item") },
          { title: t("recommendations.col.type") },
          { title: t("recommendations.col.now") },
          { title: t("recommendations.col.suggestion") },
          { title: t("recommendations.col.effect") },
          { title: t("recommendations.col.confidenceOrRisk") },
          { title: t("recommendations.col.why") },
        ]}
        emptyState={
          <Text as="p" alignment="center" tone="subdued">
            {t("recommendations.noResults")}
          </Text>
        }
      >
        {markup}
      </IndexTable>
      {/* The pager sits under the last row (IndexTable's own pager sticks to the viewport and covers a row). */}
      {props.page.next != null || props.page.previous != null ? (
        <Box padding="300" borderBlockStartWidth="025" borderColor="border">
          <InlineStack align="center">
            <Pagination
              hasNext={props.page.next != null}
              hasPrevious={props.page.previous != null}
              onNext={() => go("after", props.page.next)}
              onPrevious={() => go("before", props.page.previous)}
            />
          </InlineStack>
        </Box>
      ) : null}
    </>
  );
}

/** Words for a probability that a price change raises profit (calibrated in bench:pricing's reliability table). */
export function confidenceWords(p: number): MessageKey {
  if (p >= 0.9) return "recommendations.confidence.veryLikely";
  if (p >= 0.75) return "recommendations.confidence.likely";
  if (p >= 0.5) return "recommendations.confidence.uncertain";
  return "recommendations.confidence.unlikely";
}
