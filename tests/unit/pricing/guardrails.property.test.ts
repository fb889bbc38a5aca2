import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDaysForTest,
  recommendPrice,
  resolveGuardrails,
  violations,
  isRounded,
  type GuardrailContext,
  type PricingInput,
} from "./property-support";

const rounding = fc.constantFrom("none", "0.99", "0.95", "whole") as fc.Arbitrary<"none" | "0.99" | "0.95" | "whole">;
/** Uniform on [min, max] (fast-check's doubles crowd near 0 and the extremes). */
const uni = (min: number, max: number) =>
  fc.integer({ min: 0, max: 10_000 }).map((k) => min + ((max - min) * k) / 10_000);
const money = (min: number, max: number) =>
  fc.integer({ min: Math.round(min * 100), max: Math.round(max * 100) }).map((c) => c / 100);

const arbInput = fc
  .record({
    price: money(0.5, 500),
    costShare: uni(0, 1.1),
    e: uni(-6, 0.5),
    se: uni(0, 2),
    source: fc.constantFrom("variant", "product", "group", "prior") as fc.Arbitrary<
      "variant" | "product" | "group" | "prior"
    >,
    daily: uni(0, 50),
    minMarginPct: uni(0, 0.5),
    maxChangePct: uni(0.01, 0.5),
    floorShare: fc.option(uni(0.3, 1.05)),
    ceilingShare: fc.option(uni(0.95, 2)),
    rounding,
    cooldownDays: fc.integer({ min: 0, max: 30 }),
    daysSinceChange: fc.option(fc.integer({ min: 0, max: 60 })),
    compareAtShare: fc.option(uni(0.8, 2)),
    compareAtPolicy: fc.constantFrom("keep-above", "clear") as fc.Arbitrary<"keep-above" | "clear">,
    range: fc.option(fc.tuple(uni(0.5, 1), uni(1, 1.5))),
    onHand: fc.option(fc.integer({ min: 0, max: 5000 })),
    restockIn: fc.option(fc.integer({ min: 1, max: 120 })),
    incoming: fc.option(fc.integer({ min: 0, max: 500 })),
    sellThrough: fc.option(fc.integer({ min: 28, max: 365 })),
    holding: uni(0, 0.5),
    clvWeight: uni(0, 1),
    fee: uni(0, 0.05),
  })
  .map((r) => {
    const asOf = "2025-06-01";
    const guardrails = resolveGuardrails({
      minMarginPct: r.minMarginPct,
      maxChangePct: r.maxChangePct,
      floor: r.floorShare == null ? null : Math.round(r.price * r.floorShare * 100) / 100,
      ceiling: r.ceilingShare == null ? null : Math.round(r.price * r.ceilingShare * 100) / 100,
      rounding: r.rounding,
      cooldownDays: r.cooldownDays,
      compareAtPolicy: r.compareAtPolicy,
    });
    const input: PricingInput = {
      sku: "P",
      asOf,
      currentPrice: r.price,
      unitCost: Math.round(r.price * r.costShare * 100) / 100,
      compareAtPrice: r.compareAtShare == null ? null : Math.round(r.price * r.compareAtShare * 100) / 100,
      elasticity: {
        estimate: r.e,
        se: r.se,
        source: r.source,
        weights: { variant: 1, product: 0, group: 0, shop: 0, prior: 0 },
        raw: null,
        priceNeverVaried: false,
        drivers: { seasonRatio: null, trendPer28: 0 },
        observedRange: r.range ? { min: r.price * r.range[0], max: r.price * r.range[1] } : null,
      },
      forecast: { mean: Array(28).fill(r.daily) },
      guardrails,
      fees: { paymentFeePct: r.fee, fulfilmentCost: 0.5 },
      lastPriceChange: r.daysSinceChange == null ? null : addDaysForTest(asOf, -r.daysSinceChange),
      stock:
        r.onHand == null
          ? undefined
          : {
              onHand: r.onHand,
              incoming: r.incoming ?? 0,
              nextRestock: r.restockIn == null ? null : addDaysForTest(asOf, r.restockIn),
            },
      holdingCostPct: r.holding,
      sellThroughDays: r.sellThrough ?? undefined,
      customerValue: { newCustomersPerUnit: 0.2, valuePerCustomer: r.price, acquisitionShare: 0.3 },
      clvWeight: r.clvWeight,
    };
    return input;
  });

