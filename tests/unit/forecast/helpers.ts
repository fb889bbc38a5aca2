// Small deterministic helpers for the forecast tests.
import type { DailySeries } from "../../../app/core/forecast/index";
import { mulberry32 } from "../../../app/core/random";

/** mulberry32 PRNG (Tommy Ettinger), for seeded test data. */
export const rng = mulberry32;

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
