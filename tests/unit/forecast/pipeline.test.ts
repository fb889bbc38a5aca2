// The per-variant pipeline: shape of the output, censoring and lost sales, new variants,
// the fallback chain, determinism and batch isolation.
import { describe, expect, it } from "vitest";
import {
  type DailySeries,
  type ForecastModel,
  buildPoolProfiles,
  censoredMean,
  ets,
  forecastBatch,
  forecastVariant,
  levelKey,
} from "../../../app/core/forecast/index";
import { mean, weeklySeries } from "./helpers";

describe("forecastVariant", () => {
  it("GIVEN a year of steady sales WHEN forecast THEN the output has the contract's shape", () => {
    // GIVEN 364 days from 2024-01-01
    const s = weeklySeries(364, 10);
    // WHEN forecast with the defaults
    const fc = forecastVariant(s);
    // THEN 28 days starting the day after the history, four quantile rows ordered by level
    expect(fc.start).toBe("2024-12-30");
    expect(fc.mean).toHaveLength(28);
    expect(Object.keys(fc.quantiles).sort()).toEqual(["0.5", "0.8", "0.9", "0.95"]);
    for (let t = 0; t < 28; t++) {
      expect(fc.quantiles["0.5"][t]).toBeLessThanOrEqual(fc.quantiles["0.8"][t]);
      expect(fc.quantiles["0.9"][t]).toBeLessThanOrEqual(fc.quantiles["0.95"][t]);
    }
    expect(fc.demandClass).toBe("smooth");
    expect(mean(fc.mean)).toBeGreaterThan(9);
    expect(mean(fc.mean)).toBeLessThan(11.5);
    // AND the backtest reports scaled errors and interval coverage
    expect(fc.backtest).not.toBeNull();
    expect(fc.backtest!.rmsse).toBeGreaterThan(0);
    expect(fc.backtest!.coverage["0.9"]).toBeGreaterThan(0.7);
    expect(fc.backtest!.coverage["0.9"]).toBeLessThanOrEqual(1);
    expect(fc.explanation.length).toBeGreaterThan(20);
  });

  it("GIVEN weekends sell 1.5x and weekdays 0.8x WHEN forecast THEN the weekly pattern is kept", () => {
    const fc = forecastVariant(weeklySeries(364, 10, 3));
    // Day 0 of the forecast is a Monday (2024-12-30): days 5 and 6 are the weekend.
    const weekend = (fc.mean[5] + fc.mean[6]) / 2;
    const weekday = (fc.mean[0] + fc.mean[1] + fc.mean[2]) / 3;
    expect(weekend / weekday).toBeGreaterThan(1.5);
  });

  it("GIVEN a stockout gap WHEN forecast THEN the forecast is not pulled down and lost sales are estimated", () => {
    // GIVEN 200 days at about 10 a day, with 21 days out of stock (zero sales) ending 10 days before the end
    const base = weeklySeries(200, 10, 5);
    const available = base.units.map((_, i) => i < 169 || i >= 190);
    const units = base.units.map((u, i) => (available[i] ? u : 0));
    // WHEN forecast with the mask, and (for contrast) as if the zeros were real demand
    const censored = forecastVariant({ ...base, units, available });
    const naive = forecastVariant({ ...base, units });
    const full = forecastVariant(base);
    // THEN the censored forecast stays near the uncensored one, above the zero-as-demand one
    expect(Math.abs(mean(censored.mean) / mean(full.mean) - 1)).toBeLessThan(0.1);
    expect(mean(censored.mean)).toBeGreaterThan(mean(naive.mean));
    // AND about 21 x 10 units were lost
    expect(censored.lostSales.censoredDays).toBe(21);
    expect(censored.lostSales.estimatedUnits).toBeGreaterThan(21 * 10 * 0.75);
    expect(censored.lostSales.estimatedUnits).toBeLessThan(21 * 10 * 1.25);
    expect(censored.explanation).toContain("out-of-stock");
  });

  it("GIVEN a variant out of stock for its last 20 days WHEN forecast THEN demand is forecast from its in-stock days", () => {
    const base = weeklySeries(150, 6, 8);
    const available = base.units.map((_, i) => i < 130);
    const fc = forecastVariant({ ...base, units: base.units.map((u, i) => (available[i] ? u : 0)), available });
    expect(mean(fc.mean)).toBeGreaterThan(6 * 0.85);
  });

  it("GIVEN a new variant and a pooled group WHEN forecast THEN it takes the group's shape scaled by its early sales", () => {
    // GIVEN 20 established mugs at about 5 a day (weekends 1.5x, weekdays 0.8x)
    const mugs = Array.from({ length: 20 }, (_, k) => weeklySeries(210, 5, 100 + k, `m${k}`, "mugs"));
    const pool = buildPoolProfiles(mugs);
    // AND a new mug with 10 days (Monday start) selling 10 a day, flat
    const fresh: DailySeries = { id: "new", start: "2024-07-29", units: new Array(10).fill(10), group: "mugs" };
    // WHEN forecast with the pool
    const fc = forecastVariant(fresh, {}, pool);
    // THEN it is "new", uses the pooled profile, its level lies between the group's and its own
    expect(fc.demandClass).toBe("new");
    expect(fc.model).toBe("pooled");
    expect(mean(fc.mean)).toBeGreaterThan(5.5);
    expect(mean(fc.mean)).toBeLessThan(10);
    // AND the group's weekend peak, which its own flat days do not show
    // (the forecast starts on Thursday 2024-08-08: days 2 and 3 are the weekend)
    expect(fc.mean[2] / fc.mean[0]).toBeGreaterThan(1.5);
    // AND without a pool it falls back to its own censored mean
    expect(forecastVariant(fresh).model).toBe("censored-mean");
  });

  it("GIVEN a model that throws and one that returns NaN WHEN forecast THEN both are skipped and recorded", () => {
    const throwing: ForecastModel = {
      name: "boom",
      forecast: () => {
        throw new Error("kaput");
      },
    };
    const nan: ForecastModel = {
      name: "nan",
      forecast: (_input, req) => ({
        mean: new Float64Array(req.h).fill(NaN),
        quantiles: {},
        sse: 0,
        nres: 0,
        fitSum: 0,
        fitSqSum: 0,
      }),
    };
    const s = weeklySeries(200, 4, 9);
    // WHEN the candidates are [boom, nan, ets]
    const fc = forecastVariant(s, {}, undefined, { candidates: [throwing, nan, ets] });
    // THEN ets is used and the chain names both failures
    expect(fc.model).toBe("ets");
    expect(fc.fallbacks.some((f) => f.startsWith("boom:") && f.includes("kaput"))).toBe(true);
    expect(fc.fallbacks.some((f) => f.startsWith("nan:"))).toBe(true);
    // AND when every candidate fails, the censored mean still answers
    const last = forecastVariant(s, {}, undefined, { candidates: [throwing, nan] });
    expect(last.model).toBe(censoredMean.name);
    expect(mean(last.mean)).toBeGreaterThan(3);
  });

  it("GIVEN a model that fails only on the final fit WHEN forecast THEN the next best option is used", () => {
    let calls = 0;
    const flaky: ForecastModel = {
      name: "flaky",
      forecast: (input, req) => {
        calls++;
        if (req.n === input.y.length) throw new Error("final fit failed");
        return ets.forecast(input, req);
      },
    };
    const fc = forecastVariant(weeklySeries(200, 4, 10), {}, undefined, { candidates: [flaky] });
    expect(calls).toBeGreaterThan(1);
    expect(fc.model).toBe("censored-mean");
    expect(fc.fallbacks.some((f) => f.includes("final fit failed"))).toBe(true);
  });

  it("GIVEN the same input WHEN forecast twice THEN the outputs are identical (nothing random)", () => {
    const s = weeklySeries(300, 2, 12);
    expect(forecastVariant(s)).toEqual(forecastVariant(s));
  });

  it("GIVEN monthly intermittent data and seasonPeriod 12 WHEN forecast THEN an intermittent model is chosen among valid ones", () => {
    const units = [
      0, 0, 2, 0, 0, 0, 1, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 1, 0, 0, 0, 0, 2, 0, 1, 0, 0, 0, 0, 1, 0, 0, 2, 0,
      0, 0, 1, 0, 0, 0, 0,
    ];
    const fc = forecastVariant({ id: "part", start: "1998-01-01", units }, { horizon: 6, seasonPeriod: 12 });
    expect(fc.demandClass === "intermittent" || fc.demandClass === "lumpy").toBe(true);
    expect(fc.mean).toHaveLength(6);
    expect(fc.seasonPeriod).toBe(12);
    expect(mean(fc.mean)).toBeLessThan(1);
  });

  it("GIVEN a variant launched mid-history WHEN leadingZerosUnavailable THEN the pre-launch zeros do not count", () => {
    // GIVEN 300 days of zeros, then 60 days at about 5 a day
    const launched = weeklySeries(60, 5, 30);
    const s: DailySeries = { id: "l", start: "2024-01-01", units: [...new Array(300).fill(0), ...launched.units] };
    // WHEN classified with and without the option
    const plain = forecastVariant(s);
    const trimmed = forecastVariant(s, { leadingZerosUnavailable: true });
    // THEN without it the zeros make the demand look intermittent; with it the variant sells steadily
    expect(plain.adi).toBeGreaterThan(4);
    expect(trimmed.adi).toBeLessThan(1.32);
    expect(mean(trimmed.mean)).toBeGreaterThan(4);
    expect(trimmed.lostSales.censoredDays).toBe(0);
  });

  it("GIVEN custom levels WHEN forecast THEN quantiles are keyed by levelKey", () => {
    const fc = forecastVariant(weeklySeries(100, 3), { levels: [0.1, 0.99], horizon: 5 });
    expect(Object.keys(fc.quantiles).sort()).toEqual([levelKey(0.1), levelKey(0.99)]);
    expect(fc.quantiles["0.99"]).toHaveLength(5);
  });

  it("GIVEN an invalid start date WHEN forecastVariant THEN a clear error names the series and field", () => {
    expect(() => forecastVariant({ id: "x", start: "2024-02-30", units: [1] })).toThrow(
      /series "x": start must be a YYYY-MM-DD/,
    );
    expect(() => forecastVariant({ id: "y", start: "2024-02-01", units: [1, 2], available: [true] })).toThrow(
      /available must be an array as long as units/,
    );
  });
});

describe("forecastBatch", () => {
  it("GIVEN one broken series among good ones WHEN forecast as a batch THEN only that one gets a zero forecast", () => {
    const good = [weeklySeries(120, 3, 1, "a"), weeklySeries(120, 5, 2, "b")];
    const bad = { id: "bad", start: "not a date", units: [1, 2, 3] } as DailySeries;
    const out = forecastBatch([good[0], bad, good[1]], { horizon: 14 });
    expect(out.map((f) => f.id)).toEqual(["a", "bad", "b"]);
    expect(out[1].model).toBe("none");
    expect(out[1].mean).toEqual(new Array(14).fill(0));
    expect(out[1].fallbacks[0]).toContain("start must be");
    expect(mean(out[0].mean)).toBeGreaterThan(2);
    expect(mean(out[2].mean)).toBeGreaterThan(3.5);
  });

  it("GIVEN negative and NaN units WHEN forecast THEN they are left out and reported", () => {
    const s = weeklySeries(100, 3);
    s.units[10] = -4;
    s.units[11] = Number.NaN;
    const [fc] = forecastBatch([s]);
    expect(fc.fallbacks[0]).toMatch(/2 missing, negative or non-numeric values left out/);
    expect(fc.mean.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
  });
});
