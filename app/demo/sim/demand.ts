// The true demand curve, the price paths and the merchant's (imperfect) reorder policy, shared by
// the full shop simulation and the fast series generator.
import { dayOfYear, parseDay, weekday } from "./calendar";
import type { DemandTruth } from "./types";
import { normal, randInt, uniform, type Rng } from "./rng";

const TWO_PI = 2 * Math.PI;

export function yearlyFactor(t: DemandTruth, dayNumber: number): number {
  return 1 + t.yearlyAmplitude * Math.cos((TWO_PI * (dayOfYear(dayNumber) - t.yearlyPeakDay)) / 365.25);
}

export function trendFactor(t: DemandTruth, dayNumber: number, originDay = parseDay(t.trendOrigin)): number {
  return Math.pow(1 + t.trendPerYear, (dayNumber - originDay) / 365);
}

/** Constant-elasticity price response (log-log demand), the model the pricing engine fits. */
export function priceFactor(t: DemandTruth, price: number): number {
  if (!(price > 0)) throw new Error(`simulator: price must be > 0, got ${price}`);
  return Math.pow(price / t.referencePrice, t.elasticity);
}

/** Expected units on a day at a price, over all locations, before any stockout. See DemandTruth. */
export function truthMean(t: DemandTruth, dayNumber: number, price: number, originDay?: number): number {
  if (t.launchDay !== null && dayNumber < parseDay(t.launchDay)) return 0;
  return (
    t.baseRate *
    t.weekly[weekday(dayNumber)] *
    yearlyFactor(t, dayNumber) *
    trendFactor(t, dayNumber, originDay) *
    priceFactor(t, price)
  );
}

/**
 * Expected units at the reference price for `count` days from `startDay` (everything but price).
 * Incremental trend, one cosine per day: this loop runs 73M times in the throughput benchmark.
 */
export function baselineProfile(t: DemandTruth, startDay: number, count: number): Float64Array {
  const out = new Float64Array(count);
  const origin = parseDay(t.trendOrigin);
  const growth = Math.pow(1 + t.trendPerYear, 1 / 365);
  let trend = trendFactor(t, startDay, origin);
  let dow = weekday(startDay);
  let doy = dayOfYear(startDay);
  const launch = t.launchDay === null ? -Infinity : parseDay(t.launchDay);
  // cos(a + δ) by rotation, re-anchored on every 1 January (the day-of-year angle jumps there).
  const step = TWO_PI / 365.25;
  const cosStep = Math.cos(step);
  const sinStep = Math.sin(step);
  let c = Math.cos(step * (doy - t.yearlyPeakDay));
  let s = Math.sin(step * (doy - t.yearlyPeakDay));
  for (let i = 0; i < count; i++) {
    out[i] = startDay + i < launch ? 0 : t.baseRate * t.weekly[dow] * (1 + t.yearlyAmplitude * c) * trend;
    trend *= growth;
    dow = dow === 6 ? 0 : dow + 1;
    doy++;
    if (doy > 365 && dayOfYear(startDay + i + 1) === 1) doy = 1;
    if (doy === 1) {
      c = Math.cos(step * (1 - t.yearlyPeakDay));
      s = Math.sin(step * (1 - t.yearlyPeakDay));
    } else {
      const c2 = c * cosStep - s * sinStep;
      s = s * cosStep + c * sinStep;
      c = c2;
    }
  }
  return out;
}

/** Weekday profile averaging 1: online shop, busier Sunday to Monday evenings, quieter Saturday. */
export function drawWeekly(rng: Rng, strength: number): number[] {
  const shape = [1.05, 1.0, 0.95, 0.98, 0.92, 0.85, 1.25];
  const raw = shape.map((s) => Math.max(0.2, 1 + (s - 1) * strength + 0.05 * normal(rng)));
  const mean = raw.reduce((a, b) => a + b, 0) / 7;
  return raw.map((x) => Number((x / mean).toFixed(4)));
}

/** Retail rounding: x.90 above 5 EUR, else x.x9. */
export function retailPrice(x: number): number {
  if (x >= 5) return Math.max(4.9, Math.round(x) - 0.1);
  return Math.max(0.49, Math.round(x * 10) / 10 - 0.01);
}

export const round2 = (x: number) => Math.round(x * 100) / 100;

/** Day-indexed price path. compareAt 0 means none; autoDiscount is a fraction taken off at checkout. */
export interface PricePath {
  list: Float64Array;
  compareAt: Float64Array;
  autoDiscount: Float64Array;
}

export interface PricePlanOptions {
  /** Permanent changes (count drawn in [min, max]) of +-5..20%; promotions of -10..30% for 7..21 days. */
  changes: [number, number];
  promotions: [number, number];
}

/** Effective price demand responds to on day i: list price after the automatic discount, in cents. */
export function effectivePrice(path: PricePath, i: number): number {
  return round2(path.list[i] * (1 - path.autoDiscount[i]));
}

