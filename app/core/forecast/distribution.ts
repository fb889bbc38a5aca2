// Count distributions for demand quantiles: negative binomial NB(mean mu, size k) with
// Var = mu + mu^2 / k, Poisson when k = Infinity (not over-dispersed).
// Over-dispersed counts as NB: Lawless (1987), "Negative binomial and mixed Poisson regression";
// method-of-moments size as in Syntetos & Boylan's count-demand work and Kolassa (2016),
// "Evaluating predictive count data distributions in retail sales forecasting".
import { normalCdf } from "../stats/normal";

/** Largest 1/size accepted (size >= 0.05): beyond it the tail estimate is noise. */
const MAX_INV_SIZE = 20;

/**
 * NB size from one-step errors by the method of moments: E[(y - mu)^2] = mu + mu^2 / k, so
 * 1/k = (sum e^2 - sum mu) / sum mu^2. Returns Infinity (Poisson) when not over-dispersed.
 */
export function dispersionFromResiduals(sse: number, fitSum: number, fitSqSum: number): number {
  if (!(fitSqSum > 0) || !Number.isFinite(sse)) return Infinity;
  const inv = (sse - fitSum) / fitSqSum;
  if (!(inv > 1e-6)) return Infinity;
  return 1 / Math.min(inv, MAX_INV_SIZE);
}

/** Moment-matched NB size for a total with the given mean and variance. */
export function sizeFromMoments(mean: number, variance: number): number {
  if (!(mean > 0) || !(variance > mean)) return Infinity;
  return Math.max((mean * mean) / (variance - mean), 1 / MAX_INV_SIZE);
}

/** Variance of NB(mu, size). */
export function nbVariance(mu: number, size: number): number {
  return size === Infinity ? mu : mu + (mu * mu) / size;
}

/** Inverse standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [
    -39.6968302866538, 220.946098424521, -275.928510446969, 138.357751867269, -30.6647980661472, 2.50662827745924,
  ];
  const b = [-54.4760987982241, 161.585836858041, -155.698979859887, 66.8013118877197, -13.2806815528857];
  const c = [
    -0.00778489400243029, -0.322396458041136, -2.40075827716184, -2.54973253934373, 4.37466414146497, 2.93816398269878,
  ];
  const d = [0.00778469570904146, 0.32246712907004, 2.445134137143, 3.75440866190742];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return (
      -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/**
 * Smallest integer x with P(Y <= x) >= level for Y ~ NB(mu, size) (Poisson when size = Infinity).
 * Sums the pmf by its recurrence; falls back to a normal approximation when P(0) underflows.
 */
export function countQuantile(mu: number, size: number, level: number): number {
  if (!(mu > 0) || !(level > 0)) return 0;
  if (level >= 1) return Infinity;
  const poisson = !(size < 1e8);
  const logP0 = poisson ? -mu : size * Math.log(size / (size + mu));
  if (logP0 < -600) {
    const sd = Math.sqrt(nbVariance(mu, poisson ? Infinity : size));
    return Math.max(0, Math.round(mu + normalQuantile(level) * sd));
  }
  const ratio = poisson ? mu : mu / (size + mu);
  let p = Math.exp(logP0);
  let cdf = p;
  let x = 0;
  const cap = 1e6;
  while (cdf < level && x < cap) {
    p *= poisson ? ratio / (x + 1) : ((x + size) / (x + 1)) * ratio;
    x++;
    cdf += p;
    if (p === 0 && x > mu) break;
  }
  return x;
}

/** Fills out[j] with countQuantile(mu, size, levels[j]) in a single pmf pass (levels ascending). */
export function countQuantilesSorted(mu: number, size: number, levels: readonly number[], out: number[]): void {
  if (!(mu > 0)) {
    for (let j = 0; j < levels.length; j++) out[j] = 0;
    return;
  }
  const poisson = !(size < 1e8);
  const logP0 = poisson ? -mu : size * Math.log(size / (size + mu));
  if (logP0 < -600) {
    for (let j = 0; j < levels.length; j++) out[j] = countQuantile(mu, size, levels[j]);
    return;
  }
  const ratio = poisson ? mu : mu / (size + mu);
  let p = Math.exp(logP0);
  let cdf = p;
  let x = 0;
  for (let j = 0; j < levels.length; j++) {
    const level = levels[j];
    while (cdf < level && x < 1e6) {
      p *= poisson ? ratio / (x + 1) : ((x + size) / (x + 1)) * ratio;
      x++;
      cdf += p;
      if (p === 0 && x > mu) break;
    }
    out[j] = x;
  }
}

/** P(Y <= x) for Y ~ NB(mu, size) (Poisson when size = Infinity); a normal approximation for large means. */
export function countCdf(mu: number, size: number, x: number): number {
  if (x < 0) return 0;
  if (!(mu > 0)) return 1;
  const k = Math.floor(x);
  const poisson = !(size < 1e8);
  const logP0 = poisson ? -mu : size * Math.log(size / (size + mu));
  if (mu > 500 || logP0 < -600) {
    const sd = Math.sqrt(nbVariance(mu, poisson ? Infinity : size));
    return normalCdf((k + 0.5 - mu) / sd);
  }
  const ratio = poisson ? mu : mu / (size + mu);
  let p = Math.exp(logP0);
  let cdf = p;
  for (let i = 0; i < k; i++) {
    p *= poisson ? ratio / (i + 1) : ((i + size) / (i + 1)) * ratio;
    cdf += p;
    if (cdf >= 1 - 1e-12) return 1;
  }
  return Math.min(1, cdf);
}
