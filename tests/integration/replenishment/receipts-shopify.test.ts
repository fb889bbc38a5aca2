// Receiving writes Shopify's stock (issue 14, item 1), against the emulator with the 2026-04 semantics:
// a receipt adds its units to "available" at its location once, whatever is repeated or lost on the way;
// Shopify's quantity moving between read and write is re-read and retried; more than ordered and unknown
// locations are refused by name; a correcting receipt takes the units back. Runs on SQLite and PostgreSQL.
// Needs the 2026-04 Admin schema (ADMIN_SCHEMA_PATH, or @shopify/dev-mcp >= 1.16 once wt-fidelity lands).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildShop } from "../../factories";
import type { Emulator } from "~/emulator/server.server";
import type { FetchLike } from "~/shopify/admin-gateway.server";
import { harness, type Harness } from "./support";

let h: Harness;
let emulator: Emulator;
let shopDomain: string;
let shopId: string;
let n = 0;
const TOKEN = "shpat_test";
const sim = buildShop({ seed: 11, variants: 40, days: 60 });

type Mod = typeof import("~/replenishment/receipts.server");
let receipts: Mod;

beforeAll(async () => {
  h = await harness();
  const { seedDemoShop } = await import("~/demo/seed.server");
  const { startEmulator } = await import("~/emulator/server.server");
  const seeded = await seedDemoShop(h.prisma, sim);
  shopId = seeded.shopId;
  shopDomain = sim.shop.domain;
  await h.install(shopDomain);
  emulator = await startEmulator({ sim, token: TOKEN });
  receipts = await import("~/replenishment/receipts.server");
});
afterAll(async () => {
  await emulator?.stop();
});

/** A gateway to the emulator; `hook` sees each request body before it is sent and may answer instead. */
async function gateway(hook?: (body: string, send: () => Promise<Response>) => Promise<Response>) {
  const { createAdminGateway } = await import("~/shopify/admin-gateway.server");
  const { CostBucket } = await import("~/shopify/throttle.server");
  const fetchLike: FetchLike = (input, init) => {
    const send = () => fetch(input, init);
    return hook ? hook(String(init.body), send) : send();
  };
  return createAdminGateway({
    shop: shopDomain,
    accessToken: TOKEN,
    origin: emulator.url,
    bucket: new CostBucket(),
    fetch: fetchLike,
    sleep: async () => {},
  });
}

/** The emulator level of a variant at the first location, and the app's ids for it. */
async function target(index: number) {
  const level = emulator.state.levels.filter((l) => l.locationId === sim.locations[0].id)[index];
  const simVariant = emulator.state.variantByItem.get(level.inventoryItemId)!;
  const variant = await h.prisma.variant.findFirstOrThrow({ where: { shopId, shopifyId: simVariant.id } });
  const location = await h.prisma.location.findFirstOrThrow({ where: { shopId, shopifyId: level.locationId } });
  return { level, variant, location };
}

/** A sent purchase order of `ordered` units of one variant, to `locationId`. */
async function purchaseOrder(variantId: string, locationId: string, ordered: number) {
  const po = await h.prisma.purchaseOrder.create({
    data: {
      shopId,
      number: `PO-S${++n}`,
      vendor: "V",
      status: "sent",
      currency: "EUR",
      sentAt: new Date(),
      locationId,
    },
  });
  const line = await h.prisma.purchaseOrderLine.create({
    data: { shopId, purchaseOrderId: po.id, variantId, quantity: ordered },
  });
  return { poId: po.id, lineId: line.id };
}

async function post(poId: string, json: object) {
  const res = await h.call(
    "app.purchase-orders.$id",
    "action",
    h.request(shopDomain, `/app/purchase-orders/${poId}`, { json }),
    { id: poId },
  );
  return { status: res.status, body: (await res.json()) as { ok: boolean; code?: string; field?: string } };
}

const receive = (poId: string, key: string, lines: { lineId: string; quantity: number }[], extra: object = {}) =>
  post(poId, { intent: "receive", idempotencyKey: key, lines, ...extra });

async function shop() {
  return h.shopContext(shopDomain);
}

async function receiptOf(poId: string) {
  return h.prisma.inventoryReceipt.findMany({
    where: { shopId, purchaseOrderId: poId },
    orderBy: { createdAt: "asc" },
  });
}

const adjustCalls = (body: string) => body.includes("inventoryAdjustQuantities");