export function planPrices(rng: Rng, days: number, initialPrice: number, opts: PricePlanOptions): PricePath {
  const list = new Float64Array(days).fill(initialPrice);
  const compareAt = new Float64Array(days);
  const autoDiscount = new Float64Array(days);
  const nChanges = randInt(rng, opts.changes[0], opts.changes[1]);
  const changeDays: number[] = [];
  for (let k = 0; k < nChanges && days > 60; k++) changeDays.push(randInt(rng, 20, days - 10));
  changeDays.sort((a, b) => a - b);
  let current = initialPrice;
  for (const day of changeDays) {
    const up = rng() < 0.55;
    const mag = uniform(rng, 0.05, 0.2);
    let next = retailPrice(current * (up ? 1 + mag : 1 - mag));
    // Keep the whole path within [0.65, 1.5] x the initial price.
    next = Math.min(retailPrice(initialPrice * 1.5), Math.max(retailPrice(initialPrice * 0.65), next));
    if (next === current) continue;
    current = next;
    list.fill(current, day);
  }
  const nPromos = randInt(rng, opts.promotions[0], opts.promotions[1]);
  for (let k = 0; k < nPromos && days > 40; k++) {
    const len = randInt(rng, 7, 21);
    const start = randInt(rng, 0, days - len - 1);
    let free = true;
    for (let i = Math.max(0, start - 7); i < Math.min(days, start + len + 7); i++) {
      if (compareAt[i] > 0 || autoDiscount[i] > 0) free = false;
    }
    if (!free) continue;
    const depth = uniform(rng, 0.1, 0.3);
    if (rng() < 0.5) {
      // Sale price shown against a compare-at price.
      for (let i = start; i < start + len; i++) {
        const base = list[i];
        const sale = retailPrice(base * (1 - depth));
        if (sale < base) {
          compareAt[i] = base;
          list[i] = sale;
        }
      }
    } else {
      // Automatic discount at checkout: the list price stays, order lines carry the discount.
      const pct = Math.round(depth * 20) / 20; // 10%, 15%, ... 30%
      for (let i = start; i < start + len; i++) autoDiscount[i] = pct;
    }
  }
  return { list, compareAt, autoDiscount };
}

/** The simulated merchant's reorder policy for one variant at one location. */
export interface StockPolicy {
  leadTimeDays: number;
  leadTimeSdDays: number;
  moq: number;
  casePack: number;
  /** Weekday (Monday = 0) of the weekly review. */
  reviewWeekday: number;
  /** Merchant's belief of daily demand on day i (follows trend, ignores seasons and promotions). */
  estimate: (i: number) => number;
  /** Safety multiplier on lead-time demand, cover days bought beyond it, chance to skip a review. */
  safety: number;
  coverDays: number;
  skipReview: number;
  initialFill: number;
}

export interface StockRun {
  /** Opening stock each day (after that morning's deliveries) and units sold (censored demand). */
  opening: Int32Array;
  sold: Int32Array;
  /** Stock left at the end of the last day, and purchase orders still in transit. */
  closing: number;
  pending: { quantity: number; arrivalIndex: number }[];
}

/**
 * Periodic-review (R, s, S) inventory with a stochastic lead time. Sales are min(demand, stock):
 * on days that open with 0 the variant sells nothing, which is the censoring the forecast must see.
 */
export function runStock(
  rng: Rng,
  policy: StockPolicy,
  demand: ArrayLike<number>,
  firstWeekday: number,
  /** Day index the variant goes on sale (launch); before it the shelf is empty. */
  firstIndex = 0,
): StockRun {
  const n = demand.length;
  const opening = new Int32Array(n);
  const sold = new Int32Array(n);
  const maxLead = 365;
  const arrivals = new Int32Array(n + maxLead + 1);
  const review = 7;
  // Keep at least one unit on the shelf for slow movers.
  const pipeline = (i: number) => Math.max(1, policy.estimate(i) * (policy.leadTimeDays + review) * policy.safety);
  const upTo = (i: number) => pipeline(i) + policy.estimate(i) * policy.coverDays;
  let stock = 0;
  let inTransit = 0;
  let dow = (firstWeekday + firstIndex) % 7;
  for (let i = firstIndex; i < n; i++) {
    if (i === firstIndex) stock = Math.round(Math.max(policy.moq * 0.5, upTo(i)) * policy.initialFill);
    const arrived = arrivals[i];
    if (arrived > 0) {
      stock += arrived;
      inTransit -= arrived;
    }
    opening[i] = stock;
    const s = stock < demand[i] ? stock : demand[i];
    sold[i] = s;
    stock -= s;
    if (dow === policy.reviewWeekday && rng() >= policy.skipReview) {
      const position = stock + inTransit;
      if (position <= pipeline(i)) {
        const need = Math.max(1, upTo(i) - position);
        const q = Math.max(policy.moq, Math.ceil(need / policy.casePack) * policy.casePack);
        const z = normal(rng);
        const lead = Math.min(maxLead, Math.max(1, Math.round(policy.leadTimeDays + policy.leadTimeSdDays * z)));
        arrivals[i + lead] += q;
        inTransit += q;
      }
    }
    dow = dow === 6 ? 0 : dow + 1;
  }
  const pending: { quantity: number; arrivalIndex: number }[] = [];
  for (let i = n; i < arrivals.length; i++)
    if (arrivals[i] > 0) pending.push({ arrivalIndex: i, quantity: arrivals[i] });
  return { opening, sold, closing: stock, pending };
}
