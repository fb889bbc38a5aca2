// The streaming shop context (ShopContextBuilder, docs/decisions/0022) equals the one built from the whole list:
// a recompute that streams histories in batches decides exactly as one that loaded them all.
import { describe, expect, it } from "vitest";
import { calibrationSample, calibrationSampleIds, shopCalibration, ShopContextBuilder } from "~/core/decisions/index";
import { buildPoolProfiles, type DailySeries } from "~/core/forecast/index";
import { estimateElasticities, toPriceHistory } from "~/core/pricing/index";
import { buildSeriesSet } from "../../factories";

const productOf = (id: string) => `p-${id.length % 7}`;

function shop(count: number): DailySeries[] {
  return buildSeriesSet(count, { days: 400 })
    .map((s, i) => ({
      id: s.id,
      group: ["tea", "coffee", "cups"][i % 3],
      start: s.start,
      units: s.units,
      prices: s.prices,
      available: s.available,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

describe("ShopContextBuilder", () => {
  it("GIVEN a shop's series WHEN added one at a time THEN pool, calibration and elasticities equal the whole-list engines'", () => {
    // GIVEN
    const series = shop(60);
    const settings = { horizon: 28 };
    // WHEN
    const builder = new ShopContextBuilder(
      series.map((s) => s.id),
      settings,
    );
    for (const s of series) builder.add(s, productOf(s.id));
    const built = builder.finish();
    // THEN
    const pool = buildPoolProfiles(series);
    expect(built.pool).toEqual(pool);
    expect(built.calibration).toEqual(shopCalibration(series, pool, settings));
    expect(built.elasticities).toEqual(
      estimateElasticities(
        series.map((s) => toPriceHistory(s, productOf(s.id))),
        settings,
      ),
    );
  });

  it("GIVEN a shop's series WHEN finished in slices with a pause between them THEN the same context, the pause awaited once per slice", async () => {
    // GIVEN
    const series = shop(60);
    const build = () => {
      const b = new ShopContextBuilder(
        series.map((s) => s.id),
        { horizon: 28 },
      );
      for (const s of series) b.add(s, productOf(s.id));
      return b;
    };
    let pauses = 0;
    // WHEN
    const sliced = await build().finishInSlices(async () => {
      pauses++;
    }, 25);
    // THEN
    expect(sliced).toEqual(build().finish());
    expect(pauses).toBe(Math.ceil(60 / 25));
  });

  it("GIVEN more variants than the calibration sample WHEN sampled by ids THEN the same series in the same order as calibrationSample", () => {
    // GIVEN
    const series = shop(30);
    // WHEN
    const ids = calibrationSampleIds(
      series.map((s) => s.id),
      12,
    );
    // THEN
    expect(ids).toEqual(calibrationSample(series, 12).map((s) => s.id));
    expect(ids).toHaveLength(12);
  });

  it("GIVEN series added out of the announced order WHEN added THEN it refuses (the samples depend on the order)", () => {
    // GIVEN
    const series = shop(3);
    const builder = new ShopContextBuilder(
      series.map((s) => s.id),
      { horizon: 28 },
    );
    // WHEN / THEN
    expect(() => builder.add(series[1], "p")).toThrow(/expected/);
  });
});
