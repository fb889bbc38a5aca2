// Quantiles of total demand over a period (e.g. lead time + review period) that starts `offsetDays`
// after the forecast start. Moment-matched negative binomial, no simulation (so the seed is unused
// and the result is exact given the assumptions):
// - daily demands are NB(mean_t, size) with the forecast's dispersion, independent given the level,
//   plus a level error shared by all days (squared CV `levelCv2`, from the backtest), so a total
//   with mean M has variance sum(mean_t + mean_t^2 / size) + levelCv2 x M^2;
// - a random length L ~ Normal(meanDays, sdDays) discretised on whole days >= 0 adds the variance of
//   the conditional mean (law of total variance), the classic lead-time-demand construction
//   (Silver, Pyke & Thomas 2017, "Inventory and Production Management in Supply Chains", ch. 6);
// - the total is then NB with the same mean and variance (Poisson when not over-dispersed).
// Past the horizon the last forecast season repeats.

import { countQuantile, nbVariance, sizeFromMoments } from "./distribution";
import { levelKey, type VariantForecast } from "./types";

export type PeriodLength = number | { meanDays: number; sdDays: number; reviewDays?: number };

export interface PeriodDemand {
  mean: number;
  /** Variance of the total. */
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

export function periodDemandQuantiles(
  fc: VariantForecast, offsetDays: number, period: PeriodLength, levels: number[], _seed?: number,
): PeriodDemand {
  if (!(offsetDays >= 0)) throw new RangeError(`offsetDays must be >= 0, got ${offsetDays}`);
  for (const l of levels) if (!(l > 0 && l < 1)) throw new RangeError(`levels must be in (0, 1), got ${l}`);
  const size = fc.dispersion;
  const off = Math.round(offsetDays);
  // Length distribution over whole days.
  const lengths: number[] = [];
  const weights: number[] = [];
  if (typeof period === "number") {
    if (!(period >= 0)) throw new RangeError(`period must be >= 0 days, got ${period}`);
    lengths.push(Math.round(period));
    weights.push(1);
  } else {
    const { meanDays, sdDays } = period;
    const review = period.reviewDays ?? 0;
    if (!(meanDays >= 0) || !(sdDays >= 0) || !(review >= 0)) throw new RangeError("lead time meanDays, sdDays and reviewDays must be >= 0");
    if (sdDays === 0) {
      lengths.push(Math.round(meanDays + review));
      weights.push(1);
    } else {
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
      for (let i = 0; i < weights.length; i++) weights[i] /= tot;
    }
  }
  const maxLen = Math.max(...lengths);
  // Cumulative mean and variance of the daily demands from the offset.
  const cm = new Float64Array(maxLen + 1);
  const cv = new Float64Array(maxLen + 1);
  for (let t = 0; t < maxLen; t++) {
    const mu = dailyMean(fc, off + t);
    cm[t + 1] = cm[t] + mu;
    cv[t + 1] = cv[t] + nbVariance(mu, size);
  }
  const c2 = fc.levelCv2 && fc.levelCv2 > 0 ? fc.levelCv2 : 0;
  let mean = 0, second = 0;
  for (let i = 0; i < lengths.length; i++) {
    const m = cm[lengths[i]];
    mean += weights[i] * m;
    second += weights[i] * (cv[lengths[i]] + c2 * m * m + m * m);
  }
  const variance = Math.max(0, second - mean * mean);
  const totalSize = sizeFromMoments(mean, variance);
  const quantiles: Record<string, number> = {};
  for (const l of levels) quantiles[levelKey(l)] = countQuantile(mean, totalSize, l);
  return { mean, variance, quantiles };
}
