// Why a suggestion: reasons, forecast, elasticity, guardrails and the expected outcome, loaded on open.
import { useEffect } from "react";
import { useFetcher } from "@remix-run/react";
import { BlockStack, Badge, DataTable, InlineStack, List, Modal, Spinner, Text } from "@shopify/polaris";
import { useI18n } from "~/i18n";
import { formatMoney, formatNumber, formatPercent } from "~/lib/format";
import type { RecommendationExplanation } from "~/services/recommendations.server";

const fixed = (v: number, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : "—");

export function ExplanationModal({ id, currency, onClose }: { id: string | null; currency: string; onClose: () => void }) {
  const { t, locale } = useI18n();
  const fetcher = useFetcher<RecommendationExplanation>();
  const { load } = fetcher;
  useEffect(() => {
    if (id) load(`/app/recommendations/${encodeURIComponent(id)}`);
  }, [id, load]);
  const e = fetcher.data && fetcher.data.id === id ? fetcher.data : null;
  const money = (v: number) => formatMoney(v, currency, locale, 2);

  return (
    <Modal
      open={id != null}
      onClose={onClose}
      title={e ? `${t("recommendations.panel.title")}: ${e.productTitle} · ${e.variantTitle}` : t("recommendations.panel.title")}
      secondaryActions={[{ content: t("recommendations.close"), onAction: onClose }]}
      primaryAction={e ? { content: t("recommendations.panel.openVariant"), url: `/app/variants/${e.variantId}` } : undefined}
    >
      <Modal.Section>
        {!e ? (
          <InlineStack gap="200" blockAlign="center">
            <Spinner size="small" />
            <Text as="span">{t("recommendations.panel.loading")}</Text>
          </InlineStack>
        ) : (
          <BlockStack gap="400">
            <BlockStack gap="100">
              <Text as="h3" variant="headingSm">
                {t("recommendations.panel.reasons")}
              </Text>
              <List>
                {e.reasons.map((r, i) => (
                  <List.Item key={`${r.code}-${i}`}>{r.text}</List.Item>
                ))}
              </List>
            </BlockStack>

            <BlockStack gap="100">
              <Text as="h3" variant="headingSm">
                {t("recommendations.panel.forecast")}
              </Text>
              {e.forecast ? (
                <>
                  <Text as="p">
                    {t("recommendations.panel.forecastLine", {
                      mean: fixed(e.forecast.meanPerDay),
                      days: e.forecast.days,
                      total: fixed(e.forecast.total, 1),
                      model: e.forecast.model,
                    })}
                  </Text>
                  {e.forecast.interval ? (
                    <Text as="p" tone="subdued">
                      {t("recommendations.panel.forecastInterval", {
                        low: fixed(e.forecast.interval.low),
                        high: fixed(e.forecast.interval.high),
                        level: e.forecast.interval.level,
                      })}
                    </Text>
                  ) : null}
                </>
              ) : (
                <Text as="p" tone="subdued">
                  {t("recommendations.panel.noForecast")}
                </Text>
              )}
            </BlockStack>

            <BlockStack gap="100">
              <Text as="h3" variant="headingSm">
                {t("recommendations.panel.elasticity")}
              </Text>
              <Text as="p">
                {e.elasticity
                  ? t("recommendations.panel.elasticityLine", {
                      estimate: fixed(e.elasticity.estimate),
                      low: fixed(e.elasticity.low),
                      high: fixed(e.elasticity.high),
                      source: e.elasticity.source,
                    })
                  : t("recommendations.panel.noElasticity")}
              </Text>
            </BlockStack>

            <BlockStack gap="100">
              <Text as="h3" variant="headingSm">
                {t("recommendations.panel.guardrails")}
              </Text>
              <InlineStack gap="200" wrap>
                {e.bounds.map((b, i) => (
                  <Badge key={`${b.code}-${i}`} tone={b.binding ? "attention" : undefined}>
                    {`${b.code}${b.side ? ` (${b.side})` : ""}: ${typeof b.value === "number" ? fixed(b.value) : (b.value ?? "—")}${b.binding ? ` · ${t("recommendations.panel.binding")}` : ""}`}
                  </Badge>
                ))}
              </InlineStack>
            </BlockStack>

            {e.expected ? (
              <BlockStack gap="100">
                <Text as="h3" variant="headingSm">
                  {t("recommendations.panel.expected")}
                </Text>
                <DataTable
                  columnContentTypes={["text", "numeric", "numeric"]}
                  headings={["", t("recommendations.panel.atCurrent"), t("recommendations.panel.atRecommended")]}
                  rows={[
                    [t("recommendations.panel.units"), fixed(e.expected.current.units, 1), fixed(e.expected.recommended.units, 1)],
                    [t("recommendations.panel.revenue"), money(e.expected.current.revenue), money(e.expected.recommended.revenue)],
                    [t("recommendations.panel.grossProfit"), money(e.expected.current.grossProfit), money(e.expected.recommended.grossProfit)],
                  ]}
                />
                <Text as="p">
                  {t("recommendations.panel.change", {
                    value: money(e.expected.change.grossProfit),
                    low: money(e.expected.change.low),
                    high: money(e.expected.change.high),
                  })}
                </Text>
              </BlockStack>
            ) : (
              <Text as="p">
                {`${t("recommendations.col.impact")}: ${money(e.expectedProfitDelta)} · ${t("recommendations.risk", { value: formatPercent(e.confidence, locale, 0) })}${
                  e.proposedQuantity != null ? ` · ${t("recommendations.units", { count: formatNumber(e.proposedQuantity, locale) })}` : ""
                }`}
              </Text>
            )}
          </BlockStack>
        )}
      </Modal.Section>
    </Modal>
  );
}
