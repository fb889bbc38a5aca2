// Hand-built VariantForecast objects (plain data) for replenishment tests.
import type { VariantForecast } from "../../../app/core/forecast/types";

export function flatForecast(
  ratePerDay: number,
  opts: { start?: string; horizon?: number; dispersion?: number } = {},
): VariantForecast {
  const horizon = opts.horizon ?? 28;
  const mean = Array.from({ length: horizon }, () => ratePerDay);
  return {
    id: "SKU-1",
    start: opts.start ?? "2024-03-01",
    mean,
    quantiles: { "0.5": mean.slice(), "0.95": mean.map((m) => m * 2) },
    model: "test",
    demandClass: ratePerDay > 0 ? "smooth" : "no-demand",
    adi: 1,
    cv2: 0.1,
    dispersion: opts.dispersion ?? Infinity,
    backtest: null,
    lostSales: { censoredDays: 0, estimatedUnits: 0 },
    fallbacks: [],
    explanation: "test forecast",
  };
}
