import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Card, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { shopContext } from "~/services/shop.server";
import { impactSummary } from "~/decisions/impact.server";
import { DEFAULT_IMPACT_OPTIONS } from "~/core/decisions/impact";
import { useI18n } from "~/i18n";
import { formatDay, formatMoney, formatNumber, formatPercent } from "~/lib/format";
import { EmptyPage } from "~/components/EmptyPage";
import { ImpactChart } from "~/components/impact/ImpactChart";
import { ImpactTable, type ImpactTableRow } from "~/components/impact/ImpactTable";

const Query = z.object({
  decision: z
    .string()
    .regex(/^[\w-]{1,64}$/)
    .nullable(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const query = Query.safeParse({ decision: new URL(request.url).searchParams.get("decision") });
  if (!query.success) throw new Response("Invalid decision id", { status: 400 });
  const shop = await shopContext(session.shop);
  const summary = await impactSummary(shop);
  const wanted = query.data.decision;
  const selected = wanted
    ? summary.decisions.find((d) => d.decisionId === wanted)
    : summary.decisions.find((d) => d.result.status === "MEASURED");
  if (wanted && !selected) throw new Response("Decision not found", { status: 404 });
  // Only the selected decision's chart travels to the page.
  const chart =
    selected?.result.status === "MEASURED"
      ? { ...selected.result.chart, changeDay: selected.result.changeDay, title: selected.title }
      : null;
  const decisions = summary.decisions.map((d) => ({
    ...d,
    result: d.result.status === "MEASURED" ? { ...d.result, chart: { days: [], treated: [], control: [] } } : d.result,
  }));
  return json({ ...summary, decisions, chart, selectedId: chart ? selected!.decisionId : null });
}

export default function ImpactPage() {
  const d = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  if (d.decisions.length === 0) return <EmptyPage section="impact" />;
  const signed = (s: string, v: number) => (v > 0 ? `+${s}` : s);
  // What the changes still waiting for data are expected to bring per day.
  const waiting = (m: "units" | "revenue" | "grossProfit") =>
    d.decisions.filter((x) => x.result.status !== "MEASURED").reduce((a, x) => a + (x.expectedPerDay?.[m] ?? 0), 0);
  const cards = [
    {
      label: t("impact.units"),
      measured: d.totals.measuredTotal.units,
      expected: d.totals.expectedTotal.units,
      waiting: waiting("units"),
      fmt: (v: number) => formatNumber(Math.round(v * 10) / 10, locale),
    },
    {
      label: t("impact.revenue"),
      measured: d.totals.measuredTotal.revenue,
      expected: d.totals.expectedTotal.revenue,
      waiting: waiting("revenue"),
      fmt: (v: number) => formatMoney(v, d.currency, locale, Math.abs(v) >= 100 ? 0 : 2),
    },
    {
      label: t("impact.grossProfit"),
      measured: d.totals.measuredTotal.grossProfit,
      expected: d.totals.expectedTotal.grossProfit,
      waiting: waiting("grossProfit"),
      fmt: (v: number) => formatMoney(v, d.currency, locale, Math.abs(v) >= 100 ? 0 : 2),
    },
  ];
  return (
    <Page
      title={t("impact.title")}
      subtitle={
        d.asOf
          ? t("impact.subtitle", { date: formatDay(d.asOf, locale), level: formatPercent(d.level, locale, 0) })
          : undefined
      }
    >
      <Layout>
        {d.totals.measured === 0 ? (
          <Layout.Section variant="fullWidth">
            <Banner tone="info" title={t("impact.notEnough.heading")}>
              <p>
                {t("impact.notEnough.body", {
                  days: DEFAULT_IMPACT_OPTIONS.minPostDays,
                  controls: DEFAULT_IMPACT_OPTIONS.minControls,
                })}
              </p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section variant="fullWidth">
          <InlineGrid columns={{ xs: 1, sm: 3 }} gap="400">
            {cards.map((c) => (
              <Card key={c.label}>
                <BlockStack gap="100">
                  <Text as="h3" variant="headingSm" tone="subdued">
                    {c.label} · {t("impact.measured")}
                  </Text>
                  <Text as="p" variant="heading2xl">
                    {d.totals.measured > 0 ? signed(c.fmt(c.measured), c.measured) : "—"}
                  </Text>
                  <Text as="p" variant="bodySm" tone="subdued">
                    {d.totals.measured > 0
                      ? t("impact.expected", { value: signed(c.fmt(c.expected), c.expected) })
                      : t("impact.notEnough.heading")}
                  </Text>
                  {d.totals.insufficient > 0 ? (
                    <Text as="p" variant="bodySm" tone="subdued">
                      {t("impact.expectedWaiting", {
                        value: signed(c.fmt(c.waiting), c.waiting),
                        count: d.totals.insufficient,
                      })}
                    </Text>
                  ) : null}
                  {d.totals.measured > 0 ? (
                    <Text as="p" variant="bodySm" tone="subdued">
                      {t("impact.measuredOver")}
                    </Text>
                  ) : null}
                </BlockStack>
              </Card>
            ))}
          </InlineGrid>
        </Layout.Section>
        <Layout.Section variant="fullWidth">
          <Text as="p" tone="subdued">
            {t("impact.counts", {
              measured: d.totals.measured,
              total: d.totals.decisions,
              waiting: d.totals.insufficient,
            })}
          </Text>
        </Layout.Section>
        <Layout.Section variant="fullWidth">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {d.chart ? t("impact.chart.title", { title: d.chart.title }) : t("impact.notEnough.heading")}
              </Text>
              {d.chart ? (
                <ImpactChart
                  chart={d.chart}
                  changeDay={d.chart.changeDay}
                  locale={locale}
                  labels={{
                    treated: t("impact.chart.treated"),
                    control: t("impact.chart.control"),
                    change: t("impact.chart.change", { date: formatDay(d.chart.changeDay, locale) }),
                    title: t("impact.chart.title", { title: d.chart.title }),
                  }}
                />
              ) : (
                <Text as="p" tone="subdued">
                  {t("impact.chart.none")}
                </Text>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section variant="fullWidth">
          <Card padding="0">
            <BlockStack gap="0">
              <div style={{ padding: "var(--p-space-400)" }}>
                <Text as="h2" variant="headingMd">
                  {t("impact.table.title")}
                </Text>
              </div>
              <ImpactTable rows={d.decisions as ImpactTableRow[]} currency={d.currency} selectedId={d.selectedId} />
              <div style={{ padding: "var(--p-space-400)" }}>
                <Text as="p" variant="bodySm" tone="subdued">
                  {t("impact.method")}
                </Text>
              </div>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
