// Pooled group profiles (weekly, yearly, level) and period-demand quantiles.
import { describe, expect, it } from "vitest";
import {
  buildPoolProfiles,
  forecastVariant,
  periodDemandQuantiles,
  type VariantForecast,
} from "../../../app/core/forecast/index";
import { poisson, rng, weeklySeries } from "./helpers";

/** Two years of daily sales with a December peak (x3 in weeks 48-51). */
function yearlySeries(seed: number, id: string, group: string, days = 731) {
  const r = rng(seed);
  const start = Date.UTC(2022, 0, 3) / 86_400_000; // Monday
  const units = Array.from({ length: days }, (_, i) => {
    const d = new Date((start + i) * 86_400_000);
    const doy = Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000);
    return poisson(r, doy >= 7 * 47 && doy < 7 * 51 ? 9 : 3);
  });
  return { id, start: "2022-01-03", units, group };
}

describe("buildPoolProfiles", () => {
  it("GIVEN a group with weekend peaks WHEN pooled THEN the weekly index shows them and averages 1", () => {
    const pool = buildPoolProfiles(Array.from({ length: 10 }, (_, k) => weeklySeries(140, 4, k, `s${k}`, "g")));
    const w = pool.groups.g.weekly;
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(7, 9);
    expect(w[5] / w[0]).toBeGreaterThan(1.5);
    expect(pool.groups.g.yearly).toBeNull();
    expect(pool.groups["*"].series).toBe(10);
    expect(pool.groups.g.level).toBeGreaterThan(3);
  });

  it("GIVEN two years with a December peak WHEN pooled THEN the yearly index peaks in December", () => {
    const pool = buildPoolProfiles([1, 2, 3].map((k) => yearlySeries(k, `y${k}`, "xmas")));
    const y = pool.groups.xmas.yearly!;
    expect(y).toHaveLength(53);
    expect(y[49] / y[20]).toBeGreaterThan(2);
  });

  it("GIVEN a variant with 8 months of history in a group with a December peak WHEN forecast into December THEN the peak is expected", () => {
    // GIVEN the group's two-year histories and a variant that started in March 2023
    const group = [1, 2, 3].map((k) => yearlySeries(k, `y${k}`, "xmas", 690));
    const pool = buildPoolProfiles(group);
    const r = rng(99);
    const units = Array.from({ length: 250 }, () => poisson(r, 3));
    // history 2023-03-06 .. 2023-11-10: the forecast covers weeks 45-49
    const fc = forecastVariant({ id: "v", start: "2023-03-06", units, group: "xmas" }, { horizon: 28 }, pool);
    // THEN the yearly model is chosen and the late-horizon forecast rises towards the peak
    const early = fc.mean.slice(0, 7).reduce((a, b) => a + b, 0);
    const late = fc.mean.slice(21).reduce((a, b) => a + b, 0);
    expect(fc.model).toContain("ets-yearly");
    expect(late / early).toBeGreaterThan(1.3);
    expect(fc.fallbacks).toEqual([]);
  });
});

function flat(mean: number, h: number, dispersion = Infinity): VariantForecast {
  return {
    id: "f",
    start: "2024-01-01",
    mean: new Array(h).fill(mean),
    quantiles: {},
    model: "test",
    demandClass: "smooth",
    adi: 1,
    cv2: 0,
    dispersion,
    backtest: null,
    lostSales: { censoredDays: 0, estimatedUnits: 0 },
    fallbacks: [],
    explanation: "",
    seasonPeriod: 7,
  };
}

describe("periodDemandQuantiles", () => {
  it("GIVEN 2 a day (Poisson) WHEN a 10-day period THEN mean 20 and Poisson(20) quantiles", () => {
    const p = periodDemandQuantiles(flat(2, 28), 0, 10, [0.5, 0.95]);
    expect(p.mean).toBeCloseTo(20, 9);
    expect(p.variance).toBeCloseTo(20, 9);
    // Poisson(20): median 20, 95% quantile 28
    expect(p.quantiles["0.5"]).toBe(20);
    expect(p.quantiles["0.95"]).toBe(28);
  });

  it("GIVEN an offset and a period past the horizon WHEN quantiles THEN the last season repeats", () => {
    const fc = flat(1, 14);
    fc.mean[13] = 8; // last day of the last week
    // offset 20, 7 days: days 20..26 map to days 13 - 6 + ((t - 14) % 7) -> one of them is day 13
    const p = periodDemandQuantiles(fc, 20, 7, [0.5]);
    expect(p.mean).toBeCloseTo(6 + 8, 9);
  });

  it("GIVEN a random lead time WHEN quantiles THEN the mean matches and the spread is wider than a fixed one", () => {
    const fc = flat(3, 28, 5);
    const fixed = periodDemandQuantiles(fc, 0, 14, [0.5, 0.95]);
    const random = periodDemandQuantiles(fc, 0, { meanDays: 10, sdDays: 3, reviewDays: 4 }, [0.5, 0.95]);
    expect(random.mean).toBeCloseTo(42, 1);
    expect(random.variance).toBeGreaterThan(fixed.variance);
    expect(random.quantiles["0.95"]).toBeGreaterThan(fixed.quantiles["0.95"]);
    expect(random.quantiles["0.5"]).toBeLessThanOrEqual(random.quantiles["0.95"]);
  });

  it("GIVEN a level error (levelCv2 0.1) WHEN a 10-day period THEN the variance adds 0.1 x mean^2", () => {
    const fc = { ...flat(2, 28), levelCv2: 0.1 };
    const p = periodDemandQuantiles(fc, 0, 10, [0.95]);
    expect(p.variance).toBeCloseTo(20 + 0.1 * 400, 9);
    expect(p.quantiles["0.95"]).toBeGreaterThan(periodDemandQuantiles(flat(2, 28), 0, 10, [0.95]).quantiles["0.95"]);
  });

  it("GIVEN a forecast from the pipeline WHEN inspected THEN it carries a positive level error estimate", () => {
    const fc = forecastVariant(weeklySeries(200, 4, 21));
    expect(fc.levelCv2).toBeGreaterThan(0);
  });

  it("GIVEN the same inputs and seed WHEN called twice THEN the same result", () => {
    const fc = flat(1.5, 28, 2);
    const a = periodDemandQuantiles(fc, 3, { meanDays: 7, sdDays: 2 }, [0.9]);
    expect(periodDemandQuantiles(fc, 3, { meanDays: 7, sdDays: 2 }, [0.9])).toEqual(a);
  });

  it("GIVEN a negative offset or a bad level WHEN called THEN a clear error", () => {
    expect(() => periodDemandQuantiles(flat(1, 7), -1, 7, [0.5])).toThrow(/offsetDays/);
    expect(() => periodDemandQuantiles(flat(1, 7), 0, 7, [1.5])).toThrow(/levels/);
  });
});
