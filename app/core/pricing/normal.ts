// Normal grids for pricing: the quantile itself is the shared one in app/core/stats/normal.ts.
import { normalQuantile } from "../stats/normal";

export { normalQuantile };

/** Evenly spaced quantiles of N(mean, sd^2): a deterministic sample for expectations and probabilities. */
export function normalGrid(mean: number, sd: number, n = 21): number[] {
  if (!(sd > 0)) return [mean];
  return Array.from({ length: n }, (_, i) => mean + sd * normalQuantile((i + 0.5) / n));
}
