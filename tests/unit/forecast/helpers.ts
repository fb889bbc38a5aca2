// Small deterministic helpers for the forecast tests.
import type { DailySeries } from "../../../app/core/forecast/index";

/** mulberry32 PRNG (Tommy Ettinger), for seeded test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Poisson draw by inversion (small means only). */
export function poisson(r: () => number, mean: number): number {
  const l = Math.exp(-mean);
  let k = 0;
  let p = r();
  while (p > l) {
    k++;
    p *= r();
  }
  return k;
}

/** A daily series with a weekday pattern (weekends x1.5), Poisson noise, starting on a Monday. */
export function weeklySeries(days: number, level: number, seed = 1, id = "v1", group?: string): DailySeries {
  const r = rng(seed);
  const units = Array.from({ length: days }, (_, i) => poisson(r, level * (i % 7 >= 5 ? 1.5 : 0.8)));
  return { id, start: "2024-01-01", units, group };
}

export function mean(a: number[]): number {
  return a.reduce((s, v) => s + v, 0) / a.length;
}
