// The dashboard summary on a small seeded, recomputed shop: figures against a direct computation,
// idempotent refresh, and the loader's use of the stored row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import { forShop } from "~/db/scoped.server";
import { seedDemoShop } from "~/demo/seed.server";
import { generateShop } from "~/demo/simulator";
import { recomputeShop } from "~/sync/recompute/recompute.server";
import { stockHealth, storedForecast } from "~/core/inventory/projection";
import { addDays, dayInZone } from "~/lib/days";
import { loadDashboard, refreshShopSummary, SUMMARY_MAX_AGE_MS } from "~/services/dashboard.server";
import type { ShopContext } from "~/services/shop.server";
import { dropMigratedDatabase, migratedDatabase, type TestDatabase } from "../db/support";

let database: TestDatabase;
let db: Db;
let shop: ShopContext;
const now = new Date("2026-11-26T12:00:00Z");

beforeAll(async () => {
  ({ database, db } = await migratedDatabase("dashboard-summary"));
  const { shopId } = await seedDemoShop(db, generateShop({ seed: 11, variants: 30, days: 200 }));
  await recomputeShop(db, shopId);
  const row = await db.shop.findUniqueOrThrow({ where: { id: shopId } });
  shop = { id: shopId, domain: row.domain, currency: row.currency, timezone: row.timezone, db: forShop(db, shopId) };
});

afterAll(async () => {
  await dropMigratedDatabase({ database, db });
});

/** The same figures, row by row, without the service's aggregates and batches. */
async function direct() {
  const asOf = addDays(dayInZone(now, shop.timezone), -1);
  const from = addDays(asOf, -27);
  const sales = await db.dailySales.findMany({ where: { shopId: shop.id, day: { gte: from, lte: asOf } } });
  const variants = await db.variant.findMany({ where: { shopId: shop.id } });
  const cost = new Map(variants.map((v) => [v.id, v.unitCost == null ? null : Number(v.unitCost)]));
  let revenue = 0;
  let margin = 0;
  for (const s of sales) {
    revenue += Number(s.netRevenue);
    const c = cost.get(s.variantId);
    if (c != null) margin += Number(s.netRevenue) - s.units * c;
  }
  const recs = await db.recommendation.findMany({ where: { shopId: shop.id, status: "pending" } });
  const risky = recs.filter((r) => r.kind === "reorder" && (r.expectedUnitsDelta ?? 0) > 0);
  const price = recs.filter(
    (r) => r.kind === "price" && r.proposedPrice != null && Number(r.expectedProfitDelta) !== 0,
  );
  let overstock = 0;
  for (const v of variants) {
    const fc = await db.forecast.findFirst({ where: { shopId: shop.id, variantId: v.id } });
    const levels = await db.inventoryLevel.findMany({ where: { shopId: shop.id, variantId: v.id } });
    if (!fc || !levels.length) continue;
    const incoming = levels.reduce((s, l) => s + l.incoming, 0);
    const h = stockHealth(
      storedForecast(v.id, fc.start, JSON.parse(fc.mean)),
      levels.reduce((s, l) => s + l.onHand - l.committed, 0),
      incoming > 0 ? [{ units: incoming, expectedDate: fc.start }] : [],
      30,
      cost.get(v.id) ?? null,
    );
    overstock += h.overstockCapital ?? 0;
  }
  return {
    revenue,
    margin,
    riskCount: risky.length,
    marginAtRisk: risky.reduce((s, r) => s + Number(r.expectedProfitDelta), 0),
    priceCount: price.length,
    priceDelta: price.reduce((s, r) => s + Number(r.expectedProfitDelta), 0),
    overstock,
    variants: variants.length,
  };
}

