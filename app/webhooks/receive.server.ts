import type { ActionFunctionArgs } from "@remix-run/node";
import { Prisma } from "@prisma/client";
import { authenticate } from "~/shopify.server";
import { prisma } from "~/db.server";
import { log, setLogShop } from "~/logger.server";
import { getJobQueue } from "~/jobs/index.server";
import { WEBHOOK_PROCESS_JOB, type WebhookProcessPayload } from "~/sync/webhooks/job-type";
import { customerKeySecret, scrubPayload } from "~/sync/webhooks/scrub";

/**
 * Every webhook route: verify the HMAC (authenticate.webhook answers 400/401 itself), record the delivery durably,
 * de-duplicated on X-Shopify-Webhook-Id, then acknowledge. Processing happens in jobs, never in the request.
 */
export async function receiveWebhook({ request }: ActionFunctionArgs): Promise<Response> {
  const { topic, shop, webhookId, payload, apiVersion, triggeredAt } = await authenticate.webhook(request);
  setLogShop(shop);
  const shopRow = await prisma.shop.upsert({
    where: { domain: shop },
    create: { domain: shop, name: shop },
    update: {},
    select: { id: true },
  });
  let deliveryId: string;
  try {
    ({ id: deliveryId } = await prisma.webhookDelivery.create({
      data: {
        shopId: shopRow.id,
        webhookId,
        topic,
        apiVersion,
        triggeredAt: triggeredAt ? new Date(triggeredAt) : null,
        // Personal data (email, names, addresses) is dropped and the customer id pseudonymised before storage.
        payload: JSON.stringify(scrubPayload(payload ?? {}, customerKeySecret())),
      },
      select: { id: true },
    }));
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      log.info("webhook duplicate ignored", { shop, topic, webhookId });
      return new Response(null, { status: 200 });
    }
    throw err;
  }
  // One small insert; the job (app/sync/webhooks/process.server.ts) applies the delivery after the response.
  await getJobQueue().enqueue<WebhookProcessPayload>({ shopId: shopRow.id, type: WEBHOOK_PROCESS_JOB, payload: { deliveryId } });
  log.info("webhook received", { shop, topic, webhookId });
  return new Response(null, { status: 200 });
}
