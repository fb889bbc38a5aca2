// The `webhook.process` job: applies one stored WebhookDelivery, idempotently, then marks it
// processed | ignored (stale, unknown, or a topic with nothing to apply) | failed (with the error).
// Afterwards every affected variant gets one coalesced recompute (enqueueVariantRecompute).
import { getDb, type Db } from "~/db.server";
import { forShop, type ShopDb } from "~/db/scoped.server";
import { defineJobHandler } from "~/jobs/registry";
import { getJobQueue } from "~/jobs/index.server";
import { enqueueVariantRecomputes } from "~/jobs/standard";
import { PermanentJobError, type JobQueue } from "~/jobs/types";
import { isTransientInfraError } from "~/jobs/transient";
import { readTimeouts } from "~/env.server";
import { withDeadline } from "~/lib/deadline";
import { log } from "~/logger.server";
import { SCOPES } from "~/scopes";
import { handleBulkOperationFinish } from "~/sync/import/bulk-finish.server";
import {
  applyScopesUpdate,
  complianceCustomerKey,
  customerDataReport,
  redactCustomer,
  redactShop,
  uninstallShop,
} from "~/sync/compliance.server";
import { applyInventoryItem, applyInventoryLevel, deleteProduct } from "./catalogue.server";
import { WEBHOOK_PROCESS_JOB, type WebhookProcessPayload } from "./job-type";
import {
  applyOrder,
  applyOrders,
  ORDER_TOPICS,
  REFUND_TOPIC,
  type OrderApplyResult,
  type OrderRequest,
} from "./orders.server";
import { date, gid, isObj, str, type Json } from "./payload";
import { subjectOf } from "./subject";
import { withBundleRelatives } from "~/bundles/store.server";
import { applyProductWithBundles } from "~/bundles/webhook.server";
import "./redelivery.server"; // registers webhook.sweep with this module (app/jobs/handlers.server.ts)

export type ProcessOutcome =
  | { status: "processed"; variantIds: string[] }
  | { status: "ignored"; reason: string }
  | { status: "failed"; error: string }
  | { status: "missing" }; // the delivery is gone (shop redacted) or was already applied

type Applied = { status: "processed"; variantIds: string[] } | { status: "ignored"; reason: string };

async function apply(
  db: Db,
  queue: JobQueue,
  shop: { id: string; domain: string; timezone: string },
  topic: string,
  payload: Json,
  receivedAt: Date,
): Promise<Applied> {
  const s = forShop(db, shop.id);
  const done = (r: { status: string; variantIds?: string[]; reason?: string }): Applied =>
    r.status === "applied"
      ? { status: "processed", variantIds: r.variantIds ?? [] }
      : { status: "ignored", reason: r.reason ?? r.status };
  if ((ORDER_TOPICS as readonly string[]).includes(topic)) {
    const orderGid = gid("Order", payload.id);
    if (!orderGid) throw new PermanentJobError("order payload without id");
    return done(await applyOrder(db, shop, orderGid, date(payload.updated_at)));
  }
  switch (topic) {
    case REFUND_TOPIC: {
      const orderGid = gid("Order", payload.order_id);
      if (!orderGid) throw new PermanentJobError("refund payload without order_id");
      const r = await applyOrder(db, shop, orderGid, null);
      // A refund before its order is kept in the delivery table and folded in when the order arrives.
      return r.status === "deferred" ? { status: "processed", variantIds: [] } : done(r);
    }
    case "PRODUCTS_CREATE":
    case "PRODUCTS_UPDATE":
      return done(await applyProductWithBundles(db, s, shop, payload));
    case "PRODUCTS_DELETE":
      return done(await deleteProduct(s, shop, payload, receivedAt));
    case "INVENTORY_LEVELS_UPDATE":
      return done(await applyInventoryLevel(s, shop, payload));
    case "INVENTORY_ITEMS_UPDATE":
      return done(await applyInventoryItem(s, shop, payload));
    case "CUSTOMERS_REDACT": {
      const key = complianceCustomerKey(payload);
      if (!key) return { status: "ignored", reason: "no customer" };
      await redactCustomer(db, shop, key);
      return { status: "processed", variantIds: [] };
    }
    case "CUSTOMERS_DATA_REQUEST": {
      const key = complianceCustomerKey(payload);
      if (!key) return { status: "ignored", reason: "no customer" };
      await customerDataReport(db, shop, key, isObj(payload.data_request) ? str(payload.data_request.id) : null);
      return { status: "processed", variantIds: [] };
    }
    case "SHOP_REDACT":
      await redactShop(db, queue, shop);
      return { status: "processed", variantIds: [] };
    case "APP_UNINSTALLED":
      await uninstallShop(db, queue, shop);
      return { status: "processed", variantIds: [] };
    case "APP_SCOPES_UPDATE": {
      const r = await applyScopesUpdate(db, shop, payload, SCOPES);
      return r.status === "applied" ? { status: "processed", variantIds: [] } : r;
    }
    case "BULK_OPERATIONS_FINISH": {
      // The history import owns bulk operations (app/sync/import); an unknown operation is "ignored".
      const r = await handleBulkOperationFinish(shop, payload, { db, queue });
      return r === "processed"
        ? { status: "processed", variantIds: [] }
        : { status: "ignored", reason: "bulk operation not awaited by an import" };
    }
    default:
      return { status: "ignored", reason: `no processing for ${topic}` };
  }
}

