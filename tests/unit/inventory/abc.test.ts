// ABC classes by gross-profit contribution and the service level each class gets.
import { describe, expect, it } from "vitest";
import { classifyAbc, serviceLevelOf } from "../../../app/core/inventory";

const T = { shareA: 0.8, shareB: 0.95 };
const item = (id: string, revenue: number, units: number, unitCost: number | null) => ({
  id,
  revenue,
  units,
  unitCost,
});

describe("classifyAbc", () => {
  it("GIVEN gross profits 60/25/10/5 WHEN classified at 80/95 % THEN the variant crossing 80 % is still A, then B, then C", () => {
    // GIVEN four variants whose gross profit is 60, 25, 10 and 5 (revenue 100 each, different costs)
    const items = [item("a", 100, 10, 4), item("b", 100, 15, 5), item("c", 100, 9, 10), item("d", 100, 19, 5)];
    // WHEN classified
    const r = classifyAbc(items, T);
    // THEN cumulative shares before each are 0, 60, 85, 95 %: A, A, B, C
    expect(r.grossProfit.get("a")).toBe(60);
    expect(r.grossProfit.get("b")).toBe(25);
    expect([...r.classes]).toEqual([
      ["a", "A"],
      ["b", "A"],
      ["c", "B"],
      ["d", "C"],
    ]);
    expect(r.total).toBe(100);
  });

  it("GIVEN a variant without sales or sold at a loss WHEN classified THEN it has no class", () => {
    // GIVEN one variant that made money, one that sold nothing and one that sold below cost
    const r = classifyAbc([item("ok", 50, 5, 2), item("none", 0, 0, 3), item("loss", 10, 5, 4)], T);
    // THEN only the first is classified
    expect([...r.classes.keys()]).toEqual(["ok"]);
  });

  it("GIVEN a variant without a unit cost WHEN classified THEN its gross profit is its revenue at the shop's margin, marked estimated", () => {
    // GIVEN costed variants making a 40 % margin overall, and one without a cost
    const r = classifyAbc([item("x", 100, 10, 6), item("y", 100, 10, 6), item("nocost", 50, 5, null)], T);
    // THEN the uncosted one counts 50 x 40 % = 20, and is listed as estimated
    expect(r.grossProfit.get("nocost")).toBeCloseTo(20, 10);
    expect(r.estimated.has("nocost")).toBe(true);
    expect(r.classes.get("nocost")).toBe("B"); // starts at 80 %: past A
  });

  it("GIVEN thresholds out of order WHEN classified THEN it refuses them", () => {
    expect(() => classifyAbc([], { shareA: 0.9, shareB: 0.8 })).toThrow(RangeError);
  });

  it("GIVEN per-class levels WHEN a level is looked up THEN a class gets its own and an unclassified variant the default", () => {
    const levels = { A: 0.97, B: 0.95, C: 0.9, none: 0.93 };
    expect(serviceLevelOf("A", levels)).toBe(0.97);
    expect(serviceLevelOf("C", levels)).toBe(0.9);
    expect(serviceLevelOf(null, levels)).toBe(0.93);
  });
});
