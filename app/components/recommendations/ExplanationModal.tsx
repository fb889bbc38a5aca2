// Why a suggestion, loaded on open: one plain sentence, what to expect and the reasons in the merchant's words;
// the forecast, the price elasticity, the limits and the plan's figures behind "How this was computed".
import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Button,
  Collapsible,
  DataTable,
  InlineStack,
  List,
  Modal,
  Spinner,
  Text,
} from "@shopify/polaris";
import { useI18n, type Translate } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import { formatters, headline, renderBound, renderReason } from "~/i18n/reasons";
import type { RecommendationExplanation } from "~/services/recommendations.server";
import { confidenceWords, rowName } from "./RecommendationsTable";

/** A forecast model id ("combo(adida,ets-yearly)") in words. */
export function modelWords(t: Translate, model: string): string {
  const one = (m: string) => {
    const key = `recommendations.model.${m.trim()}`;
    return key in KNOWN ? t(key as MessageKey) : m.trim();
  };
  const combo = /^combo\((.*)\)$/.exec(model);
  if (!combo) return one(model);
  return t("recommendations.model.combo", { models: combo[1].split(",").map(one).join(" + ") });
}
const KNOWN = Object.fromEntries(
  ["ets", "ets-yearly", "croston", "sba", "tsb", "adida", "snaive", "censored-mean", "pooled"].map((m) => [
    `recommendations.model.${m}`,
    true,
  ]),
);

