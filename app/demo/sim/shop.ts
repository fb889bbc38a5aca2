// generateShop: the full simulated shop (catalogue, two years of orders, stock, prices), pure and
// deterministic given the seed. The demo seed writes it to the database; tests and benchmarks read it.
import { VENDORS } from "./catalog";
import { dayRange, formatDay, parseDay, parseOptionDay, weekday } from "./calendar";
import { baselineProfile, effectivePrice, round2, runStock, trendFactor, truthMean, type StockPolicy } from "./demand";
import { buildOrders } from "./orders";
import { buildCatalog, type VariantPlan } from "./products";
import { mulberry32, negBinomial, normal, randInt, subSeed, uniform } from "./rng";
import type { SimInventoryLevel, SimLocation, SimPriceChange, SimShop, SimSnapshot } from "./types";

export interface GenerateShopOptions {
  seed: number;
  /** Number of variants (default 600). */
  variants?: number;
  /** Number of simulated days ending with endDate (default 730). */
  days?: number;
  /** Last simulated day, YYYY-MM-DD (default "2026-11-25"). */
  endDate?: string;
}

export const DEFAULT_END_DATE = "2026-11-25";

export const LOCATIONS: SimLocation[] = [
  { id: "gid://shopify/Location/1", name: "Entrepôt Lyon" },
  { id: "gid://shopify/Location/2", name: "Boutique Paris" },
];

function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`simulator: ${name} must be an integer in [${min}, ${max}], got ${value}`);
  }
}

export function generateShop(opts: GenerateShopOptions): SimShop {
  const seed = opts.seed;
  const variantCount = opts.variants ?? 600;
  const days = opts.days ?? 730;
  const endDate = opts.endDate ?? DEFAULT_END_DATE;
  checkInteger("seed", seed, 0, 2 ** 32 - 1);
  checkInteger("variants", variantCount, 1, 100_000);
  checkInteger("days", days, 1, 3_650);
  parseOptionDay("endDate", endDate);
  const dayList = dayRange(endDate, days);
  const firstDay = parseDay(dayList[0]);
  const plans = buildCatalog(seed, variantCount, firstDay, days);
  const nLoc = LOCATIONS.length;

  const sold: Int32Array[][] = [];
  const opening: Int32Array[][] = [];
  const inventory: SimInventoryLevel[] = [];
  for (const plan of plans) {
    const { truth } = plan.variant;
    const rng = mulberry32(subSeed(seed, "demand", plan.index));
    const base = baselineProfile(truth, firstDay, days);
    // Uncensored demand per location: total drawn from the truth, each unit routed by location share.
    const demand = Array.from({ length: nLoc }, () => new Int32Array(days));
    let lastPrice = -1;
    let factor = 1;
    for (let d = 0; d < days; d++) {
      const price = effectivePrice(plan.path, d);
      if (price !== lastPrice) {
        factor = Math.pow(price / truth.referencePrice, truth.elasticity);
        lastPrice = price;
      }
      const total = negBinomial(rng, base[d] * factor, truth.dispersion);
      for (let k = 0; k < total; k++) demand[rng() < truth.locationShares[0] ? 0 : 1][d]++;
    }
    const vendorIndex = VENDORS.indexOf(plan.vendor);
    const vSold: Int32Array[] = [];
    const vOpen: Int32Array[] = [];
    for (let l = 0; l < nLoc; l++) {
      const share = truth.locationShares[l];
      const bias = Math.exp(0.25 * normal(rng));
      const policy: StockPolicy = {
        leadTimeDays: plan.vendor.leadTimeDays,
        leadTimeSdDays: plan.vendor.leadTimeSdDays,
        moq: l === 0 ? plan.vendor.moq : Math.max(1, Math.round(plan.vendor.moq / 3)),
        casePack: plan.vendor.casePack,
        reviewWeekday: vendorIndex % 5,
        estimate: (i) => share * truth.baseRate * trendFactor(truth, firstDay + i, firstDay) * bias,
        safety: uniform(rng, 0.9, 1.8),
        coverDays: randInt(rng, 14, 42),
        skipReview: 0.04,
        initialFill: uniform(rng, 0.4, 1),
      };
      const run = runStock(rng, policy, demand[l], weekday(firstDay), plan.launchIndex);
      vSold.push(run.sold);
      vOpen.push(run.opening);
      const committed = Math.floor(run.sold[days - 1] * 0.5);
      inventory.push({
        variantId: plan.variant.id,
        locationId: LOCATIONS[l].id,
        available: run.closing,
        onHand: run.closing + committed,
        incoming: run.pending.reduce((a, p) => a + p.quantity, 0),
        incomingArrival: run.pending.length ? formatDay(firstDay + run.pending[0].arrivalIndex) : null,
      });
    }
    sold.push(vSold);
    opening.push(vOpen);
  }

  const { orders, customers } = buildOrders({ seed, plans, sold, firstDay, days, locations: LOCATIONS });
  const byId = new Map(plans.map((p) => [p.variant.id, p]));
  const planOf = (variantId: string): VariantPlan => {
    const plan = byId.get(variantId);
    if (!plan) throw new Error(`simulator: unknown variant "${variantId}"`);
    return plan;
  };

  const products = [...new Set(plans.map((p) => p.product))];
  return {
    seed,
    shop: {
      domain: `maison-pilotage-${seed}.myshopify.com`,
      name: "Maison Pilotage (démo)",
      currency: "EUR",
      timezone: "Europe/Paris",
      locale: "fr",
    },
    locations: LOCATIONS.map((l) => ({ ...l })),
    vendors: VENDORS.filter((v) => plans.some((p) => p.vendor === v)).map((v) => ({ ...v })),
    products,
    customers,
    days: dayList,
    orders,
    priceHistory: priceHistoryOf(plans, dayList),
    inventory,
    snapshots: snapshotsOf(plans, opening, dayList),
    truthDemand(variantId, day, price) {
      return truthMean(planOf(variantId).variant.truth, parseDay(day), price, firstDay);
    },
    truthPrice(variantId, day) {
      const i = Math.min(days - 1, Math.max(0, parseDay(day) - firstDay));
      return round2(effectivePrice(planOf(variantId).path, i));
    },
  };
}

function priceHistoryOf(plans: VariantPlan[], dayList: string[]): SimPriceChange[] {
  const rows: SimPriceChange[] = [];
  for (const { variant, path } of plans) {
    for (let d = 0; d < dayList.length; d++) {
      if (d > 0 && path.list[d] === path.list[d - 1] && path.compareAt[d] === path.compareAt[d - 1]) continue;
      rows.push({
        variantId: variant.id,
        day: dayList[d],
        price: round2(path.list[d]),
        compareAtPrice: path.compareAt[d] > 0 ? round2(path.compareAt[d]) : null,
      });
    }
  }
  return rows;
}

function snapshotsOf(plans: VariantPlan[], opening: Int32Array[][], dayList: string[]): SimSnapshot[] {
  const rows: SimSnapshot[] = [];
  for (let v = 0; v < plans.length; v++) {
    for (let l = 0; l < LOCATIONS.length; l++) {
      const series = opening[v][l];
      for (let d = 0; d < dayList.length; d++) {
        if (d > 0 && series[d] === series[d - 1]) continue;
        rows.push({
          variantId: plans[v].variant.id,
          locationId: LOCATIONS[l].id,
          day: dayList[d],
          available: series[d],
        });
      }
    }
  }
  return rows;
}
