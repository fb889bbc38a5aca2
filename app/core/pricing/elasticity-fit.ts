// One variant's own price elasticity: a log-log demand response fitted as a Poisson GLM
//   log E[units_t] = a + e * x_t + c * x_t^2 + trend * t + day-of-week_t + yearly Fourier_t,
//   x_t = log(price_t / current price),
// on days whose sales are demand (stockout days and the day the stock ran out are censored). The trend,
// weekly and yearly terms are the baseline that controls for season and trend, so a price change that
// coincides with a seasonal peak is not read as an elasticity; the curvature c (with a prior) makes e the
// elasticity at the current price. Standard error: the larger of the Fisher information inflated by the
// Pearson dispersion (quasi-Poisson; McCullagh & Nelder 1989, sec. 4.5) and a Newey-West sandwich that
// allows for a demand level drifting over weeks. The Fourier season needs about a year of history.

import { uncensoredDays } from "../forecast/censoring";
import { cholesky, choleskySolve, inverseDiagonal } from "./linalg";
import { toDayNumber, yearPhase } from "./dates";
import type { DemandDrivers, PriceHistory, RawElasticity } from "./types";

export interface VariantFit {
  raw: RawElasticity | null;
  priceNeverVaried: boolean;
  drivers: DemandDrivers;
  observedRange: { min: number; max: number } | null;
}

const MIN_DAYS = 14;
/** Standard deviation of log price below this counts as "never varied" (about 0.5%). */
const MIN_LOG_PRICE_SD = 0.005;
const RIDGE = 1e-4;
/**
 * Prior standard deviation of the curvature c in log E[units] = ... + e x + c x^2, x = log(price / current
 * price). Demand curves bend (linear and logit demand get more elastic as the price rises), so the slope e is
 * the elasticity AT the current price, not an average over past prices; the prior keeps c small when the
 * prices tried say little about it.
 */
const CURVATURE_SD = 1;

/** Prices on days without a sale are unknown: carry the last realised price forward (and the first one back). */
export function fillPrices(prices: (number | null)[], length = prices.length): (number | null)[] {
  const out: (number | null)[] = Array.from({ length }, (_, i) => {
    const p = prices[i];
    return p != null && p > 0 && Number.isFinite(p) ? p : null;
  });
  let last: number | null = null;
  for (let i = 0; i < out.length; i++) {
    if (out[i] != null) last = out[i];
    else out[i] = last;
  }
  const first = out.find((p) => p != null) ?? null;
  for (let i = 0; i < out.length && out[i] == null; i++) out[i] = first;
  return out;
}