export function ExplanationModal({
  id,
  currency,
  onClose,
}: {
  id: string | null;
  currency: string;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const fetcher = useFetcher<RecommendationExplanation>();
  const [how, setHow] = useState(false);
  const { load } = fetcher;
  useEffect(() => {
    if (id) load(`/app/recommendations/${encodeURIComponent(id)}`);
    setHow(false);
  }, [id, load]);
  const e = fetcher.data && fetcher.data.id === id ? (fetcher.data as unknown as RecommendationExplanation) : null;
  const speaker = { t, locale, currency };
  const f = formatters(speaker);
  const signed = (v: number) => (v > 0 ? `+${f.amount(v)}` : f.amount(v));

  const section = (title: string, body: React.ReactNode) => (
    <BlockStack gap="100">
      <Text as="h3" variant="headingSm">
        {title}
      </Text>
      {body}
    </BlockStack>
  );

  return (
    <Modal
      open={id != null}
      onClose={onClose}
      title={e ? t("recommendations.panel.titleFor", { name: rowName(e) }) : t("recommendations.panel.title")}
      secondaryActions={[{ content: t("recommendations.close"), onAction: onClose }]}
      primaryAction={
        e ? { content: t("recommendations.panel.openVariant"), url: `/app/variants/${e.variantId}` } : undefined
      }
    >
      <Modal.Section>
        {!e ? (
          <InlineStack gap="200" blockAlign="center">
            <Spinner size="small" />
            <Text as="span">{t("recommendations.panel.loading")}</Text>
          </InlineStack>
        ) : (
          <BlockStack gap="400">
            <Text as="p" variant="bodyLg" fontWeight="semibold">
              {headline(speaker, {
                kind: e.kind,
                action: e.summary.action,
                currentPrice: e.currentPrice,
                proposedPrice: e.proposedPrice,
                expectedProfitDelta: e.expectedProfitDelta,
                windowDays: e.summary.windowDays,
                elasticity: e.summary.elasticity,
                reasons: e.summary.reasons,
                quantity: e.proposedQuantity,
                orderCost: e.summary.orderCost,
                stockoutDate: e.summary.stockoutDate,
                protectionDays: e.summary.protectionDays,
              })}
            </Text>

            {e.expected ? (
              section(
                t("recommendations.panel.expected", { days: e.expected.windowDays }),
                <>
                  <DataTable
                    columnContentTypes={["text", "numeric", "numeric"]}
                    headings={["", t("recommendations.panel.atCurrent"), t("recommendations.panel.atRecommended")]}
                    rows={[
                      [
                        t("recommendations.panel.units"),
                        f.number(e.expected.current.units, 1),
                        f.number(e.expected.recommended.units, 1),
                      ],
                      [
                        t("recommendations.panel.revenue"),
                        f.amount(e.expected.current.revenue),
                        f.amount(e.expected.recommended.revenue),
                      ],
                      [
                        t("recommendations.panel.grossProfit"),
                        f.amount(e.expected.current.grossProfit),
                        f.amount(e.expected.recommended.grossProfit),
                      ],
                      ...(e.expected.current.profit != null && e.expected.recommended.profit != null
                        ? [
                            [
                              t("recommendations.panel.profit"),
                              f.amount(e.expected.current.profit),
                              f.amount(e.expected.recommended.profit),
                            ],
                          ]
                        : []),
                    ]}
                  />
                  <Text as="p">
                    {t("recommendations.panel.change", {
                      value: signed(e.expected.change.profit ?? e.expectedProfitDelta),
                      low: signed(e.expected.change.low),
                      high: signed(e.expected.change.high),
                    })}
                  </Text>
                  <Text as="p" tone="subdued">
                    {t("recommendations.panel.confidence", {
                      value: f.chance(e.confidence),
                      words: t(confidenceWords(e.confidence)),
                    })}
                  </Text>
                </>,
              )
            ) : e.kind === "reorder" ? (
              <BlockStack gap="100">
                <Text as="p">{t("recommendations.panel.order", { quantity: e.proposedQuantity ?? 0 })}</Text>
                {e.summary.orderCost != null ? (
                  <Text as="p">{t("recommendations.panel.orderCost", { amount: f.amount(e.summary.orderCost) })}</Text>
                ) : null}
                <Text as="p" tone="subdued">
                  {t("recommendations.risk", { value: f.chance(e.confidence) })}
                </Text>
              </BlockStack>
            ) : null}

            {e.reasons.length
              ? section(
                  t("recommendations.panel.reasons"),
                  <List>
                    {e.reasons.map((r, i) => (
                      <List.Item key={`${r.code}-${i}`}>{renderReason(speaker, r)}</List.Item>
                    ))}
                  </List>,
                )
              : null}

            <BlockStack gap="200">
              <InlineStack>
                <Button
                  variant="plain"
                  disclosure={how ? "up" : "down"}
                  onClick={() => setHow((x) => !x)}
                  ariaExpanded={how}
                  ariaControls="how-computed"
                >
                  {t("recommendations.panel.how")}
                </Button>
              </InlineStack>
              <Collapsible id="how-computed" open={how} transition={false}>
                <BlockStack gap="300">
                  {section(
                    t("recommendations.panel.forecast"),
                    e.forecast ? (
                      <BlockStack gap="100">
                        <Text as="p">
                          {t("recommendations.panel.forecastLine", {
                            mean: f.number(e.forecast.meanPerDay, 2),
                            days: e.forecast.days,
                            total: f.number(e.forecast.total, 0),
                            model: modelWords(t, e.forecast.model),
                          })}
                        </Text>
                        {e.forecast.interval ? (
                          <Text as="p" tone="subdued">
                            {t("recommendations.panel.forecastInterval", {
                              low: f.number(e.forecast.interval.low, 1),
                              high: f.number(e.forecast.interval.high, 1),
                              lowLevel: f.share(e.forecast.interval.lowLevel),
                              highLevel: f.share(e.forecast.interval.highLevel),
                            })}
                          </Text>
                        ) : null}
                        {e.forecast.accuracy?.mase != null ? (
                          <Text as="p" tone="subdued">
                            {e.forecast.accuracy.mase < 1
                              ? t("recommendations.panel.accuracyBetter", {
                                  pct: f.share(1 - e.forecast.accuracy.mase),
                                })
                              : t("recommendations.panel.accuracyWorse")}
                          </Text>
                        ) : null}
                        {e.forecast.accuracy?.wape != null ? (
                          <Text as="p" tone="subdued">
                            {t("recommendations.panel.wape", { pct: f.share(e.forecast.accuracy.wape) })}
                          </Text>
                        ) : null}
                      </BlockStack>
                    ) : (
                      <Text as="p" tone="subdued">
                        {t("recommendations.panel.noForecast")}
                      </Text>
                    ),
                  )}
                  {e.elasticity
                    ? section(
                        t("recommendations.panel.elasticity"),
                        <Text as="p">
                          {t("recommendations.panel.elasticityLine", {
                            estimate: f.number(e.elasticity.estimate, 2),
                            low: f.number(e.elasticity.low, 2),
                            high: f.number(e.elasticity.high, 2),
                            pct: f.change(e.elasticity.estimate / 100),
                            source: t(`reasons.source.${e.elasticity.source}` as MessageKey),
                          })}
                        </Text>,
                      )
                    : null}
                  {e.bounds.length
                    ? section(
                        t("recommendations.panel.guardrails"),
                        <InlineStack gap="200" wrap>
                          {e.bounds.map((b, i) => (
                            <Badge key={`${b.code}-${i}`} tone={b.binding ? "attention" : undefined}>
                              {renderBound(speaker, b)}
                            </Badge>
                          ))}
                        </InlineStack>,
                      )
                    : null}
                  {e.terms
                    ? section(
                        t("recommendations.panel.terms"),
                        <List>
                          {e.terms.leadTimeDays != null ? (
                            <List.Item>
                              {t("reasons.reorder.leadTime", {
                                days: e.terms.leadTimeDays,
                                sd: f.number(e.terms.leadTimeSdDays ?? 0, 1),
                              })}
                            </List.Item>
                          ) : null}
                          {e.terms.moq != null ? (
                            <List.Item>{t("reasons.reorder.moq", { value: f.units(e.terms.moq) })}</List.Item>
                          ) : null}
                          {e.terms.casePack != null ? (
                            <List.Item>{t("reasons.reorder.casePack", { value: f.units(e.terms.casePack) })}</List.Item>
                          ) : null}
                          {e.terms.serviceLevel != null ? (
                            <List.Item>
                              {t("reasons.reorder.serviceLevel", { value: f.share(e.terms.serviceLevel) })}
                            </List.Item>
                          ) : null}
                        </List>,
                      )
                    : null}
                  {e.figures.length
                    ? section(
                        t("recommendations.panel.plan"),
                        <List>
                          {e.figures.map((r, i) => (
                            <List.Item key={`${r.code}-${i}`}>{renderReason(speaker, r)}</List.Item>
                          ))}
                        </List>,
                      )
                    : null}
                </BlockStack>
              </Collapsible>
            </BlockStack>
          </BlockStack>
        )}
      </Modal.Section>
    </Modal>
  );
}
