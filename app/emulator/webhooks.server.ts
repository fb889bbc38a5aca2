// Signed webhooks as Shopify sends them: JSON body, X-Shopify-Hmac-Sha256 = base64(HMAC-SHA256(secret, raw body)),
// and the Topic, Shop-Domain, API-Version, Webhook-Id and Triggered-At headers.
import { createHmac, randomUUID } from "node:crypto";
import { API_VERSION } from "~/scopes";
import { gidNumber, type EmuLevel, type EmuOrder, type EmuRefund, type EmulatorState } from "./state.server";
import { documentedItem, documentedWebhook, type JsonObject } from "./webhook-examples.server";

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
const moneySet = (n: number, currency: string) => ({
  shop_money: { amount: money(n), currency_code: currency },
  presentment_money: { amount: money(n), currency_code: currency },
});

/**
 * The REST-shaped `orders/*` payload: Shopify's documented example (./webhook-examples) with the emulator's order in
 * every field the app reads and in the amounts, names and ids around them; the rest (addresses, shipping lines...)
 * stays the documented example's. tests/integration/admin/webhooks.test.ts validates it against the published schema.
 */
export function orderPayload(state: EmulatorState, o: EmuOrder): object {
  const doc = documentedWebhook("orders/create");
  const currency = state.shop.currency;
  const lineTemplate = documentedItem("orders/create", "line_items", doc);
  const subtotal = o.lines.reduce((a, l) => a + l.price * l.quantity, 0);
  const discounts = o.lines.reduce((a, l) => a + l.discount, 0);
  // Personal fields (email, addresses) the simulator does not have keep the documented placeholders.
  const email = o.email ?? doc.email;
  const customer = o.customerId
    ? {
        ...(doc.customer as JsonObject),
        id: gidNumber(o.customerId),
        admin_graphql_api_id: o.customerId,
        email,
        currency,
      }
    : null;
  return {
    ...doc,
    id: gidNumber(o.id),
    admin_graphql_api_id: o.id,
    name: o.name,
    order_number: gidNumber(o.id),
    email,
    contact_email: email,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
    processed_at: o.createdAt,
    cancelled_at: o.cancelledAt,
    cancel_reason: o.cancelledAt ? "customer" : null,
    financial_status: "paid",
    test: false,
    currency,
    presentment_currency: currency,
    location_id: gidNumber(o.locationId),
    customer,
    discount_codes: [],
    total_discounts: money(discounts),
    total_discounts_set: moneySet(discounts, currency),
    total_line_items_price: money(subtotal),
    total_line_items_price_set: moneySet(subtotal, currency),
    subtotal_price: money(subtotal - discounts),
    subtotal_price_set: moneySet(subtotal - discounts, currency),
    line_items: o.lines.map((l) => {
      const variant = state.variantById.get(l.variantId);
      return {
        ...lineTemplate,
        id: gidNumber(l.id),
        admin_graphql_api_id: l.id,
        variant_id: gidNumber(l.variantId),
        product_id: variant ? gidNumber(variant.productId) : null,
        sku: l.sku,
        name: l.title,
        title: l.title,
        variant_title: null,
        vendor: null,
        quantity: l.quantity,
        current_quantity: l.quantity,
        fulfillable_quantity: l.quantity,
        price: money(l.price),
        price_set: moneySet(l.price, currency),
        total_discount: money(l.discount),
        total_discount_set: moneySet(l.discount, currency),
        attributed_staffs: [],
        discount_allocations:
          l.discount > 0
            ? [{ amount: money(l.discount), amount_set: moneySet(l.discount, currency), discount_application_index: 0 }]
            : [],
      };
    }),
    refunds: o.refunds.map((r) => refundPayload(state, o, r)),
  };
}

/** The `refunds/create` payload (also each of an order payload's `refunds`): the documented refund with the emulator's. */
export function refundPayload(state: EmulatorState, o: EmuOrder, r: EmuRefund): object {
  const doc = documentedWebhook("refunds/create");
  const lineTemplate = documentedItem("refunds/create", "refund_line_items", doc);
  const currency = state.shop.currency;
  return {
    ...doc,
    id: gidNumber(r.id),
    admin_graphql_api_id: r.id,
    created_at: r.createdAt,
    processed_at: r.createdAt,
    order_id: gidNumber(o.id),
    transactions: [],
    refund_line_items: r.lines.map((x) => ({
      ...lineTemplate,
      id: gidNumber(x.id),
      line_item_id: gidNumber(x.lineId),
      line_item: { ...(lineTemplate.line_item as JsonObject), id: gidNumber(x.lineId) },
      quantity: x.quantity,
      subtotal: Math.round(x.amount * 100) / 100,
      subtotal_set: moneySet(x.amount, currency),
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
