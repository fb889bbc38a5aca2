// Calibrated demand totals (issue 12, docs/decisions/0014). The shop's own rolling-origin backtests give, for
// each variant, windows where the forecast total F, the actual total A and the model's standard deviation
// sd of the total are known. The standardized errors z = (A - F) / sd, pooled by demand class (and over the
// whole shop), form an empirical distribution: a split-conformal calibration of the model's predictive
// distribution (Vovk, Gammerman & Shafer 2005; Romano, Patterson & Candès 2019 for the quantile form).
// A total's calibrated CDF blends that empirical law with the model's negative binomial, weighted by how
// many windows back it, so a small shop leans on the model and a large one on its own record.
import { countCdf, sizeFromMoments } from "./distribution";
import type { DemandClass, SumError, VariantForecast } from "./types";

export interface CalibrationTable {
  /** Sorted standardized errors by `${class}:${days}`, and `*:${days}` for the whole shop. */
  pools: Record<string, number[]>;
}

/** Windows behind an empirical pool that weigh as much as the model (its prior weight). */
const MODEL_WEIGHT = 60;
/** Windows of the class that weigh as much as the shop-wide pool. */
const CLASS_WEIGHT = 200;

export const EMPTY_CALIBRATION: CalibrationTable = Object.freeze({ pools: {} }) as CalibrationTable;

export function buildCalibration(forecasts: Iterable<Pick<VariantForecast, "demandClass" | "sumErrors">>): CalibrationTable {
  const pools: Record<string, number[]> = {};
  const push = (key: string, z: number) => (pools[key] ??= []).push(z);
  for (const fc of forecasts) {
    for (const e of fc.sumErrors ?? []) {
      if (!(e.sd > 0)) continue;
      const z = (e.actual - e.forecast) / e.sd;
      push(`${fc.demandClass}:${e.days}`, z);
      push(`*:${e.days}`, z);
    }
  }
  for (const k of Object.keys(pools)) pools[k].sort((a, b) => a - b);
  return { pools };
}

/** Share of the sorted sample at or below z (0 for an empty sample). */
function ecdf(sorted: number[], z: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= z + 1e-12) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length ? lo / sorted.length : 0;
}

/** The recorded window length closest to `days` that has a pool. */
function windowKey(table: CalibrationTable, days: number): number | null {
  let best: number | null = null;
  for (const key of Object.keys(table.pools)) {
    if (!key.startsWith("*:")) continue;
    const d = Number(key.slice(2));
    if (best === null || Math.abs(d - days) < Math.abs(best - days) || (Math.abs(d - days) === Math.abs(best - days) && d > best)) best = d;
  }
  return best;
}

/** How a total of `days` days of a variant of class `cls` is calibrated: its pools and their weights. */
export interface CalibrationFor {
  cls: number[];
  all: number[];
}

export function calibrationFor(table: CalibrationTable | undefined, cls: DemandClass, days: number): CalibrationFor | null {
  if (!table) return null;
  const key = windowKey(table, days);
  if (key === null) return null;
  return { cls: table.pools[`${cls}:${key}`] ?? [], all: table.pools[`*:${key}`] ?? [] };
}

/**
 * P(total <= x) for a total with model mean `mean` and standard deviation `sd` (negative binomial by
 * moments), calibrated by the empirical pools when given.
 */
export function totalCdf(mean: number, sd: number, x: number, cal: CalibrationFor | null): number {
  if (x < 0) return 0;
  const model = countCdf(mean, sizeFromMoments(mean, sd * sd), x);
  if (!cal || cal.all.length === 0 || !(sd > 0)) return model;
  const z = (Math.floor(x) - mean) / sd;
  const nc = cal.cls.length;
  const empirical = nc > 0 ? (nc * ecdf(cal.cls, z) + CLASS_WEIGHT * ecdf(cal.all, z)) / (nc + CLASS_WEIGHT) : ecdf(cal.all, z);
  const n = cal.all.length;
  return (n * empirical + MODEL_WEIGHT * model) / (n + MODEL_WEIGHT);
}

/** Share of a variant's own backtest windows (about `days` long) whose actual total stayed within the calibrated quantile. */
export function backtestServiceLevel(errors: readonly SumError[], days: number, level: number, cal: CalibrationFor | null): { met: number; windows: number } | null {
  const key = errors.reduce<number | null>((b, e) => (b === null || Math.abs(e.days - days) < Math.abs(b - days) ? e.days : b), null);
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
