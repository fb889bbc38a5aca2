// Merchant events (issue 15): applied to the forecast exactly as entered, the statistical forecast kept beside
// it, decisions on the adjusted one, event days left out of the fits, bad input named.
import { describe, expect, it } from "vitest";
import {
  applyEvents,
  buildPoolProfiles,
  evaluateEvent,
  eventDayMask,
  forecastVariant,
  lessonFor,
  validateEvent,
  type ForecastEvent,
  type ScopedVariant,
} from "../../../app/core/forecast/index";
import {
  decideVariant,
  feesFrom,
  guardrailsFrom,
  toDailySeries,
  type DecisionSettings,
  type ShopContext,
  type StoredShopSettings,
  type VariantFacts,
} from "../../../app/core/decisions/index";
import { estimateElasticities, fitVariantElasticity, toPriceHistory } from "../../../app/core/pricing/index";
import { addDays } from "../../../app/core/days";

const START = "2026-01-01";
const DAYS = 150;
const END = addDays(START, DAYS - 1); // 2026-05-30
const FIRST_FORECAST_DAY = addDays(END, 1);

/** A steady seller: 4 to 8 units a day with a weekly pattern, price 20. `bump` multiplies the units of some days. */
function history(id: string, bump: (i: number) => number = () => 1) {
  const sales = [];
  for (let i = 0; i < DAYS; i++)
    sales.push({ day: addDays(START, i), units: Math.round((4 + ((i * 3) % 5)) * bump(i)), avgPrice: 20 });
  return toDailySeries({ id, group: "Mugs", start: START, end: END, sales, snapshots: [] });
}

const event = (over: Partial<ForecastEvent> = {}): ForecastEvent => ({
  id: "e1",
  name: "Spring campaign",
  kind: "campaign",
  start: addDays(FIRST_FORECAST_DAY, 3),
  end: addDays(FIRST_FORECAST_DAY, 9),
  scope: { type: "productType", value: "Mugs" },
  effect: { type: "percent", percent: 40 },
  ...over,
});

const catalogue: ScopedVariant[] = [
  { id: "a", sku: "MUG-A", productType: "Mugs", vendor: "Clayworks" },
  { id: "b", sku: "TEA-B", productType: "Tea", vendor: "Leafco" },
];

const stored: StoredShopSettings = {
  minMarginPct: 0.25,
  maxPriceChangePct: 0.08,
  priceRounding: "1.00",
  cooldownDays: 21,
  compareAtPolicy: "keep",
  observedRangeDistance: 0.1,
  minConfidence: 0.8,
  paymentFeePct: 0.029,
  paymentFeeFixed: 0.3,
  fulfilmentCostPerUnit: 1.2,
  holdingCostPct: 0.25,
  sellThroughDays: 120,
};
const settings: DecisionSettings = {
  horizon: 28,
  serviceLevel: 0.95,
  reviewPeriodDays: 7,
  targetCoverDays: 30,
  holdingCostPct: 0.2,
  sellThroughDays: 180,
  guardrails: guardrailsFrom(stored),
  fees: feesFrom(stored),
  clvWeight: 0,
};

describe("applyEvents", () => {
  const base = forecastVariant(history("a"), { horizon: 28 });

  it("GIVEN a +40% event on days 3 to 9 WHEN applied THEN those days' mean is exactly 1.4 x the statistical one, the others and the statistical forecast are unchanged", () => {
    // GIVEN
    const before = JSON.stringify(base);
    // WHEN
    const adj = applyEvents(base, [event()]);
    // THEN
    for (let t = 0; t < 28; t++) expect(adj.mean[t]).toBeCloseTo(base.mean[t] * (t >= 3 && t <= 9 ? 1.4 : 1), 12);
    expect(adj.statistical!.mean).toEqual(base.mean);
    expect(adj.statistical!.quantiles).toEqual(base.quantiles);
    expect(JSON.stringify(base)).toBe(before);
    expect(adj.quantiles["0.9"][5]).toBeGreaterThan(base.quantiles["0.9"][5]);
    expect(adj.quantiles["0.9"][20]).toBe(base.quantiles["0.9"][20]);
    expect(adj.eventsApplied).toEqual([{ id: "e1", days: 7 }]);
  });

  it("GIVEN 5 extra units a day and a -100% day WHEN applied THEN units add to the mean and -100% gives zero", () => {
    // GIVEN
    const units = event({ effect: { type: "units", perDay: 5 } });
    const off = event({
      id: "e2",
      start: FIRST_FORECAST_DAY,
      end: FIRST_FORECAST_DAY,
      effect: { type: "percent", percent: -100 },
    });
    // WHEN
    const adj = applyEvents(base, [units, off]);
    // THEN
    expect(adj.mean[4]).toBeCloseTo(base.mean[4] + 5, 12);
    expect(adj.mean[0]).toBe(0);
    expect(adj.quantiles["0.95"][0]).toBe(0);
  });

  it("GIVEN an event that ended before the horizon WHEN applied THEN the forecast is returned as it was", () => {
    // GIVEN / WHEN
    const adj = applyEvents(base, [event({ start: "2026-02-01", end: "2026-02-10" })]);
    // THEN
    expect(adj).toBe(base);
    expect(adj.statistical).toBeUndefined();
  });
});

