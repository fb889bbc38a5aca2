// The variant detail service on a small seeded, recomputed shop.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import { forShop } from "~/db/scoped.server";
import { seedDemoShop } from "~/demo/seed.server";
import { generateShop } from "~/demo/simulator";
import { recomputeShop } from "~/sync/recompute/recompute.server";
import { HISTORY_DAYS, loadVariantDetail } from "~/services/variant.server";
import type { ShopContext } from "~/services/shop.server";
import { dropMigratedDatabase, migratedDatabase, type TestDatabase } from "../db/support";

let database: TestDatabase;
let db: Db;
let shop: ShopContext;

beforeAll(async () => {
  ({ database, db } = await migratedDatabase("variant-detail"));
  const { shopId } = await seedDemoShop(db, generateShop({ seed: 7, variants: 30, days: 240 }));
  await recomputeShop(db, shopId);
  const row = await db.shop.findUniqueOrThrow({ where: { id: shopId } });
  shop = { id: shopId, domain: row.domain, currency: row.currency, timezone: row.timezone, db: forShop(db, shopId) };
});

afterAll(async () => {
  await dropMigratedDatabase({ database, db });
});

async function variantWith(kind: "price" | "reorder") {
  const rec = await db.recommendation.findFirstOrThrow({
    where: { shopId: shop.id, kind, status: "pending", ...(kind === "price" ? { proposedPrice: { not: null } } : {}) },
    orderBy: { expectedProfitDelta: "desc" },
  });
  return rec;
}

