// bench:pricing cases from the independent simulator (tests/bench/sim), scored at the end of its history.
import {
  engineView,
  generateBenchShop,
  pointElasticity,
  samplePaths,
  trueTotal,
  type BenchVariant,
} from "../sim/index";
import { outcomeOfPaths, type PricingCase } from "./cases";

function label(v: BenchVariant): string {
  const r = v.response;
  return [r.family, r.thresholdPenalty > 0 ? "threshold" : "", r.driftKappa > 0 ? "drift" : ""]
    .filter(Boolean)
    .join("+");
}

export function independentCases(seed: number, variants: number, horizon: number, paths: number): PricingCase[] {
  const shop = generateBenchShop({ seed, variants });
  const o = shop.days;
  return shop.variants.map((v) => {
    const view = engineView(shop, v);
    return {
      sim: "independent",
      id: `${seed}/${v.id}`,
      productId: v.productId,
      series: view.series,
      history: view.history,
      asOf: view.asOf,
      price: view.price,
      compareAtPrice: view.compareAtPrice,
      unitCost: view.unitCost,
      trueUnitCost: v.trueUnitCost,
      lastPriceChange: view.lastPriceChange,
      stockOnHand: view.stockOnHand,
      trueUnits: (p) => trueTotal(shop, v, o, horizon, p),
      trueElasticity: (p) => {
        let s = 0;
        for (let d = o; d < o + horizon; d++) s += pointElasticity(shop, v, o, d, p);
        return s / horizon;
      },
      expectedSales: (p, stock) => {
        // Same seed at every price: coupled paths, so price comparisons are not drowned in noise.
        const totals = samplePaths(shop, v, o, horizon, paths, p, seed).map((x) => x.reduce((a, b) => a + b, 0));
        return totals.reduce((a, t) => a + Math.min(t, stock), 0) / totals.length;
      },
      stockOutcome: (p, stock, days) =>
        outcomeOfPaths(samplePaths(shop, v, o, days, Math.max(20, Math.round(paths / 2)), p, seed), stock),
      label: label(v),
    };
  });
}
