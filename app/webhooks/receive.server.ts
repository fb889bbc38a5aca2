import type { ActionFunctionArgs } from "@remix-run/node";
import { Prisma } from "@prisma/client";
import { apiSecretKey } from "~/shopify.server";
import { prisma } from "~/db.server";
import { log, setLogShop } from "~/logger.server";
import { acknowledgeStored, answerInTime, type StoredDelivery } from "./ack.server";
import { customerKeySecret, scrubPayload } from "~/sync/webhooks/scrub";
import { subjectOf } from "~/sync/webhooks/subject";
import { sqliteIntake } from "./intake.server";
import type { SqliteIntake } from "./sqlite-intake.server";
import { verifyWebhook } from "./verify.server";
import { isUniqueViolation } from "~/db/unique-violation";

declare global {
  // Shop id per domain: a Shop row keeps its id until shop/redact deletes it (then P2003 below: look it up again).
  var __pilotageShopIds: Map<string, string> | undefined;
  // performance.now() of the last webhook received: the in-process job worker yields to bursts (server/jobs.server.ts).
  var __pilotageLastWebhookAt: number | undefined;
}
const MAX_CACHED_SHOPS = 10_000;

async function shopIdOf(domain: string, intake: SqliteIntake | null = null): Promise<string> {
  const cache = (globalThis.__pilotageShopIds ??= new Map());
  const cached = cache.get(domain);
  if (cached) return cached;
  // SQLite: read without Prisma's connection (a job's transaction may hold it); only an unknown shop is created.
  const known = intake?.shopId(domain);
  if (known) {
    if (cache.size >= MAX_CACHED_SHOPS) cache.clear();
    cache.set(domain, known);
    return known;
  }
  const row = await prisma.shop.upsert({
    where: { domain },
    create: { domain, name: domain },
    update: {},
    select: { id: true },
  });
  if (cache.size >= MAX_CACHED_SHOPS) cache.clear();
  cache.set(domain, row.id);
  return row.id;
}

/** A foreign key refused the row (by code: the SQLite and PostgreSQL clients have distinct error classes). */
const isForeignKeyViolation = (err: unknown): boolean => (err as { code?: unknown } | null)?.code === "P2003";

/** The action of a webhook route that handles `topics` (as stored: "ORDERS_CREATE"); other topics get 400. */
export function webhookAction(...topics: string[]) {
  return ({ request }: ActionFunctionArgs) => receiveWebhook(request, topics);
}

/**
 * Every webhook route: verify the body size, HMAC, shop, topic and JSON (./verify.server.ts answers 4xx itself),
 * record the delivery durably, de-duplicated on X-Shopify-Webhook-Id, then acknowledge. Processing happens in
 * jobs, never in the request, and the job is enqueued after the answer: Redis being down never delays it
 * (docs/decisions/0016).
 */
export function receiveWebhook(request: Request, topics: readonly string[]): Promise<Response> {
  return answerInTime(receive(request, topics), { path: new URL(request.url).pathname });
}

async function receive(request: Request, topics: readonly string[]): Promise<Response> {
  const { topic, shop, webhookId, payload, apiVersion, triggeredAt } = await verifyWebhook(request, {
    secret: apiSecretKey,
    topics,
  });
  globalThis.__pilotageLastWebhookAt = performance.now();
  setLogShop(shop);
  const data = {
    webhookId,
    topic,
    apiVersion,
    triggeredAt,
    // Only the fields the app reads for this topic are stored (an allow-list); the customer id is pseudonymised.
    payload: JSON.stringify(scrubPayload(topic, payload, customerKeySecret())),
    subjectId: subjectOf(topic, payload),
  };
  // Stored within the acknowledgement deadline, or 503; the job is enqueued after the answer (./ack.server.ts).
  const response = await acknowledgeStored(storeDelivery(shop, data), { shop, topic, webhookId });
  if (response.status === 200) log.info("webhook received", { shop, topic, webhookId });
  return response;
}

type DeliveryData = Omit<Prisma.WebhookDeliveryUncheckedCreateInput, "shopId">;

/**
 * Inserts the delivery, de-duplicated on X-Shopify-Webhook-Id. A duplicate of a delivery not yet processed is
 * returned too (not fresh): Shopify re-sends what a crashed server never answered, and its job may be gone with it.
 */
async function storeDelivery(shop: string, data: DeliveryData): Promise<StoredDelivery | null> {
  const intake = sqliteIntake();
  return intake ? storeInIntake(intake, shop, data) : storeWithPrisma(shop, data);
}

/** SQLite: the intake's own connection, group-committed, with its job (./sqlite-intake.server.ts). */
async function storeInIntake(intake: SqliteIntake, shop: string, data: DeliveryData): Promise<StoredDelivery | null> {
  let shopId = await shopIdOf(shop, intake);
  for (let attempt = 0; ; attempt++) {
    const result = await intake.record({
      shopId,
      webhookId: data.webhookId,
      topic: data.topic,
      apiVersion: data.apiVersion ?? null,
      triggeredAt: (data.triggeredAt as Date | null | undefined) ?? null,
      payload: data.payload,
      subjectId: data.subjectId ?? null,
    });
    if (result.status === "stored")
      return { shopId, deliveryId: result.deliveryId, fresh: true, queued: result.jobQueued };
    if (result.status === "duplicate") {
      log.info("webhook duplicate", { shop, topic: data.topic, webhookId: data.webhookId, received: result.received });
      return result.received ? { shopId, deliveryId: result.deliveryId, fresh: false } : null;
    }
    // The cached shop was redacted (row deleted): create it again, once.
    if (attempt > 0) throw new Error(`webhook intake: shop ${shop} vanished twice while storing a delivery`);
    globalThis.__pilotageShopIds?.delete(shop);
    shopId = await shopIdOf(shop, intake);
  }
}

/** PostgreSQL: through the shared client (its pool gives the insert a connection of its own). */
async function storeWithPrisma(shop: string, data: DeliveryData): Promise<StoredDelivery | null> {
  let shopId = await shopIdOf(shop);
  for (let attempt = 0; ; attempt++) {
    try {
      const { id } = await prisma.webhookDelivery.create({ data: { ...data, shopId }, select: { id: true } });
      return { shopId, deliveryId: id, fresh: true };
    } catch (err) {
      if (isUniqueViolation(err)) {
        const existing = await prisma.webhookDelivery.findUnique({
          where: { shopId_webhookId: { shopId, webhookId: data.webhookId } },
          select: { id: true, status: true },
        });
        log.info("webhook duplicate", { shop, topic: data.topic, webhookId: data.webhookId, status: existing?.status });
        return existing?.status === "received" ? { shopId, deliveryId: existing.id, fresh: false } : null;
      }
      // The cached shop was redacted (row deleted): create it again, once.
      if (isForeignKeyViolation(err) && attempt === 0) {
        globalThis.__pilotageShopIds?.delete(shop);
        shopId = await shopIdOf(shop);
        continue;
      }
      throw err;
    }
  }
}
