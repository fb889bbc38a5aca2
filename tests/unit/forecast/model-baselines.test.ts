// The simple models called directly (not through the pipeline), one defining property each: seasonal naive
// repeats the last season (Hyndman & Athanasopoulos, FPP3 5.2), the censored mean averages in-stock days
// only, and the pooled model blends the group level with the variant's own by credibility (Bühlmann 1967).
import { describe, expect, it } from "vitest";
import { censoredMean, pooled, seasonalNaive, toSeriesInput } from "../../../app/core/forecast/index";
import { poisson, rng } from "./helpers";

describe("seasonal naive: each step is the last available value one season earlier", () => {
  it("GIVEN a random weekly series with the last Wednesday out of stock WHEN forecast 3 weeks THEN each day repeats the last week, Wednesday the week before", () => {
    // GIVEN 10 weeks of Poisson sales (day 0 a Monday), the last Wednesday (day 65) censored
    const r = rng(9);
    const values = Array.from({ length: 70 }, (_, i) => poisson(r, 3 + (i % 7)));
    const available = values.map((_, i) => i !== 65);
    // WHEN forecast 21 days
    const out = seasonalNaive.forecast(toSeriesInput(values, available, 7), { n: 70, h: 21 });
    // THEN day t is y[63 + t % 7], except Wednesdays: y[58], the previous available Wednesday
    for (let t = 0; t < 21; t++) expect(out.mean[t]).toBe(t % 7 === 2 ? values[58] : values[63 + (t % 7)]);
  });
});

describe("censored mean: the average of the in-stock days of the recent window", () => {
  it("GIVEN 20 recent stockout days recorded as 0 sold WHEN forecast THEN the mean of the last 56 in-stock days: a stockout is not zero demand", () => {
    // GIVEN 56 days of 4 units, 20 of them out of stock (0 sold, censored), and older days of 50 units
    const values = [...new Array<number>(40).fill(50), ...new Array<number>(56).fill(4)];
    const available = values.map((_, i) => !(i >= 60 && i < 80));
    for (let i = 60; i < 80; i++) values[i] = 0;
    // WHEN forecast
    const out = censoredMean.forecast(toSeriesInput(values, available, 7), { n: values.length, h: 5 });
    // THEN the mean of the last 56 available days: 36 days of 4 and the 20 most recent days of 50 before them
    for (const v of out.mean) expect(v).toBeCloseTo((36 * 4 + 20 * 50) / 56, 12);
  });
});

describe("pooled: (own units + K x group level) / (expected shape-days + K)", () => {
  const weekly = [0.6, 0.8, 1, 1, 1.1, 1.5, 1];
  it("GIVEN a new variant without history WHEN forecast THEN the group's level and weekday shape, from the series' weekday", () => {
    // GIVEN no own day, a group level of 3 and a series starting on a Thursday (phase 3)
    const input = toSeriesInput([], undefined, 7, 3);
    input.prior = { weekly, level: 3 };
    // WHEN forecast a week
    const out = pooled.forecast(input, { n: 0, h: 7 });
    // THEN day t is 3 x weekly[(3 + t) % 7]
    for (let t = 0; t < 7; t++) expect(out.mean[t]).toBeCloseTo(3 * weekly[(3 + t) % 7], 12);
  });

  it("GIVEN 14 own days selling twice the group WHEN forecast THEN the level is the credibility blend with K = 7", () => {
    // GIVEN 14 days (from a Monday) selling 6 x weekday shape, and a group level of 3
    const values = Array.from({ length: 14 }, (_, i) => 6 * weekly[i % 7]);
    const input = toSeriesInput(values, undefined, 7, 0);
    input.prior = { weekly, level: 3 };
    // WHEN forecast
    const out = pooled.forecast(input, { n: 14, h: 7 });
    // THEN level = (own units + 7 x 3) / (14 shape-days + 7): two thirds of the way from 3 to 6
    const shapeDays = 2 * weekly.reduce((s, v) => s + v, 0);
    const level = (6 * shapeDays + 7 * 3) / (shapeDays + 7);
    for (let t = 0; t < 7; t++) expect(out.mean[t]).toBeCloseTo(level * weekly[t], 12);
    expect(level).toBeGreaterThan(3);
    expect(level).toBeLessThan(6);
  });
});
