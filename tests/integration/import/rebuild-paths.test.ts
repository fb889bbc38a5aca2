// The aggregate rebuild's faster paths (docs/decisions/0026) write the same rows as the plain one: SQLite's full
// rebuild by table scan, and aggregate rows numbered in their unique key's order (appended to that index).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import type { Emulator } from "~/emulator/server.server";
import { emulatorFor, gatewayFor, smallShop } from "../admin/support";
import { withBulkUpserter } from "../db/support";
import { freshDatabase, installShop, snapshot } from "./support";

let db: Db;
let url: string;
let emulator: Emulator;
let shopId: string;

beforeAll(async () => {
  process.env.SHOPIFY_API_SECRET ||= "test-secret";
  ({ db, url } = await freshDatabase("rebuild"));
  const sim = smallShop();
  emulator = await emulatorFor(sim, { bulkLatencyMs: 20 });
  shopId = await installShop(db, sim);
  const { runImport } = await import("~/sync/import/import.server");
  const result = await runImport({ db, shopId, mode: "full", gateway: gatewayFor(emulator), pollMs: 10 });
  expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
}, 60_000);
afterAll(async () => {
  await emulator?.stop();
  await db?.$disconnect();
});

const withUpserter = <T>(fn: (up: import("~/db/bulk-upsert.server").BulkUpserter) => Promise<T>): Promise<T> =>
  withBulkUpserter(url, shopId, fn);

async function rebuild(scanLines: boolean) {
  const { rebuildSteps } = await import("~/sync/import/aggregates.server");
  await withUpserter((up) => up.write(rebuildSteps(up.dialect, shopId, null, new Date(), { scanLines })));
  const { dailySales, customerDailySales, orders } = await snapshot(db, shopId);
  return { dailySales, customerDailySales, orders };
}

describe("aggregate rebuild paths", () => {
  it("the table-scan rebuild writes exactly the rows of the rebuild through the index", async () => {
    // GIVEN a shop imported in full (its aggregates as the import wrote them)
    const imported = await snapshot(db, shopId);
    expect(imported.dailySales.length).toBeGreaterThan(100);
    // WHEN its aggregates are rebuilt through the index, then by table scan
    const byIndex = await rebuild(false);
    const byScan = await rebuild(true);
    // THEN both give the imported rows
    expect(byIndex.dailySales).toEqual(imported.dailySales);
    expect(byIndex.customerDailySales).toEqual(imported.customerDailySales);
    expect(byIndex.orders).toEqual(imported.orders);
    expect(byScan).toEqual(byIndex);
  });

  it("the rebuild's groups, each on its own connection at the same time, write the rows of the one-transaction rebuild", async () => {
    // GIVEN a shop imported in full, and the rebuild's groups (PostgreSQL: DailySales and CustomerDailySales apart)
    const imported = await snapshot(db, shopId);
    const { rebuildGroups } = await import("~/sync/import/aggregates.server");
    const { openBulkUpserter } = await import("~/db/bulk-upsert.server");
    const dialect = url.startsWith("file:") ? "sqlite" : "postgres";
    const groups = rebuildGroups(dialect, shopId, null, new Date());
    const tables = (steps: { sql: string }[]) =>
      steps.flatMap((st) => /^INSERT INTO "(\w+)"/.exec(st.sql)?.[1] ?? []).sort();
    expect(groups.map(tables)).toEqual(
      dialect === "sqlite" ? [["CustomerDailySales", "DailySales"]] : [["DailySales"], ["CustomerDailySales"]],
    );
    // WHEN each group runs in its own transaction on its own connection, all at once
    const writers = await Promise.all(groups.map(() => openBulkUpserter(url, shopId)));
    try {
      await Promise.all(groups.map((steps, i) => writers[i].write(steps)));
    } finally {
      await Promise.all(writers.map((w) => w.close()));
    }
    // THEN the shop's aggregates and orders are the imported ones
    const after = await snapshot(db, shopId);
    expect(after.dailySales).toEqual(imported.dailySales);
    expect(after.customerDailySales).toEqual(imported.customerDailySales);
    expect(after.orders).toEqual(imported.orders);
  });

  it("SQLite: the table-scan rebuild reads the lines without their index, the other one through it", async (ctx) => {
    if (!url.startsWith("file:")) ctx.skip();
    // GIVEN the full rebuild's DailySales insert, with and without scanLines
    const { rebuildSteps } = await import("~/sync/import/aggregates.server");
    const plan = (scanLines: boolean) =>
      withUpserter(async (up) => {
        const insert = rebuildSteps("sqlite", shopId, null, new Date(), { scanLines }).find((s) =>
          s.sql.startsWith(`INSERT INTO "DailySales"`),
        )!;
        const rows = await up.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${insert.sql}`, insert.params);
        return rows.map((r) => r.detail).join("\n");
      });
    // WHEN SQLite plans them
    const scanned = await plan(true);
    const indexed = await plan(false);
    // THEN the first scans OrderLine, the second searches it by index
    expect(scanned).toMatch(/SCAN OrderLine/);
    expect(scanned).not.toMatch(/SEARCH OrderLine/);
    expect(indexed).toMatch(/SEARCH OrderLine USING INDEX/);
  });

  it("the scan is chosen only when most of the database's lines are the shop's", async () => {
    // GIVEN the imported shop (every line of the database) and a shop without lines
    const { linesMostlyOfSql } = await import("~/sync/import/aggregates.server");
    const other = await db.shop.create({ data: { domain: "other.myshopify.com", name: "Other", currency: "EUR" } });
    // WHEN the decision query runs for each
    const mostly = (id: string) =>
      withUpserter(async (up) => Boolean((await up.query<{ mostly: unknown }>(linesMostlyOfSql, [id]))[0]?.mostly));
    // THEN it is true for the first only
    expect(await mostly(shopId)).toBe(true);
    expect(await mostly(other.id)).toBe(false);
  });

  it("aggregate rows are numbered in the order of their unique key", async () => {
    // GIVEN a rebuild, planned with fresh statistics (PostgreSQL then groups by hashing, in no order of its own)
    if (!url.startsWith("file:")) await withUpserter((up) => up.write([{ sql: `ANALYZE "OrderLine"` }]));
    await rebuild(true);
    // WHEN the rows are read in id order and in unique-key order (the database's own collation)
    const ids = async (table: string, key: string) =>
      withUpserter(async (up) => {
        const byId = await up.query<{ id: string }>(`SELECT "id" FROM "${table}" WHERE "shopId" = ? ORDER BY "id"`, [
          shopId,
        ]);
        const byKey = await up.query<{ id: string }>(`SELECT "id" FROM "${table}" WHERE "shopId" = ? ORDER BY ${key}`, [
          shopId,
        ]);
        return { byId: byId.map((r) => r.id), byKey: byKey.map((r) => r.id) };
      });
    const ds = await ids("DailySales", `"variantId", "day"`);
    const cds = await ids("CustomerDailySales", `"customerKey", "variantId", "day"`);
    // THEN both orders are the same
    expect(ds.byId.length).toBeGreaterThan(100);
    expect(ds.byId).toEqual(ds.byKey);
    expect(cds.byId).toEqual(cds.byKey);
  });
});
