// The history import against the emulator, checked against the demo seed of the same simulated shop.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import type { SimShop } from "~/demo/simulator";
import type { Emulator } from "~/emulator/server.server";
import { migratedTestDatabase } from "../../support/env";
import { emulatorFor, gatewayFor, smallShop } from "../admin/support";
import { installShop, seededTruth, snapshot } from "./support";

let sim: SimShop;
let emulator: Emulator;
let db: Db;
let truth: { db: Db; shopId: string };
let shopId: string;

beforeAll(async () => {
  await migratedTestDatabase();
  db = (await import("~/db.server")).getDb();
  sim = smallShop();
  emulator = await emulatorFor(sim, { bulkLatencyMs: 20 });
  truth = await seededTruth(sim);
  shopId = await installShop(db, sim);
}, 60_000);
afterAll(async () => {
  await emulator?.stop();
  await truth?.db.$disconnect();
});

async function importNow(mode: "full" | "incremental" = "full") {
  const { runImport } = await import("~/sync/import/import.server");
  return runImport({ db, shopId, mode, gateway: gatewayFor(emulator), pollMs: 10, batchRows: 150 });
}

describe("history import from the emulator", () => {
  it("imports the catalogue, stock, orders and aggregates exactly as the demo seed writes them", async () => {
    // GIVEN a shop never imported, served by the emulator
    // WHEN the full import runs
    const result = await importNow();
    // THEN it succeeds, and every imported row equals the seeded truth of the same simulated shop
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    const got = await snapshot(db, shopId);
    const want = await snapshot(truth.db, truth.shopId);
    expect(got.lines.length).toBeGreaterThan(100);
    expect(got.dailySales.length).toBeGreaterThan(100);
    expect(got.customerDailySales.length).toBeGreaterThan(100);
    expect(got.products).toEqual(want.products);
    expect(got.variants).toEqual(want.variants);
    expect(got.locations).toEqual(want.locations);
    expect(got.levels).toEqual(want.levels);
    expect(got.orders.length).toBe(sim.orders.length);
    expect(got.orders).toEqual(want.orders);
    expect(got.lines).toEqual(want.lines);
    expect(got.dailySales).toEqual(want.dailySales);
    expect(got.customerDailySales).toEqual(want.customerDailySales);
    const shop = await db.shop.findUniqueOrThrow({ where: { id: shopId } });
    expect(shop).toMatchObject({ importStatus: "done", importProgress: 1, importCursor: null, importError: null });
    expect(shop.lastSyncedAt).not.toBeNull();
  }, 60_000);

  it("running the import again changes nothing", async () => {
    // GIVEN the imported shop
    const before = await snapshot(db, shopId);
    // WHEN the full import runs a second time
    const result = await importNow();
    // THEN every row is the same, with no duplicate
    expect(result).toMatchObject({ ok: true });
    expect(await snapshot(db, shopId)).toEqual(before);
  }, 60_000);

  it("stores no customer email, name or id: only the pseudonymised key", async () => {
    // GIVEN the imported shop, whose simulated orders carry emails and customer ids
    const emails = sim.orders.map((o) => o.email).filter((e): e is string => !!e);
    expect(emails.length).toBeGreaterThan(0);
    // WHEN every table is dumped
    const tables = [
      "shop",
      "product",
      "variant",
      "location",
      "inventoryLevel",
      "order",
      "orderLine",
      "dailySales",
      "customerDailySales",
    ] as const;
    let dump = "";
    for (const table of tables)
      dump += JSON.stringify(await (db[table] as unknown as { findMany(): Promise<unknown[]> }).findMany());
    // THEN no email, no customer gid appears, and the orders' customer keys are keyed hashes
    expect(dump).not.toContain("@");
    expect(dump).not.toContain("gid://shopify/Customer/");
    const keys = (
      await db.order.findMany({ where: { customerKey: { not: null } }, select: { customerKey: true } })
    ).map((o) => o.customerKey!);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).toMatch(/^c_[0-9a-f]{32}$/);
  });

  it("an incremental re-sync picks up a cancellation and a refund and corrects the daily sales", async () => {
    // GIVEN a cancellation and a refund made in the shop after the import
    const stamp = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    const live = emulator.state.orders.filter((o) => !o.cancelledAt && o.refunds.length === 0);
    const cancelled = live[live.length - 1];
    const refunded = live[live.length - 2];
    cancelled.cancelledAt = stamp;
    cancelled.updatedAt = stamp;
    const line = refunded.lines[0];
    refunded.refunds.push({
      id: "gid://shopify/Refund/999001",
      createdAt: stamp,
      lines: [{ id: "gid://shopify/RefundLineItem/999001", lineId: line.id, quantity: 1, amount: line.price }],
    });
    refunded.updatedAt = stamp;
    // WHEN an incremental import runs
    const result = await importNow("incremental");
    // THEN only the changed orders came back, their lines and the daily sales equal a full import of the new state
    expect(result).toMatchObject({ ok: true, report: { mode: "incremental" } });
    if (!result.ok) return;
    expect(result.report.rows.orders).toBeLessThan(20);
    const { freshDatabase, installShop: install } = await import("./support");
    const other = await freshDatabase("fresh");
    const otherShop = await install(other.db, sim);
    const { runImport } = await import("~/sync/import/import.server");
    expect(
      await runImport({ db: other.db, shopId: otherShop, mode: "full", gateway: gatewayFor(emulator), pollMs: 10 }),
    ).toMatchObject({ ok: true });
    const got = await snapshot(db, shopId);
    const want = await snapshot(other.db, otherShop);
    await other.db.$disconnect();
    expect(got.orders).toEqual(want.orders);
    expect(got.lines).toEqual(want.lines);
    expect(got.dailySales).toEqual(want.dailySales);
    expect(got.customerDailySales).toEqual(want.customerDailySales);
    const cancelledLines = got.lines.filter((l) => l.order === cancelled.id);
    expect(cancelledLines.every((l) => l.cancelled && l.contributedUnits === 0 && l.contributedDay === null)).toBe(
      true,
    );
    expect(got.lines.find((l) => l.id === line.id)).toMatchObject({ refundedQuantity: 1 });
  }, 60_000);

  it("never overwrites an order a webhook stored with a newer updated_at", async () => {
    // GIVEN an order whose stored version is newer than the shop's (as a webhook would leave it)
    const order = await db.order.findFirstOrThrow({ where: { shopId }, orderBy: { shopifyId: "asc" } });
    const newer = new Date(Date.now() + 86_400_000);
    await db.order.update({ where: { id: order.id }, data: { name: "#from-webhook", shopifyUpdatedAt: newer } });
    await db.orderLine.updateMany({ where: { orderId: order.id }, data: { quantity: 99, shopifyUpdatedAt: newer } });
    // WHEN the full import runs again
    expect(await importNow()).toMatchObject({ ok: true });
    // THEN the newer order and its lines are untouched
    expect(await db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      name: "#from-webhook",
      shopifyUpdatedAt: newer,
    });
    const lines = await db.orderLine.findMany({ where: { orderId: order.id } });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.quantity === 99)).toBe(true);
  }, 60_000);
});
