import { afterAll, describe, expect, it } from "vitest";
import { REASON_CODES, recommendPrice as engine, type PricingInput, type ReasonCode } from "~/core/pricing";
import { pricingInput, rails, variantElasticity } from "./helpers";

const codes = (r: { reasons: { code: ReasonCode }[] }): ReasonCode[] => r.reasons.map((x) => x.code);

// Every code any test below produced; the last test checks that each code has one.
const seen = new Set<ReasonCode>();
function recommendPrice(input: PricingInput) {
  const r = engine(input);
  for (const c of codes(r)) seen.add(c);
  return r;
}

afterAll(() => {
  // GIVEN all the scenarios in this file THEN every reason code the engine can emit was produced by one
  expect(REASON_CODES.filter((c) => !seen.has(c))).toEqual([]);
});

describe("pricing reasons: bad input", () => {
  it("UNIT_COST_MISSING withholds and never assumes a zero cost", () => {
    // GIVEN a variant without a unit cost
    const r = recommendPrice(pricingInput({ unitCost: null }));
    // THEN it is withheld with the coded reason and no price
    expect(r.action).toBe("withheld");
    expect(r.recommendedPrice).toBeNull();
    expect(codes(r)).toContain("PRICING.UNIT_COST_MISSING");
    expect(r.expected.current.grossProfit).toBe(0);
  });

  it("PRICE_INVALID on a zero or negative price, without crashing", () => {
    for (const currentPrice of [0, -5, Number.NaN, null]) {
      const r = recommendPrice(pricingInput({ currentPrice }));
      expect(r.action).toBe("withheld");
      expect(codes(r)).toContain("PRICING.PRICE_INVALID");
    }
  });

  it("COST_INVALID on a negative cost", () => {
    const r = recommendPrice(pricingInput({ unitCost: -1 }));
    expect(r.action).toBe("withheld");
    expect(codes(r)).toContain("PRICING.COST_INVALID");
  });

  it("DATE_INVALID withholds instead of throwing on a malformed date", () => {
    const r = recommendPrice(pricingInput({ lastPriceChange: "01/05/2025" }));
    expect(r.action).toBe("withheld");
    expect(codes(r)).toContain("PRICING.DATE_INVALID");
  });

  it("ELASTICITY_INVALID withholds on a NaN elasticity or negative SE", () => {
    for (const el of [variantElasticity(Number.NaN), variantElasticity(-2, -1)]) {
      const r = recommendPrice(pricingInput({ elasticity: el }));
      expect(r.action).toBe("withheld");
      expect(codes(r)).toContain("PRICING.ELASTICITY_INVALID");
    }
  });

  it("COST_ABOVE_PRICE is reported, and the price moves up only as far as the guardrails allow", () => {
    // GIVEN cost 21 above a price of 20, minimum margin 0, max change 10%
    const r = recommendPrice(pricingInput({ unitCost: 21, guardrails: rails({ minMarginPct: 0 }) }));
    // THEN the reason is coded and the new price is at or above cost
    expect(codes(r)).toContain("PRICING.COST_ABOVE_PRICE");
    expect(r.recommendedPrice!).toBeGreaterThanOrEqual(21);
    expect(r.action).toBe("raise");
  });

  it("GUARDRAILS_INFEASIBLE withholds when cost is far above price (max change cannot reach the margin)", () => {
    const r = recommendPrice(pricingInput({ unitCost: 30 }));
    expect(codes(r)).toEqual(expect.arrayContaining(["PRICING.COST_ABOVE_PRICE", "PRICING.GUARDRAILS_INFEASIBLE"]));
    expect(r.action).toBe("withheld");
    expect(r.bounds.some((b) => b.binding && b.code === "MIN_MARGIN")).toBe(true);
  });

  it("BELOW_MIN_MARGIN and OUTSIDE_GUARDRAILS when the current margin is too thin", () => {
    // GIVEN margin (20-17)/20 = 15% < 20%
    const r = recommendPrice(pricingInput({ unitCost: 17 }));
    expect(codes(r)).toEqual(expect.arrayContaining(["PRICING.BELOW_MIN_MARGIN", "PRICING.OUTSIDE_GUARDRAILS"]));
    expect(r.recommendedPrice!).toBeGreaterThanOrEqual(21.25);
  });
});