export function fitVariantElasticity(h: PriceHistory, horizon = 28): VariantFit {
  const n = h.units.length;
  const filled = fillPrices(h.prices, n);
  const startDay = toDayNumber(h.start);
  const rows: number[] = [];
  const demandDay = uncensoredDays(h.available, n, h.eventDays);
  let minP = Infinity;
  let maxP = -Infinity;
  const distinct = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (!demandDay[i]) continue;
    const p = filled[i];
    const u = h.units[i];
    if (p == null || !(u >= 0)) continue;
    rows.push(i);
    // Observed range and distinct points use only days with a sale (a realised price).
    const realised = i < h.prices.length ? h.prices[i] : null;
    if (realised != null && realised > 0) {
      minP = Math.min(minP, realised);
      maxP = Math.max(maxP, realised);
      distinct.add(Math.round(realised * 100));
    }
  }
  const observedRange = Number.isFinite(minP) ? { min: minP, max: maxP } : null;
  const flat: DemandDrivers = { seasonRatio: null, trendPer28: 0 };
  const totalUnits = rows.reduce((s, i) => s + h.units[i], 0);
  if (rows.length < MIN_DAYS || totalUnits <= 0) {
    return { raw: null, priceNeverVaried: distinct.size <= 1, drivers: flat, observedRange };
  }

  const logP = rows.map((i) => Math.log(filled[i] as number));
  const meanLogP = logP.reduce((s, x) => s + x, 0) / logP.length;
  const sdLogP = Math.sqrt(logP.reduce((s, x) => s + (x - meanLogP) ** 2, 0) / logP.length);
  const priceNeverVaried = sdLogP < MIN_LOG_PRICE_SD || distinct.size < 2;

  const span = rows[rows.length - 1] - rows[0] + 1;
  const useDow = rows.length >= 56;
  const useSeason = span >= 300;
  const mid = (rows[0] + rows[rows.length - 1]) / 2;
  const useCurve = !priceNeverVaried;
  const k = 3 + (useDow ? 6 : 0) + (useSeason ? 4 : 0) + (useCurve ? 1 : 0);
  const center = useCurve ? Math.log(filled[n - 1] as number) : meanLogP;
  // The design matrix, row-major in one array (m rows of k), and each row's non-zero columns (the day-of-week
  // dummies are mostly 0): skipping exact zeros leaves every sum bit-identical and halves the normal equations.
  const m = rows.length;
  const X = new Float64Array(m * k);
  const nz = new Int32Array(m * k);
  const nzCount = new Int32Array(m);
  for (let r = 0; r < m; r++) {
    const dayIndex = rows[r];
    const x = priceNeverVaried ? 0 : logP[r] - center;
    const o = r * k;
    let c = 0;
    X[o + c++] = 1;
    X[o + c++] = x;
    X[o + c++] = (dayIndex - mid) / 365;
    const day = startDay + dayIndex;
    if (useDow) {
      const dow = ((day % 7) + 7) % 7;
      for (let d = 1; d < 7; d++) X[o + c++] = dow === d ? 1 : 0;
    }
    if (useSeason) {
      const ph = yearPhase(day);
      for (let f = 1; f <= 2; f++) {
        X[o + c++] = Math.sin(2 * Math.PI * f * ph);
        X[o + c++] = Math.cos(2 * Math.PI * f * ph);
      }
    }
    if (useCurve) X[o + c++] = x * x;
    let z = 0;
    for (let j = 0; j < k; j++) if (X[o + j] !== 0) nz[o + z++] = j;
    nzCount[r] = z;
  }
  const y = rows.map((i) => h.units[i]);

  const beta = new Array<number>(k).fill(0);
  beta[0] = Math.log(totalUnits / rows.length + 1e-3);
  let chol: number[][] | null = null;
  for (let iter = 0; iter < 50; iter++) {
    const xtwx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    const xtwz = new Array<number>(k).fill(0);
    for (let r = 0; r < m; r++) {
      const o = r * k;
      let eta = 0;
      for (let j = 0; j < k; j++) eta += X[o + j] * beta[j];
      eta = Math.max(-20, Math.min(20, eta));
      const mu = Math.exp(eta);
      const z = eta + (y[r] - mu) / mu;
      for (let ia = 0; ia < nzCount[r]; ia++) {
        const a = nz[o + ia];
        const wa = mu * X[o + a];
        xtwz[a] += wa * z;
        const row = xtwx[a];
        for (let ib = 0; ib <= ia; ib++) row[nz[o + ib]] += wa * X[o + nz[o + ib]];
      }
    }
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < a; b++) xtwx[b][a] = xtwx[a][b];
      if (a > 0) xtwx[a][a] += RIDGE * m;
    }
    // A price that never varied leaves the slope unidentified: pin it at 0 with a strong ridge.
    if (priceNeverVaried) xtwx[1][1] += 1e6;
    if (useCurve) xtwx[k - 1][k - 1] += 1 / (CURVATURE_SD * CURVATURE_SD);
    chol = cholesky(xtwx);
    if (!chol) break;
    const next = choleskySolve(chol, xtwz);
    const delta = Math.max(...next.map((v, j) => Math.abs(v - beta[j])));
    for (let j = 0; j < k; j++) beta[j] = next[j];
    if (delta < 1e-6) break;
  }

  const drivers = driversFrom(useCurve ? beta.slice(0, k - 1) : beta, useSeason, startDay, n, horizon);
  if (priceNeverVaried || !chol) {
    return { raw: null, priceNeverVaried, drivers, observedRange };
  }
  let pearson = 0;
  for (let r = 0; r < m; r++) {
    let eta = 0;
    for (let j = 0; j < k; j++) eta += X[r * k + j] * beta[j];
    const mu = Math.exp(Math.max(-20, Math.min(20, eta)));
    pearson += (y[r] - mu) ** 2 / mu;
  }
  const dispersion = Math.max(1, pearson / Math.max(1, m - k));
  const se = Math.max(Math.sqrt(dispersion * inverseDiagonal(chol, 1)), hacSe(X, m, y, beta, chol, HAC_LAG));
  if (!Number.isFinite(beta[1]) || !Number.isFinite(se)) {
    return { raw: null, priceNeverVaried, drivers, observedRange };
  }
  return {
    raw: { estimate: beta[1], se, days: rows.length, distinctPrices: distinct.size },
    priceNeverVaried,
    drivers,
    observedRange,
  };
}