describe("loadVariantDetail", () => {
  it("GIVEN a recomputed variant WHEN loaded THEN history ends at the forecast's last history day and the forecast follows it", async () => {
    // GIVEN
    const rec = await variantWith("price");
    const fc = await db.forecast.findFirstOrThrow({ where: { shopId: shop.id, variantId: rec.variantId } });
    // WHEN
    const d = (await loadVariantDetail(shop, rec.variantId))!;
    // THEN
    expect(d.history).toHaveLength(HISTORY_DAYS);
    expect(d.history[HISTORY_DAYS - 1].day).toBe(fc.historyEnd);
    expect(d.forecast?.start).toBe(fc.start);
    expect(d.forecast?.mean).toEqual(JSON.parse(fc.mean));
    const sales = await db.dailySales.findMany({
      where: { shopId: shop.id, variantId: rec.variantId, day: { gte: d.history[0].day, lte: fc.historyEnd! } },
    });
    expect(d.history.reduce((s, x) => s + x.units, 0)).toBe(sales.reduce((s, x) => s + x.units, 0));
    // The band spans the lowest and highest stored quantile and contains the mean's median side.
    expect(d.forecast?.band?.lowLevel).toBe("0.5");
    expect(d.forecast?.band?.highLevel).toBe("0.95");
    d.forecast!.band!.high.forEach((h, i) => expect(h).toBeGreaterThanOrEqual(d.forecast!.band!.low[i]));
  });

  it("GIVEN a snapshot at 0 everywhere WHEN loaded THEN that day is shaded as a stockout", async () => {
    // GIVEN: every location of the variant at 0 from one history day, back in stock the next day
    const rec = await variantWith("price");
    const d0 = (await loadVariantDetail(shop, rec.variantId))!;
    const day = d0.history[100].day;
    const next = d0.history[101].day;
    const locations = await db.location.findMany({ where: { shopId: shop.id } });
    for (const l of locations) {
      for (const [dd, available] of [
        [day, 0],
        [next, 5],
      ] as const) {
        await db.inventorySnapshot.upsert({
          where: {
            shopId_variantId_locationId_day: { shopId: shop.id, variantId: rec.variantId, locationId: l.id, day: dd },
          },
          create: { shopId: shop.id, variantId: rec.variantId, locationId: l.id, day: dd, available },
          update: { available },
        });
      }
    }
    // WHEN
    const d = (await loadVariantDetail(shop, rec.variantId))!;
    // THEN
    expect(d.history[100].available).toBe(false);
    expect(d.history[101].available).toBe(true);
  });

  it("GIVEN a pending price recommendation WHEN loaded THEN the curve's current and recommended points equal the stored expected profits", async () => {
    // GIVEN
    const rec = await variantWith("price");
    const impact = JSON.parse(rec.expectedImpact);
    // WHEN
    const d = (await loadVariantDetail(shop, rec.variantId))!;
    // THEN
    expect(d.profit).not.toBeNull();
    expect(d.profit!.elasticity).toBe(impact.elasticity.estimate);
    expect(d.profit!.current.grossProfit).toBeCloseTo(impact.expected.current.grossProfit, 0);
    expect(d.profit!.recommended!.price).toBe(Number(rec.proposedPrice));
    expect(d.profit!.recommended!.grossProfit).toBeCloseTo(impact.expected.recommended.grossProfit, 0);
    expect(d.profit!.range.low).toBeLessThanOrEqual(Number(rec.proposedPrice));
    expect(d.recommendations.map((r) => r.id)).toContain(rec.id);
    expect(d.recommendations.find((r) => r.id === rec.id)!.reasons).toEqual(JSON.parse(rec.reasons));
    expect(d.accuracy).toEqual(
      JSON.parse(
        (await db.forecast.findFirstOrThrow({ where: { shopId: shop.id, variantId: rec.variantId } })).metrics ??
          "null",
      ),
    );
  });

  it("GIVEN pending reorders at each of its locations WHEN loaded THEN the reorder point is the sum of theirs and the projection starts from usable stock", async () => {
    // GIVEN a variant with a pending reorder at every location where it is stocked
    const reorders = await db.recommendation.findMany({
      where: { shopId: shop.id, kind: "reorder", status: "pending" },
      orderBy: { id: "asc" },
    });
    const byVariant = new Map<string, typeof reorders>();
    for (const r of reorders) byVariant.set(r.variantId, [...(byVariant.get(r.variantId) ?? []), r]);
    const counts = await db.inventoryLevel.groupBy({
      by: ["variantId"],
      where: { shopId: shop.id },
      _count: { _all: true },
    });
    const variantId = counts.find((c) => (byVariant.get(c.variantId)?.length ?? 0) === c._count._all)!.variantId;
    const plans = byVariant.get(variantId)!.map((r) => JSON.parse(r.expectedImpact));
    const levels = await db.inventoryLevel.findMany({ where: { shopId: shop.id, variantId } });
    // WHEN
    const d = (await loadVariantDetail(shop, variantId))!;
    // THEN
    expect(d.inventory?.reorderPoint).toBe(plans.reduce((a, p) => a + p.reorderPoint.value, 0));
    expect(d.inventory?.reorderPointSource).toBe("recommendation");
    expect(d.inventory?.onHand).toBe(levels.reduce((s, l) => s + l.onHand, 0));
    const first = d.inventory!.projection[0];
    const usable = d.inventory!.onHand - d.inventory!.committed + d.inventory!.incoming;
    expect(first.stock).toBeCloseTo(Math.max(0, usable - first.demand), 9);
  });

  it("GIVEN a variant without unit cost WHEN loaded THEN no curve is drawn and the reason says why", async () => {
    // GIVEN
    const rec = await variantWith("price");
    await db.variant.update({ where: { id: rec.variantId }, data: { unitCost: null } });
    await recomputeShop(db, shop.id, { variantIds: [rec.variantId] });
    // WHEN
    const d = (await loadVariantDetail(shop, rec.variantId))!;
    // THEN
    expect(d.profit).toBeNull();
    expect(d.profitWithheld).toEqual(["PRICING.UNIT_COST_MISSING"]);
    expect(d.variant.unitCost).toBeNull();
  });

  it("GIVEN an unknown or deleted id WHEN loaded THEN the result is null", async () => {
    // GIVEN
    const v = await db.variant.findFirstOrThrow({ where: { shopId: shop.id } });
    await db.variant.update({ where: { id: v.id }, data: { deletedAt: new Date() } });
    // WHEN / THEN
    expect(await loadVariantDetail(shop, "does-not-exist")).toBeNull();
    expect(await loadVariantDetail(shop, v.id)).toBeNull();
  });
});