describe("pricing reasons: demand and confidence", () => {
  it("ELASTICITY and MARGIN are always explained, with magnitudes", () => {
    const r = recommendPrice(pricingInput());
    const el = r.reasons.find((x) => x.code === "PRICING.ELASTICITY")!;
    expect(el.magnitude).toBe(-2);
    expect(r.reasons.find((x) => x.code === "PRICING.MARGIN")!.magnitude).toBeGreaterThan(0);
  });

  it("raises the price of an elastic-enough product with a low margin to the profit optimum", () => {
    // GIVEN e = -2, cost 12, price 20: optimum p* = 2 * 12 = 24, capped by +10% = 22
    const r = recommendPrice(pricingInput({ unitCost: 12 }));
    expect(r.action).toBe("raise");
    expect(r.recommendedPrice).toBe(22);
    expect(r.bounds.find((b) => b.code === "MAX_CHANGE" && b.side === "upper")!.binding).toBe(true);
    expect(r.expected.recommended.grossProfit).toBeGreaterThan(r.expected.current.grossProfit);
    expect(r.expected.change.low).toBeLessThanOrEqual(r.expected.change.grossProfit);
    expect(r.expected.change.high).toBeGreaterThanOrEqual(r.expected.change.grossProfit);
  });

  it("INELASTIC when |elasticity| < 1", () => {
    const r = recommendPrice(pricingInput({ elasticity: variantElasticity(-0.5) }));
    expect(codes(r)).toContain("PRICING.INELASTIC");
    expect(r.action).toBe("raise");
  });

  it("LOW_CONFIDENCE keeps the price when the elasticity is too uncertain", () => {
    // GIVEN the optimum under e = -2 is a cut (cost 4), but se = 1.5 leaves the sign of the gain open
    const r = recommendPrice(pricingInput({ unitCost: 6, elasticity: variantElasticity(-1.6, 1.5) }));
    expect(codes(r)).toContain("PRICING.LOW_CONFIDENCE");
    expect(r.action).toBe("keep");
    expect(r.recommendedPrice).toBe(20);
  });

  it("GAIN_TOO_SMALL keeps the price when the best move earns almost nothing", () => {
    // GIVEN p* = 2 * 10.5 = 21, a sure but small gain (~0.25%) below the 1% threshold
    const r = recommendPrice(
      pricingInput({
        unitCost: 10.5,
        elasticity: variantElasticity(-2, 0.01),
        guardrails: rails({ minGainPct: 0.01 }),
      }),
    );
    expect(codes(r)).toContain("PRICING.GAIN_TOO_SMALL");
    expect(r.action).toBe("keep");
  });

  it("NO_DEMAND keeps the price when nothing is forecast", () => {
    const r = recommendPrice(pricingInput({ forecast: { mean: Array(28).fill(0) } }));
    expect(codes(r)).toContain("PRICING.NO_DEMAND");
    expect(r.action).toBe("keep");
  });

  it("PRICE_NEVER_VARIED says the elasticity came from a pooled level", () => {
    const el = { ...variantElasticity(-2.5, 0.6), source: "product" as const, raw: null, priceNeverVaried: true };
    const r = recommendPrice(pricingInput({ elasticity: el }));
    expect(codes(r)).toContain("PRICING.PRICE_NEVER_VARIED");
    expect(r.elasticity.source).toBe("product");
  });

  it("SEASON and TREND report the demand drivers with their size", () => {
    const el = variantElasticity(-2, 0.1, { drivers: { seasonRatio: 1.3, trendPer28: -0.05 } });
    const r = recommendPrice(pricingInput({ elasticity: el }));
    expect(r.reasons.find((x) => x.code === "PRICING.SEASON")!.magnitude).toBe(1.3);
    expect(r.reasons.find((x) => x.code === "PRICING.TREND")!.magnitude).toBe(-0.05);
  });
});

