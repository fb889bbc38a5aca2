import type { ChartData, ChartDataset } from "chart.js";
import { Chart } from "react-chartjs-2";
import { useI18n } from "~/i18n";
import { addDays } from "~/core/days";
import { formatPercent, formatShortDay } from "~/lib/format";
import type { VariantDetail } from "~/services/variant.server";
import { BASE_OPTIONS, COLORS } from "./charts";

type Props = { history: VariantDetail["history"]; forecast: VariantDetail["forecast"] };

/** Daily units sold (bars), stockout days shaded, then the forecast mean and its quantile band. */
export function SalesForecastChart({ history, forecast }: Props) {
  const { t, locale } = useI18n();
  const h = history.length;
  const f = forecast?.mean.length ?? 0;
  const days = [...history.map((d) => d.day), ...Array.from({ length: f }, (_, i) => addDays(forecast!.start, i))];
  const pad = (xs: number[], before: number) => [...new Array<number | null>(before).fill(null), ...xs];
  const datasets: ChartDataset<"bar" | "line", (number | null)[]>[] = [
    {
      type: "bar",
      label: t("variant.sales.units"),
      data: history.map((d) => d.units),
      backgroundColor: COLORS.sales,
      order: 3,
    },
    {
      type: "bar",
      label: t("variant.sales.stockout"),
      data: history.map((d) => (d.available ? null : 1)),
      backgroundColor: COLORS.stockout,
      yAxisID: "shade",
      barPercentage: 1,
      categoryPercentage: 1,
      order: 4,
    },
  ];
  if (forecast) {
    if (forecast.band) {
      const label = t("variant.sales.band", {
        low: formatPercent(Number(forecast.band.lowLevel), locale, 0),
        high: formatPercent(Number(forecast.band.highLevel), locale, 0),
      });
      datasets.push(
        {
          type: "line",
          label,
          data: pad(forecast.band.low, h),
          borderWidth: 0,
          pointRadius: 0,
          backgroundColor: COLORS.band,
          fill: false,
          order: 2,
        },
        {
          type: "line",
          label,
          data: pad(forecast.band.high, h),
          borderWidth: 0,
          pointRadius: 0,
          backgroundColor: COLORS.band,
          fill: "-1",
          order: 2,
        },
      );
    }
    // With merchant events, the adjusted forecast is drawn over the statistical one (dashed).
    const adjusted = forecast.statisticalMean != null;
    datasets.push({
      type: "line",
      label: t(adjusted ? "events.chart.adjusted" : "variant.sales.forecast"),
      data: pad(forecast.mean, h),
      borderColor: COLORS.forecast,
      borderWidth: 2,
      pointRadius: 0,
      order: 1,
    });
    if (forecast.statisticalMean) {
      datasets.push({
        type: "line",
        label: t("events.chart.statistical"),
        data: pad(forecast.statisticalMean, h),
        borderColor: COLORS.statistical,
        borderDash: [6, 4],
        borderWidth: 2,
        pointRadius: 0,
        order: 1,
      });
    }
  }
  const data = { labels: days.map((d) => formatShortDay(d, locale)), datasets } as ChartData<
    "bar" | "line",
    (number | null)[],
    string
  >;
  return (
    <div style={{ height: 280 }} role="img" aria-label={t("variant.sales.title")}>
      <Chart
        type="bar"
        data={data}
        options={{
          ...BASE_OPTIONS,
          plugins: {
            legend: {
              labels: { filter: (item, d) => d.datasets.findIndex((x) => x.label === item.text) === item.datasetIndex },
            },
          },
          scales: {
            x: { stacked: true, grid: { display: false }, ticks: { maxTicksLimit: 12 } },
            y: { beginAtZero: true },
            shade: { display: false, min: 0, max: 1, stacked: false },
          },
        }}
      />
    </div>
  );
}
