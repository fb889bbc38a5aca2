// Order cycles of the service-level benchmark: at an origin the policy sets an order-up-to level S; the
// cycle is served when the demand over the realised protection period (a lead time drawn from the true
// law + the review period) is at most S. The oracle's S is the true quantile of that demand.
import { normalQuantile } from "../../../app/core/stats/normal";
import type { DemandClass } from "../sim/index";

export const SERVICE_LEVELS = [0.9, 0.95, 0.99] as const;

export interface CycleCase {
  variant: string;
  origin: number;
  demandClass: DemandClass;
  /** A stockout (day opening with no stock) in the 60 days before the origin. */
  censored: boolean;
  /** Protection-period demand: the engine's mean and the true mean. */
  engineMean: number;
  trueMean: number;
  /** Order-up-to levels by promised level. */
  engine: Map<number, number>;
  textbook: Map<number, number>;
  oracle: Map<number, number>;
  /** Realised protection-period totals of independent cycles (fresh draws of the truth). */
  cycles: Float64Array;
}

/** Empirical quantile (type 1: the smallest x with F(x) >= level), the stock that serves `level` of cycles. */
export function empiricalQuantile(xs: ArrayLike<number>, level: number): number {
  const s = Float64Array.from(xs).sort();
  return s[Math.max(0, Math.ceil(level * s.length) - 1)];
}

/** Textbook rule: S = 28-day average x P + z_a x daily sd (last 28 days) x sqrt(P). */
export function textbookLevel(units: ArrayLike<number>, periodDays: number, level: number): number {
  const n = Math.min(28, units.length);
  let s = 0,
    s2 = 0;
  for (let i = units.length - n; i < units.length; i++) {
    s += units[i];
    s2 += units[i] * units[i];
  }
  const m = s / n;
  const sd = Math.sqrt(Math.max(0, s2 / n - m * m));
  return m * periodDays + normalQuantile(level) * sd * Math.sqrt(periodDays);
}

/** Protection-period totals of n draws: lead time i plus the review period, summed over day path i. */
export function periodTotals(paths: ArrayLike<number>[], leads: number[], reviewDays: number): Float64Array {
  return Float64Array.from(paths, (p, i) => {
    let t = 0;
    for (let d = 0; d < leads[i] + reviewDays; d++) t += p[d];
    return t;
  });
}

export const served = (cycles: Float64Array, level: number): number => {
  let n = 0;
  for (const x of cycles) if (x <= level + 1e-9) n++;
  return n;
};
