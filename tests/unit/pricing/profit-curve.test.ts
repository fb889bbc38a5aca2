import { describe, expect, it } from "vitest";
import { profitCurve, type ProfitCurveInput } from "../../../app/core/pricing/profit-curve";
import { recommendPrice } from "../../../app/core/pricing/index";
import { flatForecast } from "../inventory/make-forecast";

const base: ProfitCurveInput = {
  currentPrice: 20,
  unitCost: 8,
  fees: { paymentFeePct: 0, fulfilmentCost: 0 },
  mean: new Array(28).fill(5),
  onHand: null,
  elasticity: -2,
  bounds: [
    { code: "MAX_CHANGE", side: "lower", value: 18, binding: false },
    { code: "MAX_CHANGE", side: "upper", value: 22, binding: false },
  ],
  recommendedPrice: 21.99,
};

describe("profitCurve", () => {
  it("GIVEN constant elasticity -2 WHEN the curve is drawn THEN each point is (p - c) x base x (p/p0)^e", () => {
    // GIVEN / WHEN
    const curve = profitCurve(base);
    // THEN: 140 units at 20 over 28 days, margin 12
    expect(curve.current.grossProfit).toBeCloseTo(140 * 12, 6);
    for (const p of curve.points) expect(p.grossProfit).toBeCloseTo((p.price - 8) * 140 * Math.pow(p.price / 20, -2), 6);
  });

  it("GIVEN guardrails 18-22 WHEN drawn THEN the range is reported and the grid spans both bounds and the prices", () => {
    // GIVEN / WHEN
    const curve = profitCurve(base);
    // THEN
    expect(curve.range).toEqual({ low: 18, high: 22 });
    expect(curve.points[0].price).toBeLessThan(18);
    expect(curve.points[curve.points.length - 1].price).toBeGreaterThan(22);
    expect(curve.recommended?.price).toBe(21.99);
    expect(curve.best!.price).toBeGreaterThanOrEqual(18);
    expect(curve.best!.price).toBeLessThanOrEqual(22);
  });

  it("GIVEN elasticity -2 and cost 8 WHEN drawn wide THEN the best point is near the unconstrained optimum c*e/(1+e) = 16", () => {
    // GIVEN: bounds wide enough to contain the optimum
    const curve = profitCurve({ ...base, bounds: [{ code: "MIN_MARGIN", side: "lower", value: 10, binding: false }], recommendedPrice: null, points: 201 });
    // THEN: Lerner's rule (p - c)/p = -1/e for constant elasticity
    expect(curve.range.high).toBeNull();
    expect(Math.abs(curve.best!.price - 16)).toBeLessThan(0.2);
  });

  it("GIVEN 30 units on hand WHEN drawn THEN units are capped by the stock", () => {
    // GIVEN / WHEN
    const curve = profitCurve({ ...base, onHand: 30 });
    // THEN
    for (const p of curve.points) expect(p.units).toBeLessThanOrEqual(30 + 1e-9);
    expect(curve.current.grossProfit).toBeCloseTo(30 * 12, 6);
  });

  it("GIVEN the engine's own recommendation WHEN drawn with its bounds THEN the current point equals its expected current profit", () => {
    // GIVEN
    const forecast = flatForecast(3);
    const rec = recommendPrice({
      sku: "A",
      asOf: "2024-02-29",
      currentPrice: 25,
      unitCost: 10,
      elasticity: { estimate: -1.6, se: 0.2, source: "variant", weights: { variant: 1, product: 0, group: 0, shop: 0, prior: 0 }, raw: null, priceNeverVaried: false, drivers: { seasonRatio: null, trendPer28: 0 }, observedRange: { min: 22, max: 28 } },
      forecast,
      fees: { paymentFeePct: 0.029, fulfilmentCost: 0.3 },
    });
    // WHEN
    const curve = profitCurve({
      currentPrice: 25,
      unitCost: 10,
      fees: { paymentFeePct: 0.029, fulfilmentCost: 0.3 },
      mean: forecast.mean,
      onHand: null,
      elasticity: -1.6,
      bounds: rec.bounds,
      recommendedPrice: rec.recommendedPrice,
    });
    // THEN
    expect(curve.current.grossProfit).toBeCloseTo(rec.expected.current.grossProfit, 1);
    expect(curve.recommended!.grossProfit).toBeCloseTo(rec.expected.recommended.grossProfit, 1);
  });

  it("GIVEN ROUNDING and STOCK_STRETCH bounds WHEN drawn THEN the guardrail range ignores them", () => {
    // GIVEN: the engine's own choices next to the merchant's limits
    const bounds = [
      ...base.bounds,
      { code: "ROUNDING" as const, side: "upper" as const, value: 21.99, binding: true },
      { code: "STOCK_STRETCH" as const, side: "lower" as const, value: 21.99, binding: true },
    ];
    // WHEN
    const curve = profitCurve({ ...base, bounds });
    // THEN
    expect(curve.range).toEqual({ low: 18, high: 22 });
  });

  it("GIVEN a non-positive price WHEN drawn THEN it refuses with a RangeError", () => {
    expect(() => profitCurve({ ...base, currentPrice: 0 })).toThrow(RangeError);
  });
});
