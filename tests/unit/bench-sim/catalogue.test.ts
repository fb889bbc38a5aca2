import { describe, expect, it } from "vitest";
import { engineView, PRODUCT_TYPES } from "../../bench/sim/index";
import { shop } from "./fixture";

describe("benchmark simulator: catalogue and prices", () => {
  it("GIVEN the shop WHEN product types are compared with the latent segments THEN every type mixes several segments (pooling by type is not the truth)", () => {
    // GIVEN
    const s = shop();
    for (const type of PRODUCT_TYPES) {
      // WHEN
      const ofType = s.variants.filter((v) => v.productType === type).map((v) => v.segment);
      const counts = [0, 1, 2, 3, 4].map((k) => ofType.filter((x) => x === k).length);
      // THEN: several segments in every type, none holding more than 80% of it
      expect(counts.filter((c) => c > 0).length, type).toBeGreaterThanOrEqual(3);
      expect(Math.max(...counts) / ofType.length, type).toBeLessThan(0.8);
    }
  });

  it("GIVEN the price schedules WHEN counted THEN about a third are static, list prices end in .99, every promoted seasonal variant has a promotion on its peak, none in the last 21 days", () => {
    // GIVEN
    const s = shop();
    const staticShare =
      s.variants.filter((v) => v.prices.changeDays.length === 0 && v.prices.promotions.length === 0).length /
      s.variants.length;
    // THEN
    expect(staticShare).toBeGreaterThan(0.2);
    expect(staticShare).toBeLessThan(0.45);
    for (const v of s.variants) {
      expect(
        Array.from(v.prices.list).filter((p) => Math.round(p * 100) % 100 !== 99),
        v.id,
      ).toEqual([]);
      for (const promo of v.prices.promotions) expect(promo.end).toBeLessThanOrEqual(s.days - 21);
      const seasonal = v.base.seasonAmplitude > 0 && v.prices.promotions.length > 0;
      if (!seasonal) continue;
      const peaks = v.prices.promotions.filter((p) => {
        const mid = Math.floor((p.start + p.end) / 2);
        return Math.abs(peakDistance(s.startDay + mid, v.base.seasonPeakDay)) <= 11;
      });
      expect(peaks.length, v.id).toBeGreaterThanOrEqual(1);
    }
  });

  it("GIVEN the engine's view WHEN read THEN it has the engine's shapes: realised prices only on sale days, the group is the product type, costs sometimes missing", () => {
    // GIVEN
    const s = shop();
    let missing = 0;
    for (const v of s.variants) {
      // WHEN
      const view = engineView(s, v);
      // THEN
      expect(view.series.group).toBe(v.productType);
      expect(view.series.units.length).toBe(s.days);
      expect(view.series.units.filter((u, i) => (view.series.prices![i] == null) !== (u === 0))).toEqual([]);
      expect(view.price).toBe(v.prices.list[s.days - 1]);
      expect(view.asOf).toBe(s.end);
      if (view.unitCost == null) missing++;
      else expect(view.unitCost).toBe(v.trueUnitCost);
      expect(v.trueUnitCost / v.response.pref).toBeGreaterThanOrEqual(0.29);
      expect(v.trueUnitCost / v.response.pref).toBeLessThanOrEqual(0.71);
    }
    expect(missing).toBeGreaterThan(0);
    expect(missing).toBeLessThan(0.1 * s.variants.length);
  });
});

/** Signed days from the day of year `peak` to the calendar day, wrapped to [-182, 182]. */
function peakDistance(day: number, peak: number): number {
  const d = new Date(day * 86_400_000);
  const doy = Math.round((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  return ((doy - peak + 365 + 182) % 365) - 182;
}
