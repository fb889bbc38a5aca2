// Seeded random streams and the few distributions the benchmark simulator draws from. Each draw uses a
// FIXED number of uniforms (inverse-CDF sampling), so two runs that differ only in a price consume the
// same stream: common random numbers, and sample paths that move monotonically with the price.
import { mulberry32, type Rng } from "../../../app/core/random";
import { normalQuantile } from "../../../app/core/stats/normal";

export type { Rng };

/** A 32-bit seed derived from a seed and labels (xorshift-multiply mixing of the label characters). */
export function seedOf(seed: number, ...labels: (string | number)[]): number {
  let h = (seed ^ 0x5bd1e995) >>> 0;
  for (const ch of labels.join(":")) {
    h = Math.imul(h ^ ch.charCodeAt(0), 0x9e3779b1) >>> 0;
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export function stream(seed: number, ...labels: (string | number)[]): Rng {
  return mulberry32(seedOf(seed, ...labels));
}

export const between = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();

/** Log-uniform between lo and hi. */
export const logBetween = (rng: Rng, lo: number, hi: number): number =>
  Math.exp(between(rng, Math.log(lo), Math.log(hi)));

/** Standard normal from one uniform (inverse CDF). */
export function gauss(rng: Rng): number {
  return normalQuantile(Math.min(1 - 1e-12, Math.max(1e-12, rng())));
}

export function choose<T>(rng: Rng, items: readonly T[], weights?: readonly number[]): T {
  if (!weights) return items[Math.floor(rng() * items.length)];
  const total = weights.reduce((a, b) => a + b, 0);
  let u = rng() * total;
  for (let i = 0; i < items.length; i++) {
    u -= weights[i];
    if (u < 0) return items[i];
  }
  return items[items.length - 1];
}

/** Poisson by inversion of its CDF from one uniform; means above 30 are sums of chunks of at most 30. */
export function poissonDraw(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  const chunks = Math.ceil(mean / 30);
  const m = mean / chunks;
  let total = 0;
  for (let c = 0; c < chunks; c++) {
    const u = rng();
    let k = 0;
    let p = Math.exp(-m);
    let cdf = p;
    while (u > cdf && k < 1000) {
      k++;
      p *= m / k;
      cdf += p;
    }
    total += k;
  }
  return total;
}

/** Geometric on {1, 2, ...} with the given mean (>= 1), by inversion. */
export function geometricDraw(rng: Rng, mean: number): number {
  if (mean <= 1) return 1;
  const q = 1 - 1 / mean;
  return 1 + Math.floor(Math.log(1 - rng()) / Math.log(q));
}
