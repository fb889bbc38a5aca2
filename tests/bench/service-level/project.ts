// Service-level cycles on the project's demo simulator (app/demo/sim): daily series from its orders and
// snapshots; its truth is a negative binomial per day around truthDemand (all locations), lead times
// round(mean + sd z) clipped to >= 1 day (as its stock simulation draws them), a weekly review.
import { dayToEpoch, epochToDay } from "../../../app/core/days";
import { generateShop, mulberry32, shopSeries, subSeed } from "../../../app/demo/simulator";
import { negBinomial, normal } from "../../../app/demo/sim/rng";
import { adiCv2, classOf } from "../sim/index";
import { empiricalQuantile, periodTotals, SERVICE_LEVELS, textbookLevel, type CycleCase } from "./cycles";
import { engineProtectionDemand } from "./engine";
import type { SamplingSizes } from "./independent";

const REVIEW_DAYS = 7;

export function projectCycles(
  seed: number,
  variants: number,
  originsBack: number[],
  sizes: SamplingSizes,
): CycleCase[] {
  const shop = generateShop({ seed, variants });
  const all = shopSeries(shop);
  const first = dayToEpoch(shop.days[0]);
  const vendorOf = new Map(
    shop.products.flatMap((p) =>
      p.variants.map((v) => [v.id, shop.vendors.find((x) => x.name === p.vendor)!] as const),
    ),
  );
  const truthOf = new Map(shop.products.flatMap((p) => p.variants.map((v) => [v.id, v.truth] as const)));
  const out: CycleCase[] = [];
  for (const back of originsBack) {
    const origin = shop.days.length - back;
    // Variants launched in the 90 days before the origin are left out (new: no service-level history).
    const list = all.filter((s) => {
      const launch = truthOf.get(s.id)!.launchDay;
      return launch == null || dayToEpoch(launch) - first < origin - 90;
    });
    const trains = list.map((s) => ({
      id: s.id,
      start: s.start,
      units: s.units.slice(0, origin),
      available: s.available.slice(0, origin),
      prices: s.prices.slice(0, origin),
      group: s.group,
    }));
    const periods = list.map((s) => ({
      meanDays: vendorOf.get(s.id)!.leadTimeDays,
      sdDays: vendorOf.get(s.id)!.leadTimeSdDays,
      reviewDays: REVIEW_DAYS,
    }));
    const engine = engineProtectionDemand(trains, periods, [...SERVICE_LEVELS]);
    list.forEach((s, i) => {
      const vendor = vendorOf.get(s.id)!;
      const truth = truthOf.get(s.id)!;
      const price = s.offeredPrice[origin - 1];
      const draw = (n: number, salt: string) => {
        const rng = mulberry32(subSeed(seed, "service-level", s.id, origin, salt));
        const leads = Array.from({ length: n }, () =>
          Math.max(1, Math.round(vendor.leadTimeDays + vendor.leadTimeSdDays * normal(rng))),
        );
        const means = Array.from({ length: Math.max(...leads) + REVIEW_DAYS }, (_, d) =>
          shop.truthDemand(s.id, epochToDay(first + origin + d), price),
        );
        const paths = leads.map((l) =>
          means.slice(0, l + REVIEW_DAYS).map((m) => negBinomial(rng, m, truth.dispersion)),
        );
        return { totals: periodTotals(paths, leads, REVIEW_DAYS), leads, means };
      };
      const oracle = draw(sizes.oraclePaths, "oracle");
      const cycles = draw(sizes.cyclePaths, "cycles");
      const cum = [0];
      for (const m of oracle.means) cum.push(cum[cum.length - 1] + m);
      const { adi, cv2 } = adiCv2(trains[i].units, trains[i].available);
      const P = vendor.leadTimeDays + REVIEW_DAYS;
      out.push({
        variant: s.id,
        origin,
        demandClass: classOf(adi, cv2),
        censored: trains[i].available.slice(Math.max(0, origin - 60)).some((a) => !a),
        engineMean: engine[i].mean,
        trueMean: oracle.leads.reduce((a, l) => a + cum[l + REVIEW_DAYS], 0) / oracle.leads.length,
        engine: engine[i].quantiles,
        textbook: new Map(SERVICE_LEVELS.map((l) => [l, textbookLevel(trains[i].units, P, l)])),
        oracle: new Map(SERVICE_LEVELS.map((l) => [l, empiricalQuantile(oracle.totals, l)])),
        cycles: cycles.totals,
      });
    });
  }
  return out;
}
