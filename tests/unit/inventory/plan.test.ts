import { describe, expect, it } from "vitest";
import { planReplenishment, roundOrder } from "../../../app/core/inventory";
import type { ReplenishmentInput, ReplenishmentPlan } from "../../../app/core/inventory";
import { INVENTORY_FIGURE_CODES } from "../../../app/core/inventory/types";
import { flatForecast } from "./make-forecast";

function input(over: Partial<ReplenishmentInput> = {}): ReplenishmentInput {
  return {
    sku: "SKU-1",
    forecast: flatForecast(2),
    onHand: 30,
    committed: 0,
    incoming: [],
    leadTime: { meanDays: 10, sdDays: 0 },
    reviewPeriodDays: 7,
    unitCost: 4,
    unitPrice: 10,
    ...over,
  };
}

function plan(over: Partial<ReplenishmentInput> = {}): ReplenishmentPlan {
  const r = planReplenishment(input(over));
  if (!r.ok) throw new Error(`expected a plan, got ${r.error.code}`);
  return r.plan;
}

describe("planReplenishment: periodic review order-up-to", () => {
  it("GIVEN Poisson demand of 2/day, L=10, R=7, 95% WHEN planned THEN S = 34 + 1.645*sqrt(34) rounded up", () => {
    const p = plan();
    // mean over 17 days = 34, sd = sqrt(34) = 5.83, z(0.95) = 1.6449 -> S = 43.59 -> 44
    expect(p.protectionPeriodDays).toBe(17);
    expect(p.safetyStock.value).toBeCloseTo(9.6, 1);
    expect(p.orderUpTo.value).toBe(44);
    expect(p.reorderPoint.value).toBe(Math.ceil(20 + 1.6449 * Math.sqrt(34)));
    expect(p.suggestedOrderQty.value).toBe(14);
  });

  it("GIVEN a higher service level WHEN planned THEN safety stock grows", () => {
    expect(plan({ serviceLevel: 0.99 }).safetyStock.value!).toBeGreaterThan(
      plan({ serviceLevel: 0.9 }).safetyStock.value!,
    );
  });

  it("GIVEN lead-time spread WHEN planned THEN safety stock includes mu_d^2 * var_L", () => {
    const p = plan({ leadTime: { meanDays: 10, sdDays: 3 } });
    // var = 34 + 4 * 9 = 70
    expect(p.safetyStock.value).toBeCloseTo(1.6449 * Math.sqrt(70), 1);
  });

  it("GIVEN negative-binomial dispersion WHEN planned THEN variance is mu + mu^2/k", () => {
    const p = plan({ forecast: flatForecast(2, { dispersion: 2 }) });
    // daily var = 2 + 4/2 = 4, over 17 days = 68
    expect(p.safetyStock.value).toBeCloseTo(1.6449 * Math.sqrt(68), 1);
  });

  it("GIVEN a protection-demand quantile from the engine WHEN planned THEN it replaces the normal approximation", () => {
    const p = plan({ protectionDemand: { mean: 34, quantile: 50 } });
    expect(p.orderUpTo.value).toBe(50);
    expect(p.safetyStock.value).toBe(16);
    expect(p.method).toMatch(/forecast engine/);
  });

  it("GIVEN stock position above S WHEN planned THEN no order, and the explanation says so", () => {
    const p = plan({ onHand: 100 });
    expect(p.suggestedOrderQty.value).toBe(0);
    expect(p.suggestedOrderQty.explanation).toMatch(/No order needed/);
  });

  it("GIVEN incoming units WHEN planned THEN they count in the position and the order shrinks", () => {
    const p = plan({ incoming: [{ units: 10, expectedDate: "2024-03-05" }] });
    expect(p.inventoryPosition.value).toBe(40);
    expect(p.suggestedOrderQty.value).toBe(4);
  });

  it("GIVEN committed units WHEN planned THEN they are taken out of the position", () => {
    expect(plan({ committed: 5 }).inventoryPosition.value).toBe(25);
  });

  it("GIVEN MOQ 20 and case pack 12 WHEN 14 are needed THEN 24 are ordered", () => {
    const p = plan({ moq: 20, casePack: 12 });
    expect(p.suggestedOrderQty.value).toBe(24);
    expect(p.suggestedOrderQty.explanation).toMatch(/case pack/);
  });
});

