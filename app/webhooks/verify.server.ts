// Verifies a webhook request before anything is stored, reading at most WEBHOOK_BODY_LIMIT_BYTES:
// a declared Content-Length over the limit is refused (413) without reading; a streamed body is cut at the
// limit; the HMAC (X-Shopify-Hmac-Sha256, base64 HMAC-SHA256 of the raw body with the app secret) is
// computed while the body streams. Validly signed but unusable input answers 4xx, never 500: an invalid shop
// header, a topic the route does not handle, a body that is not a JSON object (docs/decisions/0017).
import { createHmac, timingSafeEqual } from "node:crypto";
import { isShopDomain } from "~/shopify/shop-domain";
import { isObj, type Json } from "~/sync/webhooks/payload";

/**
 * 5 MiB. Shopify documents no cap for HTTPS deliveries; its staff speak of bodies "upwards of a megabyte" for
 * large orders, and EventBridge deliveries stop at 1,000,000 bytes. A product with 2,048 variants is about 2 MB.
 */
export const WEBHOOK_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

export interface VerifiedWebhook {
  /** As the Shopify library names it: "orders/create" -> "ORDERS_CREATE". */
  topic: string;
  shop: string;
  webhookId: string;
  apiVersion: string;
  triggeredAt: Date | null;
  payload: Json;
}

export interface VerifyOptions {
  secret: string;
  /** The topics this route handles; any other is refused (400) and never stored. */
  topics: readonly string[];
  limit?: number;
}

const refuse = (status: number, reason: string, headers: Record<string, string> = {}): Response =>
  new Response(reason, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } });

/** 413 and close the connection: the rest of the body is never read. */
const tooLarge = (limit: number) => refuse(413, `body over ${limit} bytes`, { Connection: "close" });

export const topicForStorage = (header: string): string => header.toUpperCase().replace(/[/.]/g, "_");

/** Reads the body up to `limit` bytes, feeding the HMAC as it goes; throws 413 past the limit. */
async function readSigned(request: Request, secret: string, limit: number): Promise<{ body: Buffer; digest: Buffer }> {
  const hmac = createHmac("sha256", secret);
  const chunks: Buffer[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        reader.releaseLock();
        throw tooLarge(limit);
      }
      const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      hmac.update(chunk);
      chunks.push(chunk);
    }
  }
  return { body: Buffer.concat(chunks, size), digest: hmac.digest() };
}

/** The verified delivery, or throws the Response to answer (405, 400, 401 or 413). */
export async function verifyWebhook(request: Request, options: VerifyOptions): Promise<VerifiedWebhook> {
  const limit = options.limit ?? WEBHOOK_BODY_LIMIT_BYTES;
  if (request.method !== "POST") throw refuse(405, "webhooks are POST requests");
  const declared = request.headers.get("Content-Length");
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit) throw tooLarge(limit);
  const h = (name: string) => request.headers.get(name) ?? "";
  const hmac = h("X-Shopify-Hmac-Sha256");
  const topicHeader = h("X-Shopify-Topic");
  const shop = h("X-Shopify-Shop-Domain");
  const webhookId = h("X-Shopify-Webhook-Id");
  const apiVersion = h("X-Shopify-API-Version");
  const missing = Object.entries({
    "X-Shopify-Hmac-Sha256": hmac,
    "X-Shopify-Topic": topicHeader,
    "X-Shopify-Shop-Domain": shop,
    "X-Shopify-Webhook-Id": webhookId,
    "X-Shopify-API-Version": apiVersion,
  })
    .filter(([, v]) => v === "")
    .map(([k]) => k);
  if (missing.length > 0) throw refuse(400, `missing headers: ${missing.join(", ")}`);

  const { body, digest } = await readSigned(request, options.secret, limit);
  const claimed = Buffer.from(hmac, "base64");
  if (claimed.length !== digest.length || !timingSafeEqual(claimed, digest)) throw refuse(401, "invalid HMAC");

  // Signed with our secret from here on: what remains wrong is refused with 400, never stored or retried by a job.
  if (!isShopDomain(shop)) throw refuse(400, "X-Shopify-Shop-Domain is not a *.myshopify.com domain");
  const topic = topicForStorage(topicHeader);
  if (!options.topics.includes(topic)) throw refuse(400, `topic ${topicHeader} is not handled by this route`);
  if (webhookId.length > 255 || apiVersion.length > 32)
    throw refuse(400, "X-Shopify-Webhook-Id or X-Shopify-API-Version is too long");
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    throw refuse(400, "the body is not UTF-8 JSON");
  }
  if (!isObj(payload)) throw refuse(400, "the body is not a JSON object");
  const triggered = h("X-Shopify-Triggered-At") ? new Date(h("X-Shopify-Triggered-At")) : null;
  return {
    topic,
    shop,
    webhookId,
    apiVersion,
    triggeredAt: triggered && !Number.isNaN(triggered.getTime()) ? triggered : null,
    payload,
  };
}