/** Applies the stored delivery `deliveryId` of `shopId`. Safe to run again: a processed delivery is skipped. */
export async function processDelivery(
  db: Db,
  queue: JobQueue,
  shopId: string,
  deliveryId: string,
): Promise<ProcessOutcome> {
  const outcome = (await processDeliveries(db, queue, shopId, [deliveryId])).get(deliveryId)!;
  if (outcome instanceof Error) throw outcome;
  return outcome;
}

type Delivery = Awaited<ReturnType<ShopDb["webhookDelivery"]["findMany"]>>[number];

/**
 * Applies several stored deliveries of one shop, each as processDelivery would: order and refund deliveries together
 * (applyOrders: a few queries and one transaction for the whole set), the others one by one. A batch that fails is
 * applied again one delivery at a time, so one bad delivery fails alone. Returns each delivery's outcome or error.
 * Affected variants are queued for recompute BEFORE the deliveries are marked processed: a crash in between applies
 * them again (idempotent) rather than losing the recompute.
 */
export async function processDeliveries(
  db: Db,
  queue: JobQueue,
  shopId: string,
  deliveryIds: string[],
): Promise<Map<string, ProcessOutcome | Error>> {
  const s = forShop(db, shopId);
  const results = new Map<string, ProcessOutcome | Error>(deliveryIds.map((id) => [id, { status: "missing" }]));
  const rows = await s.webhookDelivery.findMany({ where: { id: { in: [...new Set(deliveryIds)] } } });
  const pending = rows.filter((d) => d.status !== "processed" && d.status !== "ignored");
  if (pending.length === 0) return results;
  const shop = await s.shop.findUnique({ where: { id: shopId }, select: { id: true, domain: true, timezone: true } });
  if (!shop) return results;
  // Stored before subjectId existed: the order finds its deliveries by index (before it is applied).
  for (const delivery of pending) {
    if (delivery.subjectId !== null) continue;
    const subjectId = subjectOf(delivery.topic, parsed(delivery));
    if (subjectId !== null) {
      await s.webhookDelivery.updateMany({ where: { id: delivery.id }, data: { subjectId } });
      delivery.subjectId = subjectId;
    }
  }
  const applied = new Map<string, Applied | Error>();
  const orders: { delivery: Delivery; request: OrderRequest }[] = [];
  for (const delivery of pending) {
    const request = orderRequestOf(delivery);
    if (request instanceof Error) applied.set(delivery.id, request);
    else if (request) orders.push({ delivery, request });
  }
  if (orders.length > 0) {
    try {
      const outcomes = await applyOrders(
        db,
        shop,
        orders.map((o) => o.request),
      );
      orders.forEach((o, i) => applied.set(o.delivery.id, orderApplied(o.delivery.topic, outcomes[i])));
    } catch (err) {
      if (!isTransientInfraError(err))
        log.warn("webhook batch failed; applying its deliveries one by one", {
          shopId,
          count: orders.length,
          error: firstLine(asError(err).message),
          code: (err as { code?: unknown }).code,
        });
      if (orders.length === 1) applied.set(orders[0].delivery.id, asError(err));
      else for (const o of orders) applied.set(o.delivery.id, await applyOne(db, queue, shop, o.delivery));
    }
  }
  for (const delivery of pending) {
    if (!applied.has(delivery.id)) applied.set(delivery.id, await applyOne(db, queue, shop, delivery));
  }
  const variantIds = new Set<string>();
  for (const outcome of applied.values())
    if (!(outcome instanceof Error) && outcome.status === "processed")
      outcome.variantIds.forEach((v) => variantIds.add(v));
  // A bundle's sale is demand of its components, a component's stock is its bundles' (docs/decisions/0024).
  if (variantIds.size > 0)
    await enqueueVariantRecomputes(queue, shopId, await withBundleRelatives(s, [...variantIds].sort()));
  // One write per distinct outcome (usually one for the whole batch).
  const groups = new Map<
    string,
    { data: { status: string; error: string | null; processedAt?: Date }; ids: string[] }
  >();
  const processedAt = new Date();
  for (const [id, outcome] of applied) {
    const delivery = pending.find((d) => d.id === id)!;
    let data: { status: string; error: string | null; processedAt?: Date };
    if (outcome instanceof Error) {
      // The database or Redis did not answer: the delivery stays "received" for the retry (or the sweep).
      if (isTransientInfraError(outcome)) {
        results.set(id, outcome);
        continue;
      }
      data = { status: "failed", error: firstLine(outcome.message) };
      log.warn("webhook processing failed", { shopId, deliveryId: id, topic: delivery.topic, error: data.error });
      results.set(id, outcome);
    } else {
      data = { status: outcome.status, error: outcome.status === "ignored" ? outcome.reason : null, processedAt };
      results.set(id, outcome);
    }
    const key = JSON.stringify([data.status, data.error]);
    const group = groups.get(key) ?? { data, ids: [] };
    group.ids.push(id);
    groups.set(key, group);
  }
  // shop/redact removed the deliveries with the shop: updateMany then touches nothing.
  for (const { data, ids } of groups.values()) await s.webhookDelivery.updateMany({ where: { id: { in: ids } }, data });
  return results;
}

