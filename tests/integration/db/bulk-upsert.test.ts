// The import's bulk upserter (app/db/bulk-upsert.server.ts) on SQLite (`npm test`) and PostgreSQL (`npm run test:pg`,
// where each column travels as one array parameter): awkward text, nulls and references by shopifyId round-trip, a
// second upsert of a key updates the row, and a failed write leaves nothing and does not break the next one. Kept
// as the safety net for a change of PostgreSQL's input path (docs/decisions/0027 measured COPY into a staging table).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import { SqlRef, type BulkUpserter } from "~/db/bulk-upsert.server";
import { dropMigratedDatabase, migratedDatabase, provider, withBulkUpserter, type TestDatabase } from "./support";

let database: TestDatabase;
let db: Db;
const SHOP = "shop-bu";

beforeAll(async () => {
  ({ database, db } = await migratedDatabase("bulkupsert"));
  await db.shop.create({ data: { id: SHOP, domain: "bu.myshopify.com", name: "BU" } });
});

afterAll(async () => {
  await dropMigratedDatabase({ database, db });
});

const TITLES = ["tab\there", "line\nbreak\r\n", "back\\slash \\N", "\\N", `quotes ' "`, "unicode é 日本 🚀", ""];

const withUpserter = <T>(run: (u: BulkUpserter) => Promise<T>): Promise<T> => withBulkUpserter(database.url, SHOP, run);

describe(`openBulkUpserter (${provider})`, () => {
  it("GIVEN a failed write WHEN the same upserter writes products and variants with awkward text and references THEN they round-trip and nothing of the failed write is stored", async () => {
    await withUpserter(async (u) => {
      // GIVEN: a write whose second step breaks NOT NULL (title), after a first step that succeeded on its own
      const failed = await u
        .write([
          {
            upsert: "Product",
            key: ["shopId", "shopifyId"],
            rows: [{ shopifyId: "gid://shopify/Product/0", title: "x" }],
          },
          {
            upsert: "Product",
            key: ["shopId", "shopifyId"],
            rows: [{ shopifyId: "gid://shopify/Product/9", title: null }],
          },
        ])
        .catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(Error);
      // WHEN
      await u.write([
        {
          upsert: "Product",
          key: ["shopId", "shopifyId"],
          rows: [{ shopifyId: "gid://shopify/Product/1", title: "P" }],
        },
        {
          upsert: "Variant",
          key: ["shopId", "shopifyId"],
          rows: TITLES.map((title, i) => ({
            shopifyId: `gid://shopify/ProductVariant/${i}`,
            productId: new SqlRef("Product", "gid://shopify/Product/1"),
            title,
            sku: i % 2 ? null : `S\t${i}`,
            price: "12.5",
            tracked: i % 2 === 0,
          })),
        },
      ]);
    });
    // THEN
    const products = await db.product.findMany({ where: { shopId: SHOP }, select: { id: true, shopifyId: true } });
    expect(products.map((p) => p.shopifyId)).toEqual(["gid://shopify/Product/1"]);
    const variants = await db.variant.findMany({ where: { shopId: SHOP }, orderBy: { shopifyId: "asc" } });
    expect(variants.map((v) => v.title).sort()).toEqual([...TITLES].sort());
    for (const v of variants) {
      const i = Number(v.shopifyId.split("/").pop());
      expect(v.title).toBe(TITLES[i]);
      expect(v.sku).toBe(i % 2 ? null : `S\t${i}`);
      expect(v.price.toString()).toBe("12.5");
      expect(v.tracked).toBe(i % 2 === 0);
      expect(v.productId).toBe(products[0].id);
    }
  });

  it("GIVEN a stored row WHEN the same key is upserted again THEN the row is updated, not duplicated", async () => {
    // GIVEN: the variants of the test above
    // WHEN
    const [changed] = await withUpserter((u) =>
      u.write([
        {
          upsert: "Variant",
          key: ["shopId", "shopifyId"],
          rows: [
            {
              shopifyId: "gid://shopify/ProductVariant/0",
              productId: new SqlRef("Product", "gid://shopify/Product/1"),
              title: "renamed\tagain",
              price: "13",
            },
          ],
        },
      ]),
    );
    // THEN
    expect(changed).toBe(1);
    const rows = await db.variant.findMany({ where: { shopId: SHOP, shopifyId: "gid://shopify/ProductVariant/0" } });
    expect(rows.map((r) => [r.title, r.price.toString()])).toEqual([["renamed\tagain", "13"]]);
  });
});
