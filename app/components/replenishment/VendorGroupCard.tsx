// One vendor's pending reorder suggestions: totals, lead time, earliest stockout, selectable lines.
import { memo } from "react";
import { Badge, BlockStack, Card, Checkbox, DataTable, InlineStack, Link, Text, TextField } from "@shopify/polaris";
import { variantLabel } from "~/lib/variant-label";
import { useI18n } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import { formatDay, formatMoney, formatNumber, formatPercent } from "~/lib/format";

export interface VendorGroupView {
  vendor: string;
  leadTimeDays: number;
  units: number;
  value: number;
  missingCosts: number;
  earliestStockout: string | null;
  lines: {
    recommendationId: string;
    variantId: string;
    sku: string | null;
    product: string;
    variant: string;
    quantity: number;
    position: number | null;
    unitCost: number | null;
    value: number | null;
    stockoutDate: string | null;
    location?: string | null;
    demandShare?: { value: number; source: string } | null;
    abcClass?: string | null;
  }[];
}

/** Re-renders only when something of its own lines changed: selecting one line of a 600-line page repaints one
 *  card, not every card (the page's interaction delay, bench:vitals). */
export const VendorGroupCard = memo(VendorGroupCardView, (a, b) => {
  if (
    a.group !== b.group ||
    a.currency !== b.currency ||
    a.onToggle !== b.onToggle ||
    a.onToggleAll !== b.onToggleAll ||
    a.onQuantity !== b.onQuantity
  )
    return false;
  return a.group.lines.every(
    (l) =>
      a.selected.has(l.recommendationId) === b.selected.has(l.recommendationId) &&
      a.quantities[l.recommendationId] === b.quantities[l.recommendationId] &&
      a.errors[l.recommendationId] === b.errors[l.recommendationId],
  );
});

function VendorGroupCardView({
  group,
  currency,
  selected,
  quantities,
  errors,
  onToggle,
  onToggleAll,
  onQuantity,
}: {
  group: VendorGroupView;
  currency: string;
  selected: Set<string>;
  /** Edited order quantities (text as typed), by recommendation id. */
  quantities: Record<string, string>;
  errors: Record<string, string>;
  onToggle: (id: string, on: boolean) => void;
  onToggleAll: (ids: string[], on: boolean) => void;
  onQuantity: (id: string, value: string) => void;
}) {
  const { t, locale } = useI18n();
  const money = (v: number) => formatMoney(v, currency, locale, 2);
  const name = group.vendor || t("replenishment.vendor.noVendor");
  const ids = group.lines.map((l) => l.recommendationId);
  const quantityOf = (l: { recommendationId: string; quantity: number }) => {
    const edited = Number(quantities[l.recommendationId]);
    return quantities[l.recommendationId] !== undefined && Number.isFinite(edited) ? edited : l.quantity;
  };
  // Plans per location: the location column appears when a line is for one location.
  const located = group.lines.some((l) => l.location);
  const all = ids.every((id) => selected.has(id));
  const some = ids.some((id) => selected.has(id));
  const rows = group.lines.map((l) => [
    <Checkbox
      key="c"
      label={variantLabel(l.product, l.variant, " · ")}
      labelHidden
      checked={selected.has(l.recommendationId)}
      onChange={(on) => onToggle(l.recommendationId, on)}
      id={`select-${l.recommendationId}`}
    />,
    <Link key="p" url={`/app/variants/${l.variantId}`} removeUnderline monochrome>
      {variantLabel(l.product, l.variant, " · ")}
    </Link>,
    ...(located
      ? [
          <span
            key="l"
            title={
              l.demandShare
                ? t(`purchasing.share.${l.demandShare.source}` as MessageKey, {
                    share: formatPercent(l.demandShare.value, locale, 0),
                  })
                : undefined
            }
          >
            {l.location ?? "—"}
          </span>,
        ]
      : []),
    l.sku ?? "—",
    l.abcClass ? (
      <Badge key="abc" tone={l.abcClass === "A" ? "success" : l.abcClass === "B" ? "info" : undefined}>
        {l.abcClass}
      </Badge>
    ) : (
      <span key="abc" title={t("purchasing.class.none")}>
        —
      </span>
    ),
    l.position === null ? "—" : formatNumber(l.position, locale),
    <div key="q" style={{ width: 96, marginLeft: "auto" }}>
      <TextField
        id={`quantity-${l.recommendationId}`}
        label={`${t("replenishment.col.quantity")} · ${variantLabel(l.product, l.variant, " · ")}`}
        labelHidden
        type="number"
        min={1}
        autoComplete="off"
        value={quantities[l.recommendationId] ?? String(l.quantity)}
        onChange={(v) => onQuantity(l.recommendationId, v)}
        error={errors[l.recommendationId]}
      />
    </div>,
    l.unitCost === null ? "—" : money(l.unitCost),
    l.unitCost === null ? "—" : money(l.unitCost * quantityOf(l)),
    l.stockoutDate ? formatDay(l.stockoutDate, locale) : "—",
  ]);
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <InlineStack gap="300" blockAlign="center">
            <Checkbox
              label={t("replenishment.vendor.selectAll", { vendor: name })}
              labelHidden
              checked={all ? true : some ? "indeterminate" : false}
              onChange={(on) => onToggleAll(ids, on)}
            />
            <Text as="h3" variant="headingMd">
              {name}
            </Text>
          </InlineStack>
          <InlineStack gap="200">
            <Badge>{t("replenishment.vendor.lines", { count: group.lines.length })}</Badge>
            <Badge>{t("replenishment.vendor.units", { count: group.units })}</Badge>
            <Badge tone="info">{t("replenishment.vendor.value", { value: money(group.value) })}</Badge>
            <Badge>{t("replenishment.vendor.leadTime", { days: group.leadTimeDays })}</Badge>
            <Badge tone={group.earliestStockout ? "critical" : "success"}>
              {group.earliestStockout
                ? t("replenishment.vendor.stockout", { date: formatDay(group.earliestStockout, locale) })
                : t("replenishment.vendor.noStockout")}
            </Badge>
            {group.missingCosts > 0 ? (
              <Badge tone="warning">{t("replenishment.vendor.missingCosts", { count: group.missingCosts })}</Badge>
            ) : null}
          </InlineStack>
        </InlineStack>
        <DataTable
          columnContentTypes={[
            "text",
            "text",
            ...(located ? (["text"] as const) : []),
            "text",
            "text",
            "numeric",
            "numeric",
            "numeric",
            "numeric",
            "text",
          ]}
          headings={[
            t("replenishment.col.select"),
            t("replenishment.col.product"),
            ...(located ? [t("purchasing.col.location")] : []),
            t("replenishment.col.sku"),
            t("purchasing.col.class"),
            t("replenishment.col.position"),
            t("replenishment.col.quantity"),
            t("replenishment.col.unitCost"),
            t("replenishment.col.value"),
            t("replenishment.col.stockout"),
          ]}
          rows={rows}
          increasedTableDensity
        />
      </BlockStack>
    </Card>
  );
}
