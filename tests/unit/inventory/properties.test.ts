import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planReplenishment } from "../../../app/core/inventory";
import { flatForecast } from "./make-forecast";

describe("planReplenishment properties", () => {
  it("GIVEN any valid input WHEN planned THEN figures are finite or coded-null, and the order reaches S in whole case packs >= MOQ", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.integer({ min: -20, max: 500 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }),
        (rate, onHand, lead, casePack, moq, alpha, cost) => {
          const r = planReplenishment({
            sku: "X",
            forecast: flatForecast(rate, { dispersion: 3 }),
            onHand,
            leadTime: { meanDays: lead, sdDays: lead / 4 },
            casePack,
            moq,
            serviceLevel: alpha,
            unitCost: cost,
            unitPrice: 20,
          });
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          const p = r.plan;
          for (const f of [
            p.safetyStock,
            p.reorderPoint,
            p.orderUpTo,
            p.suggestedOrderQty,
            p.daysOfCover,
            p.expectedLostUnits,
            p.marginAtRisk,
            p.overstockUnits,
            p.overstockCapital,
          ]) {
            if (f.value === null) expect(f.reason).toMatch(/^INVENTORY\./);
            else expect(Number.isFinite(f.value) && f.value >= 0).toBe(true);
          }
          const q = p.suggestedOrderQty.value!;
          if (q > 0) {
            expect(q % casePack).toBe(0);
            expect(q).toBeGreaterThanOrEqual(moq);
            expect(p.inventoryPosition.value! + q).toBeGreaterThanOrEqual(p.orderUpTo.value!);
          } else {
            expect(p.inventoryPosition.value!).toBeGreaterThanOrEqual(p.orderUpTo.value!);
          }
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});
