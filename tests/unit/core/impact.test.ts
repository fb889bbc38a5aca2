// Difference in differences on synthetic shops whose true effect is known.
import { describe, expect, it } from "vitest";
import { addDays } from "~/core/days";
import { measureImpact, type ImpactMeasured, type OutcomeSeries, type Triple } from "~/core/decisions/impact";
import { mulberry32, type Rng } from "~/core/random";

function poisson(rng: Rng, lambda: number): number {
  // Knuth's method; lambda stays small here.
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rng();
  } while (p > l);
  return k - 1;
}

const CHANGE = "2026-03-01";
const START = addDays(CHANGE, -28);

/**
 * A product type of `controls + 1` variants selling ~`base` units a day with a shared weekly pattern and
 * shared daily shocks; the treated one (index 0) sells `lift` more units a day from CHANGE on.
 * Price 10, unit cost 6: revenue 10 and gross profit 4 per unit.
 */
function syntheticShop(seed: number, o: { lift: number; controls?: number; days?: number; base?: number }) {
  const rng = mulberry32(seed);
  const n = (o.controls ?? 8) + 1;
  const days = o.days ?? 56;
  const series: OutcomeSeries[] = Array.from({ length: n }, (_, i) => ({
    variantId: `v${i}`,
    productType: "Shirts",
    vendor: "Acme",
    days: new Map(),
  }));
  for (let d = 0; d < days; d++) {
    const day = addDays(START, d);
    const shock = 0.8 + 0.4 * rng();
    const weekly = 1 + 0.3 * Math.sin((2 * Math.PI * d) / 7);
    for (let i = 0; i < n; i++) {
      const lambda = (o.base ?? 6) * shock * weekly + (i === 0 && day >= CHANGE ? o.lift : 0);
      const units = poisson(rng, Math.max(0, lambda));
      series[i].days.set(day, { units, revenue: 10 * units, grossProfit: 4 * units });
    }
  }
  return { treated: series[0], pool: series.slice(1), asOf: addDays(START, days - 1) };
}

const expected: Triple = { units: 2, revenue: 20, grossProfit: 8 };

describe("measureImpact", () => {
  it("GIVEN a known lift of 2 units a day WHEN measured THEN the interval covers the truth for every metric", () => {
    // GIVEN
    const shop = syntheticShop(11, { lift: 2 });
    // WHEN
    const r = measureImpact({ decisionId: "d1", changeDay: CHANGE, expectedPerDay: expected, ...shop });
    // THEN
    expect(r.status).toBe("MEASURED");
    const m = r as ImpactMeasured;
    expect(m.postDays).toBe(28);
    expect(m.controlIds).toHaveLength(8);
    expect(m.effect.units.low).toBeLessThanOrEqual(2);
    expect(m.effect.units.high).toBeGreaterThanOrEqual(2);
    expect(m.effect.revenue.low).toBeLessThanOrEqual(20);
    expect(m.effect.revenue.high).toBeGreaterThanOrEqual(20);
    expect(m.effect.grossProfit.perDay).toBeCloseTo(m.effect.units.perDay * 4, 6);
    expect(m.effect.units.total).toBeCloseTo(m.effect.units.perDay * 28, 6);
    expect(m.expectedWithin).toEqual({ units: true, revenue: true, grossProfit: true });
    expect(m.chart.days).toHaveLength(56);
  });

  it("GIVEN no effect WHEN measured THEN the interval contains 0 and excludes a large expected gain", () => {
    // GIVEN
    const shop = syntheticShop(12, { lift: 0 });
    // WHEN
    const m = measureImpact({
      decisionId: "d1",
      changeDay: CHANGE,
      expectedPerDay: { units: 5, revenue: 50, grossProfit: 20 },
      ...shop,
    }) as ImpactMeasured;
    // THEN
    expect(m.effect.units.low).toBeLessThanOrEqual(0);
    expect(m.effect.units.high).toBeGreaterThanOrEqual(0);
    expect(m.expectedWithin?.units).toBe(false);
  });

  it("GIVEN 60 synthetic shops WHEN measured THEN the 90% interval covers the true lift in at least 80% of them", () => {
    // GIVEN / WHEN
    let covered = 0;
    for (let seed = 100; seed < 160; seed++) {
      const m = measureImpact(
        { decisionId: "d", changeDay: CHANGE, expectedPerDay: null, ...syntheticShop(seed, { lift: 1.5 }) },
        { bootstrap: 400 },
      ) as ImpactMeasured;
      if (m.effect.units.low <= 1.5 && m.effect.units.high >= 1.5) covered++;
    }
    // THEN
    expect(covered / 60).toBeGreaterThanOrEqual(0.8);
  });

  it("GIVEN a large lift WHEN measured THEN the interval excludes 0 (the estimate detects it)", () => {
    // GIVEN
    const shop = syntheticShop(13, { lift: 6 });
    // WHEN
    const m = measureImpact({ decisionId: "d1", changeDay: CHANGE, expectedPerDay: null, ...shop }) as ImpactMeasured;
    // THEN
    expect(m.effect.units.low).toBeGreaterThan(0);
    expect(m.expectedWithin).toBeNull();
  });

  it("GIVEN only 10 days after the change WHEN measured THEN not enough data, naming the days missing", () => {
    // GIVEN
    const shop = syntheticShop(14, { lift: 2, days: 38 });
    // WHEN
    const r = measureImpact({ decisionId: "d1", changeDay: CHANGE, expectedPerDay: expected, ...shop });
    // THEN
    expect(r).toMatchObject({
      status: "INSUFFICIENT_DATA",
      missing: [{ code: "IMPACT.DAYS_AFTER", have: 10, need: 14 }],
    });
  });

  it("GIVEN two comparable variants only WHEN measured THEN not enough data, naming the control size", () => {
    // GIVEN
    const shop = syntheticShop(15, { lift: 2, controls: 2 });
    // WHEN
    const r = measureImpact({ decisionId: "d1", changeDay: CHANGE, expectedPerDay: expected, ...shop });
    // THEN
    expect(r).toMatchObject({
      status: "INSUFFICIENT_DATA",
      missing: [{ code: "IMPACT.CONTROL_SIZE", have: 2, need: 3 }],
    });
  });

  it("GIVEN a history starting 5 days before the change WHEN measured THEN the pre-period is named missing", () => {
    // GIVEN
    const shop = syntheticShop(16, { lift: 2 });
    // WHEN
    const r = measureImpact({
      decisionId: "d1",
      changeDay: CHANGE,
      expectedPerDay: null,
      historyStart: addDays(CHANGE, -5),
      ...shop,
    });
    // THEN
    expect(r).toMatchObject({
      status: "INSUFFICIENT_DATA",
      missing: [{ code: "IMPACT.DAYS_BEFORE", have: 5, need: 28 }],
    });
  });

  it("GIVEN the same inputs twice WHEN measured THEN the interval is identical (seeded)", () => {
    // GIVEN
    const shop = syntheticShop(17, { lift: 1 });
    // WHEN
    const a = measureImpact({ decisionId: "d", changeDay: CHANGE, expectedPerDay: null, ...shop });
    const b = measureImpact({ decisionId: "d", changeDay: CHANGE, expectedPerDay: null, ...shop });
    // THEN
    expect(a).toEqual(b);
  });
});
