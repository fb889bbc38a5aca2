import { describe, expect, it } from "vitest";
import { planMarkdown, recommendPrice, stretchPrice } from "~/core/pricing";
import { pricingInput } from "./helpers";

describe("stock rules", () => {
  it("GIVEN demand 100 until restock and 60 in stock at e = -2 THEN the stretch price is p0 * (60/100)^(-1/2)", () => {
    expect(stretchPrice(20, -2, 60, 100)).toBeCloseTo(20 * Math.pow(0.6, -0.5), 10);
    expect(stretchPrice(20, -2, 120, 100)).toBeNull();
    expect(stretchPrice(20, -0.01, 60, 100)).toBe(Infinity);
  });

  it("GIVEN a stretch within the max change WHEN recommending THEN the price sells about the stock until the restock", () => {
    // GIVEN 5/day, 20 days to restock (100 units), 90 in stock: p = 20 * 0.9^(-0.5) = 21.08
    const r = recommendPrice(pricingInput({ unitCost: 5, stock: { onHand: 90, nextRestock: "2025-06-21" } }));
    expect(r.recommendedPrice).toBe(21.09);
    expect(r.bounds.some((b) => b.code === "STOCK_STRETCH" && b.binding)).toBe(true);
  });

  it("GIVEN excess stock and room above the floor WHEN planning a markdown THEN dated steps clear it by the target", () => {
    // GIVEN 5/day, 60 days to clear, 400 units (100 excess over 300 at the current price), e = -2
    const plan = planMarkdown({
      asOf: "2025-06-01",
      currentPrice: 20,
      elasticity: -2,
      mean: Array(28).fill(5),
      onHand: 400,
      clearBy: "2025-07-31",
      firstStepDay: 0,
      stepDays: 14,
      maxChangePct: 0.1,
      hardLow: 10,
      rounding: "0.99",
    })!;
    expect(plan.excessUnits).toBe(100);
    expect(plan.clearsByTarget).toBe(true);
    expect(plan.expectedUnitsByClearBy).toBe(400);
    expect(plan.steps[0].date).toBe("2025-06-01");
    expect(plan.steps.map((s) => s.date)).toEqual(plan.steps.map((_, i) => ["2025-06-01", "2025-06-15", "2025-06-29", "2025-07-13", "2025-07-27"][i]));
    let prev = 20;
    for (const s of plan.steps) {
      expect(s.price).toBeLessThan(prev);
      expect(s.price).toBeGreaterThanOrEqual(prev * 0.9);
      expect(s.price).toBeGreaterThanOrEqual(10);
      prev = s.price;
    }
  });

  it("GIVEN cover under the target THEN no markdown is proposed", () => {
    const r = recommendPrice(pricingInput({ unitCost: 12, stock: { onHand: 100, targetCoverDays: 60 } }));
    expect(r.markdown).toBeNull();
  });
});
