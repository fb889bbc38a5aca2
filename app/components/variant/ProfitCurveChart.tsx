import type { ChartData } from "chart.js";
import { Chart } from "react-chartjs-2";
import { useI18n } from "~/i18n";
import { formatMoney } from "~/lib/format";
import type { VariantDetail } from "~/services/variant.server";
import { BASE_OPTIONS, COLORS } from "./charts";

type Curve = NonNullable<VariantDetail["profit"]>;

/** Expected profit (net of stock costs) over prices, the guardrail range as dashed verticals, current and recommended marked. */
export function ProfitCurveChart({ curve, currency, days }: { curve: Curve; currency: string; days: number }) {
  const { t, locale } = useI18n();
  const money = (v: number, digits = 0) => formatMoney(v, currency, locale, digits);
  const ys = curve.points.map((p) => p.profit);
  const yMin = Math.min(0, ...ys);
  const yMax = Math.max(...ys);
  const vertical = (x: number) => [
    { x, y: yMin },
    { x, y: yMax },
  ];
  const boundLabel = t("variant.profit.bounds", {
    low: money(curve.range.low, 2),
    high: curve.range.high == null ? t("variant.profit.noUpper") : money(curve.range.high, 2),
  });
  const datasets = [
    {
      label: t("variant.profit.series", { days }),
      data: curve.points.map((p) => ({ x: p.price, y: p.profit })),
      showLine: true,
      borderColor: COLORS.sales,
      borderWidth: 2,
      pointRadius: 0,
    },
    {
      label: t("variant.profit.current", { price: money(curve.current.price, 2) }),
      data: [{ x: curve.current.price, y: curve.current.profit }],
      backgroundColor: COLORS.bound,
      pointRadius: 7,
    },
    ...(curve.recommended
      ? [
          {
            label: t("variant.profit.recommended", { price: money(curve.recommended.price, 2) }),
            data: [{ x: curve.recommended.price, y: curve.recommended.profit }],
            backgroundColor: COLORS.forecast,
            pointRadius: 8,
            pointStyle: "triangle",
          },
        ]
      : []),
    {
      label: boundLabel,
      data: vertical(curve.range.low),
      showLine: true,
      borderColor: COLORS.reorder,
      borderDash: [6, 4],
      pointRadius: 0,
    },
    ...(curve.range.high != null
      ? [
          {
            label: boundLabel,
            data: vertical(curve.range.high),
            showLine: true,
            borderColor: COLORS.reorder,
            borderDash: [6, 4],
            pointRadius: 0,
          },
        ]
      : []),
  ];
  const data = { datasets } as ChartData<"scatter", { x: number; y: number }[]>;
  return (
    <div style={{ height: 260 }} role="img" aria-label={t("variant.profit.title")}>
      <Chart
        type="scatter"
        data={data}
        options={{
          ...BASE_OPTIONS,
          plugins: {
            legend: {
              labels: { filter: (item, d) => d.datasets.findIndex((x) => x.label === item.text) === item.datasetIndex },
            },
            tooltip: {
              callbacks: { label: (ctx) => `${money(Number(ctx.parsed.x), 2)} → ${money(Number(ctx.parsed.y))}` },
            },
          },
          scales: {
            x: { type: "linear", ticks: { callback: (v) => money(Number(v), 2) } },
            y: { ticks: { callback: (v) => money(Number(v), yMax - yMin < 20 ? 2 : 0) } },
          },
        }}
      />
    </div>
  );
}
