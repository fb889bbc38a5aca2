// OrderLine, DailySales and CustomerDailySales have no foreign key to Shop (docs/decisions/0027): their shop is
// proven by (shopId, orderId) -> Order and (shopId, variantId) -> Variant, and deleting the shop still removes them
// through those cascades. On SQLite (`npm test`) and PostgreSQL (`npm run test:pg`).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import { dropMigratedDatabase, migratedDatabase, provider, type TestDatabase } from "./support";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  ({ database, db } = await migratedDatabase("cascade"));
});

afterAll(async () => {
  await dropMigratedDatabase({ database, db });
});

/** A shop with one product, variant, order, line, DailySales and CustomerDailySales row. */
async function shopWithSales(id: string) {
  await db.shop.create({ data: { id, domain: `${id}.myshopify.com`, name: id } });
  await db.product.create({ data: { id: `${id}-p`, shopId: id, shopifyId: "gid://shopify/Product/1", title: "P" } });
  await db.variant.create({
    data: {
      id: `${id}-v`,
      shopId: id,
      productId: `${id}-p`,
      shopifyId: "gid://shopify/ProductVariant/1",
      title: "V",
      price: 10,
    },
  });
  const at = new Date("2026-03-01T10:00:00Z");
  await db.order.create({
    data: {
      id: `${id}-o`,
      shopId: id,
      shopifyId: "gid://shopify/Order/1",
      processedAt: at,
      day: "2026-03-01",
      currency: "EUR",
      shopifyUpdatedAt: at,
    },
  });
  await db.orderLine.create({
    data: {
      shopId: id,
      orderId: `${id}-o`,
      shopifyId: "gid://shopify/LineItem/1",
      variantId: `${id}-v`,
      quantity: 2,
      unitPrice: 10,
      customerKey: "c_1",
      day: "2026-03-01",
      shopifyUpdatedAt: at,
    },
  });
  await db.dailySales.create({ data: { shopId: id, variantId: `${id}-v`, day: "2026-03-01", units: 2 } });
  await db.customerDailySales.create({
    data: { shopId: id, customerKey: "c_1", variantId: `${id}-v`, day: "2026-03-01", units: 2 },
  });
}

const counts = async (shopId: string) => [
  await db.orderLine.count({ where: { shopId } }),
  await db.dailySales.count({ where: { shopId } }),
  await db.customerDailySales.count({ where: { shopId } }),
];

describe(`shop deletion without direct foreign keys (${provider})`, () => {
  it("GIVEN two shops with lines and daily sales WHEN one shop row is deleted THEN its lines and aggregates are gone and the other's stay", async () => {
    // GIVEN
    await shopWithSales("gone");
    await shopWithSales("kept");
    expect(await counts("gone")).toEqual([1, 1, 1]);
    // WHEN: the shop alone, no child deleted first
    await db.shop.delete({ where: { id: "gone" } });
    // THEN
    expect(await counts("gone")).toEqual([0, 0, 0]);
    expect(await counts("kept")).toEqual([1, 1, 1]);
  });

  it("GIVEN no shop of that id WHEN a line or an aggregate row names it THEN the database refuses it", async () => {
    // GIVEN: shop "kept" of the test above; "ghost" does not exist
    const at = new Date("2026-03-01T10:00:00Z");
    // WHEN
    const line = await db.orderLine
      .create({
        data: {
          shopId: "ghost",
          orderId: "kept-o",
          shopifyId: "gid://shopify/LineItem/9",
          quantity: 1,
          unitPrice: 1,
          day: "2026-03-01",
          shopifyUpdatedAt: at,
        },
      })
      .catch((e: unknown) => e);
    const daily = await db.dailySales
      .create({ data: { shopId: "ghost", variantId: "kept-v", day: "2026-03-02" } })
      .catch((e: unknown) => e);
    const customer = await db.customerDailySales
      .create({ data: { shopId: "ghost", customerKey: "c_1", variantId: "kept-v", day: "2026-03-02" } })
      .catch((e: unknown) => e);
    // THEN: (shopId, orderId) and (shopId, variantId) have no parent for shop "ghost"
    for (const error of [line, daily, customer]) expect((error as { code?: string }).code).toBe("P2003");
  });
});
