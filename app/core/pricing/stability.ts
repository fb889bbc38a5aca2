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
  return {
    ...h,
    units: h.units.slice(0, to),
    prices: h.prices.slice(0, to),
    available: h.available?.slice(0, to),
    eventDays: h.eventDays?.slice(0, to),
  };
}

export function modelError(histories: PriceHistory[], horizon = 28): ModelError {
  const acc = new ModelErrorBuilder(histories.length, horizon);
  histories.forEach((h, i) => acc.add(h, i));
  return acc.finish();
}

/**
 * modelError one history at a time, in the order modelError reads them (a recompute streams the shop's
 * histories): `total` is the number of histories, `index` each one's position. Same sample, same sums.
 */
export interface ModelErrorState {
  sum: number;
  changes: number;
}

export class ModelErrorBuilder {
  private sum = 0;
  private changes = 0;
  private readonly every: number;

  constructor(
    private readonly total: number,
    private readonly horizon = 28,
  ) {
    this.every = total <= SAMPLE ? 1 : Math.ceil(total / SAMPLE);
  }

  /** Whether the history at this position is in the sample (the others need not be given). */
  sampled(index: number): boolean {
    return this.total <= SAMPLE || index % this.every === 0;
  }

  add(h: PriceHistory, index: number): void {
    if (!this.sampled(index)) return;
    const step = lastPriceStep(h);
    if (!step) return;
    const fit = fitVariantElasticity(slice(h, step.at), this.horizon).raw;
    if (!fit) return;
    let before = 0;
    let after = 0;
    for (let i = step.at - WINDOW; i < step.at; i++) before += h.units[i];
    for (let i = step.at; i < step.at + WINDOW; i++) after += h.units[i];
    if (before <= 0 || after <= 0) return;
    const realised = Math.log(after / before);
    const noise = 1 / before + 1 / after;
    const r = realised - fit.estimate * step.d;
    this.sum += Math.min(25, (r * r - noise - fit.se * fit.se * step.d * step.d) / (step.d * step.d));
    this.changes++;
  }

  /** The sums so far (a part of the shop's histories, built elsewhere). */
  state(): ModelErrorState {
    return { sum: this.sum, changes: this.changes };
  }

  /** Adds a part's sums (parts merged in a fixed order give the same error every time). */
  merge(part: ModelErrorState): void {
    this.sum += part.sum;
    this.changes += part.changes;
  }

  finish(): ModelError {
    const { sum, changes } = this;
    const extra = changes > 0 ? Math.max(0, sum / (changes + PRIOR_CHANGES)) : 0;
    return { extraVariance: Math.min(MAX_EXTRA_SD ** 2, extra), changes };
  }
}
