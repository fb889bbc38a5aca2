// What a recompute batch clears before writing its rows (clearSteps, app/sync/recompute/batch.server.ts): the
// batch's forecasts and PENDING recommendations, exactly, on SQLite and PostgreSQL; on PostgreSQL, without
// statistics, through the (shopId, variantId, ...) index rather than a scan of every pending row of the shop
// (232 ms a batch at 20k variants before the id range was added to the condition).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import { SqlRef, type BulkUpserter } from "~/db/bulk-upsert.server";
import { clearSteps } from "~/sync/recompute/batch.server";
import { dropMigratedDatabase, migratedDatabase, provider, withBulkUpserter, type TestDatabase } from "../db/support";

let database: TestDatabase;
let db: Db;
const SHOP = "shop-clear";
const VARIANTS = 3000;
const idOf = (i: number) => `v-${String(i).padStart(5, "0")}`;

const withUpserter = <T>(run: (u: BulkUpserter) => Promise<T>): Promise<T> => withBulkUpserter(database.url, SHOP, run);

beforeAll(async () => {
  ({ database, db } = await migratedDatabase("clearpending"));
  await db.shop.create({ data: { id: SHOP, domain: "clear.myshopify.com", name: "Clear" } });
  // GIVEN (every test): 3,000 variants, each with a forecast, a pending price and reorder recommendation, and
  // every tenth with an approved one; no ANALYZE has run (as during a shop's first full recompute).
  await withUpserter((u) =>
    u.write([
      { upsert: "Product", key: ["shopId", "shopifyId"], rows: [{ shopifyId: "gid://shopify/Product/1", title: "P" }] },
      {
        upsert: "Variant",
        key: ["shopId", "shopifyId"],
        rows: Array.from({ length: VARIANTS }, (_, i) => ({
          id: idOf(i),
          shopifyId: `gid://shopify/ProductVariant/${i}`,
          productId: new SqlRef("Product", "gid://shopify/Product/1"),
          title: `V${i}`,
          price: "10",
        })),
      },
      {
        upsert: "Forecast",
        key: ["shopId", "variantId"],
        rows: Array.from({ length: VARIANTS }, (_, i) => ({
          variantId: idOf(i),
          model: "naive",
          demandClass: "smooth",
          start: "2026-12-01",
          horizon: 1,
          mean: "[1]",
          quantiles: "{}",
          historyEnd: "2026-11-30",
        })),
      },
      {
        upsert: "Recommendation",
        key: ["id"],
        rows: Array.from({ length: VARIANTS }, (_, i) => [
          { id: `r-${i}-price`, variantId: idOf(i), kind: "price", status: "pending" },
          { id: `r-${i}-reorder`, variantId: idOf(i), kind: "reorder", status: "pending" },
          ...(i % 10 === 0 ? [{ id: `r-${i}-kept`, variantId: idOf(i), kind: "price", status: "approved" }] : []),
        ]).flat(),
      },
    ]),
  );
}, 60_000);

afterAll(async () => {
  await dropMigratedDatabase({ database, db });
});

describe(`clearSteps (${provider})`, () => {
  it("GIVEN a batch's ids out of order WHEN its clear steps run THEN exactly its forecasts and pending recommendations are gone", async () => {
    // GIVEN: 200 ids, not in id order, with a gap in the middle (the range they span holds other variants)
    const batch = [
      ...Array.from({ length: 100 }, (_, i) => idOf(1099 - i)),
      ...Array.from({ length: 100 }, (_, i) => idOf(1500 + i)),
    ];
    // WHEN
    const changed = await withUpserter((u) => u.write(clearSteps(u, batch)));
    // THEN
    expect(changed).toEqual([200, 400]);
    const inBatch = new Set(batch);
    const left = await db.recommendation.findMany({
      where: { shopId: SHOP },
      select: { variantId: true, status: true },
    });
    expect(left.filter((r) => inBatch.has(r.variantId)).every((r) => r.status === "approved")).toBe(true);
    expect(left.filter((r) => inBatch.has(r.variantId))).toHaveLength(20);
    expect(left.filter((r) => !inBatch.has(r.variantId))).toHaveLength((VARIANTS - 200) * 2 + (VARIANTS - 200) / 10);
    const forecasts = await db.forecast.findMany({ where: { shopId: SHOP }, select: { variantId: true } });
    expect(forecasts).toHaveLength(VARIANTS - 200);
    expect(forecasts.some((f) => inBatch.has(f.variantId))).toBe(false);
  });

  it.runIf(provider === "postgres")(
    "GIVEN no statistics on the recommendations WHEN a batch's pending ones are deleted THEN PostgreSQL looks them up by variant, not through every pending row",
    async () => {
      // GIVEN: the table as loaded above, never analyzed
      const batch = Array.from({ length: 200 }, (_, i) => idOf(2000 + i));
      // WHEN
      const plan = await withUpserter(async (u) => {
        const [, dropPending] = clearSteps(u, batch);
        const rows = await u.query<{ "QUERY PLAN": unknown }>(
          `EXPLAIN (FORMAT JSON) ${dropPending.sql}`,
          dropPending.params,
        );
        return JSON.stringify(rows[0]["QUERY PLAN"]);
      });
      // THEN
      expect(plan).toContain("Recommendation_shopId_variantId_kind_status_idx");
      expect(plan).not.toMatch(/Recommendation_shopId_status_/);
    },
  );
});
