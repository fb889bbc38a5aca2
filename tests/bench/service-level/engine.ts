// THE adapter between the service-level benchmark and the forecast engine: demand over a protection
// period (lead time + review, or a fixed number of steps) computed the way the app does it
// (app/core/decisions/decide.ts: forecastBatch over the shop, then periodDemandQuantiles per variant).
// A change of the engine's inputs is made here only.
import { calibrationSample } from "../../../app/core/decisions/index";
import {
  buildCalibration,
  calibratedForecast,
  forecastBatch,
  levelKey,
  periodDemandQuantiles,
  type DailySeries,
  type PeriodLength,
} from "../../../app/core/forecast/index";

export const ENGINE_HORIZON = 28;

export interface ProtectionDemand {
  mean: number;
  /** Quantiles of the period total (order-up-to levels), keyed by level. */
  quantiles: Map<number, number>;
}

/** One shop (or data set) at one origin: every series forecast together (one pool), then each period total. */
export function engineProtectionDemand(
  series: DailySeries[],
  periods: PeriodLength[],
  levels: number[],
  opts: { horizon?: number; seasonPeriod?: number } = {},
): ProtectionDemand[] {
  const forecasts = forecastBatch(series, { horizon: opts.horizon ?? ENGINE_HORIZON, seasonPeriod: opts.seasonPeriod });
  // Calibrated on the shop's own backtests, from the same stable sample the recompute uses.
  const sample = new Set(calibrationSample(series).map((s) => s.id));
  const calibration = process.env.SL_NO_CAL ? undefined : buildCalibration(forecasts.filter((f) => sample.has(f.id)));
  if (process.env.SL_DEBUG)
    console.error(
      "lift",
      calibration?.stockoutLift,
      calibration?.stockoutWindows,
      forecasts.filter((f) => f.recentStockout).length,
    );
  return forecasts.map((fc, i) => {
    const d = periodDemandQuantiles(
      process.env.SL_NO_LIFT ? fc : calibratedForecast(fc, calibration),
      0,
      periods[i],
      levels,
      calibration,
    );
    return { mean: d.mean, quantiles: new Map(levels.map((l) => [l, d.quantiles[levelKey(l)]])) };
  });
}
