// Exponential smoothing in error-correction form (Hyndman, Koehler, Ord & Snyder 2008,
// "Forecasting with Exponential Smoothing: The State Space Approach", Table 2.1):
// level, optional damped trend (Gardner & McKenzie 1985), none/additive/multiplicative seasonality.
// Parameters come from a small fixed grid scored by an AIC-style criterion on one-step errors
// (n log MSE + 2 k), which keeps a fit to a few hundred microseconds.
// Censored steps do not update the state: the level and trend roll forward, the season stays.
// With `yearly`, the series is divided by the yearly index before fitting and the forecast
// multiplied back (the yearly shape comes from the variant's own > 1 year history or its group).

import {
  type FitRequest,
  type ForecastModel,
  type ModelResult,
  type SeriesInput,
  ResidualStats,
  availableMean,
  finishResult,
} from "./contract";

const SEASON_NONE = 0;
const SEASON_ADD = 1;
const SEASON_MUL = 2;

export interface EtsParams {
  alpha: number;
  beta: number;
  phi: number;
  gamma: number;
  season: number;
}

const ALPHAS = [0.02, 0.05, 0.1, 0.2, 0.35];
/** Steps of history used for fitting (one year of days). */
const MAX_FIT = 371;
const GAMMAS = [0.02, 0.1];
const TRENDS: Array<[number, number]> = [
  [0, 0],
  [0.01, 0.9],
];

/** Work buffers reused across fits (the engine is single-threaded per worker). */
let seasonBuf = new Float64Array(64);
let seasonInit = new Float64Array(64);
let adjBuf = new Float64Array(1024);

function ensure(m: number, n: number): void {
  if (seasonBuf.length < m) {
    seasonBuf = new Float64Array(m);
    seasonInit = new Float64Array(m);
  }
  if (adjBuf.length < n) adjBuf = new Float64Array(Math.max(n, adjBuf.length * 2));
}

interface Init {
  level: number;
  scoreFrom: number;
  canMul: boolean;
}

/** Level and seasonal start values from the first seasons (classical decomposition heuristic). */
function initialise(y: Float64Array, ok: Uint8Array, n: number, m: number): Init {
  const w = Math.min(n, m > 1 ? (m <= 7 ? 4 * m : 2 * m) : 10);
  let s = 0;
  let c = 0;
  for (let i = 0; i < w; i++)
    if (ok[i]) {
      s += y[i];
      c++;
    }
  let level = c > 0 ? s / c : 0;
  if (c === 0) {
    // No available step in the window: start from the overall available mean.
    let s2 = 0,
      c2 = 0;
    for (let i = 0; i < n; i++)
      if (ok[i]) {
        s2 += y[i];
        c2++;
      }
    level = c2 > 0 ? s2 / c2 : 0;
  }
  for (let p = 0; p < m; p++) seasonInit[p] = 0;
  if (m > 1) {
    const counts = new Float64Array(m);
    for (let i = 0; i < w; i++)
      if (ok[i]) {
        seasonInit[i % m] += y[i];
        counts[i % m]++;
      }
    for (let p = 0; p < m; p++) seasonInit[p] = counts[p] > 0 ? seasonInit[p] / counts[p] - level : 0;
  }
  // Multiplicative seasonality needs strictly positive data (Hyndman et al. 2008, ch. 2): allow it
  // only when every seasonal position has sales and fewer than 1 in 5 available steps are zero.
  let zeros = 0,
    avail = 0;
  for (let i = 0; i < n; i++)
    if (ok[i]) {
      avail++;
      if (y[i] <= 0) zeros++;
    }
  let allPositions = m > 1;
  for (let p = 0; p < m && allPositions; p++) if (level + seasonInit[p] <= 0) allPositions = false;
  const canMul = level > 0 && allPositions && zeros * 5 < avail;
  return { level, scoreFrom: Math.min(w, Math.max(0, n - 1)), canMul };
}

/**
 * One filter pass. Returns the sum of squared one-step errors from `scoreFrom`;
 * fills stats / fitted when given. State is left in seasonBuf and the returned object.
 */
function run(
  y: Float64Array,
  ok: Uint8Array,
  n: number,
  m: number,
  init: Init,
  p: EtsParams,
  scoreFrom: number,
  stats: ResidualStats | null,
  fitted: Float64Array | null,
): { sse: number; count: number; level: number; trend: number } {
  const { alpha, beta, phi, gamma, season } = p;
  let l = init.level;
  let b = 0;
  if (season === SEASON_MUL) {
    for (let k = 0; k < m; k++) seasonBuf[k] = l > 0 ? Math.max(0.05, 1 + seasonInit[k] / l) : 1;
  } else if (season === SEASON_ADD) {
    for (let k = 0; k < m; k++) seasonBuf[k] = seasonInit[k];
  } else {
    for (let k = 0; k < m; k++) seasonBuf[k] = 0;
  }
  let sse = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const pos = i % m;
    const lb = l + phi * b;
    const s = seasonBuf[pos];
    const yhat = season === SEASON_MUL ? lb * s : lb + s;
    if (fitted) fitted[i] = yhat;
    if (!ok[i]) {
      l = lb;
      b = phi * b;
      continue;
    }
    const e = y[i] - yhat;
    if (i >= scoreFrom) {
      sse += e * e;
      count++;
      if (stats) stats.add(y[i], yhat > 0 ? yhat : 0);
    }
    if (season === SEASON_MUL) {
      const sg = s > 1e-3 ? s : 1e-3;
      l = lb + (alpha * e) / sg;
      b = phi * b + (beta * e) / sg;
      const ns = s + (gamma * e) / (lb > 1e-3 ? lb : 1e-3);
      seasonBuf[pos] = ns < 0.01 ? 0.01 : ns > 20 ? 20 : ns;
      if (l < 1e-6) l = 1e-6;
    } else {
      l = lb + alpha * e;
      b = phi * b + beta * e;
      if (season === SEASON_ADD) seasonBuf[pos] = s + gamma * e;
    }
  }
  return { sse, count, level: l, trend: b };
}

