// Server-side checks of an approved price: value, hard bounds, margin floor after fees.
import { describe, expect, it } from "vitest";
import { checkMargin, checkPrice, checkQuantity, marginFloor, parseBounds } from "~/decisions/validate";

const margin = { unitCost: 10, minMarginPct: 0.2, paymentFeePct: 0.03, fixedCostPerUnit: 0.5 };

describe("marginFloor", () => {
  it("is the lowest cent price whose margin after fees reaches the minimum", () => {
    // GIVEN cost 10, fixed 0.5 per unit, fee 3 %, minimum margin 20 %
    // WHEN the floor is computed
    const floor = marginFloor(margin)!;
    // THEN (p (1 - 0.03) - 10.5) / p >= 0.2 holds at the floor and not one cent below
    const m = (p: number) => (p * 0.97 - 10.5) / p;
    expect(m(floor)).toBeGreaterThanOrEqual(0.2 - 1e-12);
    expect(m(floor - 0.01)).toBeLessThan(0.2);
  });

  it("is null when the cost is unknown or fees and margin leave nothing", () => {
    // GIVEN an unknown cost, and fees + margin of 100 %
    // WHEN / THEN no floor exists
    expect(marginFloor({ ...margin, unitCost: null })).toBeNull();
    expect(marginFloor({ ...margin, paymentFeePct: 0.8 })).toBeNull();
  });
});

describe("checkMargin", () => {
  it("refuses below the floor unless a non-blank reason is written", () => {
    // GIVEN a price one cent under the floor
    const below = marginFloor(margin)! - 0.01;
    // WHEN it is checked without, with a blank, and with a written reason
    // THEN MARGIN_FLOOR, MARGIN_FLOOR, accepted
    expect(checkMargin(below, margin, undefined)?.code).toBe("DECISIONS.MARGIN_FLOOR");
    expect(checkMargin(below, margin, "  ")?.code).toBe("DECISIONS.MARGIN_FLOOR");
    expect(checkMargin(below, margin, "clearance")).toBeNull();
    expect(checkMargin(marginFloor(margin)!, margin, undefined)).toBeNull();
  });

  it("refuses any price when the unit cost is unknown, unless overridden", () => {
    // GIVEN an unknown cost WHEN a high price is checked THEN it still needs a reason
    expect(checkMargin(1000, { ...margin, unitCost: null }, undefined)?.code).toBe("DECISIONS.MARGIN_FLOOR");
  });
});

describe("checkPrice and checkQuantity", () => {
  it("refuses non-positive prices, more than 2 decimals, and hard bounds, naming the field", () => {
    // GIVEN MAX_CHANGE bounds [9, 11] and a soft OBSERVED_RANGE bound
    const bounds = parseBounds(
      JSON.stringify([
        { code: "MAX_CHANGE", side: "lower", value: 9, binding: false },
        { code: "MAX_CHANGE", side: "upper", value: 11, binding: false },
        { code: "OBSERVED_RANGE", side: "upper", value: 10, binding: false },
      ]),
    );
    // WHEN / THEN
    expect(checkPrice(0, bounds)?.field).toBe("price");
    expect(checkPrice(10.001, bounds)?.code).toBe("DECISIONS.INVALID_VALUE");
    expect(checkPrice(11.01, bounds)?.message).toMatch(/MAX_CHANGE/);
    expect(checkPrice(8.99, bounds)?.message).toMatch(/below/);
    expect(checkPrice(10.5, bounds)).toBeNull(); // soft bounds do not block an approval
    expect(checkQuantity(0)?.field).toBe("quantity");
    expect(checkQuantity(2.5)?.field).toBe("quantity");
    expect(checkQuantity(12)).toBeNull();
  });

  it("drops malformed stored bounds", () => {
    // GIVEN junk JSON WHEN parsed THEN no bound
    expect(parseBounds("{")).toEqual([]);
    expect(parseBounds(JSON.stringify([{ code: 1 }]))).toEqual([]);
  });
});
