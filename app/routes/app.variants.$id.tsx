// Variant detail: sales and forecast, projected stock, profit against price, forecast accuracy, pending suggestions.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { Banner, BlockStack, Card, EmptyState, Layout, List, Page, Text } from "@shopify/polaris";
import { boundary } from "@shopify/shopify-app-remix/server";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { shopContext } from "~/services/shop.server";
import { loadVariantPage } from "~/services/variant.server";
import { useI18n } from "~/i18n";
import { formatDay, formatMoney, formatNumber, formatPercent } from "~/lib/format";
import { variantLabel } from "~/lib/variant-label";
import { renderReason, sensitivityText } from "~/i18n/reasons";
import { AccuracyCard } from "~/components/variant/AccuracyCard";
import { BundlesCard } from "~/components/variant/BundlesCard";
import { InventoryChart } from "~/components/variant/InventoryChart";
import { PendingRecommendations } from "~/components/variant/PendingRecommendations";
import { ProfitCurveChart } from "~/components/variant/ProfitCurveChart";
import { SalesForecastChart } from "~/components/variant/SalesForecastChart";

const params = z.object({ id: z.string().min(1).max(64) });

export async function loader({ request, params: raw }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const parsed = params.safeParse(raw);
  if (!parsed.success) throw json({ code: "VARIANT.NOT_FOUND" }, { status: 404 });
  const shop = await shopContext(session.shop);
  const page = await loadVariantPage(shop, parsed.data.id);
  if (!page) throw json({ code: "VARIANT.NOT_FOUND" }, { status: 404 });
  return json(page);
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        {children}
      </BlockStack>
    </Card>
  );
}

export default function VariantPage() {
  const d = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const money = (v: number) => formatMoney(v, d.currency, locale, 2);
  const speaker = { t, locale, currency: d.currency };
  const v = d.variant;
  const title = variantLabel(v.productTitle, v.title);
  const note = (text: string) => (
    <Text as="p" tone="subdued">
      {text}
    </Text>
  );
  return (
    <Page
      title={title}
      subtitle={[v.sku, v.vendor].filter(Boolean).join(" · ")}
      backAction={{ content: t("variant.back"), url: "/app/recommendations" }}
      secondaryActions={[{ content: t("events.variant.plan"), url: `/app/events?variant=${encodeURIComponent(v.id)}` }]}
      titleMetadata={
        <Text as="span" tone="subdued">
          {t("variant.price", { price: money(v.price) })} ·{" "}
          {v.unitCost == null ? t("variant.costMissing") : t("variant.cost", { cost: money(v.unitCost) })} ·{" "}
          <span id="abc-class">
            {d.abc.class ? t("purchasing.variant.class", { class: d.abc.class }) : t("purchasing.variant.unclassified")}{" "}
            · {t("purchasing.variant.serviceLevel", { level: formatPercent(d.abc.serviceLevel, locale, 0) })}
          </span>
        </Text>
      }
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Section title={t("variant.sales.title")}>
              <SalesForecastChart history={d.history} forecast={d.forecast} />
              {note(d.forecast ? t("variant.sales.note") : t("variant.sales.noForecast"))}
            </Section>
            <Section title={t("variant.inventory.title")}>
              {d.inventory ? (
                <>
                  {d.inventory.oversold > 0 ? (
                    <Banner tone="warning">
                      <span data-testid="oversold">
                        {t("variant.inventory.oversold", { count: d.inventory.oversold })}
                      </span>
                    </Banner>
                  ) : null}
                  <InventoryChart inventory={d.inventory} />
                  {note(
                    t("variant.inventory.line", {
                      onHand: formatNumber(d.inventory.onHand, locale),
                      committed: formatNumber(d.inventory.committed, locale),
                      incoming: formatNumber(d.inventory.incoming, locale),
                    }),
                  )}
                  {note(t("variant.inventory.position", { position: formatNumber(d.inventory.position, locale) }))}
                  {d.inventory.restockDate
                    ? note(t("variant.inventory.restock", { date: formatDay(d.inventory.restockDate, locale) }))
                    : null}
                  {d.inventory.figures.length ? (
                    <BlockStack gap="100">
                      <Text as="p" fontWeight="semibold">
                        {t(
                          d.inventory.reorderPointSource === "recommendation"
                            ? "variant.inventory.fromRecommendation"
                            : "variant.inventory.estimate",
                        )}
                      </Text>
                      <List>
                        {d.inventory.figures.map((f, i) => (
                          <List.Item key={`${f.code}-${i}`}>{renderReason(speaker, f)}</List.Item>
                        ))}
                      </List>
                      {note(t("variant.inventory.review", { days: d.reviewPeriodDays }))}
                    </BlockStack>
                  ) : null}
                </>
              ) : (
                note(t("variant.inventory.none"))
              )}
            </Section>
            <Section title={t("variant.profit.title")}>
              {d.profit ? (
                <>
                  <ProfitCurveChart curve={d.profit} currency={d.currency} days={d.profit.windowDays} />
                  {note(t("variant.profit.note", { sensitivity: sensitivityText(speaker, d.profit.elasticity) }))}
                </>
              ) : d.profitWithheld.length ? (
                note(
                  t("variant.profit.withheld", {
                    reason: d.profitWithheld.map((code) => renderReason(speaker, { code })).join(" "),
                  }),
                )
              ) : (
                note(t("variant.profit.none"))
              )}
            </Section>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <PendingRecommendations recs={d.recommendations} currency={d.currency} />
            {d.bundles ? <BundlesCard bundles={d.bundles} /> : null}
            <AccuracyCard accuracy={d.accuracy} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useI18n();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <Page
        title={t("variant.notFound.title")}
        backAction={{ content: t("variant.back"), url: "/app/recommendations" }}
      >
        <Card>
          <EmptyState
            heading={t("variant.notFound.title")}
            image="/empty-state.svg"
            action={{ content: t("variant.back"), url: "/app/recommendations" }}
          >
            <p>{t("variant.notFound.body")}</p>
          </EmptyState>
        </Card>
      </Page>
    );
  }
  // Anything else (auth responses included) goes where the app layout sends it.
  return boundary.error(error);
}
