// Stock-aware prices as profit decisions (issue 11, item 2): scarce stock, excess stock, holding cost and the
// risk of stock left unsold after the sell-through horizon, all in the one objective.
import { describe, expect, it } from "vitest";
import { buildModel, expectedSold, outcomeAt, recommendPrice, type PricingRecommendation } from "~/core/pricing";
import { pricingInput, rails, variantElasticity } from "./helpers";

const codes = (r: PricingRecommendation) => r.reasons.map((x) => x.code);

describe("the objective's stock terms", () => {
  it("GIVEN demand far above the stock WHEN sales are computed THEN they are capped by the stock, and equal demand without it", () => {
    // GIVEN / WHEN / THEN: E[min(D, S)] is S when D >> S, D when S >> D, and below both in between
    expect(expectedSold(100, 100, 10)).toBeCloseTo(10, 3);
    expect(expectedSold(10, 10, 1000)).toBeCloseTo(10, 6);
    expect(expectedSold(50, 50, 50)).toBeLessThan(50);
    expect(expectedSold(50, 0, 40)).toBe(40);
  });

  it("GIVEN 300 units, 1 a day and a 90-day sell-through horizon WHEN evaluated THEN about 210 are left and lose their cost", () => {
    // GIVEN
    const input = pricingInput({
      forecast: { mean: Array(28).fill(1) },
      stock: { onHand: 300 },
      sellThroughDays: 90,
      holdingCostPct: 0.2,
    });
    const { model, situation } = buildModel(input, 20, 8, { paymentFeePct: 0, fulfilmentCost: 0 }, 0, 28);
    // WHEN
    const o = outcomeAt(model, 20, -2);
    // THEN: excess stock, judged over the 90 days: 90 sold, 210 left at cost 8, holding on the stock held
    expect(situation).toBe("excess");
    expect(model.windowDays).toBe(90);
    expect(o.units).toBeCloseTo(90, 0);
    expect(o.unitsLeft).toBeCloseTo(210, 0);
    expect(o.leftValue).toBeCloseTo(210 * 8, -1);
    // holding: 0.2 x 8 x (300 - 45 average) x 90 / 365
    expect(o.holdingCost).toBeCloseTo((0.2 * 8 * (300 - 45) * 90) / 365, 1);
    expect(o.profit).toBeCloseTo(o.grossProfit - o.holdingCost - o.leftValue, 6);
  });
});