describe("decisions on the adjusted forecast", () => {
  const all = [history("a"), history("b"), history("c")];
  const ctx: ShopContext = {
    pool: buildPoolProfiles(all),
    elasticities: estimateElasticities(
      all.map((s) => toPriceHistory(s, "p1")),
      { horizon: 28 },
    ),
    customers: null,
    asOf: END,
  };
  const facts = (over: Partial<VariantFacts> = {}): VariantFacts => ({
    id: "a",
    productId: "p1",
    series: all[0],
    price: 20,
    compareAtPrice: null,
    unitCost: 8,
    stock: { onHand: 10, committed: 0, incoming: 0 },
    leadTime: { meanDays: 14, sdDays: 3 },
    moq: 1,
    casePack: 1,
    lastPriceChange: null,
    ...over,
  });

  it("GIVEN a stop event over the whole horizon WHEN decided THEN demand is zero and nothing is reordered", () => {
    // GIVEN
    const stop = event({
      kind: "closure",
      start: FIRST_FORECAST_DAY,
      end: addDays(FIRST_FORECAST_DAY, 60),
      effect: { type: "stop" },
    });
    // WHEN
    const without = decideVariant(facts(), ctx, settings);
    const withStop = decideVariant(facts({ events: [stop] }), ctx, settings);
    // THEN
    expect(without.replenishment!.ok && without.replenishment!.plan.suggestedOrderQty.value).toBeGreaterThan(0);
    expect(withStop.forecast.mean.every((m) => m === 0)).toBe(true);
    expect(withStop.forecast.statistical!.mean).toEqual(without.forecast.mean);
    const plan = withStop.replenishment!.ok ? withStop.replenishment!.plan : null;
    expect(plan!.suggestedOrderQty.value ?? 0).toBe(0);
  });

  it("GIVEN a +100% campaign over the protection period WHEN decided THEN more is ordered than without it", () => {
    // GIVEN
    const big = event({
      start: FIRST_FORECAST_DAY,
      end: addDays(FIRST_FORECAST_DAY, 27),
      effect: { type: "percent", percent: 100 },
    });
    // WHEN
    const without = decideVariant(facts(), ctx, settings);
    const withIt = decideVariant(facts({ events: [big] }), ctx, settings);
    // THEN
    const q = (d: typeof without) => (d.replenishment!.ok ? (d.replenishment!.plan.suggestedOrderQty.value ?? 0) : 0);
    expect(q(withIt)).toBeGreaterThan(q(without));
  });
});

describe("validateEvent", () => {
  it("GIVEN a valid draft with SKUs WHEN validated THEN the scope holds the variants' ids", () => {
    // GIVEN / WHEN
    const r = validateEvent(event({ scope: { type: "variants", ids: ["MUG-A"] } }), catalogue);
    // THEN
    expect(r).toEqual({ ok: true, event: expect.objectContaining({ scope: { type: "variants", ids: ["a"] } }) });
  });

  it.each([
    ["end before start", event({ start: "2026-06-10", end: "2026-06-09" }), "EVENTS.END_BEFORE_START"],
    ["an effect below -100%", event({ effect: { type: "percent", percent: -120 } }), "EVENTS.EFFECT_BELOW_MINUS_100"],
    [
      "a product type matching nothing",
      event({ scope: { type: "productType", value: "Lamps" } }),
      "EVENTS.SCOPE_MATCHES_NOTHING",
    ],
    ["an unknown SKU", event({ scope: { type: "variants", ids: ["MUG-A", "NOPE"] } }), "EVENTS.SCOPE_MATCHES_NOTHING"],
    ["a date that does not exist", event({ start: "2026-02-30" }), "EVENTS.INVALID_DATE"],
    ["negative units", event({ effect: { type: "units", perDay: -2 } }), "EVENTS.UNITS_NEGATIVE"],
    ["no name", event({ name: "  " }), "EVENTS.NAME_MISSING"],
  ])("GIVEN %s WHEN validated THEN the error is named", (_label, draft, code) => {
    // GIVEN the draft / WHEN
    const r = validateEvent(draft, catalogue);
    // THEN
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.code)).toContain(code);
  });
});

