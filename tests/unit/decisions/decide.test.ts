// The shared decision chain: forecast -> replenishment -> price, and the stored settings mapping.
import { describe, expect, it } from "vitest";
import {
  decideVariant,
  feesFrom,
  guardrailsFrom,
  toCompareAtPolicy,
  toDailySeries,
  toRounding,
  type DecisionSettings,
  type ShopContext,
  type StoredShopSettings,
  type VariantFacts,
} from "../../../app/core/decisions/index";
import { buildPoolProfiles } from "../../../app/core/forecast/index";
import { estimateElasticities, toPriceHistory } from "../../../app/core/pricing/index";

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

function series(id: string, seed: number) {
  const sales = [];
  for (let i = 0; i < 120; i++) {
    const day = new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const price = i < 60 ? 20 : 18;
    sales.push({ day, units: ((i * 7 + seed) % 5) + (price < 20 ? 2 : 1), avgPrice: price });
  }
  return toDailySeries({ id, group: "Mugs", start: "2026-01-01", end: "2026-04-30", sales, snapshots: [] });
}

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

function context(all: ReturnType<typeof series>[]): ShopContext {
  return {
    pool: buildPoolProfiles(all),
    elasticities: estimateElasticities(
      all.map((s) => toPriceHistory(s, "p1")),
      { horizon: 28 },
    ),
    customers: null,
    asOf: "2026-04-30",
  };
}

function facts(s: ReturnType<typeof series>, over: Partial<VariantFacts> = {}): VariantFacts {
  return {
    id: s.id,
    productId: "p1",
    series: s,
    price: 18,
    compareAtPrice: null,
    unitCost: 7,
    stock: { onHand: 10, committed: 2, incoming: 0 },
    leadTime: { meanDays: 14, sdDays: 3 },
    moq: 12,
    casePack: 6,
    lastPriceChange: "2026-03-01",
    ...over,
  };
}

describe("stored settings mapping", () => {
  it("GIVEN the database's rounding and compare-at vocabulary WHEN mapped THEN the engine's values come out", () => {
    expect(toRounding("1.00")).toBe("whole");
    expect(toRounding("0.99")).toBe("0.99");
    expect(toRounding("0.90")).toBe("none");
    expect(toCompareAtPolicy("clear")).toBe("clear");
    expect(toCompareAtPolicy("set-on-decrease")).toBe("keep-above");
    expect(guardrailsFrom(stored)).toMatchObject({
      minMarginPct: 0.25,
      maxChangePct: 0.08,
      rounding: "whole",
      cooldownDays: 21,
    });
    expect(feesFrom(stored)).toEqual({ paymentFeePct: 0.029, fulfilmentCost: 1.5 });
  });
});

describe("decideVariant", () => {
  const all = [series("a", 1), series("b", 2), series("c", 3)];
  const ctx = context(all);

  it("GIVEN stock below the protection demand WHEN decided THEN a reorder is planned in MOQ and case packs and a price is recommended", () => {
    const d = decideVariant(facts(all[0]), ctx, settings);
    expect(d.forecast.start).toBe("2026-05-01");
    expect(d.forecast.mean).toHaveLength(28);
    expect(d.replenishment?.ok).toBe(true);
    const plan = d.replenishment!.ok ? d.replenishment!.plan : null;
    expect(plan!.inventoryPosition.value).toBe(8);
    const qty = plan!.suggestedOrderQty.value!;
    expect(qty).toBeGreaterThanOrEqual(12);
    expect(qty % 6).toBe(0);
    expect(d.price.action).not.toBe("withheld");
  });

  it("GIVEN no unit cost WHEN decided THEN the price is withheld with PRICING.UNIT_COST_MISSING", () => {
    const d = decideVariant(facts(all[1], { unitCost: null }), ctx, settings);
    expect(d.price.action).toBe("withheld");
    expect(d.price.recommendedPrice).toBeNull();
    expect(d.price.reasons.map((r) => r.code)).toContain("PRICING.UNIT_COST_MISSING");
  });

  it("GIVEN unknown stock WHEN decided THEN there is no replenishment plan", () => {
    expect(decideVariant(facts(all[2], { stock: null }), ctx, settings).replenishment).toBeNull();
  });

  it("GIVEN a price change inside the cooldown WHEN decided THEN the price is kept with PRICING.COOLDOWN", () => {
    const d = decideVariant(facts(all[0], { lastPriceChange: "2026-04-25" }), ctx, settings);
    expect(d.price.action).toBe("keep");
    expect(d.price.reasons.map((r) => r.code)).toContain("PRICING.COOLDOWN");
  });

  it("GIVEN a few days of stock and units arriving WHEN decided THEN the price is set knowing the restock, not for scarce stock", () => {
    // GIVEN 8 units free to sell (about 3 days of sales) and nothing on the way
    const short = decideVariant(facts(all[0], { stock: { onHand: 10, committed: 2, incoming: 0 } }), ctx, settings);
    expect(short.price.situation).toBe("scarce");
    // WHEN 80 units are on their way (Shopify's incoming units, counted from the forecast start as the plan does)
    const arriving = decideVariant(facts(all[0], { stock: { onHand: 10, committed: 2, incoming: 80 } }), ctx, settings);
    // THEN the stock is not treated as running out
    expect(arriving.price.situation).toBe("normal");
    expect(arriving.price.reasons.map((r) => r.code)).not.toContain("PRICING.STOCK_SCARCE");
    // AND the same holds for an open purchase order landing in two days
    const ordered = decideVariant(
      facts(all[0], { onOrder: [{ units: 80, expectedDate: "2026-05-02" }] }),
      ctx,
      settings,
    );
    expect(ordered.price.situation).toBe("normal");
  });

  it("GIVEN stock for about two weeks and a suggested reorder landing before it runs out WHEN decided THEN the price is not raised to stretch it", () => {
    // GIVEN about 60 units free to sell (roughly 17 days of sales), a 14-day lead time, nothing on the way
    const d = decideVariant(
      facts(all[0], { stock: { onHand: 62, committed: 2, incoming: 0 }, leadTime: { meanDays: 14, sdDays: 0 } }),
      ctx,
      settings,
    );
    // WHEN the decision suggests a reorder (it lands on day 14, before the stock runs out)
    expect(d.replenishment?.ok && d.replenishment.plan.suggestedOrderQty.value).toBeGreaterThan(0);
    // THEN the price sees a normal stock situation, not a scarce one
    expect(d.price.situation).toBe("normal");
    expect(d.price.reasons.map((r) => r.code)).not.toContain("PRICING.STOCK_SCARCE");
  });

  it("GIVEN a variant missing from the shop context WHEN decided THEN it throws (broken invariant)", () => {
    expect(() => decideVariant(facts(series("zz", 4)), ctx, settings)).toThrow(/zz/);
  });
});
