import { CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Tooltip } from "chart.js";
import { Line } from "react-chartjs-2";
import type { Locale } from "~/i18n";
import { formatNumber, formatShortDay } from "~/lib/format";

ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, Tooltip, Legend);

export interface ImpactChartData {
  days: string[];
  treated: number[];
  control: number[];
}

/** Trailing 7-day mean that restarts at the change, so the pre and post periods never mix. */
export function weekMean(xs: number[], changeIndex: number): number[] {
  return xs.map((_, i) => {
    const from = Math.max(i >= changeIndex && changeIndex >= 0 ? changeIndex : 0, i - 6);
    const slice = xs.slice(from, i + 1);
    return Math.round((slice.reduce((a, b) => a + b, 0) / slice.length) * 100) / 100;
  });
}

/** Units of the changed variant against its control group's mean (7-day means); a red grid line marks the change. */
export function ImpactChart({
  chart,
  changeDay,
  locale,
  labels,
}: {
  chart: ImpactChartData;
  changeDay: string;
  locale: Locale;
  labels: { treated: string; control: string; change: string; title: string };
}) {
  const changeIndex = chart.days.indexOf(changeDay);
  return (
    <div style={{ height: 260 }} role="img" aria-label={labels.title}>
      <Line
        data={{
          labels: chart.days.map((d) => formatShortDay(d, locale)),
          datasets: [
            {
              label: labels.treated,
              data: weekMean(chart.treated, changeIndex),
              borderColor: "#2c6ecb",
              backgroundColor: "#2c6ecb",
              pointRadius: 0,
              borderWidth: 2,
              cubicInterpolationMode: "monotone",
            },
            {
              label: labels.control,
              data: weekMean(chart.control, changeIndex),
              borderColor: "#8a8a8a",
              backgroundColor: "#8a8a8a",
              pointRadius: 0,
              borderWidth: 2,
              borderDash: [5, 4],
              cubicInterpolationMode: "monotone",
            },
          ],
        }}
        options={{
          maintainAspectRatio: false,
          animation: false,
          interaction: { mode: "index", intersect: false },
          plugins: {
            legend: { position: "bottom" },
            tooltip: {
              callbacks: { label: (ctx) => `${ctx.dataset.label}: ${formatNumber(Number(ctx.raw), locale)}` },
            },
          },
          scales: {
            x: {
              grid: {
                color: (ctx) => (ctx.index === changeIndex ? "#d82c0d" : "transparent"),
                lineWidth: (ctx) => (ctx.index === changeIndex ? 2 : 0),
              },
              ticks: {
                autoSkip: false,
                maxRotation: 0,
                callback: (_v, i) =>
                  i === changeIndex
                    ? labels.change
                    : (i - changeIndex) % 7 === 0 && Math.abs(i - changeIndex) > 3
                      ? formatShortDay(chart.days[i], locale)
                      : "",
              },
            },
            y: { beginAtZero: true, ticks: { callback: (v) => formatNumber(Number(v), locale) } },
          },
        }}
      />
    </div>
  );
}