describe("refreshShopSummary", () => {
  it("GIVEN a recomputed shop WHEN the summary is refreshed THEN its figures equal a direct computation", async () => {
    // GIVEN
    const expected = await direct();
    // WHEN
    const s = (await refreshShopSummary(shop.id, db, now))!;
    // THEN
    expect(s.revenue).toBeCloseTo(expected.revenue, 6);
    expect(s.grossMargin).toBeCloseTo(expected.margin, 6);
    expect(s.stockRisk.variants).toBe(expected.riskCount);
    expect(s.stockRisk.marginAtRisk).toBeCloseTo(expected.marginAtRisk, 6);
    expect(s.pending.price.count).toBe(expected.priceCount);
    expect(s.pending.price.profitDelta).toBeCloseTo(expected.priceDelta, 6);
    expect(s.overstock.capital).toBeCloseTo(expected.overstock, 1);
    expect(s.cover.reduce((a, b) => a + b, 0)).toBe(expected.variants);
    expect(s.catalogue.variants).toBe(expected.variants);
    expect(s.daily).toHaveLength(90);
    // No price decision was executed yet: the impact card counts none.
    expect(s.impact).toEqual({
      decisions: 0,
      measured: 0,
      measuredGrossProfit: 0,
      expectedGrossProfit: 0,
      measuredRevenue: 0,
      expectedRevenue: 0,
    });
    // The seeded shop has sales, pending reorders and some overstock: the test checks real numbers.
    expect(expected.revenue).toBeGreaterThan(0);
    expect(expected.priceCount).toBeGreaterThan(0);
    expect(expected.riskCount).toBeGreaterThan(0);
    expect(expected.overstock).toBeGreaterThan(0);
  });

  it("GIVEN a stored summary WHEN refreshed again THEN one row holds the same data", async () => {
    // GIVEN
    const first = await refreshShopSummary(shop.id, db, now);
    // WHEN
    const second = await refreshShopSummary(shop.id, db, now);
    // THEN
    expect(second).toEqual(first);
    const rows = await db.shopSummary.findMany({ where: { shopId: shop.id } });
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0].data)).toEqual(first);
  });

  it("GIVEN an unknown shop WHEN refreshed THEN nothing is stored and the result is null", async () => {
    expect(await refreshShopSummary("no-such-shop", db, now)).toBeNull();
    expect(await db.shopSummary.count({ where: { shopId: "no-such-shop" } })).toBe(0);
  });
});

describe("loadDashboard", () => {
  it("GIVEN a fresh stored summary WHEN the dashboard loads THEN it reads the row instead of recomputing", async () => {
    // GIVEN: a stored row whose revenue is marked
    const s = (await refreshShopSummary(shop.id, db, now))!;
    await db.shopSummary.update({
      where: { shopId: shop.id },
      data: { data: JSON.stringify({ ...s, revenue: 123.45 }) },
    });
    // WHEN
    const d = await loadDashboard(shop, new Date(now.getTime() + 3_600_000));
    // THEN
    expect(d.revenue).toBe(123.45);
    expect(d.currency).toBe(shop.currency);
  });

  it("GIVEN a summary older than 24 h WHEN the dashboard loads THEN it recomputes and stores the new row", async () => {
    // GIVEN: the marked row from the previous test, now stale
    const later = new Date(now.getTime() + SUMMARY_MAX_AGE_MS + 60_000);
    // WHEN
    const d = await loadDashboard(shop, later);
    // THEN
    expect(d.revenue).not.toBe(123.45);
    const row = await db.shopSummary.findUniqueOrThrow({ where: { shopId: shop.id } });
    expect(row.computedAt.getTime()).toBe(later.getTime());
    expect(JSON.parse(row.data).revenue).toBe(d.revenue);
  });

  it("GIVEN no summary row WHEN the dashboard loads THEN it computes live and stores it", async () => {
    // GIVEN
    await db.shopSummary.deleteMany({ where: { shopId: shop.id } });
    // WHEN
    const d = await loadDashboard(shop, now);
    // THEN
    expect(d.hasData).toBe(true);
    expect(await db.shopSummary.count({ where: { shopId: shop.id } })).toBe(1);
  });
});
