// Censored mean: the average of the available (in-stock) days of the recent history, flat.
// The last link of the fallback chain: it cannot fail (no history gives 0).

import {
  type FitRequest,
  type ForecastModel,
  type ModelResult,
  type SeriesInput,
  ResidualStats,
  finishResult,
} from "./contract";

/** Recent window in steps (8 weeks of daily data). */
const WINDOW = 56;

export const censoredMean: ForecastModel = {
  name: "censored-mean",
  forecast(input: SeriesInput, req: FitRequest): ModelResult {
    const { n, h } = req;
    let s = 0;
    let c = 0;
    for (let i = n - 1; i >= 0 && c < WINDOW; i--) {
      if (input.ok[i]) {
        const v = input.y[i];
        if (Number.isFinite(v) && v > 0) s += v;
        c++;
      }
    }
    const level = c > 0 ? s / c : 0;
    const stats = new ResidualStats();
    const fitted = req.wantFitted ? new Float64Array(n).fill(level) : undefined;
    for (let i = Math.max(0, n - WINDOW); i < n; i++) if (input.ok[i]) stats.add(input.y[i], level);
    const mean = new Float64Array(h).fill(level);
    return finishResult(mean, stats, req, fitted);
  },
};