describe("past events teach", () => {
  // Days 100 to 109 of the history had a campaign that really sold +50%.
  const campaign = event({ id: "past", start: addDays(START, 100), end: addDays(START, 109) });
  const inCampaign = (i: number) => (i >= 100 && i <= 109 ? 1.5 : 1);

  it("GIVEN event days in the history WHEN the baseline is fitted THEN they are left out and the forecast equals the one without the campaign", () => {
    // GIVEN
    const bumped = history("a", inCampaign);
    const masked = { ...bumped, eventDays: eventDayMask([campaign], START, DAYS) };
    const clean = history("a");
    // WHEN
    const fMasked = forecastVariant(masked, { horizon: 14 });
    const fBumped = forecastVariant(bumped, { horizon: 14 });
    const fClean = forecastVariant({ ...clean, eventDays: masked.eventDays }, { horizon: 14 });
    // THEN the masked fit does not see the campaign; the unmasked one does
    expect(fMasked.mean).toEqual(fClean.mean);
    expect(fMasked.lostSales.censoredDays).toBe(0);
    expect(fBumped.mean).not.toEqual(fMasked.mean);
  });

  it("GIVEN a price cut on campaign days only WHEN the elasticity is fitted with the event masked THEN those days are not used", () => {
    // GIVEN: price 16 and +50% units on the campaign days
    const s = history("a", inCampaign);
    s.prices = s.prices!.map((p, i) => (i >= 100 && i <= 109 ? 16 : p));
    const h = toPriceHistory(s);
    // WHEN
    const withDays = fitVariantElasticity(h);
    const masked = fitVariantElasticity({ ...h, eventDays: eventDayMask([campaign], START, DAYS) });
    // THEN: with the event masked the price never varied on the days that count
    expect(withDays.priceNeverVaried).toBe(false);
    expect(masked.priceNeverVaried).toBe(true);
  });

  it("GIVEN a past +50% campaign entered as +40% WHEN evaluated THEN the observed uplift is about +50% and the adjusted error is below the statistical one", () => {
    // GIVEN
    const s = { ...history("a", inCampaign), eventDays: eventDayMask([campaign], START, DAYS) };
    // WHEN
    const out = evaluateEvent(campaign, [s]);
    // THEN
    expect(out!.days).toBe(10);
    expect(out!.uplift!).toBeGreaterThan(0.3);
    expect(out!.uplift!).toBeLessThan(0.7);
    expect(out!.error.adjusted).toBeLessThan(out!.error.statistical);
  });

  it("GIVEN three measured campaigns on the type and one on a vendor WHEN a new campaign is planned THEN the lesson averages the three of the type", () => {
    // GIVEN
    const past = [0.2, 0.3, 0.34].map((uplift, k) => ({
      event: event({ id: `c${k}`, start: `2026-0${k + 1}-01`, end: `2026-0${k + 1}-05` }),
      outcome: {
        eventId: `c${k}`,
        variants: 1,
        days: 5,
        actual: 0,
        statistical: 0,
        adjusted: 0,
        uplift,
        extraPerDay: k,
        error: { statistical: 0, adjusted: 0 },
      },
    }));
    past.push({ ...past[0], event: event({ id: "v", scope: { type: "vendor", value: "Clayworks" } }) });
    // WHEN
    const lesson = lessonFor(event({ id: "new" }), past, END);
    // THEN
    expect(lesson!.events).toEqual(["c2", "c1", "c0"]);
    expect(lesson!.averageUplift).toBeCloseTo(0.28, 10);
  });
});
