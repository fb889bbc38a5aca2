// The nightly reconciliation: two shops with the same history and the same new orders and refunds; one receives
// every webhook, the other loses some orders/create, refunds/create and orders/updated deliveries for good (Shopify
// drops a delivery after its retries). The reconciliation's incremental re-sync against the emulator restores the
// second shop's daily sales exactly, is recorded, and changes nothing when run again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import type { SimShop } from "~/demo/simulator";
import type { Emulator } from "~/emulator/server.server";
import { JOB_TYPES, SHOP_SCHEDULES } from "~/jobs/standard";
import type { JobQueue } from "~/jobs/types";
import { runImport } from "~/sync/import/import.server";
import { IMPORT_JOB, importHistoryHandler } from "~/sync/import/jobs.server";
import { reconcileShop } from "~/sync/import/reconcile.server";
import { TEST_SECRET } from "../../support/env";
import { startWebhookReceiver, type WebhookReceiver } from "../../support/webhook-receiver";
import { emulatorFor, gatewayFor, smallShop } from "../admin/support";
import { appDatabaseAndQueue, installShop, snapshot } from "./support";

const TOPICS = ["orders/create", "orders/updated", "refunds/create", "inventory_levels/update"];
const COMPLETE = "complete.myshopify.com";
const LOSSY = "lossy.myshopify.com";

let db: Db;
let queue: JobQueue;
let receiver: WebhookReceiver;
const emulators = new Map<string, Emulator>();
const shopIds = new Map<string, string>();
/** Deliveries to the lossy shop that never reach the app, by topic and order (or refund) id. */
const dropped: string[] = [];
let dropNext: ((topic: string, body: { id: number; order_id?: number }) => boolean) | null = null;

/** Processes every stored delivery, oldest first, as the webhook.process job does. */
async function drain() {
  const { processDelivery } = await import("~/sync/webhooks/process.server");
  const rows = await db.webhookDelivery.findMany({
    where: { status: "received" },
    orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
  });
  for (const r of rows) await processDelivery(db, queue, r.shopId, r.id);
}

const jobCtx = () => ({ progress: async () => undefined, signal: new AbortController().signal, attempt: 1 });

/** Runs the queued import job of the shop as the worker would (with its emulator's gateway). */
async function runQueuedImport(domain: string) {
  const shopId = shopIds.get(domain)!;
  const job = await db.job.findFirstOrThrow({ where: { shopId, type: IMPORT_JOB, status: "queued" } });
  await db.job.update({ where: { id: job.id }, data: { status: "done", coalesceKey: null } });
  const handler = importHistoryHandler(
    () => db,
    () => queue,
    { gateway: gatewayFor(emulators.get(domain)!), pollMs: 10 },
  );
  return handler({ id: job.id, shopId, type: job.type, payload: JSON.parse(job.payload) }, jobCtx());
}

const daily = async (domain: string) => {
  const s = await snapshot(db, shopIds.get(domain)!);
  // Stock: inventory_levels/update carries `available` only (committed and on hand come with the re-sync).
  return {
    dailySales: s.dailySales,
    customerDailySales: s.customerDailySales,
    available: s.levels.map((l) => [l.variant, l.location, l.available]),
  };
};

beforeAll(async () => {
  ({ db, queue } = await appDatabaseAndQueue());
  receiver = await startWebhookReceiver(TOPICS, (req, raw) => {
    const topic = String(req.headers["x-shopify-topic"]);
    if (req.headers["x-shopify-shop-domain"] !== LOSSY || !dropNext?.(topic, JSON.parse(raw.toString("utf8"))))
      return null;
    dropped.push(topic);
    return 500; // failed, and after Shopify's retries, dropped
  });
  const appUrl = receiver.url;
  for (const domain of [COMPLETE, LOSSY]) {
    // The same simulated history under two domains.
    const base = smallShop();
    const sim: SimShop = { ...base, shop: { ...base.shop, domain } };
    const emulator = await emulatorFor(sim, { webhookTarget: { appUrl, secret: TEST_SECRET } });
    emulators.set(domain, emulator);
    const shopId = await installShop(db, sim);
    shopIds.set(domain, shopId);
    expect(await runImport({ db, shopId, mode: "full", gateway: gatewayFor(emulator), pollMs: 10 })).toMatchObject({
      ok: true,
    });
  }
}, 120_000);

afterAll(async () => {
  await queue?.close();
  for (const e of emulators.values()) await e.stop();
  await receiver?.close();
});

