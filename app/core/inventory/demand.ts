// Demand over a window of days, read off a daily forecast.
import type { VariantForecast } from "../forecast/types";

/**
 * Expected demand on day t (0 = forecast start). Beyond the horizon the last season (`seasonPeriod`,
 * default a week) repeats, as the forecast engine's period quantiles do.
 */
export function dailyMean(fc: VariantForecast, t: number): number {
  const h = fc.mean.length;
  if (t < h) return Math.max(0, fc.mean[t]);
  const p = Math.max(1, Math.min(fc.seasonPeriod ?? 7, h));
  return Math.max(0, fc.mean[h - p + ((t - h) % p)]);
}

/**
 * Variance of daily demand: negative binomial mu + mu^2/size, Poisson when size is infinite
 * (the engine's `dispersion`, see app/core/forecast/types.ts).
 */
export function dailyVariance(fc: VariantForecast, t: number): number {
  const mu = dailyMean(fc, t);
  const k = fc.dispersion;
  return Number.isFinite(k) && k > 0 ? mu + (mu * mu) / k : mu;
}

export interface WindowDemand {
  mean: number;
  /** Variance from demand only (lead time known). */
  variance: number;
  /** Average daily demand over the window. */
  dailyRate: number;
}

/** Demand over days [0, days), a fractional last day counted pro rata. */
export function windowDemand(fc: VariantForecast, days: number): WindowDemand {
  let mean = 0;
  let variance = 0;
  const whole = Math.floor(days);
  for (let t = 0; t < whole; t++) {
    mean += dailyMean(fc, t);
    variance += dailyVariance(fc, t);
  }
  const frac = days - whole;
  if (frac > 0) {
    mean += frac * dailyMean(fc, whole);
    variance += frac * dailyVariance(fc, whole);
  }
  return { mean, variance, dailyRate: days > 0 ? mean / days : dailyMean(fc, 0) };
}

/**
 * Mean and standard deviation of demand over a window whose length is uncertain (lead time sd):
 * sigma^2 = E[T] var_d + mu_d^2 var_T (Silver, Pyke & Thomas 1998, eq. 7.21).
 */
export function windowDemandWithLeadTimeSpread(
  fc: VariantForecast,
  meanDays: number,
  sdDays: number,
): { mean: number; sd: number } {
  const w = windowDemand(fc, meanDays);
  const variance = w.variance + w.dailyRate * w.dailyRate * sdDays * sdDays;
  return { mean: w.mean, sd: Math.sqrt(Math.max(0, variance)) };
}
