// Signed webhooks as Shopify sends them: JSON body, X-Shopify-Hmac-Sha256 = base64(HMAC-SHA256(secret, raw body)),
// and the Topic, Shop-Domain, API-Version, Webhook-Id and Triggered-At headers.
import { createHmac, randomUUID } from "node:crypto";
import { API_VERSION } from "~/scopes";
import { gidNumber, type EmuLevel, type EmuOrder, type EmulatorState } from "./state.server";

export interface WebhookDelivery {
  /** The app's origin, e.g. http://localhost:3000; the request goes to {appUrl}/webhooks/{topic} unless `path`. */
  appUrl: string;
  topic: string;
  shop: string;
  payload: unknown;
  /** The app's client secret. */
  secret: string;
  path?: string;
  webhookId?: string;
  apiVersion?: string;
  triggeredAt?: string;
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

export interface WebhookResult {
  topic: string;
  webhookId: string;
  status: number;
}

export function webhookHmac(secret: string, rawBody: string): string {
  return createHmac("sha256", secret).update(rawBody, "utf8").digest("base64");
}

export async function sendWebhook(delivery: WebhookDelivery): Promise<WebhookResult> {
  const raw = JSON.stringify(delivery.payload);
  const webhookId = delivery.webhookId ?? randomUUID();
  const url = `${delivery.appUrl.replace(/\/+$/, "")}${delivery.path ?? `/webhooks/${delivery.topic}`}`;
  const doFetch = delivery.fetch ?? ((input: string, init: RequestInit) => fetch(input, init));
  const response = await doFetch(url, {
    method: "POST",
    body: raw,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Hmac-Sha256": webhookHmac(delivery.secret, raw),
      "X-Shopify-Topic": delivery.topic,
      "X-Shopify-Shop-Domain": delivery.shop,
      "X-Shopify-API-Version": delivery.apiVersion ?? API_VERSION,
      "X-Shopify-Webhook-Id": webhookId,
      "X-Shopify-Triggered-At": delivery.triggeredAt ?? new Date().toISOString(),
    },
  });
  await response.body?.cancel();
  return { topic: delivery.topic, webhookId, status: response.status };
}

const money = (n: number) => n.toFixed(2);

/** The REST-shaped `orders/*` payload (the shape webhooks carry). */
export function orderPayload(state: EmulatorState, o: EmuOrder): object {
  return {
    id: gidNumber(o.id),
    admin_graphql_api_id: o.id,
    name: o.name,
    email: o.email,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
    processed_at: o.createdAt,
    cancelled_at: o.cancelledAt,
    cancel_reason: o.cancelledAt ? "customer" : null,
    currency: state.shop.currency,
    location_id: gidNumber(o.locationId),
    customer: o.customerId ? { id: gidNumber(o.customerId), admin_graphql_api_id: o.customerId, email: o.email } : null,
    total_discounts: money(o.lines.reduce((a, l) => a + l.discount, 0)),
    line_items: o.lines.map((l) => {
      const variant = state.variantById.get(l.variantId);
      return {
        id: gidNumber(l.id),
        admin_graphql_api_id: l.id,
        variant_id: gidNumber(l.variantId),
        product_id: variant ? gidNumber(variant.productId) : null,
        sku: l.sku,
        title: l.title,
        quantity: l.quantity,
        price: money(l.price),
        total_discount: money(l.discount),
        discount_allocations: l.discount > 0 ? [{ amount: money(l.discount), discount_application_index: 0 }] : [],
      };
    }),
    refunds: o.refunds.map((r) => ({
      id: gidNumber(r.id),
      admin_graphql_api_id: r.id,
      created_at: r.createdAt,
      order_id: gidNumber(o.id),
      refund_line_items: r.lines.map((x) => ({
        id: gidNumber(x.id),
        line_item_id: gidNumber(x.lineId),
        quantity: x.quantity,
        subtotal: money(x.amount),
      })),
    })),
  };
}

/** The `inventory_levels/update` payload. */
export function inventoryLevelPayload(l: EmuLevel): object {
  return {
    inventory_item_id: gidNumber(l.inventoryItemId),
    location_id: gidNumber(l.locationId),
    available: l.available,
    updated_at: l.updatedAt,
    admin_graphql_api_id: l.id,
  };
}
