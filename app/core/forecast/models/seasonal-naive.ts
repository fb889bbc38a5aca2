// Seasonal naive: each step repeats the last available value one season earlier
// (Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", 3rd ed., section 5.2).
// Censored days are skipped: the last *available* value at the same seasonal position is used.

import {
  type FitRequest,
  type ForecastModel,
  type ModelResult,
  type SeriesInput,
  ResidualStats,
  availableMean,
  finishResult,
} from "./contract";

export const seasonalNaive: ForecastModel = {
  name: "snaive",
  forecast(input: SeriesInput, req: FitRequest): ModelResult {
    const { n, h } = req;
    const m = Math.max(1, input.period);
    const last = new Float64Array(m).fill(NaN);
    const fallback = availableMean(input, n);
    const stats = new ResidualStats();
    const fitted = req.wantFitted ? new Float64Array(n) : undefined;
    for (let i = 0; i < n; i++) {
      const pos = i % m;
      const prev = last[pos];
      const guess = Number.isNaN(prev) ? fallback : prev;
      if (fitted) fitted[i] = guess;
      if (input.ok[i]) {
        if (!Number.isNaN(prev)) stats.add(input.y[i], prev);
        last[pos] = input.y[i];
      }
    }
    const mean = new Float64Array(h);
    for (let t = 0; t < h; t++) {
      const v = last[(n + t) % m];
      mean[t] = Number.isNaN(v) ? fallback : v;
    }
    return finishResult(mean, stats, req, fitted);
  },
};
