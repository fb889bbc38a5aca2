// Vendor lead times and the shop's own (imperfect) replenishment: a periodic review every R days that
// orders up to (average sales per in-stock day over the last 28 days) x (lead time + R) x safety. The
// rule ignores seasons and promotions and lead times are random, so stockouts happen; sales are
// min(demand, stock) and a day that opens with no stock is censored (available = false), as the app
// sees it from its inventory snapshots.
import { gauss, type Rng } from "./rng";

/** True lead-time law of a vendor: lognormal with this mean and sd, rounded to whole days, at least 1. */
export interface LeadTimeLaw {
  mean: number;
  sd: number;
  mu: number;
  s: number;
}

export function leadTimeLaw(mean: number, sd: number): LeadTimeLaw {
  const s2 = Math.log(1 + (sd * sd) / (mean * mean));
  return { mean, sd, mu: Math.log(mean) - s2 / 2, s: Math.sqrt(s2) };
}

/** One lead time in days; one uniform. */
export function drawLeadTime(law: LeadTimeLaw, rng: Rng): number {
  return Math.max(1, Math.round(Math.exp(law.mu + law.s * gauss(rng))));
}

export interface ReorderRule {
  /** Lead time the merchant plans with (days), the review period and the weekday offset of reviews. */
  plannedLeadDays: number;
  reviewDays: number;
  reviewOffset: number;
  /** Multiplier on the planned cover; below 1.2 stockouts are frequent. */
  safety: number;
  /** Probability that a review is skipped (busy week). */
  skipReview: number;
}

export interface InventoryRun {
  /** Stock at the opening of each day (after that morning's deliveries) and units sold. */
  opening: Int32Array;
  sold: Int32Array;
  /** Stock on hand after the last day, and units still in transit then. */
  onHandEnd: number;
  inTransitEnd: number;
}

export function runInventory(
  demand: Int32Array,
  rule: ReorderRule,
  law: LeadTimeLaw,
  rng: Rng,
  initialDaily: number,
): InventoryRun {
  const n = demand.length;
  const opening = new Int32Array(n);
  const sold = new Int32Array(n);
  const arrivals = new Int32Array(n + 400);
  const cover = rule.plannedLeadDays + rule.reviewDays;
  let stock = Math.max(1, Math.ceil(initialDaily * cover * rule.safety));
  let inTransit = 0;
  for (let i = 0; i < n; i++) {
    stock += arrivals[i];
    inTransit -= arrivals[i];
    opening[i] = stock;
    sold[i] = Math.min(stock, demand[i]);
    stock -= sold[i];
    if ((i + rule.reviewOffset) % rule.reviewDays !== 0 || rng() < rule.skipReview) continue;
    let units = 0,
      open = 0;
    for (let k = Math.max(0, i - 27); k <= i; k++) {
      if (opening[k] <= 0) continue;
      units += sold[k];
      open++;
    }
    const daily = i < 27 ? initialDaily : open > 0 ? units / open : initialDaily;
    const upTo = Math.max(1, Math.ceil(daily * cover * rule.safety));
    const position = stock + inTransit;
    if (position >= upTo) continue;
    const lead = Math.min(399, drawLeadTime(law, rng));
    arrivals[i + lead] += upTo - position;
    inTransit += upTo - position;
  }
  return { opening, sold, onHandEnd: stock, inTransitEnd: inTransit };
}
