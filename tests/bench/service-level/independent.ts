// Service-level cycles on the independent simulator (tests/bench/sim): at each origin the engine sees
// the days before it; the truth samples the future from the simulator's state at the origin with the
// price of the day before held, and lead times from the vendor's true law.
import {
  drawLeadTime,
  engineView,
  generateBenchShop,
  leadTimeOf,
  samplePaths,
  stream,
  trueMean,
  type BenchShop,
  type BenchVariant,
} from "../sim/index";
import { empiricalQuantile, periodTotals, SERVICE_LEVELS, textbookLevel, type CycleCase } from "./cycles";
import { engineProtectionDemand } from "./engine";

export interface SamplingSizes {
  oraclePaths: number;
  cyclePaths: number;
}

function draws(
  shop: BenchShop,
  v: BenchVariant,
  origin: number,
  reviewDays: number,
  n: number,
  seed: number,
): { totals: Float64Array; leads: number[] } {
  const rng = stream(seed, v.id, origin, "lead-times");
  const law = leadTimeOf(shop, v);
  const leads = Array.from({ length: n }, () => drawLeadTime(law, rng));
  const days = Math.max(...leads) + reviewDays;
  const paths = samplePaths(shop, v, origin, days, n, v.prices.offered[origin - 1], seed);
  return { totals: periodTotals(paths, leads, reviewDays), leads };
}

export function independentCycles(
  seed: number,
  variants: number,
  originsBack: number[],
  sizes: SamplingSizes,
): CycleCase[] {
  const shop = generateBenchShop({ seed, variants });
  const out: CycleCase[] = [];
  for (const back of originsBack) {
    const origin = shop.days - back;
    const views = shop.variants.map((v) => engineView(shop, v, origin));
    const periods = views.map((w) => ({ ...w.leadTime, reviewDays: w.reviewDays }));
    const engine = engineProtectionDemand(
      views.map((w) => w.series),
      periods,
      [...SERVICE_LEVELS],
    );
    shop.variants.forEach((v, i) => {
      const w = views[i];
      const oracle = draws(shop, v, origin, w.reviewDays, sizes.oraclePaths, seed * 7 + 1);
      const cycles = draws(shop, v, origin, w.reviewDays, sizes.cyclePaths, seed * 7 + 2);
      // True mean of the period total: the mean path, averaged over the oracle's lead-time draws.
      const price = v.prices.offered[origin - 1];
      const cum = [0];
      for (let d = 0; d < Math.max(...oracle.leads) + w.reviewDays; d++)
        cum.push(cum[d] + trueMean(shop, v, origin, origin + d, price));
      const mean = oracle.leads.reduce((a, l) => a + cum[l + w.reviewDays], 0) / oracle.leads.length;
      const P = w.leadTime.meanDays + w.reviewDays;
      out.push({
        variant: v.id,
        origin,
        demandClass: v.demandClass,
        censored: w.series.available!.slice(Math.max(0, origin - 60)).some((a) => !a),
        engineMean: engine[i].mean,
        trueMean: mean,
        engine: engine[i].quantiles,
        textbook: new Map(SERVICE_LEVELS.map((l) => [l, textbookLevel(w.series.units, P, l)])),
        oracle: new Map(SERVICE_LEVELS.map((l) => [l, empiricalQuantile(oracle.totals, l)])),
        cycles: cycles.totals,
      });
    });
  }
  return out;
}
