// Property test of the whole pipeline: any history, mask, horizon and season gives a valid forecast.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildPoolProfiles, forecastVariant, periodDemandQuantiles } from "../../../app/core/forecast/index";
import { weeklySeries } from "./helpers";

const pool = buildPoolProfiles(Array.from({ length: 5 }, (_, k) => weeklySeries(120, 3, k, `p${k}`, "g")));

describe("forecastVariant (property)", () => {
  it("GIVEN random series, censoring, horizon and season WHEN forecast THEN the output is valid", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            v: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 300 })),
            ok: fc.boolean(),
          }),
          { maxLength: 150 },
        ),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom(0, 1, 7, 12),
        fc.boolean(),
        (points, horizon, seasonPeriod, grouped) => {
          const series = {
            id: "r",
            start: "2024-03-01",
            units: points.map((p) => p.v),
            available: points.map((p) => p.ok),
            group: grouped ? "g" : undefined,
          };
          const out = forecastVariant(series, { horizon, seasonPeriod }, pool);
          expect(out.mean).toHaveLength(horizon);
          const keys = ["0.5", "0.8", "0.9", "0.95"];
          for (let t = 0; t < horizon; t++) {
            expect(Number.isFinite(out.mean[t]) && out.mean[t] >= 0).toBe(true);
            for (let j = 0; j < keys.length; j++) {
              const q = out.quantiles[keys[j]][t];
              expect(Number.isInteger(q) && q >= 0).toBe(true);
              if (j > 0) expect(q).toBeGreaterThanOrEqual(out.quantiles[keys[j - 1]][t]);
            }
          }
          expect(Number.isFinite(out.lostSales.estimatedUnits) && out.lostSales.estimatedUnits >= 0).toBe(true);
          if (out.backtest)
            for (const v of [out.backtest.mase, out.backtest.rmsse, out.backtest.wape, out.backtest.bias])
              expect(Number.isFinite(v)).toBe(true);
          const p = periodDemandQuantiles(out, 3, { meanDays: 5, sdDays: 2, reviewDays: 7 }, [0.5, 0.95]);
          expect(p.quantiles["0.5"]).toBeLessThanOrEqual(p.quantiles["0.95"]);
          expect(Number.isFinite(p.mean)).toBe(true);
        },
      ),
      { numRuns: 150, seed: 7 },
    );
  });
});
