// Converts plain arrays into a model SeriesInput, for callers that run one model directly
// (the benchmark, tests). The pipeline does the same with validation in engine.ts.

import type { SeriesInput } from "./models/contract";

export function toSeriesInput(
  values: ArrayLike<number>,
  available?: ArrayLike<boolean>,
  period = 7,
  phase = 0,
): SeriesInput {
  const n = values.length;
  const y = new Float64Array(n);
  const ok = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if ((available && available[i] === false) || !Number.isFinite(v) || v < 0) continue;
    y[i] = v;
    ok[i] = 1;
  }
  return { y, ok, period: Math.max(1, period), phase };
}
