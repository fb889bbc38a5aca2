// Calibrated demand totals (issue 12, docs/decisions/0014). The shop's own rolling-origin backtests give, for
// each variant, windows where the forecast total F, the actual total A and the model's standard deviation
// sd of the total are known. The standardized errors z = (A - F) / sd, pooled by demand class (and over the
// whole shop), form an empirical distribution: a split-conformal calibration of the model's predictive
// distribution (Vovk, Gammerman & Shafer 2005; Romano, Patterson & Candès 2019 for the quantile form).
// A total's calibrated CDF blends that empirical law with the model's negative binomial, weighted by how
// many windows back it, so a small shop leans on the model and a large one on its own record.
import { countCdf, sizeFromMoments } from "./distribution";
import type { DemandClass, SumError, VariantForecast } from "./types";

/** An empirical law of standardized errors: sorted distinct values and the CDF at each (Kaplan-Meier). */
export interface Pool {
  z: number[];
  cdf: number[];
  /** Windows behind it. */
  n: number;
}

export interface CalibrationTable {
  /** Standardized errors by `${class}:${days}`, and `*:${days}` for the whole shop. */
  pools: Record<string, Pool>;
  /**
   * Actual over forecast demand in backtest windows that followed a stockout, shrunk toward 1: stockouts
   * hide demand (they happen when demand runs high), so forecasts made after one run low by this much.
   */
  stockoutLift: number;
  /** Windows the lift rests on. */
  stockoutWindows: number;
}

/** Windows behind an empirical pool that weigh as much as the model (its prior weight). */
const MODEL_WEIGHT = 60;
/** Windows of the class that weigh as much as the shop-wide pool. */
const CLASS_WEIGHT = 30;

/** Windows after a stockout that weigh as much as "no lift" when few are available. */
const LIFT_PRIOR_WINDOWS = 30;
const LIFT_RANGE = [0.8, 1.6] as const;

export const EMPTY_CALIBRATION: CalibrationTable = Object.freeze({
  pools: {},
  stockoutLift: 1,
  stockoutWindows: 0,
}) as CalibrationTable;

type Calibrated = Pick<VariantForecast, "demandClass" | "sumErrors" | "stockoutWindows">;

/** Lift from the backtest windows that followed a stockout (their in-stock days). */
function stockoutLift(forecasts: readonly Calibrated[]): { lift: number; windows: number } {
  let a = 0,
    f = 0,
    n = 0;
  for (const fc of forecasts) {
    for (const w of fc.stockoutWindows ?? []) {
      a += w.actual;
      f += w.forecast;
      n++;
    }
  }
  if (!(f > 0) || n === 0) return { lift: 1, windows: n };
  const raw = a / f;
  const lift = 1 + (n / (n + LIFT_PRIOR_WINDOWS)) * (raw - 1);
  return { lift: Math.min(LIFT_RANGE[1], Math.max(LIFT_RANGE[0], lift)), windows: n };
}

export function buildCalibration(forecasts: Iterable<Calibrated>): CalibrationTable {
  const all = [...forecasts];
  const { lift, windows } = stockoutLift(all);
  const raw: Record<string, Obs[]> = {};
  const push = (key: string, o: Obs) => (raw[key] ??= []).push(o);
  for (const fc of all) {
    for (const e of fc.sumErrors ?? []) {
      if (!(e.sd > 0)) continue;
      // Windows after a stockout are judged as the lifted forecast would have been.
      const k = e.afterStockout ? lift : 1;
      const o = { z: (e.actual - k * e.forecast) / (k * e.sd), censored: e.censored === true };
      push(`${fc.demandClass}:${e.days}`, o);
      push(`*:${e.days}`, o);
    }
  }
  const pools: Record<string, Pool> = {};
  for (const [key, obs] of Object.entries(raw)) pools[key] = kaplanMeier(obs);
  return { pools, stockoutLift: lift, stockoutWindows: windows };
}

/** The forecast with the shop's stockout lift applied when it was recently out of stock. */
export function calibratedForecast<T extends Pick<VariantForecast, "mean" | "quantiles" | "recentStockout">>(
  fc: T,
  table: CalibrationTable | undefined,
): T {
  const k = table?.stockoutLift ?? 1;
  if (!fc.recentStockout || k === 1) return fc;
  const quantiles: Record<string, number[]> = {};
  for (const [level, q] of Object.entries(fc.quantiles)) quantiles[level] = q.map((x) => x * k);
  return { ...fc, mean: fc.mean.map((x) => x * k), quantiles };
}

interface Obs {
  z: number;
  /** The true value is at least z (a window with stockout days). */
  censored: boolean;
}

/**
 * The product-limit estimate of the CDF from right-censored observations (Kaplan & Meier 1958): a window
 * whose demand was hidden by a stockout says only that its error was at least this large, so it leaves the
 * risk set without a step instead of being counted as a small error or dropped (which would thin the tail).
 */
export function kaplanMeier(obs: Obs[]): Pool {
  const sorted = obs.slice().sort((a, b) => a.z - b.z || Number(a.censored) - Number(b.censored));
  const z: number[] = [];
  const cdf: number[] = [];
  let atRisk = sorted.length;
  let survival = 1;
  for (let i = 0; i < sorted.length;) {
    const v = sorted[i].z;
    let events = 0;
    let leaving = 0;
    while (i < sorted.length && sorted[i].z === v) {
      if (!sorted[i].censored) events++;
      leaving++;
      i++;
    }
    if (events > 0) {
      survival *= 1 - events / atRisk;
      z.push(v);
      cdf.push(1 - survival);
    }
    atRisk -= leaving;
  }
  return { z, cdf, n: obs.length };
}

