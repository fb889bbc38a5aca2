// Croston, SBA and TSB called directly (not through the pipeline), each for what its paper defines:
// Croston (1972) smooths sizes and intervals and forecasts size / interval; SBA (Syntetos & Boylan 2005) is
// Croston times (1 - alpha / 2); TSB (Teunter, Syntetos & Babai 2011) lowers its demand probability in
// every period without demand, so its forecast decays after sales stop, where Croston's stays flat.
import { describe, expect, it } from "vitest";
import { croston, sba, toSeriesInput, tsb } from "../../../app/core/forecast/index";
import { rng } from "./helpers";

/** n steps: a demand of sizes[0] on step `first`, then the next sizes after intervals cycled in order. */
function intermittent(n: number, intervals: number[], sizes: number[], first = intervals[0] - 1): number[] {
  const out = new Array<number>(n).fill(0);
  for (let i = first, j = 0; i < n; i += intervals[j % intervals.length], j++) out[i] = sizes[j % sizes.length];
  return out;
}

const flat = (n: number, v: number) => toSeriesInput(new Array<number>(n).fill(v));

describe("Croston (1972): size and interval estimates converge to the truth; forecast = size / interval", () => {
  it("GIVEN a demand of 6 every 4 days WHEN Croston forecasts THEN 6 / 4 per day, flat", () => {
    // GIVEN 200 days: 6 units on every 4th day
    const values = intermittent(200, [4], [6]);
    // WHEN forecast 10 days (any smoothing constant: the estimates never move)
    const out = croston.forecast(toSeriesInput(values, undefined, 1), { n: 200, h: 10 });
    // THEN 1.5 a day on every day
    for (const v of out.mean) expect(v).toBeCloseTo(1.5, 12);
  });

  it("GIVEN sizes 2, 6, 4 at a fixed interval of 3 WHEN forecast THEN the size estimate converges to 4 (forecast x 3)", () => {
    // GIVEN 600 days, a demand every 3 days cycling through sizes 2, 6, 4 (mean 4)
    const values = intermittent(600, [3], [2, 6, 4]);
    // WHEN forecast with alpha 0.05
    const out = croston.forecast(toSeriesInput(values, undefined, 1), { n: 600, h: 1, params: 0.05 });
    // THEN size = forecast x interval is 4 within 0.15 (exponential smoothing of a 3-cycle wobbles slightly)
    expect(Math.abs(out.mean[0] * 3 - 4)).toBeLessThan(0.15);
  });

  it("GIVEN size 5 at intervals alternating 2 and 6 (first demand on day 0) WHEN forecast THEN the interval estimate converges to 4 (5 / forecast)", () => {
    // GIVEN 800 days: 5 units on day 0 (a first interval of 1), then after 2, 6, 2, 6, ... days (mean 4)
    const values = intermittent(800, [2, 6], [5], 0);
    // WHEN forecast with alpha 0.05
    const out = croston.forecast(toSeriesInput(values, undefined, 1), { n: 800, h: 1, params: 0.05 });
    // THEN interval = size / forecast is 4 within 0.2
    expect(Math.abs(5 / out.mean[0] - 4)).toBeLessThan(0.2);
  });
});

describe("SBA (Syntetos & Boylan 2005): Croston times (1 - alpha / 2)", () => {
  it("GIVEN the same intermittent series and smoothing constant WHEN SBA and Croston forecast THEN SBA = Croston x (1 - alpha / 2)", () => {
    // GIVEN a random intermittent series (a sale on about 1 day in 4, sizes 1 to 6)
    const r = rng(3);
    const values = Array.from({ length: 300 }, () => (r() < 0.25 ? 1 + Math.floor(r() * 6) : 0));
    const input = toSeriesInput(values, undefined, 1);
    for (const alpha of [0.05, 0.1, 0.2]) {
      // WHEN both forecast with the same alpha
      const c = croston.forecast(input, { n: 300, h: 3, params: alpha, wantFitted: true });
      const s = sba.forecast(input, { n: 300, h: 3, params: alpha, wantFitted: true });
      // THEN the forecast and every in-sample fitted value carry the factor
      for (let t = 0; t < 3; t++) expect(s.mean[t]).toBeCloseTo(c.mean[t] * (1 - alpha / 2), 12);
      for (let i = 0; i < 300; i++) expect(s.fitted![i]).toBeCloseTo(c.fitted![i] * (1 - alpha / 2), 12);
      expect(c.mean[0]).toBeGreaterThan(0);
    }
  });
});

describe("TSB (Teunter, Syntetos & Babai 2011): the forecast decays while no demand occurs", () => {
  it("GIVEN sales that stop WHEN TSB forecasts from later and later origins THEN each day without a sale multiplies it by (1 - beta); Croston stays flat", () => {
    // GIVEN 120 days with 3 units on every other day, then 30 days without a sale (in stock)
    const values = [...Array.from({ length: 120 }, (_, i) => (i % 2 === 1 ? 3 : 0)), ...new Array<number>(30).fill(0)];
    const input = toSeriesInput(values, undefined, 1);
    const params = { alpha: 0.1, beta: 0.1 };
    // WHEN both models forecast from the last sale and from each of the 30 days after it
    const atStop = tsb.forecast(input, { n: 120, h: 1, params }).mean[0];
    const crostonAtStop = croston.forecast(input, { n: 120, h: 1, params: 0.1 }).mean[0];
    expect(atStop).toBeGreaterThan(1);
    for (let k = 1; k <= 30; k++) {
      // THEN TSB's demand probability (and so its forecast) falls by the factor (1 - beta) each period ...
      const later = tsb.forecast(input, { n: 120 + k, h: 1, params }).mean[0];
      expect(later).toBeCloseTo(atStop * (1 - params.beta) ** k, 10);
      // ... while Croston, which only updates on a demand, keeps its forecast
      expect(croston.forecast(input, { n: 120 + k, h: 1, params: 0.1 }).mean[0]).toBeCloseTo(crostonAtStop, 12);
    }
  });

  it("GIVEN a demand after a dry spell WHEN TSB updates THEN the probability rises by beta x (1 - p)", () => {
    // GIVEN 60 days without a sale after 28 days of a sale every day (probability 1), then one sale of 2
    const values = [...new Array<number>(28).fill(2), ...new Array<number>(60).fill(0), 2];
    const input = toSeriesInput(values, undefined, 1);
    const params = { alpha: 0.2, beta: 0.05 };
    // WHEN forecast before and after that sale
    const before = tsb.forecast(input, { n: 88, h: 1, params }).mean[0];
    const after = tsb.forecast(input, { n: 89, h: 1, params }).mean[0];
    // THEN with size 2 unchanged, p' = p + beta (1 - p)
    const p = before / 2;
    expect(after / 2).toBeCloseTo(p + params.beta * (1 - p), 10);
  });

  it("GIVEN a constant series WHEN each model forecasts THEN TSB, Croston and SBA agree up to SBA's factor", () => {
    // GIVEN 5 units every day
    const input = flat(100, 5);
    // WHEN forecast with alpha 0.1 / THEN Croston and TSB give 5, SBA 5 x 0.95
    expect(croston.forecast(input, { n: 100, h: 1, params: 0.1 }).mean[0]).toBeCloseTo(5, 12);
    expect(sba.forecast(input, { n: 100, h: 1, params: 0.1 }).mean[0]).toBeCloseTo(5 * 0.95, 12);
    expect(tsb.forecast(input, { n: 100, h: 1, params: { alpha: 0.1, beta: 0.1 } }).mean[0]).toBeCloseTo(5, 12);
  });
});
