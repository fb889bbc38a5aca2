// Property: whatever the candidates, rules and counters, automatic actions never exceed a limit.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  selectAutomaticActions,
  type AutonomyCandidate,
  type AutonomyInput,
  type AutonomyRule,
} from "~/core/decisions/autonomy";

/** Uniform on [min, max] (fc.double is biased towards 0 and the bounds). */
const uniform = (min: number, max: number) =>
  fc.noBias(fc.integer({ min: 0, max: 1_000_000 })).map((k) => min + ((max - min) * k) / 1_000_000);
const money = fc.oneof(fc.constant(null), uniform(-5, 500), fc.constant(Number.NaN));
const rule: fc.Arbitrary<AutonomyRule> = fc.record({
  mode: fc.constantFrom("suggest", "auto", "auto", "auto", "auto", "other"),
  maxChangePct: fc.oneof({ arbitrary: fc.constant(null), weight: 1 }, { arbitrary: uniform(0, 0.12), weight: 5 }),
  minMarginPct: fc.oneof(fc.constant(null), uniform(-0.5, 0.6)),
  maxPerDay: fc.oneof(fc.constant(null), fc.integer({ min: -1, max: 8 })),
  maxOrderValue: fc.oneof({ arbitrary: fc.constant(null), weight: 1 }, { arbitrary: uniform(0, 3000), weight: 5 }),
});
// Mostly plausible candidates (near the limits, so many are selected), some broken ones.
const plausible = (i: number): fc.Arbitrary<AutonomyCandidate> =>
  fc
    .record({
      kind: fc.constantFrom("price", "price", "reorder"),
      current: uniform(1, 200),
      change: uniform(-0.1, 0.1),
      costShare: uniform(0, 0.95),
      quantity: fc.integer({ min: 1, max: 60 }),
      expectedProfitDelta: uniform(-100, 100),
    })
    .map((r) => ({
      id: `r${i}`,
      kind: r.kind,
      currentPrice: r.current,
      proposedPrice: r.kind === "price" ? r.current * (1 + r.change) : null,
      unitCost: r.current * r.costShare,
      quantity: r.kind === "reorder" ? r.quantity : null,
      expectedProfitDelta: r.expectedProfitDelta,
    }));
const broken = (i: number): fc.Arbitrary<AutonomyCandidate> =>
  fc.record({
    id: fc.constant(`r${i}`),
    kind: fc.constantFrom("price", "reorder", "other"),
    currentPrice: money,
    proposedPrice: money,
    unitCost: money,
    quantity: fc.oneof(fc.constant(null), fc.integer({ min: -3, max: 200 })),
    expectedProfitDelta: uniform(-100, 100),
  });
const candidate = (i: number) => fc.oneof({ arbitrary: plausible(i), weight: 4 }, { arbitrary: broken(i), weight: 1 });
const input: fc.Arbitrary<AutonomyInput> = fc.record({
  candidates: fc
    .integer({ min: 0, max: 25 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => candidate(i)))),
  rules: fc.oneof(
    { arbitrary: fc.record({ price: rule, reorder: rule }), weight: 5 },
    { arbitrary: fc.record({ price: rule, reorder: rule }, { requiredKeys: [] }), weight: 1 },
  ),
  marginFloorPct: uniform(0, 0.5),
  doneToday: fc.record({ price: fc.integer({ min: 0, max: 10 }), reorder: fc.integer({ min: 0, max: 10 }) }),
  paused: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
});

describe("selectAutomaticActions (property)", () => {
  it("GIVEN any candidates, rules and counters WHEN selecting THEN every selected action respects every limit", () => {
    let selectedTotal = 0;
    let capped = 0;
    fc.assert(
      fc.property(input, (x) => {
        // WHEN
        const plan = selectAutomaticActions(x);
        selectedTotal += plan.selected.length;
        capped += plan.skipped.filter((s) => s.code === "AUTONOMY.DAILY_LIMIT").length;
        // THEN each candidate is either selected or skipped with a code, exactly once
        expect(plan.selected.length + plan.skipped.length).toBe(x.candidates.length);
        const ids = [...plan.selected.map((c) => c.id), ...plan.skipped.map((s) => s.id)];
        expect(new Set(ids).size).toBe(x.candidates.length);
        // THEN nothing at all when paused
        if (x.paused) expect(plan.selected).toHaveLength(0);
        const perKind: Record<string, number> = {};
        for (const c of plan.selected) {
          const r = x.rules[c.kind as "price" | "reorder"];
          // THEN only kinds whose rule is "auto"
          expect(r?.mode).toBe("auto");
          perKind[c.kind] = (perKind[c.kind] ?? 0) + 1;
          if (c.kind === "price") {
            const change = Math.abs(c.proposedPrice! / c.currentPrice! - 1);
            expect(change).toBeLessThanOrEqual(r!.maxChangePct! + 1e-9);
            const margin = (c.proposedPrice! - c.unitCost!) / c.proposedPrice!;
            expect(margin).toBeGreaterThanOrEqual(x.marginFloorPct - 1e-9);
            if (r!.minMarginPct != null) expect(margin).toBeGreaterThanOrEqual(r!.minMarginPct - 1e-9);
          } else {
            expect(c.kind).toBe("reorder");
            expect(c.quantity! * c.unitCost!).toBeLessThanOrEqual(r!.maxOrderValue! + 1e-9);
          }
        }
        // THEN at most maxPerDay a day, counting the ones done earlier today
        for (const [kind, n] of Object.entries(perKind)) {
          const cap = x.rules[kind as "price" | "reorder"]!.maxPerDay;
          if (cap != null) expect(n + (x.doneToday[kind as "price" | "reorder"] ?? 0)).toBeLessThanOrEqual(cap);
        }
      }),
      { numRuns: 5000, seed: 20261126 },
    );
    // THEN the inputs exercised the limits (not a vacuous pass)
    expect(selectedTotal).toBeGreaterThan(2000);
    expect(capped).toBeGreaterThan(1000);
  });

  it("GIVEN eligible candidates and no daily cap WHEN not paused THEN all of them are selected (the limits do not over-block)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), uniform(10, 100), (n, price) => {
        // GIVEN price changes of +2% at a 50% margin under a 3% auto rule
        const candidates = Array.from({ length: n }, (_, i) => ({
          id: `r${i}`,
          kind: "price",
          currentPrice: price,
          proposedPrice: price * 1.02,
          unitCost: price / 2,
          quantity: null,
          expectedProfitDelta: i,
        }));
        const rules = {
          price: { mode: "auto", maxChangePct: 0.03, minMarginPct: 0.2, maxPerDay: null, maxOrderValue: null },
        };
        // WHEN
        const plan = selectAutomaticActions({ candidates, rules, marginFloorPct: 0.2, doneToday: {}, paused: false });
        // THEN
        expect(plan.selected).toHaveLength(n);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
