// ETS called directly (not through the pipeline), on series whose seasonal shape is known: the state-space
// model with a seasonal component (Hyndman, Koehler, Ord & Snyder 2008, ch. 2) must give that shape back.
import { describe, expect, it } from "vitest";
import { ets, etsYearly, toSeriesInput } from "../../../app/core/forecast/index";
import { poisson, rng } from "./helpers";

/** Known weekday multipliers, Monday first (mean 1). */
const WEEK = [0.5, 0.7, 0.8, 1.0, 1.2, 1.8, 1.0];
const LEVEL = 20;

/** Each weekday's share of its own week, from 7 consecutive forecast steps starting on a Monday. */
function weekdayRatios(mean: Float64Array, from: number): number[] {
  const week = Array.from(mean.subarray(from, from + 7));
  const avg = week.reduce((s, v) => s + v, 0) / 7;
  return week.map((v) => v / avg);
}

describe("ETS recovers a known weekly pattern", () => {
  it("GIVEN 20 weeks of Poisson sales with a strong weekday shape WHEN ETS forecasts 2 weeks THEN each weekday's ratio is the true one within 0.12", () => {
    // GIVEN 140 days (day 0 a Monday) of Poisson(20 x weekday multiplier) sales
    const r = rng(7);
    const values = Array.from({ length: 140 }, (_, i) => poisson(r, LEVEL * WEEK[i % 7]));
    // WHEN ETS forecasts 14 days (day 140 is a Monday)
    const out = ets.forecast(toSeriesInput(values, undefined, 7), { n: 140, h: 14 });
    // THEN both forecast weeks have the true weekday ratios, and the level is the true one
    for (const from of [0, 7]) {
      const ratios = weekdayRatios(out.mean, from);
      ratios.forEach((ratio, d) => expect(Math.abs(ratio - WEEK[d]), `weekday ${d}`).toBeLessThan(0.12));
    }
    const weekly = Array.from(out.mean.subarray(0, 7)).reduce((s, v) => s + v, 0) / 7;
    expect(Math.abs(weekly / LEVEL - 1)).toBeLessThan(0.1);
  });

  it("GIVEN a noise-free weekly pattern WHEN ETS forecasts THEN the pattern is reproduced to 2%", () => {
    // GIVEN 12 weeks of exactly 20 x multiplier
    const values = Array.from({ length: 84 }, (_, i) => LEVEL * WEEK[i % 7]);
    // WHEN forecast 7 days
    const out = ets.forecast(toSeriesInput(values, undefined, 7), { n: 84, h: 7 });
    // THEN every day is the true value within 2%
    out.mean.forEach((v, d) => expect(Math.abs(v / (LEVEL * WEEK[d]) - 1), `weekday ${d}`).toBeLessThan(0.02));
  });
});

describe("ETS with the pooled yearly index (ets-yearly) follows the yearly shape", () => {
  it("GIVEN sales that follow a known yearly index and that index WHEN ets-yearly forecasts into a peak THEN it rises with the index", () => {
    // GIVEN a yearly index (a smooth year plus a 3-week peak at 2.2x starting 10 days after the history) and
    // 400 days of Poisson(10 x weekday x yearly) sales
    const n = 400;
    const h = 35;
    const yearly = new Float64Array(n + h).map((_, i) =>
      i >= n + 10 && i < n + 31 ? 2.2 : 1 + 0.3 * Math.sin((2 * Math.PI * i) / 365),
    );
    const r = rng(11);
    const values = Array.from({ length: n }, (_, i) => poisson(r, 10 * WEEK[i % 7] * yearly[i]));
    const input = toSeriesInput(values, undefined, 7);
    input.yearly = yearly;
    // WHEN ets-yearly forecasts 35 days
    const out = etsYearly.forecast(input, { n, h });
    // THEN each forecast week's total is the true one within 12%, in the peak and around it
    for (let w = 0; w < 5; w++) {
      let truth = 0;
      let got = 0;
      for (let t = w * 7; t < w * 7 + 7; t++) {
        truth += 10 * WEEK[(n + t) % 7] * yearly[n + t];
        got += out.mean[t];
      }
      expect(Math.abs(got / truth - 1), `week ${w}`).toBeLessThan(0.12);
    }
    // AND a peak day is about 2.2 / 1.2 times the same weekday a week before
    expect(out.mean[14] / out.mean[7]).toBeGreaterThan(1.6);
  });
});
