import { describe, expect, it } from "vitest";
import { coverBucket, projectInventory, stockHealth, storedForecast } from "../../../app/core/inventory/projection";
import { planReplenishment } from "../../../app/core/inventory";

describe("projectInventory", () => {
  it("GIVEN 20 units and 4 a day WHEN projected THEN stock falls by 4 a day and stays at 0 once sold out", () => {
    // GIVEN
    const fc = storedForecast("A", "2024-03-01", new Array(28).fill(4));
    // WHEN
    const days = projectInventory(fc, 20, [], 8);
    // THEN
    expect(days.map((d) => d.stock)).toEqual([16, 12, 8, 4, 0, 0, 0, 0]);
    expect(days[0].day).toBe("2024-03-01");
    expect(days[7].day).toBe("2024-03-08");
  });

  it("GIVEN 30 units arriving on day 3 WHEN projected THEN they are added at the start of that day", () => {
    // GIVEN
    const fc = storedForecast("A", "2024-03-01", new Array(28).fill(4));
    // WHEN
    const days = projectInventory(fc, 10, [{ units: 30, expectedDate: "2024-03-04" }], 5);
    // THEN
    expect(days.map((d) => d.arrivals)).toEqual([0, 0, 0, 30, 0]);
    expect(days.map((d) => d.stock)).toEqual([6, 2, 0, 26, 22]);
  });

  it("GIVEN a 28-day forecast WHEN projected 35 days THEN the last week repeats", () => {
    // GIVEN
    const mean = Array.from({ length: 28 }, (_, i) => (i % 7) + 1);
    // WHEN
    const days = projectInventory(storedForecast("A", "2024-03-01", mean), 1000, [], 35);
    // THEN
    expect(days.slice(28).map((d) => d.demand)).toEqual(mean.slice(21));
  });
});

describe("stockHealth", () => {
  it("GIVEN the same inputs WHEN compared with planReplenishment THEN cover and overstock capital agree", () => {
    // GIVEN
    const fc = storedForecast("A", "2024-03-01", new Array(28).fill(2));
    const incoming = [{ units: 40, expectedDate: "2024-03-01" }];
    // WHEN
    const h = stockHealth(fc, 100, incoming, 30, 5);
    const plan = planReplenishment({
      sku: "A",
      forecast: fc,
      onHand: 100,
      incoming,
      leadTime: { meanDays: 10, sdDays: 0 },
      unitCost: 5,
      unitPrice: 12,
      targetCoverDays: 30,
    });
    // THEN
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(h.overstockUnits).toBeCloseTo(140 - 60, 9);
    expect(h.overstockCapital).toBeCloseTo(plan.plan.overstockCapital.value!, 2);
    expect(h.coverDays).toBeCloseTo(plan.plan.daysOfCover.value!, 1);
  });

  it("GIVEN an unknown unit cost WHEN stock is over the target THEN units are counted and capital is null", () => {
    const h = stockHealth(storedForecast("A", "2024-03-01", new Array(28).fill(1)), 100, [], 30, null);
    expect(h.overstockUnits).toBe(70);
    expect(h.overstockCapital).toBeNull();
  });

  it("GIVEN no demand WHEN measured THEN cover is null and falls in the last bucket", () => {
    const h = stockHealth(storedForecast("A", "2024-03-01", new Array(28).fill(0)), 5, [], 30, 2);
    expect(h.coverDays).toBeNull();
    expect(coverBucket(h.coverDays)).toBe(5);
  });

  it("GIVEN cover days WHEN bucketed THEN 0, 1-7, 8-14, 15-30, 31-90 and more map to 0..5", () => {
    expect([0, 3, 7, 7.5, 14, 20, 30, 60, 90, 91].map(coverBucket)).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4, 5]);
  });
});
