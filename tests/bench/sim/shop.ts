// generateBenchShop: an independent simulated shop for the benchmarks, pure and deterministic given the
// seed. It deliberately does NOT follow the engine's model (see docs/decisions/0015):
// - price response from latent segments that cut across product types (loosely related), in several families
//   (demand-curves.ts), with per-variant noise;
// - compound-Poisson demand in four Syntetos-Boylan classes (order-sizes.ts) on a moving latent level;
// - prices with permanent changes and promotions, one on the seasonal peak (prices.ts);
// - a biased replenishment rule with random lead times, so stockouts censor sales (inventory.ts).
import { dayToEpoch, epochToDay } from "../../../app/core/days";
import {
  baseMean,
  dayOfYear,
  drawWeekly,
  latentFactor,
  stepLatent,
  type BaseDemand,
  type LatentState,
} from "./base-demand";
import { makeResponse, nextReference, priceResponse, type Family } from "./demand-curves";
import { leadTimeLaw, runInventory } from "./inventory";
import { drawDayUnits, meanOrderSize, type DemandClass, type OrderSizes } from "./order-sizes";
import { planPrices, round99 } from "./prices";
import { between, choose, gauss, logBetween, poissonDraw, stream, type Rng } from "./rng";
import type { BenchShop, BenchVariant, BenchVendor } from "./types";

export interface BenchShopOptions {
  seed: number;
  /** Number of variants, default 600. */
  variants?: number;
  /** Simulated days ending on `end`, default 730. */
  days?: number;
  /** Last simulated day, YYYY-MM-DD, default 2026-11-25. */
  end?: string;
}

export const PRODUCT_TYPES = ["Mugs", "Candles", "Notebooks", "Tea", "Soap", "Socks", "Posters", "Plants"] as const;
/** Elasticity at the reference price of the latent segments. */
export const SEGMENTS = [-0.9, -1.4, -2.0, -2.7, -3.5] as const;
const FAMILIES: readonly Family[] = ["linear", "logit", "reference"];
const CLASSES: readonly DemandClass[] = ["smooth", "erratic", "intermittent", "lumpy"];
const CLASS_WEIGHTS = [0.3, 0.2, 0.3, 0.2];

function drawVendors(seed: number): BenchVendor[] {
  const rng = stream(seed, "vendors");
  return Array.from({ length: 6 }, (_, k) => {
    const mean = between(rng, 5, 30);
    const sd = between(rng, 0.1, 0.35) * mean;
    return {
      name: `Vendor ${k + 1}`,
      leadTime: leadTimeLaw(mean, sd),
      entered: { meanDays: Math.round(mean), sdDays: Math.max(1, Math.round(sd)) },
      reviewDays: rng() < 0.6 ? 7 : 14,
    };
  });
}

function drawSizes(rng: Rng, cls: DemandClass): OrderSizes {
  const bulky = cls === "erratic" || cls === "lumpy";
  return {
    bulkShare: bulky ? between(rng, 0.12, 0.25) : 0,
    bulkMean: bulky ? between(rng, 6, 14) : 1,
    twoShare: between(rng, 0.03, 0.15),
  };
}

/** Mean customer arrivals per day by class (before season, trend and latent level). */
function drawArrivals(rng: Rng, cls: DemandClass): number {
  if (cls === "smooth") return logBetween(rng, 4, 20);
  if (cls === "erratic") return between(rng, 2.5, 4.5);
  return logBetween(rng, 0.03, 0.3);
}

interface ProductPlan {
  id: string;
  type: string;
  segment: number;
  family: Family;
  thresholdPenalty: number;
  driftKappa: number;
  isStatic: boolean;
  seasonal: boolean;
  seasonPeakDay: number;
  vendor: number;
  price: number;
}

/**
 * Product types are related to segments only loosely: half the products sit in their type's usual
 * segment, the others in any segment. Pooling by type helps a little and misleads often.
 */
function drawProduct(rng: Rng, index: number, vendors: number): ProductPlan {
  const typeIndex = Math.floor(rng() * PRODUCT_TYPES.length);
  const usual = rng() < 0.5;
  const anySegment = Math.floor(rng() * SEGMENTS.length);
  return {
    id: `bench-product-${index + 1}`,
    type: PRODUCT_TYPES[typeIndex],
    segment: usual ? typeIndex % SEGMENTS.length : anySegment,
    family: choose(rng, FAMILIES),
    thresholdPenalty: rng() < 0.3 ? between(rng, 0.05, 0.15) : 0,
    driftKappa: rng() < 0.3 ? between(rng, 0.4, 0.8) : 0,
    isStatic: rng() < 1 / 3,
    seasonal: rng() < 0.5,
    seasonPeakDay: 1 + Math.floor(rng() * 365),
    vendor: Math.floor(rng() * vendors),
    price: logBetween(rng, 4, 120),
  };
}

