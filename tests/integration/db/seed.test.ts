import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import { seedDemoShop } from "~/demo/seed.server";
import { generateShop, shopSeries, type SimShop } from "~/demo/simulator";
import { dropMigratedDatabase, migratedDatabase, provider, type TestDatabase } from "./support";

let database: TestDatabase;
let db: Db;
let sim: SimShop;

beforeAll(async () => {
  ({ database, db } = await migratedDatabase("seed"));
  sim = generateShop({ seed: 11, variants: 24, days: 120 });
});

afterAll(async () => {
  await dropMigratedDatabase({ database, db });
});

async function counts(shopId: string) {
  const where = { where: { shopId } };
  return {
    variants: await db.variant.count(where),
    products: await db.product.count(where),
    locations: await db.location.count(where),
    levels: await db.inventoryLevel.count(where),
    snapshots: await db.inventorySnapshot.count(where),
    prices: await db.priceHistory.count(where),
    orders: await db.order.count(where),
    lines: await db.orderLine.count(where),
    daily: await db.dailySales.count(where),
    customerDaily: await db.customerDailySales.count(where),
    vendors: await db.vendorSettings.count(where),
    settings: await db.shopSettings.count(where),
  };
}

describe(`seedDemoShop (${provider})`, () => {
  it("GIVEN a simulated shop WHEN seeded THEN every part of it is in the database", async () => {
    const report = await seedDemoShop(db, sim);
    expect(report.skipped).toBe(false);
    const shop = await db.shop.findUniqueOrThrow({ where: { id: report.shopId } });
    expect(shop).toMatchObject({
      domain: sim.shop.domain,
      currency: "EUR",
      timezone: "Europe/Paris",
      importStatus: "done",
    });
    expect(await counts(shop.id)).toEqual({
      variants: 24,
      products: sim.products.length,
      locations: 2,
      levels: sim.inventory.length,
      snapshots: sim.snapshots.length,
      prices: sim.priceHistory.length,
      orders: sim.orders.length,
      lines: sim.orders.reduce((n, o) => n + o.lines.length, 0),
      daily: expect.any(Number),
      customerDaily: expect.any(Number),
      vendors: sim.vendors.length,
      settings: 1,
    });
  });

  it("GIVEN the seeded shop THEN daily sales per variant equal the simulator's series (cancelled orders excluded)", async () => {
    const shop = await db.shop.findUniqueOrThrow({ where: { domain: sim.shop.domain } });
    const variants = await db.variant.findMany({ where: { shopId: shop.id }, select: { id: true, shopifyId: true } });
    const byShopify = new Map(variants.map((v) => [v.shopifyId, v.id]));
    const sums = await db.dailySales.groupBy({ by: ["variantId"], where: { shopId: shop.id }, _sum: { units: true } });
    const dbUnits = new Map(sums.map((s) => [s.variantId, s._sum.units ?? 0]));
    for (const series of shopSeries(sim)) {
      const expected = series.units.reduce((a, b) => a + b, 0);
      expect(dbUnits.get(byShopify.get(series.id)!) ?? 0).toBe(expected);
    }
    const customerUnits = await db.customerDailySales.aggregate({ where: { shopId: shop.id }, _sum: { units: true } });
    const identified = sim.orders
      .filter((o) => o.customerId && !o.cancelledAt)
      .reduce((n, o) => n + o.lines.reduce((m, l) => m + l.quantity, 0), 0);
    expect(customerUnits._sum.units).toBe(identified);
  });

  it("GIVEN the seeded shop THEN values read back exactly (dates, money) and no customer id or email is stored", async () => {
    const shop = await db.shop.findUniqueOrThrow({ where: { domain: sim.shop.domain } });
    const simOrder = sim.orders.find((o) => o.customerId && o.refunds.length > 0) ?? sim.orders[0];
    const order = await db.order.findUniqueOrThrow({
      where: { shopId_shopifyId: { shopId: shop.id, shopifyId: simOrder.id } },
      include: { lines: true },
    });
    expect(order.processedAt.getTime()).toBe(Date.parse(simOrder.createdAt));
    expect(order.lines).toHaveLength(simOrder.lines.length);
    expect(order.lines[0].unitPrice.toNumber()).toBe(
      simOrder.lines.find((l) => l.id === order.lines[0].shopifyId)!.price,
    );
    expect(order.customerKey).toMatch(/^c_[0-9a-f]{32}$/);
    expect(order.customerKey).not.toContain(simOrder.customerId!.split("/").pop()!);
    const simVariant = sim.products[0].variants[0];
    const variant = await db.variant.findUniqueOrThrow({
      where: { shopId_shopifyId: { shopId: shop.id, shopifyId: simVariant.id } },
    });
    expect(variant.price.toNumber()).toBe(simVariant.price);
    expect(variant.unitCost?.toNumber() ?? null).toBe(simVariant.unitCost);
  });

  it("GIVEN a seeded shop WHEN seeded again THEN nothing is duplicated; AND WHEN a seeding was interrupted THEN it is redone cleanly", async () => {
    const shop = await db.shop.findUniqueOrThrow({ where: { domain: sim.shop.domain } });
    const before = await counts(shop.id);
    expect((await seedDemoShop(db, sim)).skipped).toBe(true);
    expect(await counts(shop.id)).toEqual(before);

    await db.shop.update({ where: { id: shop.id }, data: { importStatus: "running" } });
    const again = await seedDemoShop(db, sim);
    expect(again.skipped).toBe(false);
    expect(again.shopId).toBe(shop.id);
    expect(await counts(shop.id)).toEqual(before);
    expect(await db.shop.count()).toBe(1);
  });
});
