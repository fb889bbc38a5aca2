import { BlockStack, Box, Button, Card, InlineStack, List, Text } from "@shopify/polaris";
import { useI18n } from "~/i18n";
import { formatMoney, formatPercent } from "~/lib/format";
import type { VariantDetail } from "~/services/variant.server";

/** This variant's pending suggestions with their reasons, and the way back to the Recommendations page. */
export function PendingRecommendations({ recs, currency }: { recs: VariantDetail["recommendations"]; currency: string }) {
  const { t, locale } = useI18n();
  const money = (v: number, digits = 2) => formatMoney(v, currency, locale, digits);
  const headline = (r: VariantDetail["recommendations"][number]) => {
    if (r.kind === "reorder") return t("variant.recs.reorder", { quantity: r.proposedQuantity ?? 0 });
    if (r.proposedPrice == null) return t("variant.recs.priceWithheld");
    if (r.currentPrice != null && Math.abs(r.proposedPrice - r.currentPrice) < 0.005) return t("variant.recs.priceKeep", { price: money(r.currentPrice) });
    return t("variant.recs.price", { from: r.currentPrice == null ? "—" : money(r.currentPrice), to: money(r.proposedPrice) });
  };
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("variant.recs.title")}
          </Text>
          <Button url="/app/recommendations" variant="plain">
            {t("variant.recs.link")}
          </Button>
        </InlineStack>
        {recs.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("variant.recs.none")}
          </Text>
        ) : (
          recs.map((r) => (
            <Box key={r.id} paddingBlockEnd="200">
              <BlockStack gap="100">
                <Text as="h3" variant="headingSm">
                  {headline(r)}
                </Text>
                <Text as="p" tone="subdued">
                  {t(r.kind === "reorder" ? "variant.recs.reorderImpact" : "variant.recs.impact", {
                    amount: money(r.expectedProfitDelta, 0),
                    confidence: formatPercent(r.confidence, locale, 0),
                  })}
                </Text>
                {r.reasons.length ? (
                  <List>
                    {r.reasons.map((reason, i) => (
                      <List.Item key={`${reason.code}-${i}`}>{reason.text}</List.Item>
                    ))}
                  </List>
                ) : null}
              </BlockStack>
            </Box>
          ))
        )}
      </BlockStack>
    </Card>
  );
}
