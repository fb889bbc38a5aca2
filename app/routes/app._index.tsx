import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Card, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { authenticate } from "~/shopify.server";
import { shopContext } from "~/services/shop.server";
import { loadDashboard } from "~/services/dashboard.server";
import { useI18n } from "~/i18n";
import { formatDay, formatMoney, formatNumber, formatPercent } from "~/lib/format";
import { EmptyPage } from "~/components/EmptyPage";
import { SalesChart } from "~/components/SalesChart";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await shopContext(session.shop);
  return json(await loadDashboard(shop));
}

function Metric({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="heading2xl">
          {value}
        </Text>
        {note ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {note}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}

export default function Dashboard() {
  const d = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  if (!d.hasData) return <EmptyPage section="dashboard" />;
  const money = (v: number) => formatMoney(v, d.currency, locale);
  return (
    <Page title={t("dashboard.title")} subtitle={t("dashboard.subtitle", { date: formatDay(d.asOf, locale) })}>
      <Layout>
        <Layout.Section variant="fullWidth">
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
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("dashboard.salesChart")}
              </Text>
              <SalesChart daily={d.daily} currency={d.currency} locale={locale} label={t("dashboard.salesChart")} />
            </BlockStack>
          </Card>
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
            {d.missingCosts > 0 ? <Banner tone="warning">{t("dashboard.missingCosts", { count: d.missingCosts })}</Banner> : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
