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
  const out = new Array<number | null>(length);
  for (let i = 0; i < length; i++) {
    const p = prices[i];
    out[i] = p != null && p > 0 && Number.isFinite(p) ? p : null;
  }
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
  // The design matrix, row-major in one array (m rows of k).
  const m = rows.length;
  const X = new Float64Array(m * k);
  const season = useSeason ? fourierTerms(startDay, n) : null;
  for (let r = 0; r < m; r++) {
    const dayIndex = rows[r];
    const x = priceNeverVaried ? 0 : logP[r] - center;
    const o = r * k;
    let c = 0;
    X[o + c++] = 1;
    X[o + c++] = x;
    X[o + c++] = (dayIndex - mid) / 365;
    if (useDow) {
      const day = startDay + dayIndex;
      const dow = ((day % 7) + 7) % 7;
      for (let d = 1; d < 7; d++) X[o + c++] = dow === d ? 1 : 0;
    }
    if (season) for (let f = 0; f < 4; f++) X[o + c++] = season[dayIndex * 4 + f];
    if (useCurve) X[o + c++] = x * x;
  }
  const y = rows.map((i) => h.units[i]);
  const beta = new Array<number>(k).fill(0);
  beta[0] = Math.log(totalUnits / rows.length + 1e-3);
  const chol = irls(X, m, k, useDow, y, beta, (xtwx) => {
    for (let a = 1; a < k; a++) xtwx[a][a] += RIDGE * m;
    // A price that never varied leaves the slope unidentified: pin it at 0 with a strong ridge.
    if (priceNeverVaried) xtwx[1][1] += 1e6;
    if (useCurve) xtwx[k - 1][k - 1] += 1 / (CURVATURE_SD * CURVATURE_SD);
  });

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

/** The yearly Fourier terms sin/cos(2 pi f phase), f = 1, 2, of days startDay .. startDay + n - 1 (4 per day), kept
 *  for the last start asked (every variant of a run shares its history window; shorter slices reuse them). */
let fourierCache: { startDay: number; n: number; terms: Float64Array } | null = null;
function fourierTerms(startDay: number, n: number): Float64Array {
  if (fourierCache && fourierCache.startDay === startDay && fourierCache.n >= n) return fourierCache.terms;
  const terms = new Float64Array(n * 4);
  for (let i = 0; i < n; i++) {
    const ph = yearPhase(startDay + i);
    for (let f = 1; f <= 2; f++) {
      terms[i * 4 + (f - 1) * 2] = Math.sin(2 * Math.PI * f * ph);
      terms[i * 4 + (f - 1) * 2 + 1] = Math.cos(2 * Math.PI * f * ph);
    }
  }
  fourierCache = { startDay, n, terms };
  return terms;
}

/**
 * Poisson IRLS (McCullagh & Nelder 1989, sec. 2.5) on the m x k design X (row-major), updating `beta` in place;
 * `penalise` adds the ridge and priors to X'WX before each solve; returns the last Cholesky factor (null: not
 * positive definite). Each cell of X'WX and X'Wz is summed as a dot product over the rows, in row order, of the
 * same products as the plain triple loop, so the fit is the same to the last bit with a fraction of the work:
 * - with day-of-week dummies (columns 3..8) a row has one of them at 1 and the others at 0, and a product with an
 *   exact 0 adds nothing: the dummies' cells sum only their own weekday's rows;
 * - the other columns are summed densely (their zeros add exact zeros, mu * x being finite).
 */