function context(input: PricingInput): GuardrailContext {
  const g = input.guardrails!;
  const highConfidence = input.elasticity.source === "variant" && input.elasticity.se <= g.highConfidenceSe;
  return {
    currentPrice: input.currentPrice!,
    unitCost: input.unitCost!,
    guardrails: g,
    compareAtPrice: input.compareAtPrice ?? null,
    observedRange: input.elasticity.observedRange,
    highConfidence,
    inCooldown:
      input.lastPriceChange != null &&
      (Date.parse(input.asOf) - Date.parse(input.lastPriceChange)) / 86_400_000 < g.cooldownDays,
  };
}

describe("guardrails hold for every recommendation (property)", () => {
  it("GIVEN random prices, costs, elasticities, guardrails, stock and rounding WHEN recommending THEN no guardrail is ever broken", () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const r = recommendPrice(input);
        if (r.action === "withheld") {
          // THEN a withheld answer carries a reason and no price
          expect(r.recommendedPrice).toBeNull();
          expect(r.reasons.length).toBeGreaterThan(0);
          return;
        }
        const p = r.recommendedPrice!;
        const g = input.guardrails!;
        const cost = input.unitCost!;
        const p0 = input.currentPrice!;
        const ctx = context(input);
        if (p === p0 && violations(p0, ctx).length > 0) {
          // THEN a current price that breaks a guardrail is only kept with the reason (moving would lose profit)
          expect(r.reasons.map((x) => x.code)).toContain("PRICING.OUTSIDE_GUARDRAILS");
          return;
        }
        // Independent checks of every rule (not only the engine's own predicate).
        expect(p).toBeGreaterThanOrEqual(cost - 1e-9);
        expect((p - cost) / p).toBeGreaterThanOrEqual(g.minMarginPct - 1e-9);
        expect(Math.abs(p / p0 - 1)).toBeLessThanOrEqual(g.maxChangePct + 1e-9);
        if (g.floor != null) expect(p).toBeGreaterThanOrEqual(g.floor - 1e-9);
        if (g.ceiling != null) expect(p).toBeLessThanOrEqual(g.ceiling + 1e-9);
        if (ctx.inCooldown) expect(p).toBe(p0);
        if (p !== p0) expect(isRounded(p, g.rounding)).toBe(true);
        if (input.compareAtPrice != null && g.compareAtPolicy === "keep-above")
          expect(p).toBeLessThan(input.compareAtPrice);
        if (input.compareAtPrice != null && g.compareAtPolicy === "clear" && p >= input.compareAtPrice)
          expect(r.compareAtPrice).toBeNull();
        const range = input.elasticity.observedRange;
        if (range && !ctx.highConfidence) {
          expect(p).toBeGreaterThanOrEqual(Math.min(range.min, p0) * (1 - g.observedRangeTolerancePct) - 1e-9);
          expect(p).toBeLessThanOrEqual(Math.max(range.max, p0) * (1 + g.observedRangeTolerancePct) + 1e-9);
        }
        expect(violations(p, ctx)).toEqual([]);
        // AND the action matches the price move
        expect(r.action).toBe(p > p0 ? "raise" : p < p0 ? "lower" : "keep");
        // AND no change expects to lose profit unless the current price breaks a guardrail
        if (p !== p0 && violations(p0, ctx).length === 0) {
          expect(r.expected.change.profit).toBeGreaterThanOrEqual(0);
          expect(r.confidence).toBeGreaterThanOrEqual(g.minConfidence - 1e-9);
        }
      }),
      { numRuns: 2000, seed: 20251126 },
    );
  }, 120_000);

  it("GIVEN random inputs WHEN recommending THEN every binding bound is also listed, and the bounds bracket the price", () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const r = recommendPrice(input);
        if (r.action === "withheld") return;
        const p = r.recommendedPrice!;
        for (const b of r.bounds) {
          if (b.code === "ROUNDING") continue;
          if (p === input.currentPrice && r.reasons.some((x) => x.code === "PRICING.OUTSIDE_GUARDRAILS")) continue;
          if (b.side === "lower") expect(p).toBeGreaterThanOrEqual(b.value - 1e-9);
          else expect(p).toBeLessThanOrEqual(b.value + 1e-9);
        }
      }),
      { numRuns: 1000, seed: 7 },
    );
  }, 120_000);
});
