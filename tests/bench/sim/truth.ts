// What the benchmarks score against. "Origin" o is a day index: the engine has seen days [0, o); the
// truth conditions on everything the simulator knows at the start of day o (latent state of day o - 1,
// the reference price reached by then) and on a price p held from day o on. Days d >= o.
import { baseMean, expectedLatentFactor, latentFactor, stepLatent, type LatentState } from "./base-demand";
import { heldReference, priceResponse } from "./demand-curves";
import { drawLeadTime, type LeadTimeLaw } from "./inventory";
import { drawDayUnits } from "./order-sizes";
import { mulberry32 } from "../../../app/core/random";
import { poissonDraw, stream } from "./rng";
import type { BenchShop, BenchVariant } from "./types";

function stateBefore(v: BenchVariant, origin: number): LatentState {
  if (origin <= 0) return { x: 0, j: 0 };
  const i = Math.min(origin, v.latentX.length) - 1;
  return { x: v.latentX[i], j: v.latentJ[i] };
}

function referenceAt(v: BenchVariant, origin: number): number {
  return v.reference[Math.max(0, Math.min(origin, v.reference.length - 1))];
}

function check(shop: BenchShop, origin: number, day: number): void {
  if (!(Number.isInteger(origin) && origin >= 1 && origin <= shop.days))
    throw new RangeError(`origin must be a day index in [1, ${shop.days}], got ${origin}`);
  if (!(Number.isInteger(day) && day >= origin))
    throw new RangeError(`day must be an integer >= origin ${origin}, got ${day}`);
}

/** Mean without the latent level: base x price response, with the reference evolving under the held price. */
function deterministicMean(
  shop: BenchShop,
  v: BenchVariant,
  origin: number,
  day: number,
  price: number,
  smooth = false,
): number {
  const ref = heldReference(v.response, referenceAt(v, origin), price, day - origin);
  const calendarDay = shop.startDay + day;
  return baseMean(v.base, calendarDay) * priceResponse(v.response, price, calendarDay, ref, smooth);
}

/** E[demand on day `day` | state at origin, price held at `price`]. */
export function trueMean(shop: BenchShop, v: BenchVariant, origin: number, day: number, price: number): number {
  check(shop, origin, day);
  return (
    deterministicMean(shop, v, origin, day, price) *
    expectedLatentFactor(v.base.latent, stateBefore(v, origin), day - origin + 1)
  );
}

/** Sum of trueMean over `days` days from the origin. */
export function trueTotal(shop: BenchShop, v: BenchVariant, origin: number, days: number, price: number): number {
  let s = 0;
  for (let d = origin; d < origin + days; d++) s += trueMean(shop, v, origin, d, price);
  return s;
}

/**
 * d ln E[q] / d ln p at `price` on `day` by central difference (+-0.01%). The round-number threshold
 * jumps have no derivative and are left out (they count in profit, not here); at the reference price's
 * kink (family c) the two sides are averaged.
 */
export function pointElasticity(shop: BenchShop, v: BenchVariant, origin: number, day: number, price: number): number {
  check(shop, origin, day);
  const h = 1e-4;
  const up = deterministicMean(shop, v, origin, day, price * (1 + h), true);
  const down = deterministicMean(shop, v, origin, day, price * (1 - h), true);
  if (!(up > 0 && down > 0)) return -Infinity;
  return (Math.log(up) - Math.log(down)) / (Math.log(1 + h) - Math.log(1 - h));
}

/**
 * n sampled future daily demand paths of `days` days from the origin at a held price: the latent level
 * evolves, customers arrive and order. Path i depends only on (seed, variant, origin, i): the same seed at
 * another price gives coupled paths (common random numbers): with the
 * same arrival uniforms, a lower price never sells less on a day of a path (means up to 30 a day).
 */
export function samplePaths(
  shop: BenchShop,
  v: BenchVariant,
  origin: number,
  days: number,
  n: number,
  price: number,
  seed: number,
): Int32Array[] {
  check(shop, origin, origin);
  const det = Array.from({ length: days }, (_, t) => deterministicMean(shop, v, origin, origin + t, price));
  const start = stateBefore(v, origin);
  const l = v.base.latent;
  const out: Int32Array[] = [];
  for (let i = 0; i < n; i++) {
    const latentRng = stream(seed, v.id, origin, i, "latent");
    const arrivalRng = stream(seed, v.id, origin, i, "arrivals");
    const sizeRng = stream(seed, v.id, origin, i, "sizes");
    const arrivals = (m: number) => poissonDraw(arrivalRng, m);
    const path = new Int32Array(days);
    let s = start;
    for (let t = 0; t < days; t++) {
      s = stepLatent(l, s, latentRng);
      // Each day's order sizes come from their own sub-stream, so more arrivals on one day (a lower
      // price) do not shift the sizes of the next days: paths stay coupled day by day.
      const daySizes = mulberry32(Math.floor(sizeRng() * 4294967296));
      path[t] = drawDayUnits(det[t] * latentFactor(l, s), v.sizes, arrivals, daySizes);
    }
    out.push(path);
  }
  return out;
}

/** The true lead-time law of the variant's vendor, and one draw from it. */
export function leadTimeOf(shop: BenchShop, v: BenchVariant): LeadTimeLaw {
  return shop.vendors[v.vendor].leadTime;
}

export { drawLeadTime };