describe("roundOrder", () => {
  it("GIVEN various needs WHEN rounded THEN MOQ and case pack are respected", () => {
    expect(roundOrder(0, 10, 6)).toBe(0);
    expect(roundOrder(-3, 10, 6)).toBe(0);
    expect(roundOrder(1, 10, 6)).toBe(12);
    expect(roundOrder(13, 1, 6)).toBe(18);
    expect(roundOrder(12, 1, 6)).toBe(12);
    expect(roundOrder(2.2, 0, 1)).toBe(3);
  });
});

describe("projected stockout and cover", () => {
  it("GIVEN 30 usable units at 2/day WHEN walked THEN cover is 15 days and stockout on day 15", () => {
    const p = plan();
    expect(p.daysOfCover.value).toBe(15);
    expect(p.projectedStockoutDate.value).toBe("2024-03-16");
  });

  it("GIVEN an arrival of 20 on day 10 WHEN walked THEN cover extends by 10 days", () => {
    const p = plan({ incoming: [{ units: 20, expectedDate: "2024-03-11" }] });
    expect(p.daysOfCover.value).toBe(25);
    expect(p.projectedStockoutDate.value).toBe("2024-03-26");
  });

  it("GIVEN an arrival that comes too late WHEN walked THEN the stockout before it is still reported", () => {
    const p = plan({ onHand: 10, incoming: [{ units: 100, expectedDate: "2024-03-20" }] });
    expect(p.projectedStockoutDate.value).toBe("2024-03-06");
  });

  it("GIVEN the horizon ends before the stock WHEN walked THEN the last week's demand repeats", () => {
    const p = plan({ onHand: 80 });
    expect(p.daysOfCover.value).toBe(40);
  });

  it("GIVEN no demand WHEN walked THEN cover is null with NO_DEMAND, not a number", () => {
    const p = plan({ forecast: flatForecast(0) });
    expect(p.daysOfCover.value).toBeNull();
    expect(p.daysOfCover.reason).toBe("INVENTORY.NO_DEMAND");
    expect(p.projectedStockoutDate.reason).toBe("INVENTORY.NO_DEMAND");
    expect(p.suggestedOrderQty.value).toBe(0);
  });

  it("GIVEN more than a year of stock WHEN walked THEN stockout is null BEYOND_SIMULATION", () => {
    const p = plan({ onHand: 1000 });
    expect(p.projectedStockoutDate.value).toBeNull();
    expect(p.projectedStockoutDate.reason).toBe("INVENTORY.BEYOND_SIMULATION");
  });
});

describe("margin at risk and overstock", () => {
  it("GIVEN no stock and L=10 at 2/day (no variance) WHEN planned THEN 20 units x margin 6 are at risk", () => {
    const p = plan({ onHand: 0, forecast: flatForecast(2, { dispersion: 1e12 }) });
    // Poisson variance still applies: expected shortage >= mean shortfall 20
    expect(p.expectedLostUnits.value).toBeGreaterThanOrEqual(20);
    expect(p.marginAtRisk.value).toBeCloseTo(p.expectedLostUnits.value! * 6, 0);
  });

  it("GIVEN plenty of stock WHEN planned THEN almost nothing is at risk", () => {
    expect(plan({ onHand: 200 }).expectedLostUnits.value).toBe(0);
  });

  it("GIVEN unit cost missing WHEN planned THEN margin and capital are null with UNIT_COST_MISSING, never 0", () => {
    const p = plan({ onHand: 500, unitCost: null, targetCoverDays: 90 });
    expect(p.marginAtRisk.value).toBeNull();
    expect(p.marginAtRisk.reason).toBe("INVENTORY.UNIT_COST_MISSING");
    expect(p.overstockCapital.value).toBeNull();
    expect(p.overstockCapital.reason).toBe("INVENTORY.UNIT_COST_MISSING");
    expect(p.overstockUnits.value).toBe(320);
  });

  it("GIVEN 500 units, 2/day, 90-day target WHEN planned THEN 320 units and 1280 of capital are overstock", () => {
    const p = plan({ onHand: 500, targetCoverDays: 90 });
    expect(p.overstockUnits.value).toBe(320);
    expect(p.overstockCapital.value).toBe(1280);
  });

  it("GIVEN any plan WHEN planned THEN every figure has a non-empty explanation", () => {
    const p = plan({ unitCost: null });
    for (const [k, v] of Object.entries(p)) {
      if (v && typeof v === "object" && "explanation" in v)
        expect((v as { explanation: string }).explanation.length, k).toBeGreaterThan(10);
    }
  });
});

