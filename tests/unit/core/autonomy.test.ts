// Examples of each skip code and of the daily allowance.
import { describe, expect, it } from "vitest";
import { selectAutomaticActions, type AutonomyCandidate, type AutonomyRule } from "~/core/decisions/autonomy";

const auto: AutonomyRule = { mode: "auto", maxChangePct: 0.03, minMarginPct: 0.25, maxPerDay: 2, maxOrderValue: 500 };
const price = (id: string, proposed: number, extra: Partial<AutonomyCandidate> = {}): AutonomyCandidate => ({
  id,
  kind: "price",
  currentPrice: 100,
  proposedPrice: proposed,
  unitCost: 60,
  quantity: null,
  expectedProfitDelta: 1,
  ...extra,
});
const reorder = (id: string, quantity: number, unitCost: number | null = 10): AutonomyCandidate => ({
  id,
  kind: "reorder",
  currentPrice: 20,
  proposedPrice: null,
  unitCost,
  quantity,
  expectedProfitDelta: 1,
});
const codes = (plan: ReturnType<typeof selectAutomaticActions>) =>
  Object.fromEntries(plan.skipped.map((s) => [s.id, s.code]));

describe("selectAutomaticActions", () => {
  it("GIVEN the global pause WHEN selecting THEN nothing is selected and every candidate says PAUSED", () => {
    // GIVEN
    const candidates = [price("a", 102), reorder("b", 5)];
    // WHEN
    const plan = selectAutomaticActions({
      candidates,
      rules: { price: auto, reorder: auto },
      marginFloorPct: 0.2,
      doneToday: {},
      paused: true,
    });
    // THEN
    expect(plan.selected).toEqual([]);
    expect(codes(plan)).toEqual({ a: "AUTONOMY.PAUSED", b: "AUTONOMY.PAUSED" });
  });

  it("GIVEN a mix of candidates WHEN selecting THEN each breaking one is skipped with the limit it breaks", () => {
    // GIVEN
    const candidates = [
      price("ok", 102),
      price("big", 104), // +4% > 3%
      price("margin", 99, { unitCost: 76 }), // margin 23% < rule 25%
      price("same", 100),
      price("nocost", 101, { unitCost: null }),
      reorder("order-ok", 40),
      reorder("order-big", 60), // 600 > 500
      reorder("order-nocost", 5, null),
    ];
    // WHEN
    const plan = selectAutomaticActions({
      candidates,
      rules: { price: { ...auto, maxPerDay: null }, reorder: { ...auto, maxPerDay: null } },
      marginFloorPct: 0.2,
      doneToday: {},
      paused: false,
    });
    // THEN
    expect(plan.selected.map((c) => c.id).sort()).toEqual(["ok", "order-ok"]);
    expect(codes(plan)).toEqual({
      big: "AUTONOMY.MAX_CHANGE",
      margin: "AUTONOMY.MARGIN_FLOOR",
      same: "AUTONOMY.NO_CHANGE",
      nocost: "AUTONOMY.COST_MISSING",
      "order-big": "AUTONOMY.ORDER_VALUE",
      "order-nocost": "AUTONOMY.COST_MISSING",
    });
  });

  it("GIVEN the shop floor above the rule's WHEN selecting THEN the higher floor applies", () => {
    // GIVEN margin after change 40.8%, shop floor 45%
    const plan = selectAutomaticActions({
      candidates: [price("a", 101.4)],
      rules: { price: auto },
      marginFloorPct: 0.45,
      doneToday: {},
      paused: false,
    });
    // THEN
    expect(codes(plan)).toEqual({ a: "AUTONOMY.MARGIN_FLOOR" });
  });

  it("GIVEN suggest mode or no limit set WHEN selecting THEN nothing goes automatically", () => {
    // GIVEN
    const rules = { price: { ...auto, mode: "suggest" }, reorder: { ...auto, maxOrderValue: null } };
    // WHEN
    const plan = selectAutomaticActions({
      candidates: [price("a", 102), reorder("b", 1)],
      rules,
      marginFloorPct: 0,
      doneToday: {},
      paused: false,
    });
    // THEN
    expect(codes(plan)).toEqual({ a: "AUTONOMY.SUGGEST_ONLY", b: "AUTONOMY.LIMIT_MISSING" });
  });

  it("GIVEN one automatic change done today and a cap of 2 WHEN three are eligible THEN only the best one goes", () => {
    // GIVEN
    const candidates = [
      price("low", 102, { expectedProfitDelta: 1 }),
      price("high", 102, { expectedProfitDelta: 9 }),
      price("mid", 102, { expectedProfitDelta: 5 }),
    ];
    // WHEN
    const plan = selectAutomaticActions({
      candidates,
      rules: { price: auto },
      marginFloorPct: 0.2,
      doneToday: { price: 1 },
      paused: false,
    });
    // THEN
    expect(plan.selected.map((c) => c.id)).toEqual(["high"]);
    expect(codes(plan)).toEqual({ mid: "AUTONOMY.DAILY_LIMIT", low: "AUTONOMY.DAILY_LIMIT" });
  });
});
