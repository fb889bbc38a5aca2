import { BarElement, CategoryScale, Chart as ChartJS, LinearScale, Tooltip } from "chart.js";
import { Bar } from "react-chartjs-2";
import type { Locale } from "~/i18n";
import { formatMoney, formatShortDay } from "~/lib/format";

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip);

export function SalesChart({
  daily,
  currency,
  locale,
  label,
}: {
  daily: { day: string; revenue: number }[];
  currency: string;
  locale: Locale;
  label: string;
}) {
  return (
    <div style={{ height: 240 }} role="img" aria-label={label}>
      <Bar
        data={{
          labels: daily.map((d) => formatShortDay(d.day, locale)),
          datasets: [
            { label, data: daily.map((d) => Math.round(d.revenue)), backgroundColor: "#3c78d8", borderRadius: 2 },
          ],
        }}
        options={{
          maintainAspectRatio: false,
          animation: false,
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: { label: (ctx) => formatMoney(Number(ctx.raw), currency, locale) } },
          },
          scales: {
            x: { grid: { display: false }, ticks: { maxTicksLimit: 12 } },
            y: { ticks: { callback: (v) => formatMoney(Number(v), currency, locale) } },
          },
        }}
      />
    </div>
  );
}
