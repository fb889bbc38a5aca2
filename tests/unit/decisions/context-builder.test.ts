// The streaming shop context (ShopContextBuilder, docs/decisions/0022) equals the one built from the whole list:
// a recompute that streams histories in batches decides exactly as one that loaded them all.
import { describe, expect, it } from "vitest";
import {
  calibrationSample,
  calibrationSampleIds,
  partRanges,
  shopCalibration,
  ShopContextBuilder,
  ShopContextPart,
  type ShopContextPartState,
} from "~/core/decisions/index";
import { buildPoolProfiles, type DailySeries } from "~/core/forecast/index";
import { estimateElasticities, toPriceHistory } from "~/core/pricing/index";
import { decodeContext, encodeContext } from "~/sync/recompute/codec";
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

/** Same shape, numbers equal to 1e-9 (relative). */
function expectClose(actual: unknown, expected: unknown, path = "$"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    if (Number.isNaN(expected)) expect(actual, path).toBeNaN();
    else expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  } else if (expected instanceof Map && actual instanceof Map) {
    expect([...actual.keys()], path).toEqual([...expected.keys()]);
    for (const [k, v] of expected) expectClose(actual.get(k), v, `${path}.${String(k)}`);
  } else if (expected && typeof expected === "object" && actual && typeof actual === "object") {
    expect(Object.keys(actual), path).toEqual(Object.keys(expected));
    for (const [k, v] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else expect(actual, path).toEqual(expected);
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

  it("GIVEN a shop cut into parts WHEN each part is built on its own, stored as JSON and merged in order THEN the context of one builder with the same parts", async () => {
    // GIVEN: 60 variants in parts of 7 (the last one of 4)
    const series = shop(60);
    const ids = series.map((s) => s.id);
    const settings = { horizon: 28 };
    const oneProcess = new ShopContextBuilder(ids, settings, 2000, 7);
    for (const s of series) oneProcess.add(s, productOf(s.id));
    // WHEN: every part by itself (as a chunk job would), through the stored form, merged in order
    const merged = new ShopContextBuilder(ids, settings, 2000, 7);
    const parts = partRanges(ids.length, 7);
    for (const [from, to] of parts) {
      const part = new ShopContextPart(ids.slice(from, to), from, ids.length, settings.horizon);
      for (const s of series.slice(from, to)) part.add(s, productOf(s.id));
      merged.merge(decodeContext<ShopContextPartState>(encodeContext(part.state())));
    }
    const sample = new Set(merged.sampleIds());
    for (const s of series) if (sample.has(s.id)) merged.sampleSeries(s);
    // THEN: the one-process builder's context exactly, and the whole-list engines' up to the rounding of part sums
    expect(parts).toHaveLength(9);
    const built = await merged.finishInSlices(async () => undefined);
    expect(built).toEqual(oneProcess.finish());
    const pool = buildPoolProfiles(series);
    expectClose(built.pool, pool);
    expectClose(built.calibration, shopCalibration(series, pool, settings));
    expectClose(
      built.elasticities,
      estimateElasticities(
        series.map((s) => toPriceHistory(s, productOf(s.id))),
        settings,
      ),
    );
  });

  it("GIVEN parts WHEN merged out of order THEN it refuses (the sums depend on the order)", () => {
    // GIVEN
    const series = shop(10);
    const ids = series.map((s) => s.id);
    const part = new ShopContextPart(ids.slice(5), 5, ids.length, 28);
    for (const s of series.slice(5)) part.add(s, "p");
    const builder = new ShopContextBuilder(ids, { horizon: 28 }, 2000, 5);
    // WHEN / THEN
    expect(() => builder.merge(part.state())).toThrow(/expected 0/);
  });

  it("GIVEN merged parts WHEN the calibration sample's series were not given again THEN finishing refuses", () => {
    // GIVEN
    const series = shop(6);
    const ids = series.map((s) => s.id);
    const part = new ShopContextPart(ids, 0, ids.length, 28);
    for (const s of series) part.add(s, "p");
    const builder = new ShopContextBuilder(ids, { horizon: 28 });
    builder.merge(part.state());
    // WHEN / THEN
    expect(() => builder.finish()).toThrow(/calibration sample series/);
  });
});