describe("typed failures", () => {
  it("GIVEN unknown stock WHEN planned THEN INVENTORY.STOCK_UNKNOWN", () => {
    const r = planReplenishment(input({ onHand: null }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("INVENTORY.STOCK_UNKNOWN");
  });

  it("GIVEN an empty forecast WHEN planned THEN INVENTORY.FORECAST_EMPTY", () => {
    const r = planReplenishment(input({ forecast: { ...flatForecast(1), mean: [] } }));
    expect(!r.ok && r.error.code).toBe("INVENTORY.FORECAST_EMPTY");
  });

  it.each([
    ["serviceLevel", { serviceLevel: 1 }],
    ["casePack", { casePack: 0 }],
    ["leadTime.meanDays", { leadTime: { meanDays: -1, sdDays: 0 } }],
    ["unitCost", { unitCost: -1 }],
    ["incoming[0].expectedDate", { incoming: [{ units: 1, expectedDate: "2024-02-30" }] }],
  ] as const)("GIVEN a bad %s WHEN planned THEN INVALID_INPUT names the field", (field, over) => {
    const r = planReplenishment(input(over as Partial<ReplenishmentInput>));
    expect(!r.ok && r.error.code).toBe("INVENTORY.INVALID_INPUT");
    expect(!r.ok && r.error.field).toBe(field);
  });
});

describe("planReplenishment: coded explanations", () => {
  const figures = (p: ReplenishmentPlan) => [
    p.inventoryPosition,
    p.safetyStock,
    p.reorderPoint,
    p.orderUpTo,
    p.suggestedOrderQty,
    p.projectedStockoutDate,
    p.daysOfCover,
    p.stockoutRisk,
    p.expectedLostUnits,
    p.marginAtRisk,
    p.overstockUnits,
    p.overstockCapital,
  ];

  it("GIVEN plans with and without an order, cost, demand and incoming units WHEN planned THEN every figure carries a known code and typed params", () => {
    // GIVEN a spread of situations that reach every explanation
    const plans = [
      plan(),
      plan({ onHand: 500, unitCost: null }),
      plan({ forecast: flatForecast(0) }),
      plan({ onHand: 5, incoming: [{ units: 20, expectedDate: "2030-01-01" }], moq: 50, casePack: 12 }),
      plan({ protectionDemand: { mean: 34, quantile: 44, stockoutRiskWithoutOrder: 0.31 } }),
    ];
    const seen = new Set<string>();
    for (const p of plans) {
      for (const f of figures(p)) {
        // THEN the code is one of the published ones and each param is a finite number, a string or null
        expect(INVENTORY_FIGURE_CODES).toContain(f.code);
        for (const v of Object.values(f.params))
          expect(v === null || typeof v === "string" || Number.isFinite(v)).toBe(true);
        seen.add(f.code);
      }
    }
    // AND the order quantity's code says whether it was rounded up for the MOQ and case pack
    expect(plans[3].suggestedOrderQty).toMatchObject({
      code: "INVENTORY.ORDER_ROUNDED",
      params: { moq: 50, casePack: 12 },
    });
    expect(plans[1].suggestedOrderQty.code).toBe("INVENTORY.NO_ORDER");
    expect(seen.size).toBeGreaterThanOrEqual(18);
  });
});