describe("stock-aware prices", () => {
  it("GIVEN stock that runs out before a restock 49 days away WHEN recommending THEN the price rises, explained in money", () => {
    // GIVEN 5/day, 50 units (10 days), restock in 49 days, e = -2, cost 5: every unit sells anyway
    const r = recommendPrice(pricingInput({ unitCost: 5, stock: { onHand: 50, nextRestock: "2025-07-20" } }));
    // THEN the window runs to the restock and the price goes up as far as allowed
    expect(r.situation).toBe("scarce");
    expect(r.expected.windowDays).toBe(49);
    expect(r.action).toBe("raise");
    expect(r.recommendedPrice).toBe(22);
    expect(codes(r)).toEqual(expect.arrayContaining(["PRICING.STOCK_SCARCE", "PRICING.STOCK_TRADEOFF"]));
    expect(r.expected.change.profit).toBeGreaterThan(0);
  });

  it("GIVEN stock covering 31 days and a 180-day sell-through WHEN demand is inelastic-ish THEN no markdown is suggested (it would lose money)", () => {
    // GIVEN the café example: price 9.90, cost 4.40, 4 units/day, 124 units (31 days), e = -1.5: a cut lowers profit
    const r = recommendPrice(
      pricingInput({
        currentPrice: 9.9,
        unitCost: 4.4,
        forecast: { mean: Array(28).fill(4) },
        elasticity: variantElasticity(-1.5, 0.2, { observedRange: { min: 8.9, max: 10.9 } }),
        stock: { onHand: 124 },
      }),
    );
    // THEN the stock is not excess, and the price does not go down
    expect(r.situation).toBe("normal");
    expect(r.action).not.toBe("lower");
    expect(r.expected.change.profit).toBeGreaterThanOrEqual(0);
  });

  it("GIVEN stock that will not sell within the sell-through horizon WHEN a cut sells it THEN the markdown is suggested with the trade-off", () => {
    // GIVEN 1 unit/day, 150 units, sell-through 90 days: 60 would be left (cost 8 each); e = -1.4 at 20, where
    // without stock the profit optimum is above the price (8 x 1.4 / 0.4 = 28)
    const input = pricingInput({
      forecast: { mean: Array(28).fill(1) },
      elasticity: variantElasticity(-1.4, 0.1),
      stock: { onHand: 150 },
      sellThroughDays: 90,
      holdingCostPct: 0.2,
    });
    const r = recommendPrice(input);
    // THEN a markdown, because the units it sells would otherwise be written off (without stock: a raise)
    const noStock = recommendPrice({ ...input, stock: undefined });
    expect(noStock.action).toBe("raise");
    expect(r.situation).toBe("excess");
    expect(r.action).toBe("lower");
    expect(codes(r)).toEqual(expect.arrayContaining(["PRICING.STOCK_EXCESS", "PRICING.STOCK_TRADEOFF"]));
    expect(r.expected.recommended.unitsLeft).toBeLessThan(r.expected.current.unitsLeft);
    expect(r.expected.change.profit).toBeGreaterThan(0);
    const t = r.reasons.find((x) => x.code === "PRICING.STOCK_TRADEOFF")!.params!;
    expect(t.keepUnitsLeft).toBeGreaterThan(t.newUnitsLeft as number);
    expect(t.newProfit).toBeGreaterThan(t.keepProfit as number);
  });

  it("GIVEN the same excess stock WHEN the sell-through horizon is long enough to sell it THEN the price is kept", () => {
    // GIVEN the markdown case above, but the stock may take 365 days to sell
    const r = recommendPrice(
      pricingInput({
        forecast: { mean: Array(28).fill(1) },
        elasticity: variantElasticity(-3, 0.1),
        stock: { onHand: 150 },
        sellThroughDays: 365,
      }),
    );
    // THEN nothing is at risk; with a margin of 60 % and e = -3, a cut pays only if it also pays without stock
    const noStock = recommendPrice(
      pricingInput({ forecast: { mean: Array(28).fill(1) }, elasticity: variantElasticity(-3, 0.1) }),
    );
    expect(r.situation).toBe("normal");
    expect(r.recommendedPrice).toBe(noStock.recommendedPrice);
  });

  it("GIVEN 1,000 units WHEN they have 90 days to sell rather than two years THEN only the short horizon cuts the price", () => {
    // GIVEN 4 units/day, e = -1.2, cost 12 at 20 (a cut loses gross profit)
    const base = {
      currentPrice: 20,
      unitCost: 12,
      forecast: { mean: Array(28).fill(4) },
      elasticity: variantElasticity(-1.2, 0.1),
      stock: { onHand: 1000 },
      guardrails: rails({ maxChangePct: 0.1 }),
    };
    const risky = recommendPrice(pricingInput({ ...base, sellThroughDays: 90 }));
    const patient = recommendPrice(pricingInput({ ...base, sellThroughDays: 730 }));
    // THEN with 90 days most stock is at risk and the cut pays; with two years it does not
    expect(risky.action).toBe("lower");
    expect(patient.action).not.toBe("lower");
  });
});

describe("recommendations are reproducible", () => {
  it("GIVEN the same input twice WHEN recommending THEN the answers are identical", () => {
    // GIVEN / WHEN
    const input = pricingInput({
      unitCost: 9,
      stock: { onHand: 400, incoming: 20 },
      sellThroughDays: 60,
      elasticity: variantElasticity(-2.2, 0.6),
    });
    // THEN
    expect(recommendPrice(input)).toEqual(recommendPrice(structuredClone(input)));
  });
});
