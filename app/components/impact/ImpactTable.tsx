import { Badge, BlockStack, DataTable, Link, Text } from "@shopify/polaris";
import type { ImpactResult, MissingData } from "~/core/decisions/impact";
import { useI18n, type Translate } from "~/i18n";
import { formatDay, formatMoney, formatNumber } from "~/lib/format";

export interface ImpactTableRow {
  decisionId: string;
  title: string;
  automatic: boolean;
  decidedAt: string;
  priceBefore: number | null;
  priceAfter: number | null;
  expectedPerDay?: { units: number; revenue: number; grossProfit: number } | null;
  result: ImpactResult;
}

export function missingText(t: Translate, m: MissingData): string {
  const vars = { have: m.have, need: m.need };
  if (m.code === "IMPACT.DAYS_AFTER") return t("impact.missing.daysAfter", vars);
  if (m.code === "IMPACT.DAYS_BEFORE") return t("impact.missing.daysBefore", vars);
  return t("impact.missing.controls", vars);
}

/** One row per executed price decision: the measured change per day with its interval, or what is missing. */
export function ImpactTable({
  rows,
  currency,
  selectedId,
}: {
  rows: ImpactTableRow[];
  currency: string;
  selectedId: string | null;
}) {
  const { t, locale } = useI18n();
  const money = (v: number) => formatMoney(v, currency, locale, 2);
  const units = (v: number) => formatNumber(Math.round(v * 100) / 100, locale);
  const cell = (r: ImpactResult, metric: "units" | "revenue" | "grossProfit", fmt: (v: number) => string) => {
    if (r.status !== "MEASURED") return "—";
    const e = r.effect[metric];
    return (
      <BlockStack gap="0">
        <Text as="span" fontWeight="semibold">
          {(e.perDay > 0 ? "+" : "") + fmt(e.perDay)}
        </Text>
        <Text as="span" variant="bodySm" tone="subdued">
          {t("impact.interval", { low: fmt(e.low), high: fmt(e.high) })}
        </Text>
      </BlockStack>
    );
  };
  return (
    <DataTable
      columnContentTypes={["text", "text", "numeric", "numeric", "numeric", "numeric", "text"]}
      headings={[
        t("impact.table.variant"),
        t("impact.table.date"),
        t("impact.table.unitsDay"),
        t("impact.table.revenueDay"),
        t("impact.table.profitDay"),
        t("impact.table.expectedDay"),
        t("impact.table.status"),
      ]}
      rows={rows.map((row) => {
        const r = row.result;
        return [
          <BlockStack gap="100" key="v">
            {r.status === "MEASURED" && row.decisionId !== selectedId ? (
              <Link url={`/app/impact?decision=${encodeURIComponent(row.decisionId)}`} removeUnderline>
                {row.title}
              </Link>
            ) : (
              <Text as="span" fontWeight={row.decisionId === selectedId ? "bold" : "regular"}>
                {row.title}
              </Text>
            )}
            {row.priceBefore != null && row.priceAfter != null ? (
              <Text as="span" variant="bodySm" tone="subdued">
                {`${money(row.priceBefore)} → ${money(row.priceAfter)}`}
              </Text>
            ) : null}
            {row.automatic ? (
              <span>
                <Badge tone="info">{t("impact.automatic")}</Badge>
              </span>
            ) : null}
          </BlockStack>,
          formatDay(r.changeDay, locale),
          cell(r, "units", units),
          cell(r, "revenue", money),
          cell(r, "grossProfit", money),
          row.expectedPerDay
            ? (row.expectedPerDay.grossProfit > 0 ? "+" : "") + money(row.expectedPerDay.grossProfit)
            : "—",
          r.status === "MEASURED" ? (
            <Text as="span" variant="bodySm" key="s">
              {t("impact.status.measured", { days: r.postDays, controls: r.controlIds.length })}
            </Text>
          ) : (
            <BlockStack gap="100" key="s">
              <Badge>{t("impact.status.insufficient")}</Badge>
              {r.missing.map((m) => (
                <Text as="span" variant="bodySm" tone="subdued" key={m.code}>
                  {missingText(t, m)}
                </Text>
              ))}
            </BlockStack>
          ),
        ];
      })}
    />
  );
}