describe("pricing reasons: guardrails, stock, customers", () => {
  it("OVERSOLD: no higher price for a variant with fewer than 0 units available", () => {
    // GIVEN inelastic demand (e = -0.5) and a restock in 10 days: with 0 units the price would go up
    const base = { elasticity: variantElasticity(-0.5), forecast: { mean: Array(28).fill(5) } };
    const control = recommendPrice(pricingInput({ ...base, stock: { onHand: 0, nextRestock: "2025-06-11" } }));
    expect(control.action).toBe("raise");
    // WHEN the same variant is oversold by 3 units (available -3 after an order)
    const r = recommendPrice(pricingInput({ ...base, stock: { onHand: -3, nextRestock: "2025-06-11" } }));
    // THEN no higher price is suggested, with the coded reason and the bound that holds it
    expect(r.action).not.toBe("raise");
    expect(r.recommendedPrice).not.toBeNull();
    expect(r.recommendedPrice!).toBeLessThanOrEqual(20);
    const oversold = r.reasons.find((x) => x.code === "PRICING.OVERSOLD");
    expect(oversold?.params).toEqual({ unitsOwed: 3 });
    expect(r.bounds).toContainEqual(expect.objectContaining({ code: "OVERSOLD", side: "upper", value: 20 }));
  });

  it("COOLDOWN keeps the price after a recent change", () => {
    const r = recommendPrice(pricingInput({ unitCost: 12, lastPriceChange: "2025-05-25" }));
    expect(codes(r)).toContain("PRICING.COOLDOWN");
    expect(r.action).toBe("keep");
    expect(r.bounds.some((b) => b.code === "COOLDOWN")).toBe(true);
  });

  it("ROUNDING_NO_FEASIBLE_PRICE withholds when no rounded price fits and the current one breaks a rule", () => {
    // GIVEN margin forces >= 21.25 and a ceiling of 21.50: no x.99 / x.95 / whole price in [21.25, 21.50]
    const g = rails({ rounding: "whole", ceiling: 21.5 });
    const r = recommendPrice(pricingInput({ unitCost: 17, guardrails: g }));
    expect(codes(r)).toContain("PRICING.ROUNDING_NO_FEASIBLE_PRICE");
    expect(r.action).toBe("withheld");
  });

  it("rounds within the feasible interval (.99)", () => {
    const r = recommendPrice(pricingInput({ unitCost: 12, guardrails: rails({ rounding: "0.99" }) }));
    expect(r.recommendedPrice).toBe(21.99);
    expect(r.bounds.some((b) => b.code === "ROUNDING" && b.binding)).toBe(true);
  });

  it("STOCK_SCARCE and STOCK_TRADEOFF when stock runs out before the restock", () => {
    // GIVEN 5/day, 60 units (12 days), restock in 40 days
    const r = recommendPrice(pricingInput({ unitCost: 5, stock: { onHand: 60, nextRestock: "2025-07-11" } }));
    // THEN the price rises and the money trade-off is given
    expect(codes(r)).toEqual(
      expect.arrayContaining(["PRICING.STOCK_SCARCE", "PRICING.STOCK_TRADEOFF", "PRICING.PROFIT_MOVE"]),
    );
    expect(r.action).toBe("raise");
  });

  it("STOCK_EXCESS and KEEP_STOCK when stock will be left but a cut would not pay", () => {
    // GIVEN 1/day, 200 units, 90 days to sell them, inelastic demand (a cut sells few more units)
    // and a ceiling at the current price
    const r = recommendPrice(
      pricingInput({
        forecast: { mean: Array(28).fill(1) },
        elasticity: variantElasticity(-0.6, 0.1),
        stock: { onHand: 200 },
        sellThroughDays: 90,
        guardrails: rails({ ceiling: 20 }),
      }),
    );
    // THEN the stock is called excess, the price is kept, and the rejected cut is costed
    expect(codes(r)).toEqual(expect.arrayContaining(["PRICING.STOCK_EXCESS", "PRICING.KEEP_STOCK"]));
    expect(r.action).toBe("keep");
  });

  it("NO_BETTER_PRICE when the current price is already the best allowed", () => {
    // GIVEN cost 10, e = -2: the optimum is 20, the current price
    const r = recommendPrice(pricingInput({ unitCost: 10 }));
    expect(codes(r)).toContain("PRICING.NO_BETTER_PRICE");
    expect(r.action).toBe("keep");
  });

  it("CUSTOMER_VALUE: a gateway product's future margin lowers the recommended price", () => {
    // GIVEN the raise to 22 from e = -2, cost 12; each unit brings 0.5 new customers worth 20 each
    const customerValue = { newCustomersPerUnit: 0.5, valuePerCustomer: 20, acquisitionShare: 0.4 };
    const without = recommendPrice(pricingInput({ unitCost: 12, customerValue, clvWeight: 0 }));
    const withClv = recommendPrice(pricingInput({ unitCost: 12, customerValue, clvWeight: 1 }));
    // THEN with the weight the price is lower and the reason is explained
    expect(without.recommendedPrice).toBe(22);
    expect(withClv.recommendedPrice!).toBeLessThan(20);
    expect(codes(withClv)).toContain("PRICING.CUSTOMER_VALUE");
  });

  it("compare-at: 'clear' drops the compare-at price when the new price reaches it; 'keep-above' caps the price below it", () => {
    const keep = recommendPrice(pricingInput({ unitCost: 12, compareAtPrice: 21 }));
    expect(keep.recommendedPrice).toBe(20.99);
    expect(keep.compareAtPrice).toBe(21);
    const clear = recommendPrice(
      pricingInput({ unitCost: 12, compareAtPrice: 21, guardrails: rails({ compareAtPolicy: "clear" }) }),
    );
    expect(clear.recommendedPrice).toBe(22);
    expect(clear.compareAtPrice).toBeNull();
  });
});
