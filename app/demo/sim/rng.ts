// Seeded random numbers for the demo simulator. Pure functions of the seed: same seed, same stream.

import { mulberry32, type Rng } from "../../core/random";

export { mulberry32, type Rng };

/** Derives an independent 32-bit seed from a seed and labels (FNV-1a then a murmur3 finaliser). */
export function subSeed(seed: number, ...labels: (string | number)[]): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  const text = labels.join("/");
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

/** Integer in [lo, hi], both ends included. */
export function randInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

/** Fisher-Yates shuffle in place. */
export function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}

/** Standard normal by Box-Muller. */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Exponential with the given mean. */
export function exponential(rng: Rng, mean: number): number {
  return -mean * Math.log(1 - rng());
}

/** Gamma(shape, scale 1): Marsaglia & Tsang (2000), "A simple method for generating gamma variables". */
export function gamma(rng: Rng, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(1 - rng(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

const LOG_FACTORIAL: number[] = [0];
for (let k = 1; k < 256; k++) LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);

function logFactorial(k: number): number {
  if (k < 256) return LOG_FACTORIAL[k];
  // Stirling series.
  return (k + 0.5) * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * k) - 1 / (360 * k * k * k);
}

/**
 * Poisson draw. Means below 10: Knuth's multiplication method; from 10: PTRS, Hörmann (1993),
 * "The transformed rejection method for generating Poisson random variables".
 */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < 10) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = rng();
    while (p > limit) {
      k++;
      p *= rng();
    }
    return k;
  }
  const slam = Math.sqrt(mean);
  const loglam = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng() - 0.5;
    const v = rng();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - logFactorial(k)) {
      return k;
    }
  }
}

/**
 * Negative binomial with the given mean and size (dispersion) k: variance = mean + mean^2 / k.
 * Drawn as a gamma-Poisson mixture; size = Infinity gives a plain Poisson.
 */
export function negBinomial(rng: Rng, mean: number, size: number): number {
  if (!(mean > 0)) return 0;
  if (!Number.isFinite(size)) return poisson(rng, mean);
  if (mean < 10) {
    // Inversion on the pmf recursion P(x+1) = P(x) (x + k) / (x + 1) * m / (k + m): ~1 + mean steps.
    const q = mean / (size + mean);
    let p = Math.pow(size / (size + mean), size);
    let cdf = p;
    const u = rng();
    let x = 0;
    while (u > cdf && x < 10_000) {
      p *= ((x + size) / (x + 1)) * q;
      x++;
      cdf += p;
      if (p < 1e-17 && x > mean) break;
    }
    return x;
  }
  return poisson(rng, (gamma(rng, size) * mean) / size);
}
