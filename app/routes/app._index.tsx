import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Card, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { authenticate } from "~/shopify.server";
import { shopContext } from "~/services/shop.server";
import { loadDashboard, type DashboardData } from "~/services/dashboard.server";
import { useI18n } from "~/i18n";
import { formatDay, formatMoney, formatNumber, formatPercent } from "~/lib/format";
import { EmptyPage } from "~/components/EmptyPage";
import { SalesChart } from "~/components/SalesChart";
import { CoverChart } from "~/components/dashboard/CoverChart";
import { Metric } from "~/components/dashboard/Metric";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await shopContext(session.shop);
  return json(await loadDashboard(shop));
}

function ImpactMetric({ impact, money }: { impact: DashboardData["impact"]; money: (v: number) => string }) {
  const { t } = useI18n();
  const link = { url: "/app/impact", label: t("dashboard.impactLink") };
  if (!impact)
    return <Metric label={t("dashboard.impact")} value="—" note={t("dashboard.impactUnavailable")} link={link} />;
  if (impact.measured === 0) {
    const note =
      impact.decisions === 0 ? t("dashboard.impactNone") : t("dashboard.impactWaiting", { count: impact.decisions });
    return <Metric label={t("dashboard.impact")} value="—" note={note} link={link} />;
  }
  return (
    <Metric
      label={t("dashboard.impact")}
      value={money(impact.measuredGrossProfit)}
      note={t("dashboard.impactNote", {
        measured: impact.measured,
        count: impact.decisions,
        expected: money(impact.expectedGrossProfit),
      })}
      link={link}
    />
  );
}

export default function Dashboard() {
  const d = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  if (!d.hasData) return <EmptyPage section="dashboard" />;
  const money = (v: number) => formatMoney(v, d.currency, locale);
  const pendingCount = d.pending.price.count + d.pending.reorder.count;
  return (
    <Page title={t("dashboard.title")} subtitle={t("dashboard.subtitle", { date: formatDay(d.asOf, locale) })}>
      <Layout>
        <Layout.Section variant="fullWidth">
          <BlockStack gap="400">
            <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
              <Metric label={t("dashboard.revenue")} value={money(d.revenue)} />
              <Metric
                label={t("dashboard.grossMargin")}
                value={d.grossMargin == null ? "—" : money(d.grossMargin)}
                note={
                  d.grossMarginRate == null
                    ? t("dashboard.grossMarginUnknown")
                    : `${formatPercent(d.grossMarginRate, locale)}${d.costCoverage < 0.999 ? ` · ${t("dashboard.grossMarginUnknown")} (${formatPercent(1 - d.costCoverage, locale)})` : ""}`
                }
              />
              <Metric label={t("dashboard.units")} value={formatNumber(d.units, locale)} />
              <Metric label={t("dashboard.orders")} value={formatNumber(d.orders, locale)} />
            </InlineGrid>
            <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
              <Metric
                label={t("dashboard.stockRisk")}
                value={t("dashboard.stockRiskValue", { count: d.stockRisk.variants })}
                note={t("dashboard.stockRiskNote", { amount: money(d.stockRisk.marginAtRisk) })}
              />
              <Metric
                label={t("dashboard.overstock")}
                value={money(d.overstock.capital)}
                note={t("dashboard.overstockNote", { count: d.overstock.variants, days: d.overstock.targetCoverDays })}
              />
              <Metric
                label={t("dashboard.pending")}
                value={t("dashboard.pendingValue", { count: pendingCount })}
                note={`${t("dashboard.pendingPrice", { count: d.pending.price.count, amount: money(d.pending.price.profitDelta) })} · ${t("dashboard.pendingReorder", { count: d.pending.reorder.count, amount: money(d.pending.reorder.profitDelta) })}`}
                link={{ url: "/app/recommendations", label: t("dashboard.pendingLink") }}
              />
              <ImpactMetric impact={d.impact} money={money} />
            </InlineGrid>
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("dashboard.salesChart")}
                </Text>
                <SalesChart daily={d.daily} currency={d.currency} locale={locale} label={t("dashboard.salesChart")} />
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("dashboard.coverChart")}
                </Text>
                <CoverChart cover={d.cover} />
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("dashboard.catalogue")}
                </Text>
                <Text as="p">
                  {t("dashboard.catalogueLine", {
                    variants: d.catalogue.variants,
                    products: d.catalogue.products,
                    vendors: d.catalogue.vendors,
                    locations: d.catalogue.locations,
                  })}
                </Text>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("dashboard.stockouts")}
                </Text>
                <Text as="p">{t("dashboard.stockoutsLine", { count: d.outOfStock })}</Text>
              </BlockStack>
            </Card>
            {d.missingCosts > 0 ? (
              <Banner tone="warning">{t("dashboard.missingCosts", { count: d.missingCosts })}</Banner>
            ) : null}
            <Text as="p" variant="bodySm" tone="subdued">
              {t("dashboard.updated", { date: formatDay(d.computedAt.slice(0, 10), locale) })}
            </Text>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
