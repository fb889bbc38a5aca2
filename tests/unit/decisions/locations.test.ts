// Plans per location: the variant's forecast split by demand share, each location planned with the same
// calibrated protection-period law as the variant, and transfers counted in both plans.
import { describe, expect, it } from "vitest";
import { decideLocations, type LocationFacts } from "../../../app/core/decisions/index";
import { levelKey, periodDemandQuantiles, type CalibrationTable } from "../../../app/core/forecast/index";
import { demandShares, planReplenishment, scaleForecast } from "../../../app/core/inventory";
import { flatForecast } from "../inventory/make-forecast";

const fc = { ...flatForecast(4, { dispersion: 5 }), levelCv2: 0.02 };
const shared = { sku: "v1", leadTime: { meanDays: 14, sdDays: 3 }, moq: 1, casePack: 1, unitCost: 5, unitPrice: 12 };
const S = { serviceLevel: 0.95, reviewPeriodDays: 7, targetCoverDays: 30, transferLeadTimeDays: 2 };
const loc = (locationId: string, onHand: number, over: Partial<LocationFacts> = {}): LocationFacts => ({
  locationId,
  onHand,
  committed: 0,
  incoming: 0,
  onOrder: [],
  outgoing: 0,
  ...over,
});
/** A calibration that widens every total: standardized errors of ±2. */
const wide: CalibrationTable = {
  pools: { "*:21": { z: [-2, 2], cdf: [0.5, 1], n: 10_000 }, "smooth:21": { z: [-2, 2], cdf: [0.5, 1], n: 10_000 } },
  stockoutLift: 1,
  stockoutWindows: 0,
};

describe("decideLocations", () => {
  it("GIVEN one location WHEN planned THEN its plan is the variant's plan with the same calibrated law", () => {
    // GIVEN the whole demand at one location
    const shares = demandShares(["paris"], new Map([["paris", 10]]));
    // WHEN planned with a calibration table
    const d = decideLocations(fc, [loc("paris", 20)], shares, shared, S, wide);
    // THEN the order-up-to level is the calibrated quantile over lead time + review, as the variant's plan uses
    const law = periodDemandQuantiles(fc, 0, { meanDays: 14, sdDays: 3, reviewDays: 7 }, [0.95], wide);
    const direct = planReplenishment({
      ...shared,
      forecast: fc,
      onHand: 20,
      serviceLevel: 0.95,
      reviewPeriodDays: 7,
      protectionDemand: { mean: law.mean, quantile: law.quantiles[levelKey(0.95)] },
    });
    const p = d.plans[0].result;
    expect(p.ok && direct.ok).toBe(true);
    if (p.ok && direct.ok) {
      expect(p.plan.orderUpTo.value).toBe(direct.plan.orderUpTo.value);
      expect(p.plan.suggestedOrderQty.value).toBe(direct.plan.suggestedOrderQty.value);
      expect(p.plan.stockoutRisk.value).not.toBeNull();
    }
    expect(d.transfers).toEqual([]);
  });

  it("GIVEN 75/25 shares WHEN planned THEN each location's level is the calibrated quantile of its share of demand", () => {
    const shares = {
      shares: new Map([
        ["paris", 0.75],
        ["lyon", 0.25],
      ]),
      source: "orders" as const,
      units: 100,
    };
    const d = decideLocations(fc, [loc("paris", 0), loc("lyon", 0)], shares, shared, S, wide);
    for (const [i, share] of [0.75, 0.25].entries()) {
      const law = periodDemandQuantiles(
        scaleForecast(fc, share),
        0,
        { meanDays: 14, sdDays: 3, reviewDays: 7 },
        [0.95],
        wide,
      );
      const r = d.plans[i].result;
      expect(r.ok && r.plan.orderUpTo.value).toBe(Math.ceil(law.quantiles[levelKey(0.95)] - 1e-9));
    }
  });

  it("GIVEN Lyon empty and Paris overstocked WHEN planned THEN a transfer is suggested and counted in both plans", () => {
    // GIVEN Lyon with nothing (out today, before a 14-day vendor order) and Paris with far more than it needs
    const shares = {
      shares: new Map([
        ["paris", 0.5],
        ["lyon", 0.5],
      ]),
      source: "orders" as const,
      units: 100,
    };
    const facts = [loc("paris", 400), loc("lyon", 0)];
    // WHEN planned
    const d = decideLocations(fc, facts, shares, shared, S);
    // THEN units move from Paris to Lyon, up to Lyon's level
    expect(d.transfers).toHaveLength(1);
    const t = d.transfers[0];
    expect(t).toMatchObject({ from: "paris", to: "lyon", stockoutDay: 0 });
    const noTransfer = decideLocations(fc, facts, shares, shared, { ...S, transferLeadTimeDays: 14 });
    const lyonBefore = noTransfer.plans[1].result;
    expect(lyonBefore.ok && t.units).toBe(lyonBefore.ok ? lyonBefore.plan.suggestedOrderQty.value : -1);
    // AND Lyon orders nothing more from the vendor, Paris still orders nothing and keeps its own level
    const [paris, lyon] = d.plans.map((p) => p.result);
    expect(lyon.ok && lyon.plan.suggestedOrderQty.value).toBe(0);
    expect(paris.ok && paris.plan.suggestedOrderQty.value).toBe(0);
    expect(paris.ok && paris.plan.inventoryPosition.value! >= paris.plan.orderUpTo.value!).toBe(true);
  });

  it("GIVEN no location short before the vendor could deliver WHEN planned THEN no transfer", () => {
    const shares = {
      shares: new Map([
        ["paris", 0.5],
        ["lyon", 0.5],
      ]),
      source: "orders" as const,
      units: 100,
    };
    const d = decideLocations(fc, [loc("paris", 400), loc("lyon", 200)], shares, shared, S);
    expect(d.transfers).toEqual([]);
  });
});
