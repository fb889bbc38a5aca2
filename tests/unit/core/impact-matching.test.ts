// The control matching rule: same product type or vendor, similar pre-period sales, nearest first.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_IMPACT_OPTIONS,
  matchControls,
  summariseImpact,
  type ImpactResult,
  type OutcomeSeries,
} from "~/core/decisions/impact";

const PRE = ["2026-01-01", "2026-01-02"];
const series = (
  variantId: string,
  units: number,
  productType: string | null,
  vendor: string | null,
): OutcomeSeries => ({
  variantId,
  productType,
  vendor,
  days: new Map(PRE.map((d) => [d, { units, revenue: units * 10, grossProfit: units * 4 }])),
});

describe("matchControls", () => {
  it("GIVEN candidates of other groups or very different sales WHEN matching THEN only comparable ones remain, nearest first", () => {
    // GIVEN a treated variant selling 4 a day
    const treated = series("t", 4, "Shirts", "Acme");
    const pool = [
      series("far-type", 4, "Shoes", "Other"), // other group
      series("same-vendor", 3, "Shoes", "Acme"), // same vendor, close sales
      series("exact", 4, "Shirts", "Zed"), // same type, same sales
      series("too-many", 12, "Shirts", "Acme"), // 3x the sales: outside the ratio 2
      series("too-few", 1, "Shirts", "Acme"),
      series("t", 4, "Shirts", "Acme"), // itself
      series("no-group", 4, null, null),
    ];
    // WHEN
    const ids = matchControls(treated, pool, PRE, DEFAULT_IMPACT_OPTIONS).map((s) => s.variantId);
    // THEN
    expect(ids).toEqual(["exact", "same-vendor"]);
  });

  it("GIVEN 15 comparable candidates WHEN matching THEN at most maxControls are kept", () => {
    // GIVEN
    const pool = Array.from({ length: 15 }, (_, i) => series(`c${String(i).padStart(2, "0")}`, 4, "Shirts", null));
    // WHEN
    const got = matchControls(series("t", 4, "Shirts", null), pool, PRE, DEFAULT_IMPACT_OPTIONS);
    // THEN
    expect(got).toHaveLength(10);
  });
});

describe("summariseImpact", () => {
  it("GIVEN one measured and one insufficient decision WHEN summarised THEN totals count the measured one only", () => {
    // GIVEN
    const est = (perDay: number) => ({ perDay, low: perDay - 1, high: perDay + 1, total: perDay * 20 });
    const results: ImpactResult[] = [
      {
        status: "MEASURED",
        decisionId: "a",
        variantId: "v",
        changeDay: "2026-01-03",
        postDays: 20,
        controlIds: [],
        level: 0.9,
        effect: { units: est(1), revenue: est(10), grossProfit: est(4) },
        expectedPerDay: { units: 2, revenue: 20, grossProfit: 8 },
        expectedWithin: null,
        chart: { days: [], treated: [], control: [] },
      },
      {
        status: "INSUFFICIENT_DATA",
        decisionId: "b",
        variantId: "w",
        changeDay: "2026-01-20",
        missing: [{ code: "IMPACT.DAYS_AFTER", have: 3, need: 14 }],
      },
    ];
    // WHEN
    const s = summariseImpact(results);
    // THEN
    expect(s).toEqual({
      decisions: 2,
      measured: 1,
      insufficient: 1,
      measuredTotal: { units: 20, revenue: 200, grossProfit: 80 },
      expectedTotal: { units: 40, revenue: 400, grossProfit: 160 },
    });
  });
});
