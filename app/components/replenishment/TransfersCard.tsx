// Suggested transfers between locations (select, approve: drafts in Shopify) and the approved ones with their
// state in Shopify.
import { Badge, BlockStack, Button, Card, Checkbox, DataTable, InlineStack, Text } from "@shopify/polaris";
import { useI18n } from "~/i18n";
import { formatDay, formatNumber } from "~/lib/format";
import { variantLabel } from "~/lib/variant-label";
import type { TransferSuggestionView as TransferSuggestionRow } from "~/replenishment/views.server";
import type { TransferView as TransferRow } from "~/replenishment/transfers.server";

export function TransfersCard({
  suggestions,
  transfers,
  selected,
  busy,
  onToggle,
  onApprove,
}: {
  suggestions: TransferSuggestionRow[];
  transfers: TransferRow[];
  selected: Set<string>;
  busy: boolean;
  onToggle: (id: string, on: boolean) => void;
  onApprove: () => void;
}) {
  const { t, locale } = useI18n();
  if (suggestions.length === 0 && transfers.length === 0) return null;
  const chosen = suggestions.filter((s) => selected.has(s.recommendationId)).length;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              {t("purchasing.transfers.heading")}
            </Text>
            <Text as="p" tone="subdued">
              {suggestions.length ? t("purchasing.transfers.body") : t("purchasing.transfers.none")}
            </Text>
          </BlockStack>
          {suggestions.length ? (
            <Button id="approve-transfers" variant="primary" disabled={chosen === 0} loading={busy} onClick={onApprove}>
              {t("purchasing.transfers.approve", { count: chosen })}
            </Button>
          ) : null}
        </InlineStack>
        {suggestions.length ? (
          <DataTable
            columnContentTypes={["text", "text", "text", "numeric", "text"]}
            headings={[
              "",
              t("replenishment.col.product"),
              t("purchasing.transfers.route"),
              t("purchasing.transfers.units"),
              t("replenishment.col.stockout"),
            ]}
            rows={suggestions.map((s) => [
              <Checkbox
                key="c"
                id={`transfer-${s.recommendationId}`}
                label={t("purchasing.transfers.select", { item: variantLabel(s.product, s.variant, " · ") })}
                labelHidden
                checked={selected.has(s.recommendationId)}
                onChange={(on) => onToggle(s.recommendationId, on)}
              />,
              `${variantLabel(s.product, s.variant, " · ")}${s.sku ? ` (${s.sku})` : ""}`,
              t("purchasing.transfers.fromTo", { from: s.from, to: s.to }),
              formatNumber(s.units, locale),
              s.stockoutDate
                ? t("purchasing.transfers.stockout", { location: s.to, date: formatDay(s.stockoutDate, locale) })
                : "—",
            ])}
            increasedTableDensity
          />
        ) : null}
        {transfers.length ? (
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              {t("purchasing.transfers.recent")}
            </Text>
            {transfers.map((x) => (
              <InlineStack key={x.id} align="space-between" gap="200">
                <Text as="span">
                  {variantLabel(x.product, x.variant, " · ")}:{" "}
                  {t("purchasing.transfers.line", { units: formatNumber(x.quantity, locale), from: x.from, to: x.to })}
                </Text>
                <Badge tone={x.status === "created" ? "success" : x.status === "failed" ? "critical" : "info"}>
                  {x.status === "created"
                    ? t("purchasing.transfers.status.created", { name: x.shopifyName ?? "" })
                    : x.status === "failed"
                      ? t("purchasing.transfers.status.failed", { reason: x.error ?? "" })
                      : t("purchasing.transfers.status.pending")}
                </Badge>
              </InlineStack>
            ))}
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
