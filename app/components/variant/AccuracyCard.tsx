import { BlockStack, Card, List, Text } from "@shopify/polaris";
import { useI18n } from "~/i18n";
import { formatNumber, formatPercent } from "~/lib/format";
import type { VariantDetail } from "~/services/variant.server";

/** The stored rolling-origin backtest of the chosen model, in words (metrics: app/core/forecast/metrics.ts). */
export function AccuracyCard({ accuracy }: { accuracy: VariantDetail["accuracy"] }) {
  const { t, locale } = useI18n();
  const lines: string[] = [];
  if (accuracy) {
    if (Number.isFinite(accuracy.mase))
      lines.push(
        t("variant.accuracy.mase", {
          verdict:
            accuracy.mase < 1
              ? t("variant.accuracy.better", { pct: formatPercent(1 - accuracy.mase, locale, 0) })
              : t("variant.accuracy.worse"),
        }),
      );
    if (Number.isFinite(accuracy.wape))
      lines.push(t("variant.accuracy.wape", { value: formatPercent(accuracy.wape, locale) }));
    if (Number.isFinite(accuracy.bias)) {
      const direction =
        Math.abs(accuracy.bias) < 0.05
          ? "variant.accuracy.biasNone"
          : accuracy.bias > 0
            ? "variant.accuracy.biasHigh"
            : "variant.accuracy.biasLow";
      lines.push(t("variant.accuracy.bias", { value: formatPercent(accuracy.bias, locale), direction: t(direction) }));
    }
    const sl = accuracy.serviceLevelMet;
    if (sl && sl.windows > 0) {
      lines.push(
        t("variant.accuracy.serviceLevel", {
          met: formatNumber(sl.met, locale),
          windows: formatNumber(sl.windows, locale),
          days: formatNumber(sl.days, locale),
          level: formatPercent(sl.level, locale, 0),
        }),
      );
    }
    for (const [level, share] of Object.entries(accuracy.coverage ?? {}).sort((a, b) => Number(a[0]) - Number(b[0]))) {
      if (Number.isFinite(share))
        lines.push(
          t("variant.accuracy.coverage", {
            share: formatPercent(share, locale, 0),
            level: formatPercent(Number(level), locale, 0),
          }),
        );
    }
  }
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("variant.accuracy.title")}
        </Text>
        {lines.length ? (
          <List>
            {lines.map((l) => (
              <List.Item key={l}>{l}</List.Item>
            ))}
          </List>
        ) : (
          <Text as="p" tone="subdued">
            {t("variant.accuracy.none")}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
