// ADIDA, temporal aggregation (Nikolopoulos, Syntetos, Boylan, Petropoulos & Assimakopoulos 2011,
// "An aggregate-disaggregate intermittent demand approach (ADIDA) to forecasting"): sum the series
// into non-overlapping buckets, forecast the bucket totals with simple exponential smoothing, and
// spread the forecast back over the steps with the series' own seasonal shares.
// Buckets are aligned to the end of the history. A bucket with censored steps is scaled up from its
// available steps; one with fewer than half of its steps available is skipped.

import {
  type FitRequest,
  type ForecastModel,
  type ModelResult,
  type SeriesInput,
  ResidualStats,
  availableCount,
  finishResult,
} from "./contract";

const ALPHAS = [0.05, 0.1, 0.2, 0.3, 0.5];
/** Prior weight (in observations) pulling the seasonal shares towards flat. */
const SHARE_PRIOR = 8;

/** Aggregation level: the season (a week of days), else the mean inter-demand interval. */
export function adidaLevel(input: SeriesInput, n: number): number {
  const m = input.period;
  if (m > 1 && m <= 7) return m;
  let nz = 0;
  for (let i = 0; i < n; i++) if (input.ok[i] && input.y[i] > 0) nz++;
  const adi = nz > 0 ? availableCount(input, n) / nz : 2;
  return Math.min(12, Math.max(2, Math.round(adi)));
}

export const adida: ForecastModel = {
  name: "adida",
  forecast(input: SeriesInput, req: FitRequest): ModelResult {
    const { n, h } = req;
    const { y, ok } = input;
    const k = adidaLevel(input, n);
    const buckets = Math.floor(n / k);
    const first = n - buckets * k;
    // Seasonal shares (only when the bucket is one season).
    const m = Math.max(1, input.period);
    const useShares = m === k && m > 1;
    const share = new Float64Array(k).fill(1);
    if (useShares) {
      const sums = new Float64Array(m);
      const cnts = new Float64Array(m);
      let tot = 0,
        c = 0;
      for (let i = 0; i < n; i++)
        if (ok[i]) {
          sums[i % m] += y[i];
          cnts[i % m]++;
          tot += y[i];
          c++;
        }
      const avg = c > 0 ? tot / c : 0;
      if (avg > 0) {
        let norm = 0;
        for (let p = 0; p < m; p++) {
          const raw = cnts[p] > 0 ? sums[p] / cnts[p] / avg : 1;
          share[p] = (cnts[p] * raw + SHARE_PRIOR) / (cnts[p] + SHARE_PRIOR);
          norm += share[p];
        }
        for (let p = 0; p < m; p++) share[p] *= m / norm;
      }
    }
    const agg = new Float64Array(buckets);
    const valid = new Uint8Array(buckets);
    for (let b = 0; b < buckets; b++) {
      let s = 0,
        c = 0,
        w = 0;
      for (let j = first + b * k, e = j + k; j < e; j++) {
        if (ok[j]) {
          s += y[j];
          c++;
          w += useShares ? share[j % m] : 1;
        }
      }
      if (c * 2 >= k && w > 0) {
        agg[b] = (s * k) / w;
        valid[b] = 1;
      }
    }
    const sesRun = (
      alpha: number,
      stats: ResidualStats | null,
      fitted: Float64Array | null,
    ): { sse: number; level: number } => {
      let level = NaN;
      let sse = 0;
      for (let b = 0; b < buckets; b++) {
        if (fitted && !Number.isNaN(level)) {
          for (let j = first + b * k, e = j + k; j < e; j++) fitted[j] = (level / k) * (useShares ? share[j % m] : 1);
        }
        if (!valid[b]) continue;
        if (Number.isNaN(level)) {
          level = agg[b];
          continue;
        }
        const e = agg[b] - level;
        sse += e * e;
        if (stats) {
          for (let j = first + b * k, end = j + k; j < end; j++) {
            if (ok[j]) stats.add(y[j], (level / k) * (useShares ? share[j % m] : 1));
          }
        }
        level += alpha * e;
      }
      return { sse, level };
    };
    let alpha = req.params as number | undefined;
    if (typeof alpha !== "number") {
      let best = Infinity;
      alpha = 0.1;
      for (const a of ALPHAS) {
        const r = sesRun(a, null, null);
        if (r.sse < best) {
          best = r.sse;
          alpha = a;
        }
      }
    }
    const stats = new ResidualStats();
    const fitted = req.wantFitted ? new Float64Array(n) : null;
    let r = sesRun(alpha, stats, fitted);
    if (Number.isNaN(r.level)) {
      // No complete bucket (very short history): use the available mean per step.
      let s = 0,
        c = 0;
      for (let i = 0; i < n; i++)
        if (ok[i]) {
          s += y[i];
          c++;
        }
      r = { sse: 0, level: c > 0 ? (s / c) * k : 0 };
    }
    if (fitted) for (let i = 0; i < first; i++) fitted[i] = r.level / k;
    const mean = new Float64Array(h);
    for (let t = 0; t < h; t++) mean[t] = (r.level / k) * (useShares ? share[(n + t) % m] : 1);
    return finishResult(mean, stats, req, fitted ?? undefined, alpha);
  },
};
