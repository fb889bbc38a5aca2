import { describe, expect, it } from "vitest";
import { iterateSeries, simulateSeries } from "../../../app/demo/simulator";
import type { DailySeries } from "../../../app/core/forecast/types";

describe("simulateSeries", () => {
  it("GIVEN default options WHEN 200 series are simulated THEN each is a valid forecast DailySeries of 730 days", () => {
    // GIVEN / WHEN
    const all = simulateSeries({ seed: 1, count: 200 });
    // THEN the shape matches the forecast contract
    const asInput: DailySeries[] = all;
    expect(asInput).toHaveLength(200);
    const bad = all.filter(
      (s) =>
        s.units.length !== 730 ||
        s.available.length !== 730 ||
        s.prices.length !== 730 ||
        s.truthMean.length !== 730 ||
        s.units.some((u) => !Number.isInteger(u) || u < 0),
    );
    expect(bad).toEqual([]);
    expect(all[0].start).toBe("2024-11-26");
    expect(new Set(all.map((s) => s.group)).size).toBeGreaterThanOrEqual(5);
  });

  it("GIVEN stockouts WHEN a day is unavailable THEN nothing sells that day, and a price is only reported on days with sales", () => {
    const all = simulateSeries({ seed: 2, count: 300, days: 365 });
    let censored = 0;
    let leaks = 0;
    for (const s of all) {
      s.available.forEach((a, d) => {
        if (!a) censored++;
        if (!a && s.units[d] > 0) leaks++;
        if (s.units[d] > 0 !== (s.prices[d] !== null)) leaks++;
      });
    }
    expect(censored).toBeGreaterThan(0);
    expect(leaks).toBe(0);
  });

  it("GIVEN no stockouts WHEN many days are drawn THEN units average the true mean (unbiased sampling)", () => {
    const all = simulateSeries({ seed: 3, count: 300, days: 365, stockouts: false });
    let units = 0;
    let mean = 0;
    for (const s of all) {
      units += s.units.reduce((a, b) => a + b, 0);
      mean += s.truthMean.reduce((a, b) => a + b, 0);
    }
    expect(units / mean).toBeGreaterThan(0.97);
    expect(units / mean).toBeLessThan(1.03);
  });

  it("GIVEN the mix of series WHEN classified THEN there is a long intermittent tail and a fast-moving head", () => {
    const all = simulateSeries({ seed: 4, count: 400, days: 365, stockouts: false });
    const zeroShare = (s: { units: number[] }) => s.units.filter((u) => u === 0).length / s.units.length;
    expect(all.filter((s) => s.truth.intermittent && zeroShare(s) > 0.8).length).toBeGreaterThan(80);
    expect(all.filter((s) => zeroShare(s) < 0.2).length).toBeGreaterThan(20);
  });

  it("GIVEN weekly and yearly seasonality WHEN the true mean is read THEN it varies by weekday and by season", () => {
    const [s] = simulateSeries({
      seed: 5,
      count: 1,
      truth: { yearlyAmplitude: 0.6, yearlyPeakDay: 355, trendPerYear: 0 },
      priceChanges: false,
    });
    const dec = s.truthMean.slice(0, 35).reduce((a, b) => a + b, 0); // late Nov - Dec
    const jun = s.truthMean.slice(190, 225).reduce((a, b) => a + b, 0); // June
    expect(dec / jun).toBeGreaterThan(2);
    const week = s.truthMean.slice(7, 14);
    expect(Math.max(...week) / Math.min(...week)).toBeGreaterThan(1.1);
  });

  it("GIVEN a horizon WHEN series are simulated THEN future true means and draws follow the history", () => {
    const [s] = simulateSeries({ seed: 6, count: 1, days: 100, horizon: 28, endDate: "2026-11-25" });
    expect(s.future.start).toBe("2026-11-26");
    expect(s.future.mean).toHaveLength(28);
    expect(s.future.units).toHaveLength(28);
  });

  it("GIVEN a streaming consumer WHEN iterateSeries is used THEN it yields the same series as simulateSeries", () => {
    const streamed = [...iterateSeries({ seed: 8, count: 5, days: 60 })];
    expect(JSON.stringify(streamed)).toBe(JSON.stringify(simulateSeries({ seed: 8, count: 5, days: 60 })));
  });

  it("GIVEN bad options WHEN simulating THEN the error names the option", () => {
    expect(() => simulateSeries({ seed: 1, count: -1 })).toThrow(/count/);
    expect(() => simulateSeries({ seed: 1, count: 1, days: 0 })).toThrow(/days/);
    expect(() => simulateSeries({ seed: 1, count: 1, endDate: "2026-02-30" })).toThrow(/2026-02-30/);
  });
});

describe("fast and exact truth agree", () => {
  it("GIVEN a series over a leap-year end WHEN its fast true mean is compared with the oracle formula THEN they match", async () => {
    const { truthMean } = await import("../../../app/demo/simulator");
    const { parseDay } = await import("../../../app/demo/sim/calendar");
    // GIVEN 1500 days that cross 31 December 2024 (day 366) and 2028
    const [s] = simulateSeries({
      seed: 12,
      count: 1,
      days: 1500,
      endDate: "2028-12-31",
      truth: { yearlyAmplitude: 0.7 },
    });
    const first = parseDay(s.start);
    // WHEN / THEN
    const worst = s.truthMean.reduce(
      (w, m, d) => Math.max(w, Math.abs(m - truthMean(s.truth, first + d, s.offeredPrice[d])) / Math.max(1e-9, m)),
      0,
    );
    expect(worst).toBeLessThan(1e-9);
  });
});
