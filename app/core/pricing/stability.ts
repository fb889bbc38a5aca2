// How well the shop's own elasticities predicted its own past price changes (docs/decisions/0013).
// For a sample of variants with a clean permanent price change (a step that held for three weeks after a
// price that held for three weeks), the elasticity is fitted on the history BEFORE the change and used to
// predict the change in log demand: pred = e x (log p_after - log p_before). The realised change is the
// log ratio of mean daily units over the three weeks after and before. Whatever the model's standard
// error and the sales noise do not explain is model error: the variance
//   sigma_m^2 = mean[((realised - pred)^2 - noise - se^2 x d^2) / d^2],  d = log p_after - log p_before,
// is added to every variant's squared standard error, so the confidence the engine reports also covers
// what its model gets wrong (a held-out check, as in rolling-origin evaluation; Tashman 2000).
import { uncensoredDays } from "../forecast/censoring";
import { fitVariantElasticity } from "./elasticity-fit";
import type { PriceHistory } from "./types";

/** Variants checked at most (a stable sample keeps the cost bounded on large shops). */
const SAMPLE = 400;
const WINDOW = 21;
const MIN_STEP = 0.03;
/** Changes that weigh as much as the prior (no extra error) when few are available. */
const PRIOR_CHANGES = 5;
const MAX_EXTRA_SD = 3;

export interface ModelError {
  /** Extra variance of an elasticity estimate from model error. */
  extraVariance: number;
  /** Price changes the estimate rests on. */
  changes: number;
}

interface Step {
  at: number;
  d: number;
}

/** The last clean permanent price step: constant (within 1%) for WINDOW days on both sides. */
export function lastPriceStep(h: PriceHistory): Step | null {
  const n = h.units.length;
  const ok = uncensoredDays(h.available, n, h.eventDays);
  const price: (number | null)[] = [];
  let last: number | null = null;
  for (let i = 0; i < n; i++) {
    const p = h.prices[i];
    if (p != null && p > 0) last = p;
    price.push(last);
  }
  const steady = (from: number, to: number, ref: number): boolean => {
    for (let i = from; i < to; i++) {
      const p = price[i];
      if (p == null || !ok[i] || Math.abs(Math.log(p / ref)) > 0.01) return false;
    }
    return true;
  };
  for (let c = n - WINDOW; c >= 2 * WINDOW; c--) {
    const a = price[c - 1];
    const b = price[c];
    if (a == null || b == null || Math.abs(Math.log(b / a)) < MIN_STEP) continue;
    if (steady(c - WINDOW, c, a) && steady(c, c + WINDOW, b)) return { at: c, d: Math.log(b / a) };
  }
  return null;
}

function slice(h: PriceHistory, to: number): PriceHistory {
  return { ...h, units: h.units.slice(0, to), prices: h.prices.slice(0, to), available: h.available?.slice(0, to), eventDays: h.eventDays?.slice(0, to) };
}

export function modelError(histories: PriceHistory[], horizon = 28): ModelError {
  const sample = histories.length <= SAMPLE ? histories : histories.filter((_, i) => i % Math.ceil(histories.length / SAMPLE) === 0);
  let sum = 0;
  let changes = 0;
  for (const h of sample) {
    const step = lastPriceStep(h);
    if (!step) continue;
    const fit = fitVariantElasticity(slice(h, step.at), horizon).raw;
    if (!fit) continue;
    let before = 0;
    let after = 0;
    for (let i = step.at - WINDOW; i < step.at; i++) before += h.units[i];
    for (let i = step.at; i < step.at + WINDOW; i++) after += h.units[i];
    if (before <= 0 || after <= 0) continue;
    const realised = Math.log(after / before);
    const noise = 1 / before + 1 / after;
    const r = realised - fit.estimate * step.d;
    sum += Math.min(25, (r * r - noise - fit.se * fit.se * step.d * step.d) / (step.d * step.d));
    changes++;
  }
  const extra = changes > 0 ? Math.max(0, sum / (changes + PRIOR_CHANGES)) : 0;
  return { extraVariance: Math.min(MAX_EXTRA_SD ** 2, extra), changes };
}