function grid(m: number, canMul: boolean): EtsParams[] {
  const out: EtsParams[] = [];
  for (const [beta, phi] of TRENDS.slice(0, 1)) {
    for (const alpha of ALPHAS) {
      out.push({ alpha, beta, phi, gamma: 0, season: SEASON_NONE });
      if (m > 1) {
        for (const gamma of GAMMAS) {
          out.push({ alpha, beta, phi, gamma, season: SEASON_ADD });
          if (canMul) out.push({ alpha, beta, phi, gamma, season: SEASON_MUL });
        }
      }
    }
  }
  return out;
}

function paramCount(p: EtsParams, m: number): number {
  return 2 + (p.beta > 0 ? 3 : 0) + (p.season !== SEASON_NONE ? m : 0);
}

function makeEts(name: string, useYearly: boolean): ForecastModel {
  return {
    name,
    // The yearly variant reuses the plain model's smoothing parameters: the search is the costly part.
    paramsFrom: useYearly ? "ets" : undefined,
    forecast(input: SeriesInput, req: FitRequest): ModelResult {
      const { n: nAll, h } = req;
      const m = Math.max(1, input.period);
      ensure(m, nAll + h);
      const yr = useYearly ? input.yearly : null;
      if (useYearly && !yr) throw new Error("ets-yearly needs a yearly index");
      // Fit on the most recent MAX_FIT steps only (a whole number of seasons): older data has
      // almost no weight at the smoothing constants of the grid, and it halves the cost.
      const s0 = nAll > MAX_FIT ? Math.floor((nAll - MAX_FIT) / m) * m : 0;
      const n = nAll - s0;
      let y = input.y.subarray(s0, nAll);
      const ok = input.ok.subarray(s0, nAll);
      if (yr) {
        for (let i = 0; i < n; i++) adjBuf[i] = ok[i] ? y[i] / (yr[s0 + i] > 0.05 ? yr[s0 + i] : 0.05) : 0;
        y = adjBuf.subarray(0, n);
      }
      const init = initialise(y, ok, n, m);
      let best = req.params as EtsParams | undefined;
      if (!best || (best.season === SEASON_MUL && !init.canMul) || (best.season !== SEASON_NONE && m === 1)) {
        let bestScore = Infinity;
        let top: EtsParams = { alpha: 0.1, beta: 0, phi: 0, gamma: 0, season: SEASON_NONE };
        for (const p of grid(m, init.canMul)) {
          const r = run(y, ok, n, m, init, p, init.scoreFrom, null, null);
          if (r.count === 0) continue;
          const mse = r.sse / r.count;
          const score = r.count * Math.log(mse + 1e-9) + 2 * paramCount(p, m);
          if (score < bestScore) {
            bestScore = score;
            top = p;
          }
        }
        // Second stage: try a damped trend on the best level/season choice only.
        for (const [beta, phi] of TRENDS.slice(1)) {
          const p: EtsParams = { ...top, beta, phi };
          const r = run(y, ok, n, m, init, p, init.scoreFrom, null, null);
          if (r.count === 0) continue;
          const score = r.count * Math.log(r.sse / r.count + 1e-9) + 2 * paramCount(p, m);
          if (score < bestScore) {
            bestScore = score;
            top = p;
          }
        }
        best = top;
      }
      const stats = new ResidualStats();
      const fittedAll = req.wantFitted ? new Float64Array(nAll) : null;
      const fitted = fittedAll ? fittedAll.subarray(s0) : null;
      const st = run(y, ok, n, m, init, best, init.scoreFrom, stats, fitted);
      const mean = new Float64Array(h);
      let damp = 0;
      let phiPow = 1;
      for (let t = 0; t < h; t++) {
        phiPow *= best.phi;
        damp += phiPow;
        const lb = st.level + damp * st.trend;
        const s = seasonBuf[(n + t) % m];
        mean[t] = best.season === SEASON_MUL ? lb * s : lb + s;
      }
      if (yr) {
        for (let t = 0; t < h; t++) mean[t] *= yr[nAll + t] ?? 1;
        if (fitted) for (let i = 0; i < n; i++) fitted[i] *= yr[s0 + i];
      }
      // Steps before the fitting window: the first fitted value of the same season position.
      if (fittedAll) for (let i = 0; i < s0; i++) fittedAll[i] = fittedAll[s0 + (i % m)];
      if (!Number.isFinite(st.level)) {
        // Diverged (should not happen with the grid above): fall back to the flat available mean.
        mean.fill(availableMean(input, nAll));
      }
      return finishResult(mean, stats, req, fittedAll ?? undefined, best);
    },
  };
}

export const ets = makeEts("ets", false);
export const etsYearly = makeEts("ets-yearly", true);

/** Human label of fitted ETS parameters, e.g. "ETS(A,Ad,M)". */
export function etsLabel(params: unknown): string {
  const p = params as EtsParams | undefined;
  if (!p) return "ETS";
  const trend = p.beta > 0 ? "Ad" : "N";
  const season = p.season === SEASON_MUL ? "M" : p.season === SEASON_ADD ? "A" : "N";
  return `ETS(A,${trend},${season})`;
}
