import type { ActionFunctionArgs } from "@remix-run/node";
import { Prisma } from "@prisma/client";
import { apiSecretKey } from "~/shopify.server";
import { prisma } from "~/db.server";
import { log, setLogShop } from "~/logger.server";
import { getJobQueue } from "~/jobs/index.server";
import { enqueueDelivery } from "~/sync/webhooks/job-type";
import { customerKeySecret, scrubPayload } from "~/sync/webhooks/scrub";
import { subjectOf } from "~/sync/webhooks/subject";
import { verifyWebhook } from "./verify.server";

declare global {
  // Shop id per domain: a Shop row keeps its id until shop/redact deletes it (then P2003 below: look it up again).
  var __pilotageShopIds: Map<string, string> | undefined;
  // performance.now() of the last webhook received: the in-process job worker yields to bursts (server/jobs.server.ts).
  var __pilotageLastWebhookAt: number | undefined;
}
const MAX_CACHED_SHOPS = 10_000;

async function shopIdOf(domain: string): Promise<string> {
  const cache = (globalThis.__pilotageShopIds ??= new Map());
  const cached = cache.get(domain);
  if (cached) return cached;
  const row = await prisma.shop.upsert({ where: { domain }, create: { domain, name: domain }, update: {}, select: { id: true } });
  if (cache.size >= MAX_CACHED_SHOPS) cache.clear();
  cache.set(domain, row.id);
  return row.id;
}

function isPrismaError(err: unknown, code: string): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === code;
}

/** The action of a webhook route that handles `topics` (as stored: "ORDERS_CREATE"); other topics get 400. */
export function webhookAction(...topics: string[]) {
  return ({ request }: ActionFunctionArgs) => receiveWebhook(request, topics);
}

/**
 * Every webhook route: verify the body size, HMAC, shop, topic and JSON (./verify.server.ts answers 4xx itself),
 * record the delivery durably, de-duplicated on X-Shopify-Webhook-Id, then acknowledge. Processing happens in
 * jobs, never in the request.
 */
export async function receiveWebhook(request: Request, topics: readonly string[]): Promise<Response> {
  const { topic, shop, webhookId, payload, apiVersion, triggeredAt } = await verifyWebhook(request, { secret: apiSecretKey, topics });
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
  let shopId = await shopIdOf(shop);
  let deliveryId: string;
  for (let attempt = 0; ; attempt++) {
    try {
      ({ id: deliveryId } = await prisma.webhookDelivery.create({ data: { ...data, shopId }, select: { id: true } }));
      break;
    } catch (err) {
      if (isPrismaError(err, "P2002")) {
        log.info("webhook duplicate ignored", { shop, topic, webhookId });
        return new Response(null, { status: 200 });
      }
      // The cached shop was redacted (row deleted): create it again, once.
      if (isPrismaError(err, "P2003") && attempt === 0) {
        globalThis.__pilotageShopIds?.delete(shop);
        shopId = await shopIdOf(shop);
        continue;
      }
      throw err;
    }
  }
  // One small insert; the job (app/sync/webhooks/process.server.ts) applies the delivery after the response.
  // A crash before this enqueue leaves the delivery "received": the webhook.sweep job enqueues it later.
  await enqueueDelivery(getJobQueue(), shopId, deliveryId, { fresh: true });
  log.info("webhook received", { shop, topic, webhookId });
  return new Response(null, { status: 200 });
}
