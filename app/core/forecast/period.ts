// Demand over a period (e.g. lead time + review period) that starts `offsetDays` after the forecast start.
// - For a period of l whole days the model total has mean M_l = sum of daily means and variance
//   V_l = sum(mean_t + mean_t^2 / size) + levelCv2 x M_l^2 (daily negative binomials plus a level error
//   shared by all days, from the backtest).
// - A random lead time L ~ Normal(meanDays, sdDays), discretised on whole days >= 0, mixes the totals of
//   each length (the classic lead-time-demand construction, Silver, Pyke & Thomas 2017, ch. 6):
//   P(D <= x) = sum_l w_l P(D_l <= x).
// - Each length's total follows the shop's calibrated law when a calibration table is given (calibration.ts),
//   else the negative binomial matching M_l and V_l.
// Quantiles are the smallest whole x whose mixture CDF reaches the level. Past the horizon the last
// forecast season repeats. No simulation: the result is exact given the assumptions and deterministic.
import { calibrationFor, smallestWith, totalCdf, type CalibrationTable } from "./calibration";
import { nbVariance } from "./distribution";
import { levelKey, type VariantForecast } from "./types";

export type PeriodLength = number | { meanDays: number; sdDays: number; reviewDays?: number };

export interface PeriodDemand {
  mean: number;
  /** Variance of the total (model, before calibration). */
  variance: number;
  quantiles: Record<string, number>;
}

function dailyMean(fc: VariantForecast, t: number): number {
  const m = fc.mean;
  const h = m.length;
  if (h === 0) return 0;
  if (t < h) return m[t];
  const p = Math.max(1, Math.min(fc.seasonPeriod ?? 7, h));
  return m[h - p + ((t - h) % p)];
}

/** Whole-day lengths and their probabilities. */
function lengthsOf(period: PeriodLength): { lengths: number[]; weights: number[] } {
  if (typeof period === "number") {
    if (!(period >= 0)) throw new RangeError(`period must be >= 0 days, got ${period}`);
    return { lengths: [Math.round(period)], weights: [1] };
  }
  const { meanDays, sdDays } = period;
  const review = period.reviewDays ?? 0;
  if (!(meanDays >= 0) || !(sdDays >= 0) || !(review >= 0))
    throw new RangeError("lead time meanDays, sdDays and reviewDays must be >= 0");
  if (sdDays === 0) return { lengths: [Math.round(meanDays + review)], weights: [1] };
  const lengths: number[] = [];
  const weights: number[] = [];
  const lo = Math.max(0, Math.floor(meanDays - 4 * sdDays));
  const hi = Math.ceil(meanDays + 4 * sdDays);
  let tot = 0;
  for (let l = lo; l <= hi; l++) {
    const z = (l - meanDays) / sdDays;
    const w = Math.exp(-0.5 * z * z);
    lengths.push(Math.round(l + review));
    weights.push(w);
    tot += w;
  }
  return { lengths, weights: weights.map((w) => w / tot) };
}

/** The total's law for each possible length: model mean, model sd, weight. */
export interface PeriodMixture {
  parts: { days: number; mean: number; sd: number; w: number }[];
  mean: number;
  variance: number;
  cdf: (x: number) => number;
}

export function periodMixture(
  fc: VariantForecast,
  offsetDays: number,
  period: PeriodLength,
  calibration?: CalibrationTable,
): PeriodMixture {
  if (!(offsetDays >= 0)) throw new RangeError(`offsetDays must be >= 0, got ${offsetDays}`);
  const { lengths, weights } = lengthsOf(period);
  const off = Math.round(offsetDays);
  const maxLen = Math.max(...lengths);
  const cm = new Float64Array(maxLen + 1);
  const cv = new Float64Array(maxLen + 1);
  for (let t = 0; t < maxLen; t++) {
    const mu = dailyMean(fc, off + t);
    cm[t + 1] = cm[t] + mu;
    cv[t + 1] = cv[t] + nbVariance(mu, fc.dispersion);
  }
  const c2 = fc.levelCv2 && fc.levelCv2 > 0 ? fc.levelCv2 : 0;
  let mean = 0,
    second = 0;
  const parts = lengths.map((l, i) => {
    const m = cm[l];
    const v = cv[l] + c2 * m * m;
    mean += weights[i] * m;
    second += weights[i] * (v + m * m);
    return { days: l, mean: m, sd: Math.sqrt(v), w: weights[i] };
  });
  const cals = parts.map((p) => calibrationFor(calibration, fc.demandClass, p.days));
  const cdf = (x: number): number => {
    let s = 0;
    for (let i = 0; i < parts.length; i++)
      s += parts[i].w * (parts[i].mean > 0 ? totalCdf(parts[i].mean, parts[i].sd, x, cals[i]) : x >= 0 ? 1 : 0);
    return s;
  };
  return { parts, mean, variance: Math.max(0, second - mean * mean), cdf };
}

export function periodDemandQuantiles(
  fc: VariantForecast,
  offsetDays: number,
  period: PeriodLength,
  levels: number[],
  calibration?: CalibrationTable,
): PeriodDemand {
  const { exceeds: _exceeds, ...demand } = periodLaw(fc, offsetDays, period, levels, calibration);
  return demand;
}

/** Probability that demand over the period exceeds `units` (e.g. the stock position without an order). */
export function probabilityDemandExceeds(
  fc: VariantForecast,
  offsetDays: number,
  period: PeriodLength,
  units: number,
  calibration?: CalibrationTable,
): number {
  return periodLaw(fc, offsetDays, period, [], calibration).exceeds(units);
}

/**
 * The period's law built once: its quantiles at `levels`, and the chance that demand exceeds any number of
 * units (for callers that ask both, or ask the chance for several stock positions).
 */
export function periodLaw(
  fc: VariantForecast,
  offsetDays: number,
  period: PeriodLength,
  levels: number[],
  calibration?: CalibrationTable,
): PeriodDemand & { exceeds: (units: number) => number } {
  for (const l of levels) if (!(l > 0 && l < 1)) throw new RangeError(`levels must be in (0, 1), got ${l}`);
  const mix = periodMixture(fc, offsetDays, period, calibration);
  const quantiles: Record<string, number> = {};
  const hi = Math.max(...mix.parts.map((p) => p.mean + 12 * p.sd)) + 10;
  // The levels' searches (and `exceeds`) visit many of the same x: each CDF value is computed once.
  const seen = new Map<number, number>();
  const cdf = (x: number): number => {
    let v = seen.get(x);
    if (v === undefined) seen.set(x, (v = mix.cdf(x)));
    return v;
  };
  for (const l of levels) quantiles[levelKey(l)] = mix.mean > 0 ? smallestWith((x) => cdf(x) >= l, hi) : 0;
  const exceeds = (units: number) =>
    mix.mean > 0 ? Math.max(0, Math.min(1, 1 - cdf(Math.floor(Math.max(0, units))))) : 0;
  return { mean: mix.mean, variance: mix.variance, quantiles, exceeds };
}