describe("nightly reconciliation", () => {
  it("is scheduled for every installed shop, before the nightly recompute", () => {
    // GIVEN the schedules every shop gets at install THEN the reconciliation is one of them, at 01:00 UTC
    expect(SHOP_SCHEDULES).toContainEqual({
      name: "nightly-reconcile",
      type: JOB_TYPES.reconcileShop,
      spec: { dailyAtUtc: "01:00" },
    });
    const recompute = SHOP_SCHEDULES.find((s) => s.type === JOB_TYPES.recomputeShop)!.spec as { dailyAtUtc: string };
    expect("01:00" < recompute.dailyAtUtc).toBe(true);
  });

  it("restores exactly the daily sales of webhooks that were never delivered", async () => {
    // GIVEN the same new orders and refunds on both shops; the lossy shop never gets every other orders/create,
    // nor any refunds/create or orders/updated
    let orderNo = 0;
    dropNext = (topic) => (topic === "orders/create" ? orderNo++ % 2 === 1 : topic !== "inventory_levels/update");
    const sample = emulators.get(COMPLETE)!.state;
    const variants = sample.levels
      .filter((l) => l.available > 4)
      .slice(0, 6)
      .map((l) => sample.variantByItem.get(l.inventoryItemId)!.id);
    const placed: { orderId: string; lineId: string }[] = [];
    for (const [i, variantId] of variants.entries()) {
      const input = {
        variantId,
        quantity: 1 + (i % 3),
        customerId: i % 2 ? `gid://shopify/Customer/${9000 + i}` : null,
      };
      const ids: string[] = [];
      for (const domain of [COMPLETE, LOSSY]) {
        const r = await emulators.get(domain)!.placeOrder(input);
        if (!r.ok) throw new Error(r.message);
        ids.push(r.placed.order.id);
        placed[i] = { orderId: r.placed.order.id, lineId: r.placed.order.lines[0].id };
      }
      expect(ids[0]).toBe(ids[1]);
    }
    // AND refunds of two orders from the imported history (their updated_at moves, their created_at does not)
    const history = sample.orders.filter((o) => !o.cancelledAt && o.refunds.length === 0).slice(100, 102);
    expect(history).toHaveLength(2);
    for (const { orderId, lineId } of [
      ...placed.filter((_, i) => i % 3 !== 2),
      ...history.map((o) => ({ orderId: o.id, lineId: o.lines[0].id })),
    ]) {
      for (const domain of [COMPLETE, LOSSY]) {
        const r = await emulators.get(domain)!.refundOrder({ orderId, lines: [{ lineId, quantity: 1 }] });
        if (!r.ok) throw new Error(r.message);
      }
    }
    await drain();
    expect(dropped.filter((t) => t === "orders/create")).toHaveLength(3);
    expect(dropped.filter((t) => t === "refunds/create")).toHaveLength(6);
    const complete = await daily(COMPLETE);
    expect(await daily(LOSSY)).not.toEqual(complete);
    // WHEN the lossy shop's nightly reconciliation runs (its job queues the re-sync, the worker runs it)
    const outcome = await reconcileShop(db, queue, shopIds.get(LOSSY)!);
    expect(outcome).toMatchObject({ status: "queued" });
    expect(await runQueuedImport(LOSSY)).toMatchObject({ mode: "incremental" });
    // THEN its daily sales, per-customer sales and available stock are exactly the complete shop's
    expect(await daily(LOSSY)).toEqual(complete);
    // AND the reconciliation is recorded: the re-sync's start, no recompute.shop queued by it
    const shop = await db.shop.findUniqueOrThrow({ where: { id: shopIds.get(LOSSY)! } });
    expect(shop.reconciledAt?.toISOString()).toBe(shop.lastSyncedAt?.toISOString());
    expect(await db.job.count({ where: { shopId: shop.id, type: JOB_TYPES.recomputeShop } })).toBe(0);
  }, 60_000);

  it("is idempotent: run again, and on the shop that missed nothing, it changes no figure", async () => {
    // GIVEN both shops after the reconciliation above
    const before = { complete: await daily(COMPLETE), lossy: await daily(LOSSY) };
    const reconciled = (await db.shop.findUniqueOrThrow({ where: { id: shopIds.get(LOSSY)! } })).reconciledAt!;
    // WHEN each is reconciled (twice in a row: the second call finds the re-sync queued)
    for (const domain of [COMPLETE, LOSSY]) {
      expect(await reconcileShop(db, queue, shopIds.get(domain)!)).toMatchObject({ status: "queued" });
      expect(await reconcileShop(db, queue, shopIds.get(domain)!)).toEqual({
        status: "skipped",
        reason: "import in progress",
      });
      await runQueuedImport(domain);
    }
    // THEN nothing changed, and the record moved forward
    expect({ complete: await daily(COMPLETE), lossy: await daily(LOSSY) }).toEqual(before);
    const shop = await db.shop.findUniqueOrThrow({ where: { id: shopIds.get(LOSSY)! } });
    expect(shop.reconciledAt!.getTime()).toBeGreaterThan(reconciled.getTime());
  }, 60_000);

  it("skips a shop never imported or uninstalled", async () => {
    // GIVEN a shop whose first import has not finished, and an uninstalled one
    const fresh = await db.shop.create({ data: { domain: "fresh.myshopify.com", name: "Fresh" } });
    const gone = await db.shop.create({
      data: { domain: "gone.myshopify.com", name: "Gone", lastSyncedAt: new Date(), uninstalledAt: new Date() },
    });
    // WHEN reconciled THEN nothing is queued
    expect(await reconcileShop(db, queue, fresh.id)).toEqual({ status: "skipped", reason: "never imported" });
    expect(await reconcileShop(db, queue, gone.id)).toEqual({ status: "skipped", reason: "uninstalled" });
    expect(await db.job.count({ where: { shopId: { in: [fresh.id, gone.id] } } })).toBe(0);
  });
});