/** The model's law at x, for ecdf's tail: countCdf(mean, size, .) with its value at x. */
interface ModelAt {
  mean: number;
  sd: number;
  size: number;
  model: number;
}

/** The model's CDF at x conditional on exceeding the point zLast (in sd units from the mean). */
function tail(m: ModelAt, zLast: number): number {
  const m0 = countCdf(m.mean, m.size, Math.floor(m.mean + zLast * m.sd));
  return m0 >= 1 ? 1 : Math.max(0, Math.min(1, (m.model - m0) / (1 - m0)));
}

/**
 * The pool's CDF at z (a step function; 0 below the first value). Beyond the last step, when censored
 * windows left mass unplaced, the model's own tail spreads it: `tail(at, z)` is the model's conditional CDF
 * beyond the last step.
 */
function ecdf(pool: Pool, z: number, at: ModelAt): number {
  let lo = 0;
  let hi = pool.z.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pool.z[mid] <= z + 1e-12) lo = mid + 1;
    else hi = mid;
  }
  const last = pool.cdf.length ? pool.cdf[pool.cdf.length - 1] : 0;
  if (lo === pool.z.length && last < 1)
    return last + (1 - last) * tail(at, pool.z.length ? pool.z[pool.z.length - 1] : -Infinity);
  return lo > 0 ? pool.cdf[lo - 1] : 0;
}

/** The recorded window length closest to `days` that has a pool. */
function windowKey(table: CalibrationTable, days: number): number | null {
  let best: number | null = null;
  for (const key of Object.keys(table.pools)) {
    if (!key.startsWith("*:")) continue;
    const d = Number(key.slice(2));
    if (
      best === null ||
      Math.abs(d - days) < Math.abs(best - days) ||
      (Math.abs(d - days) === Math.abs(best - days) && d > best)
    )
      best = d;
  }
  return best;
}

/** How a total of `days` days of a variant of class `cls` is calibrated: its pools and their weights. */
export interface CalibrationFor {
  cls: Pool | null;
  all: Pool | null;
}

export function calibrationFor(
  table: CalibrationTable | undefined,
  cls: DemandClass,
  days: number,
): CalibrationFor | null {
  if (!table) return null;
  const key = windowKey(table, days);
  if (key === null) return null;
  return { cls: table.pools[`${cls}:${key}`] ?? null, all: table.pools[`*:${key}`] ?? null };
}

/**
 * P(total <= x) for a total with model mean `mean` and standard deviation `sd` (negative binomial by
 * moments), calibrated by the empirical pools when given.
 */
export function totalCdf(mean: number, sd: number, x: number, cal: CalibrationFor | null): number {
  if (x < 0) return 0;
  const size = sizeFromMoments(mean, sd * sd);
  const model = countCdf(mean, size, x);
  if (!cal || !cal.all || cal.all.n === 0 || !(sd > 0)) return model;
  const z = (Math.floor(x) - mean) / sd;
  // A plain object, not a closure: this runs millions of times per recompute (tsx names every closure).
  const at: ModelAt = { mean, sd, size, model };
  const nc = cal.cls?.n ?? 0;
  const empirical =
    cal.cls && nc > 0
      ? (nc * ecdf(cal.cls, z, at) + CLASS_WEIGHT * ecdf(cal.all, z, at)) / (nc + CLASS_WEIGHT)
      : ecdf(cal.all, z, at);
  const n = cal.all.n;
  return (n * empirical + MODEL_WEIGHT * model) / (n + MODEL_WEIGHT);
}

/** Share of a variant's own backtest windows (about `days` long) whose actual total stayed within the calibrated quantile. */
export function backtestServiceLevel(
  errors: readonly SumError[],
  days: number,
  level: number,
  cal: CalibrationFor | null,
): { met: number; windows: number } | null {
  const key = errors.reduce<number | null>(
    (b, e) => (b === null || Math.abs(e.days - days) < Math.abs(b - days) ? e.days : b),
    null,
  );
  if (key === null) return null;
  const windows = errors.filter((e) => e.days === key);
  let met = 0;
  for (const e of windows) if (quantileOfTotal(e.forecast, e.sd, level, cal) >= e.actual) met++;
  return { met, windows: windows.length };
}

/** Smallest whole x with totalCdf(x) >= level. */
export function quantileOfTotal(mean: number, sd: number, level: number, cal: CalibrationFor | null): number {
  return smallestWith((x) => totalCdf(mean, sd, x, cal) >= level, mean + 12 * sd + 10);
}

/** Smallest whole x in [0, hi] with ok(x) (ok is monotone); hi when none. */
export function smallestWith(ok: (x: number) => boolean, hi: number): number {
  let lo = 0;
  let top = Math.max(1, Math.ceil(hi));
  while (!ok(top) && top < 1e9) top *= 2;
  while (lo < top) {
    const mid = Math.floor((lo + top) / 2);
    if (ok(mid)) top = mid;
    else lo = mid + 1;
  }
  return lo;
}
