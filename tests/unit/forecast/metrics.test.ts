// Each metric on a hand-computed example, with and without censored points.
import { describe, expect, it } from "vitest";
import { bias, coverage, mase, pinball, rmsse, wape } from "../../../app/core/forecast/index";

// GIVEN actuals [2, 0, 4], forecasts [1, 1, 1] and training data [1, 3, 2, 4]
// (lag-1 differences 2, 1, 2: mean absolute 5/3, mean squared 3)
const actual = [2, 0, 4];
const forecast = [1, 1, 1];
const train = [1, 3, 2, 4];

describe("metrics", () => {
  it("GIVEN the example WHEN MASE THEN MAE 5/3 over scale 5/3 = 1", () => {
    expect(mase(actual, forecast, train)).toBeCloseTo(1, 12);
  });

  it("GIVEN the example WHEN RMSSE THEN sqrt((11/3) / 3)", () => {
    expect(rmsse(actual, forecast, train)).toBeCloseTo(Math.sqrt(11 / 9), 12);
  });

  it("GIVEN the example WHEN WAPE and bias THEN 5/6 and (3 - 6)/6", () => {
    expect(wape(actual, forecast)).toBeCloseTo(5 / 6, 12);
    expect(bias(actual, forecast)).toBeCloseTo(-0.5, 12);
  });

  it("GIVEN quantile 1 at level 0.9 WHEN pinball THEN (0.9 + 0.1 + 2.7) / 3", () => {
    expect(pinball(actual, forecast, 0.9)).toBeCloseTo(3.7 / 3, 12);
  });

  it("GIVEN the interval [0, 2] WHEN coverage THEN 2 of 3 actuals inside", () => {
    expect(coverage(actual, [0, 0, 0], [2, 2, 2])).toBeCloseTo(2 / 3, 12);
  });

  it("GIVEN the middle actual is censored WHEN each metric THEN it is skipped", () => {
    // WHEN the mask drops the 0 of day 2
    const mask = [true, false, true];
    // THEN only the errors 1 and 3 count
    expect(mase(actual, forecast, train, { actualMask: mask })).toBeCloseTo(2 / (5 / 3), 12);
    expect(rmsse(actual, forecast, train, { actualMask: mask })).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(wape(actual, forecast, mask)).toBeCloseTo(4 / 6, 12);
    expect(bias(actual, forecast, mask)).toBeCloseTo(-4 / 6, 12);
    expect(pinball(actual, forecast, 0.9, mask)).toBeCloseTo(3.6 / 2, 12);
    expect(coverage(actual, [0, 0, 0], [2, 2, 2], mask)).toBeCloseTo(1 / 2, 12);
  });

  it("GIVEN a censored training day WHEN MASE THEN differences touching it are left out of the scale", () => {
    // GIVEN train day 2 (value 3) censored: only the pair (2, 4) remains, scale 2
    expect(mase(actual, forecast, train, { trainMask: [1, 0, 1, 1] })).toBeCloseTo(5 / 3 / 2, 12);
  });

  it("GIVEN a seasonal lag of 2 WHEN MASE THEN the scale uses lag-2 differences", () => {
    // GIVEN differences 2-1 and 4-3: scale 1
    expect(mase(actual, forecast, train, { lag: 2 })).toBeCloseTo(5 / 3, 12);
  });

  it("GIVEN a constant training series WHEN MASE / RMSSE THEN the result is finite (scale falls back)", () => {
    expect(Number.isFinite(mase(actual, forecast, [2, 2, 2]))).toBe(true);
    expect(Number.isFinite(rmsse(actual, forecast, [0, 0, 0]))).toBe(true);
  });
});
