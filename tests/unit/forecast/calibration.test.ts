// Protection-period demand calibrated on the shop's own backtests (issue 12, docs/decisions/0014).
import { describe, expect, it } from "vitest";
import {
  backtestServiceLevel,
  buildCalibration,
  calibratedForecast,
  calibrationFor,
  periodDemandQuantiles,
  probabilityDemandExceeds,
  type SumError,
  type VariantForecast,
} from "../../../app/core/forecast/index";
import { kaplanMeier } from "../../../app/core/forecast/calibration";
import { uncensoredDays } from "../../../app/core/forecast/censoring";

/** A flat forecast of `daily` units a day (Poisson days, no level error). */
function flat(daily: number, extra: Partial<VariantForecast> = {}): VariantForecast {
  return {
    id: "v",
    start: "2026-01-01",
    mean: new Array(28).fill(daily),
    quantiles: {},
    model: "test",
    demandClass: "smooth",
    adi: 1,
    cv2: 0,
    dispersion: Infinity,
    backtest: null,
    lostSales: { censoredDays: 0, estimatedUnits: 0 },
    fallbacks: [],
    explanation: "",
    seasonPeriod: 7,
    levelCv2: 0,
    ...extra,
  };
}

/** Backtest windows of 14 days whose actual totals are the forecast times `ratio` (sd from Poisson). */
function windows(
  count: number,
  forecast: number,
  actualOf: (i: number) => number,
  extra: Partial<SumError> = {},
): SumError[] {
  return Array.from({ length: count }, (_, i) => ({
    days: 14,
    forecast,
    actual: actualOf(i),
    sd: Math.sqrt(forecast),
    ...extra,
  }));
}

describe("calibrated protection-period quantiles", () => {
  it("GIVEN a shop whose totals ran well above the model's spread WHEN calibrated THEN the 95% quantile rises; without the table it is the model's", () => {
    // GIVEN 300 windows where actuals scatter +-3 model standard deviations (the model is too narrow)
    const scatter = (i: number) => Math.max(0, Math.round(28 + 3 * Math.sqrt(28) * Math.sin(i * 1.7)));
    const table = buildCalibration([{ demandClass: "smooth", sumErrors: windows(300, 28, scatter) }]);
    const fc = flat(2);
    // WHEN
    const model = periodDemandQuantiles(fc, 0, 14, [0.95]).quantiles["0.95"];
    const calibrated = periodDemandQuantiles(fc, 0, 14, [0.95], table).quantiles["0.95"];
    // THEN Poisson(28) gives 37; the shop's own record asks for more
    expect(model).toBe(37);
    expect(calibrated).toBeGreaterThan(model + 3);
  });

  it("GIVEN a shop whose totals were steadier than the model says WHEN calibrated THEN the 95% quantile falls (less stock)", () => {
    // GIVEN 300 windows within +-0.5 model standard deviations
    const table = buildCalibration([{ demandClass: "smooth", sumErrors: windows(300, 28, (i) => 28 + ((i % 5) - 2)) }]);
    // WHEN / THEN
    expect(periodDemandQuantiles(flat(2), 0, 14, [0.95], table).quantiles["0.95"]).toBeLessThan(37);
  });

  it("GIVEN few windows WHEN calibrated THEN the model keeps most of the weight", () => {
    // GIVEN 5 wild windows only
    const table = buildCalibration([{ demandClass: "smooth", sumErrors: windows(5, 28, () => 80) }]);
    const q = periodDemandQuantiles(flat(2), 0, 14, [0.9], table).quantiles["0.9"];
    // THEN the 90% quantile moves a little above the model's 35, far below what the wild windows alone say (80)
    expect(q).toBeGreaterThan(35);
    expect(q).toBeLessThan(45);
  });

  it("GIVEN the stock position WHEN the risk of running out is asked THEN it is 1 - CDF at the position", () => {
    // GIVEN Poisson(28) over 14 days
    const fc = flat(2);
    // WHEN / THEN: P(D > 28) is about 0.45; P(D > 60) about 0
    expect(probabilityDemandExceeds(fc, 0, 14, 28)).toBeGreaterThan(0.4);
    expect(probabilityDemandExceeds(fc, 0, 14, 28)).toBeLessThan(0.5);
    expect(probabilityDemandExceeds(fc, 0, 14, 60)).toBeLessThan(0.001);
  });
});

describe("windows hidden by stockouts", () => {
  it("GIVEN right-censored errors WHEN the Kaplan-Meier law is built THEN censored values move mass upward instead of counting as small", () => {
    // GIVEN errors 1..10, the three smallest of which were censored (the demand was at least that)
    const obs = Array.from({ length: 10 }, (_, i) => ({ z: i + 1, censored: i < 3 }));
    // WHEN
    const km = kaplanMeier(obs);
    // THEN no step at the censored values, and the median lies above what counting them as events gives (5)
    expect(km.z[0]).toBe(4);
    const median = km.z[km.cdf.findIndex((c) => c >= 0.5)];
    expect(median).toBeGreaterThan(5);
    expect(km.cdf[km.cdf.length - 1]).toBeCloseTo(1, 10);
  });

  it("GIVEN the day before a stockout WHEN censoring THEN it is left out with the stockout days", () => {
    expect(uncensoredDays([true, true, false, false, true], 5)).toEqual([true, false, false, false, true]);
    expect(uncensoredDays(undefined, 3)).toEqual([true, true, true]);
  });

  it("GIVEN forecasts that ran 20% low after stockouts WHEN calibrated THEN a recently out-of-stock variant's forecast is lifted, others are not", () => {
    // GIVEN 200 backtest windows after stockouts where actual = 1.2 x forecast
    const table = buildCalibration([
      {
        demandClass: "smooth",
        sumErrors: [],
        stockoutWindows: Array.from({ length: 200 }, () => ({ forecast: 100, actual: 120 })),
      },
    ]);
    // WHEN
    const lifted = calibratedForecast(flat(2, { recentStockout: true }), table);
    const untouched = calibratedForecast(flat(2, { recentStockout: false }), table);
    // THEN the lift is about 1.2 (shrunk a little toward 1 by the prior windows)
    expect(table.stockoutLift).toBeGreaterThan(1.15);
    expect(table.stockoutLift).toBeLessThan(1.2);
    expect(lifted.mean[0]).toBeCloseTo(2 * table.stockoutLift, 10);
    expect(untouched.mean[0]).toBe(2);
  });
});

describe("the promised service level in the variant's own backtest", () => {
  it("GIVEN 3 windows of which one overshot WHEN asked THEN 2 of 3 were covered at 95%", () => {
    // GIVEN forecast 28 each; actuals 25, 30 and 60
    const errors = windows(3, 28, (i) => [25, 30, 60][i]);
    // WHEN
    const r = backtestServiceLevel(errors, 14, 0.95, calibrationFor(undefined, "smooth", 14));
    // THEN
    expect(r).toEqual({ met: 2, windows: 3 });
  });
});