/** Days of residual autocorrelation the slope's standard error allows for (a slowly moving demand level). */
const HAC_LAG = 28;

/**
 * Heteroskedasticity- and autocorrelation-consistent standard error of the price slope (Newey & West 1987,
 * Bartlett weights): the sandwich B M B of the GLM, where B is the inverse Fisher information and M the
 * long-run variance of the score. A demand level that drifts for weeks makes neighbouring days' errors
 * alike; with prices that change rarely, the plain standard error then understates the uncertainty.
 * Only row 1 of B is needed: s_t = B[1,.] x_t (y_t - mu_t), se^2 = sum_l w_l sum_t s_t s_{t-l}.
 */
function hacSe(X: Float64Array, m: number, y: number[], beta: number[], chol: number[][], lag: number): number {
  const k = beta.length;
  const e1 = new Array<number>(k).fill(0);
  e1[1] = 1;
  const b = choleskySolve(chol, e1);
  const s = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    let eta = 0;
    let bx = 0;
    for (let j = 0; j < k; j++) {
      eta += X[r * k + j] * beta[j];
      bx += b[j] * X[r * k + j];
    }
    s[r] = bx * (y[r] - Math.exp(Math.max(-20, Math.min(20, eta))));
  }
  let v = 0;
  for (let l = 0; l <= lag; l++) {
    const w = l === 0 ? 1 : 2 * (1 - l / (lag + 1));
    let acc = 0;
    for (let t = l; t < s.length; t++) acc += s[t] * s[t - l];
    v += w * acc;
  }
  return v > 0 ? Math.sqrt(v) : 0;
}

function driversFrom(beta: number[], useSeason: boolean, startDay: number, n: number, horizon: number): DemandDrivers {
  const trendPer28 = Math.exp((beta[2] * 28) / 365) - 1;
  if (!useSeason) return { seasonRatio: null, trendPer28 };
  const off = beta.length - 4;
  const season = (day: number): number => {
    const ph = yearPhase(day);
    return Math.exp(
      beta[off] * Math.sin(2 * Math.PI * ph) +
        beta[off + 1] * Math.cos(2 * Math.PI * ph) +
        beta[off + 2] * Math.sin(4 * Math.PI * ph) +
        beta[off + 3] * Math.cos(4 * Math.PI * ph),
    );
  };
  const lastDay = startDay + n - 1;
  let recent = 0;
  for (let d = 0; d < 28; d++) recent += season(lastDay - d);
  let ahead = 0;
  for (let d = 1; d <= horizon; d++) ahead += season(lastDay + d);
  return { seasonRatio: ahead / horizon / (recent / 28), trendPer28 };
}

/**
 * Naive log-log OLS on days with a sale: no season/trend controls, stockout days kept, no shrinkage.
 * The textbook baseline the benchmark compares against.
 */
export function naiveLogLogElasticity(h: PriceHistory): { estimate: number; se: number } | null {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < h.units.length; i++) {
    const p = h.prices[i];
    if (p != null && p > 0 && h.units[i] > 0) {
      xs.push(Math.log(p));
      ys.push(Math.log(h.units[i]));
    }
  }
  const m = xs.length;
  if (m < 3) return null;
  const mx = xs.reduce((s, v) => s + v, 0) / m;
  const my = ys.reduce((s, v) => s + v, 0) / m;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < m; i++) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
  }
  if (sxx < 1e-12) return null;
  const b = sxy / sxx;
  let sse = 0;
  for (let i = 0; i < m; i++) sse += (ys[i] - my - b * (xs[i] - mx)) ** 2;
  return { estimate: b, se: Math.sqrt(sse / Math.max(1, m - 2) / sxx) };
}
