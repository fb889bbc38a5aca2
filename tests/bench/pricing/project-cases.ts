// bench:pricing cases from the project's demo simulator (app/demo/sim), as the pricing bench has always
// built them: daily series from the orders, realised prices, the last list price change, stock at the end.
import { dayNumber, isoDay } from "../lib/data";
import { generateShop, mulberry32, shopSeries, subSeed } from "../../../app/demo/simulator";
import { negBinomial } from "../../../app/demo/sim/rng";
import { outcomeOfPaths, type PricingCase } from "./cases";

export function projectCases(seed: number, variants: number, horizon: number, paths: number): PricingCase[] {
  const shop = generateShop({ seed, variants });
  const series = shopSeries(shop);
  const asOf = shop.days[shop.days.length - 1];
  const future = Array.from({ length: horizon }, (_, k) => isoDay(dayNumber(asOf) + 1 + k));
  const byId = new Map(shop.products.flatMap((p) => p.variants.map((v) => [v.id, { v, productId: p.id }] as const)));
  const lastChange = new Map<string, string>();
  for (const row of shop.priceHistory) if (row.day !== shop.days[0]) lastChange.set(row.variantId, row.day);
  const stock = new Map<string, number>();
  for (const level of shop.inventory)
    stock.set(level.variantId, (stock.get(level.variantId) ?? 0) + Math.max(0, level.available));
  return series.map((s) => {
    const { v, productId } = byId.get(s.id)!;
    const daily = (p: number) => future.map((day) => shop.truthDemand(v.id, day, p));
    return {
      sim: "project",
      id: `${seed}/${s.id}`,
      productId,
      series: { id: s.id, start: s.start, units: s.units, available: s.available, prices: s.prices, group: s.group },
      history: {
        id: s.id,
        productId,
        group: s.group,
        start: s.start,
        units: s.units,
        available: s.available,
        prices: s.prices,
      },
      asOf,
      price: v.price,
      compareAtPrice: v.compareAtPrice,
      unitCost: v.unitCost,
      trueUnitCost: v.unitCost,
      lastPriceChange: lastChange.get(s.id) ?? null,
      stockOnHand: stock.get(s.id) ?? 0,
      trueUnits: (p) => daily(p).reduce((a, b) => a + b, 0),
      trueElasticity: () => v.truth.elasticity,
      expectedSales: (p, cap) => {
        // The demo draws each day's total demand from NB(mean, dispersion); the same seed at every price.
        const means = daily(p);
        const rng = mulberry32(subSeed(seed, "bench-sales", s.id));
        let sum = 0;
        for (let i = 0; i < paths; i++) {
          let total = 0;
          for (const m of means) total += negBinomial(rng, m, v.truth.dispersion);
          sum += Math.min(total, cap);
        }
        return sum / paths;
      },
      stockOutcome: (p, cap, days) => {
        const means = Array.from({ length: days }, (_, k) =>
          shop.truthDemand(v.id, isoDay(dayNumber(asOf) + 1 + k), p),
        );
        const rng = mulberry32(subSeed(seed, "bench-stock", s.id));
        const n = Math.max(20, Math.round(paths / 2));
        return outcomeOfPaths(
          Array.from({ length: n }, () => means.map((m) => negBinomial(rng, m, v.truth.dispersion))),
          cap,
        );
      },
      label: v.truth.intermittent ? "intermittent" : "regular",
    };
  });
}
