// One variant's own price elasticity: a log-log demand response fitted as a Poisson GLM
//   log E[units_t] = a + e * log(price_t) + trend * t + day-of-week_t + yearly Fourier_t
// on available days only (stockout days are censored, not zero demand). The trend, weekly and
// yearly terms are the baseline that controls for season and trend, so a price change that
// coincides with a seasonal peak is not read as an elasticity. Standard error from the Fisher
// information, inflated by the Pearson dispersion (quasi-Poisson; McCullagh & Nelder 1989, sec. 4.5).
// The Fourier season needs about a year of history; shorter series use trend and weekday only.

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
  let minP = Infinity;
  let maxP = -Infinity;
  const distinct = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (h.available && h.available[i] === false) continue;
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
  const design = (dayIndex: number, x: number): number[] => {
    const row = [1, x, (dayIndex - mid) / 365];
    const day = startDay + dayIndex;
    if (useDow) {
      const dow = ((day % 7) + 7) % 7;
      for (let d = 1; d < 7; d++) row.push(dow === d ? 1 : 0);
    }
    if (useSeason) {
      const ph = yearPhase(day);
      for (let k = 1; k <= 2; k++) {
        row.push(Math.sin(2 * Math.PI * k * ph), Math.cos(2 * Math.PI * k * ph));
      }
    }
    return row;
  };
  const X = rows.map((i, r) => design(i, priceNeverVaried ? 0 : logP[r] - meanLogP));
  const y = rows.map((i) => h.units[i]);
  const k = X[0].length;

  const beta = new Array<number>(k).fill(0);
  beta[0] = Math.log(totalUnits / rows.length + 1e-3);
  let chol: number[][] | null = null;
  for (let iter = 0; iter < 50; iter++) {
    const xtwx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    const xtwz = new Array<number>(k).fill(0);
    for (let r = 0; r < X.length; r++) {
      const xr = X[r];
      let eta = 0;
      for (let j = 0; j < k; j++) eta += xr[j] * beta[j];
      eta = Math.max(-20, Math.min(20, eta));
      const mu = Math.exp(eta);
      const z = eta + (y[r] - mu) / mu;
      for (let a = 0; a < k; a++) {
        const wa = mu * xr[a];
        xtwz[a] += wa * z;
        for (let b = 0; b <= a; b++) xtwx[a][b] += wa * xr[b];
      }
    }
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < a; b++) xtwx[b][a] = xtwx[a][b];
      if (a > 0) xtwx[a][a] += RIDGE * X.length;
    }
    // A price that never varied leaves the slope unidentified: pin it at 0 with a strong ridge.
    if (priceNeverVaried) xtwx[1][1] += 1e6;
    chol = cholesky(xtwx);
    if (!chol) break;
    const next = choleskySolve(chol, xtwz);
    const delta = Math.max(...next.map((v, j) => Math.abs(v - beta[j])));
    for (let j = 0; j < k; j++) beta[j] = next[j];
    if (delta < 1e-6) break;
  }

  const drivers = driversFrom(beta, useSeason, startDay, n, horizon);
  if (priceNeverVaried || !chol) {
    return { raw: null, priceNeverVaried, drivers, observedRange };
  }
  let pearson = 0;
  for (let r = 0; r < X.length; r++) {
    let eta = 0;
    for (let j = 0; j < k; j++) eta += X[r][j] * beta[j];
    const mu = Math.exp(Math.max(-20, Math.min(20, eta)));
    pearson += (y[r] - mu) ** 2 / mu;
  }
  const dispersion = Math.max(1, pearson / Math.max(1, X.length - k));
  const se = Math.sqrt(dispersion * inverseDiagonal(chol, 1));
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
