import { BlockStack, Box, Button, Card, InlineStack, List, Text } from "@shopify/polaris";
import { useI18n } from "~/i18n";
import { formatMoney } from "~/lib/format";
import { formatters, headline, renderReason } from "~/i18n/reasons";
import type { VariantDetail } from "~/services/variant.server";

/** This variant's pending suggestions with their reasons, and the way back to the Recommendations page. */
export function PendingRecommendations({
  recs,
  currency,
}: {
  recs: VariantDetail["recommendations"];
  currency: string;
}) {
  const { t, locale } = useI18n();
  const speaker = { t, locale, currency };
  const money = (v: number, digits = 2) => formatMoney(v, currency, locale, digits);
  const moves = (r: VariantDetail["recommendations"][number]) =>
    r.proposedPrice != null && r.currentPrice != null && Math.abs(r.proposedPrice - r.currentPrice) >= 0.005;
  const title = (r: VariantDetail["recommendations"][number]) => {
    if (r.kind === "reorder") {
      const quantity = r.proposedQuantity ?? 0;
      return r.location
        ? t("variant.recs.reorderAt", { quantity, location: r.location })
        : t("variant.recs.reorder", { quantity });
    }
    if (r.proposedPrice == null) return t("variant.recs.priceWithheld");
    if (r.currentPrice != null && Math.abs(r.proposedPrice - r.currentPrice) < 0.005)
      return t("variant.recs.priceKeep", { price: money(r.currentPrice) });
    return t("variant.recs.price", {
      from: r.currentPrice == null ? "—" : money(r.currentPrice),
      to: money(r.proposedPrice),
    });
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
                  {title(r)}
                </Text>
                <Text as="p">
                  {headline(speaker, {
                    kind: r.kind === "reorder" ? "reorder" : "price",
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
                  })}
                </Text>
                {/* A kept or withheld price has no change to weigh. */}
                {r.kind === "reorder" || moves(r) ? (
                  <Text as="p" tone="subdued">
                    {t(r.kind === "reorder" ? "variant.recs.reorderImpact" : "variant.recs.impact", {
                      amount: formatters(speaker).amount(r.expectedProfitDelta),
                      confidence: formatters(speaker).chance(r.confidence),
                    })}
                  </Text>
                ) : null}
                {r.reasons.length ? (
                  <List>
                    {r.reasons.map((reason, i) => (
                      <List.Item key={`${reason.code}-${i}`}>{renderReason(speaker, reason)}</List.Item>
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