export function irls(
  X: Float64Array,
  m: number,
  k: number,
  useDow: boolean,
  y: number[],
  beta: number[],
  penalise: (xtwx: number[][]) => void,
): number[][] | null {
  const DOW_FROM = 3;
  const DOW_TO = useDow ? 9 : 3; // dummies are columns DOW_FROM .. DOW_TO - 1
  const nd = k - (DOW_TO - DOW_FROM);
  const cols = Int32Array.from({ length: nd }, (_, p) => (p < DOW_FROM ? p : p + DOW_TO - DOW_FROM));
  // The dense columns column-major (column p at p * m), and the rows of each dummy, in order.
  const D = new Float64Array(nd * m);
  const rowsOf: number[][] = Array.from({ length: k }, () => []);
  for (let r = 0; r < m; r++) {
    for (let p = 0; p < nd; p++) D[p * m + r] = X[r * k + cols[p]];
    for (let c = DOW_FROM; c < DOW_TO; c++) if (X[r * k + c] !== 0) rowsOf[c].push(r);
  }
  const dummy = new Int32Array(m).fill(-1);
  for (let c = DOW_FROM; c < DOW_TO; c++) for (const r of rowsOf[c]) dummy[r] = c;
  const W = new Float64Array(nd * m); // mu_r * x_rp, column-major
  const mu = new Float64Array(m);
  const z = new Float64Array(m);
  const b = new Float64Array(nd);
  const before = Math.min(nd, DOW_FROM); // dense columns left of the dummies
  let chol: number[][] | null = null;
  for (let iter = 0; iter < 50; iter++) {
    for (let p = 0; p < nd; p++) b[p] = beta[cols[p]];
    const finite = beta.every(Number.isFinite);
    for (let r = 0; r < m; r++) {
      let eta = 0;
      if (finite) {
        // In column order: the dense columns before the dummies, the row's dummy (1 x beta is beta), the others.
        for (let p = 0; p < before; p++) eta += D[p * m + r] * b[p];
        if (dummy[r] >= 0) eta += beta[dummy[r]];
        for (let p = before; p < nd; p++) eta += D[p * m + r] * b[p];
      } else for (let j = 0; j < k; j++) eta += X[r * k + j] * beta[j];
      eta = Math.max(-20, Math.min(20, eta));
      const u = Math.exp(eta);
      mu[r] = u;
      z[r] = eta + (y[r] - u) / u;
      for (let p = 0; p < nd; p++) W[p * m + r] = u * D[p * m + r];
    }
    const xtwx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    const xtwz = new Array<number>(k).fill(0);
    for (let p = 0; p < nd; p++) {
      const wp = p * m;
      let sz = 0;
      for (let r = 0; r < m; r++) sz += W[wp + r] * z[r];
      xtwz[cols[p]] = sz;
      // Four cells at a time: four independent sums, each still in row order.
      const row = xtwx[cols[p]];
      let q = 0;
      for (; q + 3 <= p; q += 4) {
        const d0 = q * m;
        const d1 = d0 + m;
        const d2 = d1 + m;
        const d3 = d2 + m;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let r = 0; r < m; r++) {
          const w = W[wp + r];
          s0 += w * D[d0 + r];
          s1 += w * D[d1 + r];
          s2 += w * D[d2 + r];
          s3 += w * D[d3 + r];
        }
        row[cols[q]] = s0;
        row[cols[q + 1]] = s1;
        row[cols[q + 2]] = s2;
        row[cols[q + 3]] = s3;
      }
      for (; q <= p; q++) {
        const dq = q * m;
        let sum = 0;
        for (let r = 0; r < m; r++) sum += W[wp + r] * D[dq + r];
        row[cols[q]] = sum;
      }
    }
    for (let c = DOW_FROM; c < DOW_TO; c++) {
      const rows = rowsOf[c];
      // (mu * 1) * x_q for the columns before the dummy, (mu * x_q) * 1 after it: both are W's entries (x * 1 is x).
      for (let q = 0; q < nd; q++) {
        const wq = q * m;
        let sum = 0;
        for (let i = 0; i < rows.length; i++) sum += W[wq + rows[i]];
        if (q < DOW_FROM) xtwx[c][cols[q]] = sum;
        else xtwx[cols[q]][c] = sum;
      }
      let diag = 0;
      let sz = 0;
      for (let i = 0; i < rows.length; i++) {
        diag += mu[rows[i]];
        sz += mu[rows[i]] * z[rows[i]];
      }
      xtwx[c][c] = diag;
      xtwz[c] = sz;
    }
    for (let a = 0; a < k; a++) for (let bb = 0; bb < a; bb++) xtwx[bb][a] = xtwx[a][bb];
    penalise(xtwx);
    chol = cholesky(xtwx);
    if (!chol) break;
    const next = choleskySolve(chol, xtwz);
    const delta = Math.max(...next.map((v, j) => Math.abs(v - beta[j])));
    for (let j = 0; j < k; j++) beta[j] = next[j];
    if (delta < 1e-6) break;
  }
  return chol;
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
