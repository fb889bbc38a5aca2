import { createHmac, randomUUID } from "node:crypto";

/** A webhook request as Shopify sends it, signed with `secret` (X-Shopify-Hmac-Sha256 over the raw body). */
export function signedWebhook(opts: {
  url?: string;
  topic: string;
  shop: string;
  body: unknown;
  /** The raw body to send instead of JSON.stringify(body) (malformed input). */
  raw?: string;
  secret: string;
  webhookId?: string;
  hmac?: string;
}): Request {
  const raw = opts.raw ?? JSON.stringify(opts.body);
  const hmac = opts.hmac ?? createHmac("sha256", opts.secret).update(raw, "utf8").digest("base64");
  return new Request(opts.url ?? `https://pilotage.example.com/webhooks/${opts.topic}`, {
    method: "POST",
    body: raw,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Hmac-Sha256": hmac,
      "X-Shopify-Topic": opts.topic,
      "X-Shopify-Shop-Domain": opts.shop,
      "X-Shopify-API-Version": "2026-04",
      "X-Shopify-Webhook-Id": opts.webhookId ?? randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
    },
  });
}

/** The HTTP status of a route action's answer, whether it returned or threw its Response. */
export async function statusOf(answer: () => Promise<Response>): Promise<number> {
  try {
    return (await answer()).status;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}
