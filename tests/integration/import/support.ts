// Shared by the import tests: a migrated database for the import and another one holding the demo seed of the
// same simulated shop (the truth), an emulator serving that shop, and a normalised snapshot of a shop's rows.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Db } from "~/db.server";
import type { SimShop } from "~/demo/simulator";
import type { JobQueue } from "~/jobs/types";
import { TEST_SECRET, migratedTestDatabase } from "../../support/env";
import { testRunPrefix } from "../../support/test-run";

export { TEST_SECRET };

/** A fresh migrated SQLite database (or a fresh schema of DATABASE_URL's PostgreSQL). */
export async function freshDatabase(tag: string): Promise<{ url: string; db: Db }> {
  const base = process.env.DATABASE_URL;
  let url: string;
  if (base && /^postgres/.test(base)) {
    const u = new URL(base);
    u.searchParams.set("schema", `${testRunPrefix()}imp_${tag}_${process.pid}_${Date.now().toString(36)}`);
    url = u.toString();
  } else {
    url = `file:${path.join(mkdtempSync(path.join(tmpdir(), `pilotage-import-${tag}-`)), "test.db")}`;
  }
  const { migrateDatabase } = await import("~/db/migrate.server");
  await migrateDatabase(url);
  const { createPrismaClient } = await import("~/db.server");
  return { url, db: createPrismaClient(url) };
}

/** The test environment's migrated database (the app's own) and a job queue on it that only produces. */
export async function appDatabaseAndQueue(): Promise<{ db: Db; queue: JobQueue }> {
  await migratedTestDatabase();
  const db = (await import("~/db.server")).getDb();
  const { createJobQueue } = await import("~/jobs/index.server");
  return { db, queue: createJobQueue({ redisUrl: "", db }) }; // never started: the tests run the handlers themselves
}

/** The demo seed of `sim` (customer keys with the test secret, as the import uses SHOPIFY_API_SECRET). */
export async function seededTruth(sim: SimShop): Promise<{ db: Db; shopId: string }> {
  const { db } = await freshDatabase("truth");
  const { seedDemoShop } = await import("~/demo/seed.server");
  const report = await seedDemoShop(db, sim, { customerKeySecret: TEST_SECRET });
  return { db, shopId: report.shopId };
}

/** The shop row an install creates. */
export async function installShop(db: Db, sim: SimShop): Promise<string> {
  const shop = await db.shop.create({
    data: { domain: sim.shop.domain, name: sim.shop.name, currency: sim.shop.currency, timezone: sim.shop.timezone },
  });
  return shop.id;
}

const m = (v: unknown) => (v === null || v === undefined ? null : Number(v).toFixed(3));
const t = (v: Date | null) => (v ? v.toISOString() : null);
const byKey = <T>(rows: T[], key: (r: T) => string) =>
  rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

/** The imported business rows of a shop, keyed by Shopify ids (internal ids differ between databases). */
export async function snapshot(db: Db, shopId: string) {
  const where = { where: { shopId } };
  const products = await db.product.findMany(where);
  const variants = await db.variant.findMany(where);
  const locations = await db.location.findMany(where);
  const productGid = new Map(products.map((p) => [p.id, p.shopifyId]));
  const variantGid = new Map(variants.map((v) => [v.id, v.shopifyId]));
  const locationGid = new Map(locations.map((l) => [l.id, l.shopifyId]));
  const orders = await db.order.findMany(where);
  const orderGid = new Map(orders.map((o) => [o.id, o.shopifyId]));
  const vg = (id: string | null) => (id ? (variantGid.get(id) ?? `?${id}`) : null);
  return {
    products: byKey(
      products.map((p) => ({
        id: p.shopifyId,
        title: p.title,
        handle: p.handle,
        vendor: p.vendor,
        productType: p.productType,
        status: p.status,
      })),
      (r) => r.id,
    ),
    variants: byKey(
      variants.map((v) => ({
        id: v.shopifyId,
        product: productGid.get(v.productId),
        title: v.title,
        sku: v.sku,
        vendor: v.vendor,
        productType: v.productType,
        price: m(v.price),
        compareAtPrice: m(v.compareAtPrice),
        unitCost: m(v.unitCost),
        inventoryItemId: v.inventoryItemId,
      })),
      (r) => r.id,
    ),
    locations: byKey(
      locations.map((l) => ({ id: l.shopifyId, name: l.name })),
      (r) => r.id,
    ),
    levels: byKey(
      (await db.inventoryLevel.findMany(where)).map((l) => ({
        variant: vg(l.variantId),
        location: locationGid.get(l.locationId),
        available: l.available,
        onHand: l.onHand,
        committed: l.committed,
        incoming: l.incoming,
      })),
      (r) => `${r.variant}|${r.location}`,
    ),
    orders: byKey(
      orders.map((o) => ({
        id: o.shopifyId,
        name: o.name,
        customerKey: o.customerKey,
        processedAt: t(o.processedAt),
        day: o.day,
        currency: o.currency,
        subtotal: m(o.subtotal),
        totalDiscounts: m(o.totalDiscounts),
        totalRefunded: m(o.totalRefunded),
        cancelledAt: t(o.cancelledAt),
        test: o.test,
        shopifyUpdatedAt: t(o.shopifyUpdatedAt),
      })),
      (r) => r.id,
    ),
    lines: byKey(
      (await db.orderLine.findMany(where)).map((l) => ({
        id: l.shopifyId,
        order: orderGid.get(l.orderId),
        variant: vg(l.variantId),
        shopifyVariantId: l.shopifyVariantId,
        quantity: l.quantity,
        refundedQuantity: l.refundedQuantity,
        unitPrice: m(l.unitPrice),
        discount: m(l.discount),
        refundedAmount: m(l.refundedAmount),
        cancelled: l.cancelled,
        customerKey: l.customerKey,
        day: l.day,
        contributedDay: l.contributedDay,
        contributedCustomerKey: l.contributedCustomerKey,
        contributedUnits: l.contributedUnits,
        contributedRefundedUnits: l.contributedRefundedUnits,
        contributedGross: m(l.contributedGross),
        contributedDiscount: m(l.contributedDiscount),
        contributedRefunded: m(l.contributedRefunded),
        shopifyUpdatedAt: t(l.shopifyUpdatedAt),
      })),
      (r) => r.id,
    ),
    dailySales: byKey(
      (await db.dailySales.findMany(where)).map((d) => ({
        variant: vg(d.variantId),
        day: d.day,
        units: d.units,
        refundedUnits: d.refundedUnits,
        lines: d.lines,
        grossRevenue: m(d.grossRevenue),
        discounts: m(d.discounts),
        refunds: m(d.refunds),
        netRevenue: m(d.netRevenue),
        avgPrice: m(d.avgPrice),
      })),
      (r) => `${r.variant}|${r.day}`,
    ),
    customerDailySales: byKey(
      (await db.customerDailySales.findMany(where)).map((d) => ({
        customerKey: d.customerKey,
        variant: vg(d.variantId),
        day: d.day,
        units: d.units,
        netRevenue: m(d.netRevenue),
      })),
      (r) => `${r.customerKey}|${r.variant}|${r.day}`,
    ),
  };
}