function simulateVariant(
  seed: number,
  shop: { startDay: number; days: number },
  p: ProductPlan,
  id: string,
  vendor: BenchVendor,
): BenchVariant {
  const rng = stream(seed, "variant", id);
  const cls = choose(rng, CLASSES, CLASS_WEIGHTS);
  const pref = round99(p.price * between(rng, 0.9, 1.15));
  let e0 = Math.min(-0.5, Math.max(-4.2, SEGMENTS[p.segment] + 0.25 * gauss(rng)));
  if (p.family === "linear") e0 = Math.max(e0, -2.5);
  const gammaLoss = between(rng, 0.8, 2);
  const response = makeResponse(p.family, pref, e0, {
    shareAtRef: between(rng, 0.2, 0.5),
    gammaLoss,
    gammaGain: gammaLoss * between(rng, 0.25, 0.6),
    memory: between(rng, 0.85, 0.97),
    thresholdPenalty: p.thresholdPenalty,
    driftKappa: p.driftKappa,
    driftPeakDay: p.seasonPeakDay,
  });
  const sizes = drawSizes(rng, cls);
  const smooth = cls === "smooth";
  const base: BaseDemand = {
    level: drawArrivals(rng, cls) * meanOrderSize(sizes),
    weekly: drawWeekly(rng, between(rng, 0.2, smooth ? 0.6 : 1)),
    seasonAmplitude: p.seasonal ? (smooth ? between(rng, 0.15, 0.35) : between(rng, 0.2, 0.6)) : 0,
    seasonPeakDay: p.seasonPeakDay,
    trendPerYear: between(rng, -0.25, 0.3),
    trendOrigin: shop.startDay,
    latent: {
      phi: between(rng, 0.93, 0.99),
      sigma: smooth ? between(rng, 0.08, 0.18) : between(rng, 0.1, 0.35),
      shiftProb: 1 / 400,
      shiftSd: 0.25,
    },
  };
  const trueUnitCost = Math.round(pref * between(rng, 0.3, 0.7) * 100) / 100;
  const costMissing = rng() < 0.04;
  const hasCompareAt = rng() < 0.12;
  const compareAtShare = between(rng, 1.1, 1.35);
  const n = shop.days;
  const peaks: number[] = [];
  if (p.seasonal) for (let i = 0; i < n; i++) if (dayOfYear(shop.startDay + i) === p.seasonPeakDay) peaks.push(i);
  const prices = planPrices(stream(seed, "prices", id), { days: n, pref, isStatic: p.isStatic, peaks });

  const latentRng = stream(seed, "latent", id);
  const arrivalRng = stream(seed, "arrivals", id);
  const sizeRng = stream(seed, "sizes", id);
  const arrivals = (m: number) => poissonDraw(arrivalRng, m);
  const l = base.latent;
  let state: LatentState = { x: l.sigma * gauss(latentRng), j: 0 };
  const demand = new Int32Array(n);
  const meanPath = new Float64Array(n);
  const latentX = new Float64Array(n);
  const latentJ = new Float64Array(n);
  const reference = new Float64Array(n + 1);
  reference[0] = pref;
  for (let i = 0; i < n; i++) {
    if (i > 0) state = stepLatent(l, state, latentRng);
    latentX[i] = state.x;
    latentJ[i] = state.j;
    const day = shop.startDay + i;
    meanPath[i] =
      baseMean(base, day) * latentFactor(l, state) * priceResponse(response, prices.offered[i], day, reference[i]);
    demand[i] = drawDayUnits(meanPath[i], sizes, arrivals, sizeRng);
    reference[i + 1] = nextReference(response, reference[i], prices.offered[i]);
  }
  const invRng = stream(seed, "inventory", id);
  const rule = {
    plannedLeadDays: vendor.entered.meanDays,
    reviewDays: vendor.reviewDays,
    reviewOffset: Math.floor(invRng() * vendor.reviewDays),
    safety: between(invRng, 0.9, 1.6),
    skipReview: 0.05,
  };
  let firstMonth = 0;
  for (let i = 0; i < 28; i++) firstMonth += meanPath[i];
  const inv = runInventory(demand, rule, vendor.leadTime, invRng, firstMonth / 28);
  let maxList = 0;
  for (const x of prices.list) maxList = Math.max(maxList, x);
  return {
    id,
    productId: p.id,
    sku: id.toUpperCase(),
    productType: p.type,
    segment: p.segment,
    vendor: p.vendor,
    demandClass: cls,
    response,
    base,
    sizes,
    trueUnitCost,
    unitCost: costMissing ? null : trueUnitCost,
    compareAtPrice: hasCompareAt ? round99(maxList * compareAtShare) : null,
    prices,
    demand,
    units: inv.sold,
    opening: inv.opening,
    meanPath,
    latentX,
    latentJ,
    reference,
    onHandEnd: inv.onHandEnd,
    inTransitEnd: inv.inTransitEnd,
  };
}

export function generateBenchShop(o: BenchShopOptions): BenchShop {
  const count = o.variants ?? 600;
  const days = o.days ?? 730;
  const end = o.end ?? "2026-11-25";
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`variants must be a positive integer, got ${count}`);
  if (!Number.isInteger(days) || days < 120) throw new RangeError(`days must be an integer >= 120, got ${days}`);
  const endDay = dayToEpoch(end);
  if (!Number.isFinite(endDay)) throw new RangeError(`end must be YYYY-MM-DD, got ${end}`);
  const startDay = endDay - days + 1;
  const vendors = drawVendors(o.seed);
  const rng = stream(o.seed, "catalogue");
  const variants: BenchVariant[] = [];
  for (let p = 0; variants.length < count; p++) {
    const plan = drawProduct(rng, p, vendors.length);
    const size = choose(rng, [1, 2, 3, 4], [0.45, 0.25, 0.18, 0.12]);
    for (let k = 0; k < size && variants.length < count; k++) {
      variants.push(simulateVariant(o.seed, { startDay, days }, plan, `bench-${p + 1}-${k + 1}`, vendors[plan.vendor]));
    }
  }
  return { seed: o.seed, start: epochToDay(startDay), end, startDay, days, vendors, variants, segments: [...SEGMENTS] };
}