const ORDER_TOPIC_SET = new Set<string>(ORDER_TOPICS);

const parsedPayloads = new WeakMap<Delivery, unknown>();

/** The delivery's payload, parsed once. */
function parsed(delivery: Delivery): unknown {
  if (parsedPayloads.has(delivery)) return parsedPayloads.get(delivery);
  let value: unknown = null;
  try {
    value = JSON.parse(delivery.payload);
  } catch {
    // not JSON: handled as an empty payload
  }
  parsedPayloads.set(delivery, value);
  return value;
}

/** Prisma's messages start with a blank line: the first line that says something. */
function firstLine(text: string): string {
  return (text.split("\n").find((line) => line.trim() !== "") ?? text).trim().slice(0, 500);
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/** The order an order or refund delivery is about; null for other topics; an error for a payload without it. */
function orderRequestOf(delivery: Delivery): OrderRequest | Error | null {
  if (!ORDER_TOPIC_SET.has(delivery.topic) && delivery.topic !== REFUND_TOPIC) return null;
  const payload = parsed(delivery);
  const p = isObj(payload) ? payload : {};
  // The payload goes along: applyOrders need not read it again with the order's other deliveries.
  const own = { deliveryId: delivery.id, topic: delivery.topic, payload: p };
  if (delivery.topic === REFUND_TOPIC) {
    const orderGid = gid("Order", p.order_id);
    return orderGid
      ? { orderGid, incomingUpdatedAt: null, own }
      : new PermanentJobError("refund payload without order_id");
  }
  const orderGid = gid("Order", p.id);
  return orderGid
    ? { orderGid, incomingUpdatedAt: date(p.updated_at), own }
    : new PermanentJobError("order payload without id");
}

function orderApplied(topic: string, r: OrderApplyResult): Applied {
  // A refund before its order is kept in the delivery table and folded in when the order arrives.
  if (topic === REFUND_TOPIC && r.status === "deferred") return { status: "processed", variantIds: [] };
  return r.status === "applied"
    ? { status: "processed", variantIds: r.variantIds }
    : { status: "ignored", reason: r.status };
}

/** One delivery through `apply` (every topic); its error is returned, not thrown. */
async function applyOne(
  db: Db,
  queue: JobQueue,
  shop: { id: string; domain: string; timezone: string },
  delivery: Delivery,
): Promise<Applied | Error> {
  try {
    const payload = parsed(delivery);
    return await apply(db, queue, shop, delivery.topic, isObj(payload) ? payload : {}, delivery.receivedAt);
  } catch (err) {
    return asError(err);
  }
}

/**
 * The job handler. Jobs claimed together (the webhook lane claims several at once) are applied together: calls that
 * arrive in the same turn of the event loop for one shop join one processDeliveries batch (at most 50). One batch per
 * shop runs at a time in a process; calls meanwhile gather into the next one, so batches stay large and a process
 * never makes its own transactions wait for each other's row locks.
 */
const MAX_BATCH = 50;
interface Waiting {
  resolve: (outcome: ProcessOutcome) => void;
  reject: (error: Error) => void;
}
interface ShopBatches {
  next: Map<string, Waiting[]>;
  running: boolean;
  scheduled: boolean;
}
const batches = new Map<string, ShopBatches>();

function flush(shopId: string): void {
  const state = batches.get(shopId);
  if (!state || state.running || state.next.size === 0) return;
  const batch = state.next;
  state.next = new Map();
  state.running = true;
  const settle = (outcomeOf: (id: string) => ProcessOutcome | Error) => {
    for (const [id, waiting] of batch) {
      const outcome = outcomeOf(id);
      for (const w of waiting) {
        if (outcome instanceof Error) w.reject(outcome);
        else w.resolve(outcome);
      }
    }
  };
  // Every call inside has its own timeout; this deadline only guarantees the shop's next batch is never held for ever.
  withDeadline(
    processDeliveries(getDb(), getJobQueue(), shopId, [...batch.keys()]),
    2 * readTimeouts().databaseMs + 10_000,
    "a webhook batch",
  )
    .then(
      (results) => settle((id) => results.get(id)!),
      (err) => settle(() => asError(err)),
    )
    .finally(() => {
      state.running = false;
      if (state.next.size > 0) flush(shopId);
      else batches.delete(shopId);
    });
}

export function processInBatch(shopId: string, deliveryId: string): Promise<ProcessOutcome> {
  return new Promise((resolve, reject) => {
    let state = batches.get(shopId);
    if (!state) {
      state = { next: new Map(), running: false, scheduled: false };
      batches.set(shopId, state);
    }
    state.next.set(deliveryId, [...(state.next.get(deliveryId) ?? []), { resolve, reject }]);
    if (!state.scheduled) {
      state.scheduled = true;
      const s = state;
      setImmediate(() => {
        s.scheduled = false;
        flush(shopId);
      });
    }
    if (state.next.size >= MAX_BATCH) flush(shopId);
  });
}

defineJobHandler<WebhookProcessPayload>(WEBHOOK_PROCESS_JOB, async (job) => {
  if (!job.payload?.deliveryId) throw new PermanentJobError("webhook.process needs { deliveryId }");
  // A short result (the same for most deliveries of a batch, so the queue finishes them with one statement).
  const outcome = await processInBatch(job.shopId, job.payload.deliveryId);
  return outcome.status === "ignored" ? { status: outcome.status, reason: outcome.reason } : { status: outcome.status };
});
