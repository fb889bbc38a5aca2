// Each location's share of a variant's demand, from where its orders were fulfilled.
import { describe, expect, it } from "vitest";
import { demandShares, PRIOR_UNITS } from "../../../app/core/inventory";

describe("demandShares", () => {
  it("GIVEN 300 units from Paris and 100 from Lyon WHEN shared THEN the split follows the orders, barely moved by the prior", () => {
    // GIVEN a variant with many located sales and a shop split of 50/50
    const r = demandShares(
      ["paris", "lyon"],
      new Map([
        ["paris", 300],
        ["lyon", 100],
      ]),
      new Map([
        ["paris", 10],
        ["lyon", 10],
      ]),
    );
    // THEN the source is the orders and the shares are (300 + 2) / 404 and (100 + 2) / 404
    expect(r.source).toBe("orders");
    expect(r.units).toBe(400);
    expect(r.shares.get("paris")).toBeCloseTo((300 + PRIOR_UNITS / 2) / (400 + PRIOR_UNITS), 12);
    expect(r.shares.get("lyon")).toBeCloseTo((100 + PRIOR_UNITS / 2) / (400 + PRIOR_UNITS), 12);
  });

  it("GIVEN three sales, all from one location WHEN shared THEN the other keeps a share from the shop's split", () => {
    // GIVEN a slow mover sold three times in Paris, and a shop selling 70/30
    const r = demandShares(
      ["paris", "lyon"],
      new Map([["paris", 3]]),
      new Map([
        ["paris", 70],
        ["lyon", 30],
      ]),
    );
    // THEN Lyon keeps (0 + 4 x 0.3) / 7 of the demand, not zero
    expect(r.shares.get("lyon")).toBeCloseTo((PRIOR_UNITS * 0.3) / (3 + PRIOR_UNITS), 12);
    expect([...r.shares.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("GIVEN no located sale WHEN shared THEN the shop's split is used, or an even split without it, each named", () => {
    // GIVEN a variant never sold at a known location
    const shop = demandShares(
      ["a", "b"],
      new Map(),
      new Map([
        ["a", 3],
        ["b", 1],
      ]),
    );
    const even = demandShares(["a", "b", "c"], undefined, undefined);
    // THEN
    expect(shop.source).toBe("shop");
    expect(shop.shares.get("a")).toBe(0.75);
    expect(even.source).toBe("even");
    expect([...even.shares.values()]).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  it("GIVEN sales at a location where the variant is not stocked WHEN shared THEN they are left out", () => {
    const r = demandShares(
      ["a", "b"],
      new Map([
        ["a", 10],
        ["b", 10],
        ["elsewhere", 1000],
      ]),
    );
    expect(r.units).toBe(20);
    expect(r.shares.get("a")).toBeCloseTo(0.5, 12);
  });
});
