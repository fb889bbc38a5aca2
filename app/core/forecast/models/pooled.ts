// Pooled profile for new variants: the group's weekday (and yearly) shape, scaled by the
// variant's own early sales. The level is a credibility-weighted blend (Bühlmann 1967):
// (own units + K * group level) / (expected shape-days + K), so a few days of sales move it
// only partly away from the group's typical level.

import {
  type FitRequest,
  type ForecastModel,
  type ModelResult,
  type SeriesInput,
  ResidualStats,
  finishResult,
} from "./contract";

/** Prior weight of the group level, in days. */
const PRIOR_DAYS = 7;

export const pooled: ForecastModel = {
  name: "pooled",
  forecast(input: SeriesInput, req: FitRequest): ModelResult {
    const prior = input.prior;
    if (!prior) throw new Error("pooled needs a group profile");
    const { n, h } = req;
    const w = prior.weekly;
    const m = w.length;
    const yr = input.yearly;
    const shape = (i: number): number => w[(input.phase + i) % m] * (yr ? yr[i] : 1);
    let units = 0,
      expected = 0;
    for (let i = 0; i < n; i++) {
      if (input.ok[i]) {
        units += input.y[i];
        expected += shape(i);
      }
    }
    const level = (units + PRIOR_DAYS * prior.level) / (expected + PRIOR_DAYS);
    const stats = new ResidualStats();
    const fitted = req.wantFitted ? new Float64Array(n) : null;
    for (let i = 0; i < n; i++) {
      const f = level * shape(i);
      if (fitted) fitted[i] = f;
      if (input.ok[i]) stats.add(input.y[i], f);
    }
    const mean = new Float64Array(h);
    for (let t = 0; t < h; t++) mean[t] = level * shape(n + t);
    return finishResult(mean, stats, req, fitted ?? undefined);
  },
};
