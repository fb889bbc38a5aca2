// Croston (1972), "Forecasting and stock control for intermittent demands": smooth the non-zero
// demand sizes z and the intervals p between them separately, forecast z / p.
// SBA (Syntetos & Boylan 2005, "The accuracy of intermittent demand estimates") removes Croston's
// bias with the factor (1 - alpha / 2).
// Censored steps are skipped: they neither count as a zero nor lengthen the interval.

import {
  type FitRequest,
  type ForecastModel,
  type ModelResult,
  type SeriesInput,
  ResidualStats,
  finishResult,
} from "./contract";

const ALPHAS = [0.05, 0.1, 0.2];

function run(
  input: SeriesInput,
  n: number,
  alpha: number,
  factor: number,
  stats: ResidualStats | null,
  fitted: Float64Array | null,
): { sse: number; forecast: number } {
  const { y, ok } = input;
  let z = 0;
  let p = 0;
  let seen = false;
  let gap = 0;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const f = seen ? (factor * z) / p : 0;
    if (fitted) fitted[i] = f;
    if (!ok[i]) continue;
    gap++;
    const v = y[i];
    if (seen) {
      const e = v - f;
      sse += e * e;
      if (stats) stats.add(v, f);
    }
    if (v > 0) {
      if (!seen) {
        z = v;
        p = gap;
        seen = true;
      } else {
        z += alpha * (v - z);
        p += alpha * (gap - p);
      }
      gap = 0;
    }
  }
  return { sse, forecast: seen ? (factor * z) / p : 0 };
}

function makeCroston(name: string, debiased: boolean): ForecastModel {
  return {
    name,
    forecast(input: SeriesInput, req: FitRequest): ModelResult {
      const { n, h } = req;
      let alpha = req.params as number | undefined;
      if (typeof alpha !== "number") {
        let best = Infinity;
        alpha = 0.1;
        for (const a of ALPHAS) {
          const r = run(input, n, a, debiased ? 1 - a / 2 : 1, null, null);
          if (r.sse < best) {
            best = r.sse;
            alpha = a;
          }
        }
      }
      const stats = new ResidualStats();
      const fitted = req.wantFitted ? new Float64Array(n) : null;
      const r = run(input, n, alpha, debiased ? 1 - alpha / 2 : 1, stats, fitted);
      return finishResult(new Float64Array(h).fill(r.forecast), stats, req, fitted ?? undefined, alpha);
    },
  };
}

export const croston = makeCroston("croston", false);
export const sba = makeCroston("sba", true);
