import { describe, expect, it } from "vitest";
import { planLocations } from "../../../app/core/inventory";
import { flatForecast } from "./make-forecast";

const shared = {
  sku: "SKU-1",
  forecast: flatForecast(4),
  leadTime: { meanDays: 10, sdDays: 0 },
  unitCost: 4,
  unitPrice: 10,
};

describe("planLocations", () => {
  it("GIVEN two locations with 75/25 demand shares WHEN planned THEN each gets its share of demand", () => {
    const m = planLocations(shared, [
      { location: "Paris", onHand: 30, demandShare: 0.75 },
      { location: "Lyon", onHand: 30, demandShare: 0.25 },
    ]);
    const [paris, lyon] = m.results;
    expect(paris.ok && lyon.ok).toBe(true);
    if (paris.ok && lyon.ok) {
      expect(paris.plan.daysOfCover.value).toBe(10);
      expect(lyon.plan.daysOfCover.value).toBe(30);
      expect(m.totals.suggestedOrderQty).toBe(
        (paris.plan.suggestedOrderQty.value ?? 0) + (lyon.plan.suggestedOrderQty.value ?? 0),
      );
      expect(m.totals.earliestStockoutDate).toBe(paris.plan.projectedStockoutDate.value);
    }
  });

  it("GIVEN one location with unknown stock WHEN planned THEN it fails alone, coded, and the others still plan", () => {
    const m = planLocations(shared, [
      { location: "Paris", onHand: 30 },
      { location: "Lyon", onHand: null },
    ]);
    expect(m.results[0].ok).toBe(true);
    expect(m.totals.failedLocations).toEqual(["Lyon"]);
    const lyon = m.results[1];
    expect(!lyon.ok && lyon.error.code).toBe("INVENTORY.STOCK_UNKNOWN");
  });

  it("GIVEN missing unit cost WHEN totals are summed THEN capital is null, never a partial sum", () => {
    const m = planLocations({ ...shared, unitCost: null }, [{ location: "A", onHand: 1000 }]);
    expect(m.totals.overstockCapital).toBeNull();
  });
});
