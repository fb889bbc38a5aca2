// chart.js pieces used by the variant and dashboard charts (registered once; tree-shaken otherwise).
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
} from "chart.js";

ChartJS.register(
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
);

export const COLORS = {
  sales: "#3c78d8",
  forecast: "#e37400",
  band: "rgba(227, 116, 0, 0.18)",
  stockout: "rgba(120, 120, 120, 0.22)",
  stock: "#1a7f37",
  reorder: "#c5221f",
  incoming: "#8e63ce",
  bound: "#6d7175",
  statistical: "#6d7175",
} as const;

export const BASE_OPTIONS = { maintainAspectRatio: false, animation: false } as const;
