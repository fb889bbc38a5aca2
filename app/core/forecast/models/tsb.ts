// TSB (Teunter, Syntetos & Babai 2011, "Intermittent demand: linking forecasting to inventory
// obsolescence"): smooth the demand probability every period (beta) and the size on demand periods
// (alpha); forecast probability x size, so the forecast decays while no demand occurs.
// Censored steps are skipped (no evidence about demand either way).

import {
  type FitRequest,
  type ForecastModel,
  type ModelResult,
  type SeriesInput,
  ResidualStats,
  finishResult,
} from "./contract";

const ALPHAS = [0.1, 0.2];
const BETAS = [0.02, 0.05, 0.1, 0.2];

interface TsbParams {
  alpha: number;
  beta: number;
}

function run(
  input: SeriesInput,
  n: number,
  alpha: number,
  beta: number,
  stats: ResidualStats | null,
  fitted: Float64Array | null,
): { sse: number; forecast: number } {
  const { y, ok } = input;
  // Start from the first available observations: probability of demand and mean size.
  let nz = 0,
    cnt = 0,
    sum = 0;
  for (let i = 0; i < n && cnt < 28; i++) {
    if (!ok[i]) continue;
    cnt++;
    if (y[i] > 0) {
      nz++;
      sum += y[i];
    }
  }
  let prob = cnt > 0 ? nz / cnt : 0;
  let z = nz > 0 ? sum / nz : 0;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const f = prob * z;
    if (fitted) fitted[i] = f;
    if (!ok[i]) continue;
    const v = y[i];
    const e = v - f;
    sse += e * e;
    if (stats) stats.add(v, f);
    if (v > 0) {
      prob += beta * (1 - prob);
      z = z > 0 ? z + alpha * (v - z) : v;
    } else {
      prob -= beta * prob;
    }
  }
  return { sse, forecast: prob * z };
}

export const tsb: ForecastModel = {
  name: "tsb",
  forecast(input: SeriesInput, req: FitRequest): ModelResult {
    const { n, h } = req;
    let params = req.params as TsbParams | undefined;
    if (!params || typeof params.alpha !== "number") {
      let best = Infinity;
      params = { alpha: 0.1, beta: 0.05 };
      for (const alpha of ALPHAS) {
        for (const beta of BETAS) {
          const r = run(input, n, alpha, beta, null, null);
          if (r.sse < best) {
            best = r.sse;
            params = { alpha, beta };
          }
        }
      }
    }
    const stats = new ResidualStats();
    const fitted = req.wantFitted ? new Float64Array(n) : null;
    const r = run(input, n, params.alpha, params.beta, stats, fitted);
    return finishResult(new Float64Array(h).fill(r.forecast), stats, req, fitted ?? undefined, params);
  },
};
