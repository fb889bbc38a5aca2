import { Bar } from "react-chartjs-2";
import { useI18n } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import "~/components/variant/charts";

const LABELS: MessageKey[] = [
  "dashboard.cover.0",
  "dashboard.cover.7",
  "dashboard.cover.14",
  "dashboard.cover.30",
  "dashboard.cover.90",
  "dashboard.cover.more",
];
const COLORS = ["#c5221f", "#e37400", "#f2b600", "#3c78d8", "#1a7f37", "#8c9196"];

/** Variants by days of stock cover (buckets of app/core/inventory/projection.ts COVER_BUCKETS). */
export function CoverChart({ cover }: { cover: number[] }) {
  const { t } = useI18n();
  return (
    <div style={{ height: 220 }} role="img" aria-label={t("dashboard.coverChart")}>
      <Bar
        data={{
          labels: LABELS.map((k) => t(k).split("\n")),
          datasets: [{ label: t("dashboard.coverVariants"), data: cover, backgroundColor: COLORS, borderRadius: 2 }],
        }}
        options={{
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { display: false } },
          scales: { x: { grid: { display: false } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
        }}
      />
    </div>
  );
}
