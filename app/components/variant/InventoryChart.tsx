import type { ChartData, ChartDataset } from "chart.js";
import { Chart } from "react-chartjs-2";
import { useI18n } from "~/i18n";
import { formatShortDay } from "~/lib/format";
import type { VariantDetail } from "~/services/variant.server";
import { BASE_OPTIONS, COLORS } from "./charts";

/** Expected stock day by day, incoming units as bars, against the reorder point and the order-up-to level. */
export function InventoryChart({ inventory }: { inventory: NonNullable<VariantDetail["inventory"]> }) {
  const { t, locale } = useI18n();
  const days = inventory.projection.map((d) => formatShortDay(d.day, locale));
  const level = (
    label: string,
    value: number,
    color: string,
    dash: number[],
  ): ChartDataset<"bar" | "line", (number | null)[]> => ({
    type: "line",
    label,
    data: days.map(() => value),
    borderColor: color,
    borderWidth: 2,
    pointRadius: 0,
    borderDash: dash,
  });
  const datasets: ChartDataset<"bar" | "line", (number | null)[]>[] = [
    {
      type: "line",
      label: t("variant.inventory.stock"),
      data: inventory.projection.map((d) => Math.round(d.stock * 10) / 10),
      borderColor: COLORS.stock,
      borderWidth: 2,
      pointRadius: 0,
    },
    {
      type: "bar",
      label: t("variant.inventory.incoming"),
      data: inventory.projection.map((d) => (d.arrivals > 0 ? d.arrivals : null)),
      backgroundColor: COLORS.incoming,
    },
  ];
  if (inventory.reorderPoint != null)
    datasets.push(level(t("variant.inventory.reorderPoint"), inventory.reorderPoint, COLORS.reorder, [6, 4]));
  if (inventory.orderUpTo != null)
    datasets.push(level(t("variant.inventory.orderUpTo"), inventory.orderUpTo, COLORS.bound, [2, 3]));
  const data = { labels: days, datasets } as ChartData<"bar" | "line", (number | null)[], string>;
  return (
    <div style={{ height: 240 }} role="img" aria-label={t("variant.inventory.title")}>
      <Chart
        type="bar"
        data={data}
        options={{
          ...BASE_OPTIONS,
          scales: { x: { grid: { display: false }, ticks: { maxTicksLimit: 10 } }, y: { beginAtZero: true } },
        }}
      />
    </div>
  );
}
