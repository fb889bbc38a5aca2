// ADIDA called directly (not through the pipeline): Nikolopoulos, Syntetos, Boylan, Petropoulos &
// Assimakopoulos (2011) sum the series into non-overlapping buckets, forecast the bucket totals, and spread
// the bucket forecast back over its steps. A series whose bucket totals are known gives them back per step.
import { describe, expect, it } from "vitest";
import { adida, toSeriesInput } from "../../../app/core/forecast/index";
import { adidaLevel } from "../../../app/core/forecast/models/adida";
import { rng } from "./helpers";

describe("ADIDA: aggregate into buckets, forecast the totals, disaggregate", () => {
  it("GIVEN one sale of 10 somewhere in every 5-day bucket WHEN ADIDA forecasts THEN 10 / 5 = 2 a day, whatever the positions", () => {
    // GIVEN 60 buckets of 5 days (no seasonality): one sale of 10 at a random day of each bucket, and the very
    // last day a sale (a day-level smoother would jump up on it)
    const r = rng(5);
    const values = new Array<number>(300).fill(0);
    for (let b = 0; b < 60; b++) values[b * 5 + Math.floor(r() * 5)] = 10;
    values.fill(0, 295);
    values[299] = 10;
    const input = toSeriesInput(values, undefined, 1);
    // WHEN forecast 10 days
    const out = adida.forecast(input, { n: 300, h: 10 });
    // THEN the bucket size is the mean interval (5), and every day gets the bucket total / 5
    expect(adidaLevel(input, 300)).toBe(5);
    for (const v of out.mean) expect(v).toBeCloseTo(2, 10);
  });

  it("GIVEN weekly buckets that total 70 with a fixed weekday shape WHEN ADIDA forecasts a week THEN the week sums to 70, shaped like the series", () => {
    // GIVEN 20 weeks of 70 units split Monday..Sunday as 4, 6, 8, 10, 12, 16, 14
    const week = [4, 6, 8, 10, 12, 16, 14];
    const values = Array.from({ length: 140 }, (_, i) => week[i % 7]);
    // WHEN forecast 7 days (day 140 is a Monday)
    const out = adida.forecast(toSeriesInput(values, undefined, 7), { n: 140, h: 7 });
    // THEN the bucket total is preserved on disaggregation, and the days are ordered as in the series
    expect(out.mean.reduce((s, v) => s + v, 0)).toBeCloseTo(70, 8);
    for (let d = 1; d < 7; d++) expect(Math.sign(out.mean[d] - out.mean[d - 1])).toBe(Math.sign(week[d] - week[d - 1]));
  });

  it("GIVEN a bucket with censored days WHEN aggregated THEN its total is scaled up from the available days", () => {
    // GIVEN 40 buckets of 5 days with 5 units on each day, the last bucket's first 2 days out of stock
    const values = new Array<number>(200).fill(5);
    const available = values.map((_, i) => i < 195 || i >= 197);
    const input = toSeriesInput(values, available, 1);
    // WHEN forecast with 5-day buckets (a 5-step season; sales every day alone would give buckets of 2)
    input.period = 5;
    const out = adida.forecast(input, { n: 200, h: 5 });
    // THEN the stockout does not lower the forecast: 5 a day
    for (const v of out.mean) expect(v).toBeCloseTo(5, 10);
  });
});
