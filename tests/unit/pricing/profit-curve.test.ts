import { describe, expect, it } from "vitest";
import { expectedAt, profitCurve, type ProfitCurveInput } from "../../../app/core/pricing/profit-curve";
import { recommendPrice, type ObjectiveModel } from "../../../app/core/pricing/index";
import { pricingInput } from "./helpers";

const model: ObjectiveModel = {
  currentPrice: 20,
  unitCost: 8,
  fees: { paymentFeePct: 0, fulfilmentCost: 0 },
  windowDays: 28,
  demandBefore: 140,
  demandAfter: 0,
  stock: null,
  daysBefore: 28,
  overdispersion: 0,
  holdingCostPct: 0,
  sellThrough: null,
  clvPerUnit: 0,
};
const certain = { elasticity: -2, se: 0, levelCv2: 0 };
const base: ProfitCurveInput = {
  model,
  uncertainty: certain,
  bounds: [
    { code: "MAX_CHANGE", side: "lower", value: 18, binding: false },
    { code: "MAX_CHANGE", side: "upper", value: 22, binding: false },
  ],
  recommendedPrice: 21.99,
};

describe("profitCurve", () => {
  it("GIVEN constant elasticity -2 and no uncertainty WHEN the curve is drawn THEN each point is (p - c) x base x (p/p0)^e", () => {
    // GIVEN / WHEN
    const curve = profitCurve(base);
    // THEN: 140 units at 20 over 28 days, margin 12
    expect(curve.current.profit).toBeCloseTo(140 * 12, 6);
    for (const p of curve.points) expect(p.profit).toBeCloseTo((p.price - 8) * 140 * Math.pow(p.price / 20, -2), 4);
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
    const curve = profitCurve({
      ...base,
      bounds: [{ code: "MIN_MARGIN", side: "lower", value: 10, binding: false }],
      recommendedPrice: null,
      points: 201,
    });
    // THEN: Lerner's rule (p - c)/p = -1/e for constant elasticity
    expect(curve.range.high).toBeNull();
    expect(Math.abs(curve.best!.price - 16)).toBeLessThan(0.2);
  });

  it("GIVEN 30 units on hand WHEN drawn THEN units are capped by the stock", () => {
    // GIVEN / WHEN
    const curve = profitCurve({ ...base, model: { ...model, stock: 30 } });
    // THEN
    for (const p of curve.points) expect(p.units).toBeLessThanOrEqual(30 + 1e-9);
    expect(curve.current.grossProfit).toBeCloseTo(30 * 12, 3);
  });

  it("GIVEN the engine's own recommendation WHEN its stored model is drawn THEN the points equal its expected outcomes", () => {
    // GIVEN a recommendation with uncertainty, fees and stock
    const rec = recommendPrice(
      pricingInput({
        unitCost: 10,
        fees: { paymentFeePct: 0.029, fulfilmentCost: 0.3 },
        stock: { onHand: 90 },
        elasticity: { ...pricingInput().elasticity, estimate: -1.6, se: 0.4 },
      }),
    );
    // WHEN
    const curve = profitCurve({
      model: rec.model!,
      uncertainty: rec.uncertainty,
      bounds: rec.bounds,
      recommendedPrice: rec.recommendedPrice,
    });
    // THEN the same function gives the same numbers, and the editor's expectedAt agrees
    expect(curve.current.profit).toBeCloseTo(rec.expected.current.profit, 1);
    expect(curve.recommended!.profit).toBeCloseTo(rec.expected.recommended.profit, 1);
    expect(expectedAt(rec.model!, rec.uncertainty, rec.recommendedPrice!).profit).toBeCloseTo(
      rec.expected.recommended.profit,
      1,
    );
  });

  it("GIVEN a ROUNDING bound WHEN drawn THEN the guardrail range ignores it", () => {
    // GIVEN: the engine's own choice next to the merchant's limits
    const bounds = [...base.bounds, { code: "ROUNDING" as const, side: "upper" as const, value: 21.99, binding: true }];
    // WHEN
    const curve = profitCurve({ ...base, bounds });
    // THEN
    expect(curve.range).toEqual({ low: 18, high: 22 });
  });

  it("GIVEN a non-positive price WHEN drawn THEN it refuses with a RangeError", () => {
    expect(() => profitCurve({ ...base, model: { ...model, currentPrice: 0 } })).toThrow(RangeError);
  });
});