describe("receiving writes Shopify's stock", () => {
  it("adds the received units once, even when the receipt is posted twice and the job runs twice", async () => {
    // GIVEN a purchase order of 10 units to a location where Shopify holds `before`
    const { level, variant, location } = await target(0);
    const before = level.available;
    const { poId, lineId } = await purchaseOrder(variant.id, location.id, 10);
    // WHEN 4 units are received, the request is posted twice, and the push runs twice
    const first = await receive(poId, "twice-key-1", [{ lineId, quantity: 4 }]);
    const again = await receive(poId, "twice-key-1", [{ lineId, quantity: 4 }]);
    const [r] = await receiptOf(poId);
    const g = await gateway();
    const runs = [
      await receipts.pushReceipt(await shop(), r.id, { gateway: g }),
      await receipts.pushReceipt(await shop(), r.id, { gateway: g }),
    ];
    // THEN both answers succeed, one receipt exists, Shopify's available rose by 4 once, read back and audited
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await receiptOf(poId)).toHaveLength(1);
    expect(runs.map((x) => x.status)).toEqual(["verified", "verified"]);
    expect(level.available).toBe(before + 4);
    const row = (await receiptOf(poId))[0];
    expect(row).toMatchObject({ pushStatus: "verified", pushAttempt: 1 });
    expect(row.adjustmentGroupId).toMatch(/^gid:\/\/shopify\/InventoryAdjustmentGroup\//);
    const audits = await h.prisma.auditEvent.count({
      where: { shopId, action: "inventory.receipt_applied", entityId: poId },
    });
    expect(audits).toBe(1);
    // AND the app's copy of the level follows Shopify
    const local = await h.prisma.inventoryLevel.findFirstOrThrow({
      where: { shopId, variantId: variant.id, locationId: location.id },
    });
    expect(local.available).toBe(before + 4);
  });

  it("re-reads and retries when Shopify's quantity changed between read and write (compare-and-set)", async () => {
    // GIVEN a purchase order of 10 units, 6 received
    const { level, variant, location } = await target(1);
    const before = level.available;
    const { poId, lineId } = await purchaseOrder(variant.id, location.id, 10);
    await receive(poId, "cas-key-001", [{ lineId, quantity: 6 }]);
    const [r] = await receiptOf(poId);
    // WHEN a sale of 3 units lands in Shopify after the quantity was read, just before the first write
    let sold = false;
    const g = await gateway(async (body, send) => {
      if (adjustCalls(body) && !sold) {
        sold = true;
        level.available -= 3;
        level.onHand -= 3;
      }
      return send();
    });
    const outcome = await receipts.pushReceipt(await shop(), r.id, { gateway: g });
    // THEN the first write is refused as stale, the quantity is read again, and the second write applies 6 once
    expect(outcome.status).toBe("verified");
    expect(level.available).toBe(before - 3 + 6);
    const row = (await receiptOf(poId))[0];
    expect(row.pushAttempt).toBe(2);
    expect(JSON.parse(row.changeFrom!)).toEqual({ [level.inventoryItemId]: before - 3 });
  });

  it("sends the same request again when the answer is lost, and Shopify applies it once", async () => {
    // GIVEN a receipt of 5 units
    const { level, variant, location } = await target(2);
    const before = level.available;
    const { poId, lineId } = await purchaseOrder(variant.id, location.id, 10);
    await receive(poId, "lost-key-01", [{ lineId, quantity: 5 }]);
    const [r] = await receiptOf(poId);
    // WHEN every answer to the write is lost after Shopify applied it (the job gives up for now)
    const lossy = await gateway(async (body, send) => {
      const res = await send();
      if (adjustCalls(body)) throw new Error("connection reset");
      return res;
    });
    const first = await receipts.pushReceipt(await shop(), r.id, { gateway: lossy });
    expect(first.status).toBe("later");
    expect((await receiptOf(poId))[0].pushStatus).toBe("sending");
    // AND the job runs again later with the network back
    const second = await receipts.pushReceipt(await shop(), r.id, { gateway: await gateway() });
    // THEN the same attempt (same key, same quantities) was answered with the first result: +5 once
    expect(second.status).toBe("verified");
    expect(level.available).toBe(before + 5);
    expect((await receiptOf(poId))[0].pushAttempt).toBe(1);
  });

  it("refuses a receipt for more units than ordered, by name, and Shopify is not touched", async () => {
    // GIVEN a line of 10 units
    const { level, variant, location } = await target(3);
    const before = level.available;
    const { poId, lineId } = await purchaseOrder(variant.id, location.id, 10);
    // WHEN 11 are received
    const over = await receive(poId, "over-key-01", [{ lineId, quantity: 11 }]);
    // THEN the receipt is refused on its line, nothing is recorded and Shopify keeps its quantity
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ ok: false, code: "PURCHASE_ORDERS.OVER_RECEIPT", field: "lines.0.quantity" });
    expect(await receiptOf(poId)).toHaveLength(0);
    expect(level.available).toBe(before);
  });

  it("refuses a location that is not the shop's, and fails by name when Shopify does not know the destination", async () => {
    // GIVEN a purchase order
    const { level, variant, location } = await target(4);
    const before = level.available;
    const { poId, lineId } = await purchaseOrder(variant.id, location.id, 10);
    // WHEN units are received at a location id this shop does not have
    const unknown = await receive(poId, "unknown-loc-1", [{ lineId, quantity: 2 }], { locationId: "no-such-location" });
    // THEN it is refused on the field and nothing is received
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ ok: false, code: "PURCHASE_ORDERS.UNKNOWN_LOCATION", field: "locationId" });
    expect(await receiptOf(poId)).toHaveLength(0);
    // WHEN the destination is a location the app knows but Shopify no longer has
    const gone = await h.prisma.location.create({
      data: { shopId, shopifyId: "gid://shopify/Location/999999", name: "Closed shop" },
    });
    const other = await purchaseOrder(variant.id, gone.id, 10);
    await receive(other.poId, "gone-loc-01", [{ lineId: other.lineId, quantity: 2 }]);
    const [r] = await receiptOf(other.poId);
    const outcome = await receipts.pushReceipt(await shop(), r.id, { gateway: await gateway() });
    // THEN the push fails with the location named, is audited, and Shopify is unchanged
    expect(outcome.status).toBe("failed");
    expect((await receiptOf(other.poId))[0].pushError).toMatch(/^INVENTORY\.LOCATION_UNKNOWN/);
    expect(
      await h.prisma.auditEvent.count({ where: { shopId, action: "inventory.receipt_failed", entityId: other.poId } }),
    ).toBe(1);
    expect(level.available).toBe(before);
  });

  it("undoes a receipt with a correcting receipt, once", async () => {
    // GIVEN 7 units received and written to Shopify
    const { level, variant, location } = await target(5);
    const before = level.available;
    const { poId, lineId } = await purchaseOrder(variant.id, location.id, 10);
    await receive(poId, "undo-recv-1", [{ lineId, quantity: 7 }]);
    const [r] = await receiptOf(poId);
    await receipts.pushReceipt(await shop(), r.id, { gateway: await gateway() });
    expect(level.available).toBe(before + 7);
    // WHEN the merchant undoes it (the request posted twice), and the correction is written
    const undo = await post(poId, { intent: "correct", receiptId: r.id, idempotencyKey: "undo-key-01" });
    const replay = await post(poId, { intent: "correct", receiptId: r.id, idempotencyKey: "undo-key-01" });
    const correction = (await receiptOf(poId)).find((x) => x.kind === "correction")!;
    const outcome = await receipts.pushReceipt(await shop(), correction.id, { gateway: await gateway() });
    // THEN the line has nothing received, Shopify is back where it was, the correction says so
    expect([undo.status, replay.status]).toEqual([200, 200]);
    expect(outcome.status).toBe("verified");
    expect(level.available).toBe(before);
    expect((await h.prisma.purchaseOrderLine.findUniqueOrThrow({ where: { id: lineId } })).receivedQuantity).toBe(0);
    expect((await h.prisma.purchaseOrder.findUniqueOrThrow({ where: { id: poId } })).status).toBe("sent");
    expect(correction).toMatchObject({ correctsId: r.id, kind: "correction" });
    expect(JSON.parse(correction.lines)).toEqual([{ lineId, variantId: variant.id, quantity: -7 }]);
    // AND a second undo of the same receipt is refused by name
    const twice = await post(poId, { intent: "correct", receiptId: r.id, idempotencyKey: "undo-key-02" });
    expect(twice.status).toBe(422);
    expect(twice.body).toMatchObject({ code: "PURCHASE_ORDERS.ALREADY_CORRECTED", field: "receiptId" });
  });
});
