// The `webhook.process` job: applies one stored WebhookDelivery, idempotently, then marks it
// processed | ignored (stale, unknown, or a topic with nothing to apply) | failed (with the error).
// Afterwards every affected variant gets one coalesced recompute (enqueueVariantRecompute).
import { getDb, type Db } from "~/db.server";
import { forShop } from "~/db/scoped.server";
import { defineJobHandler } from "~/jobs/registry";
import { getJobQueue } from "~/jobs/index.server";
import { enqueueVariantRecompute } from "~/jobs/standard";
import { PermanentJobError, type JobQueue } from "~/jobs/types";
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
import {
  applyInventoryItem,
  applyInventoryLevel,
  applyProduct,
  deleteProduct,
} from "./catalogue.server";
import { WEBHOOK_PROCESS_JOB, type WebhookProcessPayload } from "./job-type";
import { applyOrder, ORDER_TOPICS, REFUND_TOPIC } from "./orders.server";
import { date, gid, isObj, str, type Json } from "./payload";
import { subjectOf } from "./subject";
import "./redelivery.server"; // registers webhook.sweep with this module (app/jobs/handlers.server.ts)

export type ProcessOutcome =
  | { status: "processed"; variantIds: string[] }
  | { status: "ignored"; reason: string }
  | { status: "failed"; error: string }
  | { status: "missing" }; // the delivery is gone (shop redacted) or was already applied

type Applied =
  | { status: "processed"; variantIds: string[] }
  | { status: "ignored"; reason: string };

async function apply(
  db: Db,
  queue: JobQueue,
  shop: { id: string; domain: string; timezone: string },
  topic: string,
  payload: Json,
  receivedAt: Date
): Promise<Applied> {
  const s = forShop(db, shop.id);
  const done = (r: {
    status: string;
    variantIds?: string[];
    reason?: string;
  }): Applied =>
    r.status === "applied"
      ? { status: "processed", variantIds: r.variantIds ?? [] }
      : { status: "ignored", reason: r.reason ?? r.status };
  if ((ORDER_TOPICS as readonly string[]).includes(topic)) {
    const orderGid = gid("Order", payload.id);
    if (!orderGid) throw new PermanentJobError("order payload without id");
    return done(await applyOrder(s, shop, orderGid, date(payload.updated_at)));
  }
  switch (topic) {
    case REFUND_TOPIC: {
      const orderGid = gid("Order", payload.order_id);
      if (!orderGid)
        throw new PermanentJobError("refund payload without order_id");
      const r = await applyOrder(s, shop, orderGid, null);
      // A refund before its order is kept in the delivery table and folded in when the order arrives.
      return r.status === "deferred"
        ? { status: "processed", variantIds: [] }
        : done(r);
    }
    case "PRODUCTS_CREATE":
    case "PRODUCTS_UPDATE":
      return done(await applyProduct(s, shop, payload));
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
      await customerDataReport(
        db,
        shop,
        key,
        isObj(payload.data_request) ? str(payload.data_request.id) : null
      );
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
  deliveryId: string
): Promise<ProcessOutcome> {
  const s = forShop(db, shopId);
  const delivery = await s.webhookDelivery.findUnique({
    where: { id: deliveryId },
  });
  if (
    !delivery ||
    delivery.status === "processed" ||
    delivery.status === "ignored"
  )
    return { status: "missing" };
  const shop = await s.shop.findUnique({
    where: { id: shopId },
    select: { id: true, domain: true, timezone: true },
  });
  if (!shop) return { status: "missing" };
  let outcome: Applied;
  try {
    const payload: unknown = JSON.parse(delivery.payload);
    // Deliveries stored before subjectId existed get it now, so their order finds them by index.
    const subjectId = delivery.subjectId ?? subjectOf(delivery.topic, payload);
    if (subjectId !== delivery.subjectId)
      await s.webhookDelivery.updateMany({ where: { id: deliveryId }, data: { subjectId } });
    outcome = await apply(
      db,
      queue,
      shop,
      delivery.topic,
      isObj(payload) ? payload : {},
      delivery.receivedAt
    );
  } catch (err) {
    const error =
      err instanceof Error ? err.message.split("\n")[0] : String(err);
    await s.webhookDelivery.updateMany({
      where: { id: deliveryId },
      data: { status: "failed", error },
    });
    log.warn("webhook processing failed", {
      shopId,
      deliveryId,
      topic: delivery.topic,
      error,
    });
    throw err;
  }
  // shop/redact removed the delivery with the shop: updateMany then touches nothing.
  await s.webhookDelivery.updateMany({
    where: { id: deliveryId },
    data: {
      status: outcome.status,
      error: outcome.status === "ignored" ? outcome.reason : null,
      processedAt: new Date(),
    },
  });
  if (outcome.status === "processed") {
    for (const variantId of outcome.variantIds)
      await enqueueVariantRecompute(queue, shopId, variantId);
  }
  return outcome;
}

defineJobHandler<WebhookProcessPayload>(WEBHOOK_PROCESS_JOB, async (job) => {
  if (!job.payload?.deliveryId)
    throw new PermanentJobError("webhook.process needs { deliveryId }");
  return processDelivery(
    getDb(),
    getJobQueue(),
    job.shopId,
    job.payload.deliveryId
  );
});
