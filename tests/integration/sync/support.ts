// Shared by the webhook processing tests: a migrated temp SQLite database, signed deliveries through the real
// route actions, and a drain that runs the webhook.process job handler on every stored delivery in order.
import { documentedItem, documentedWebhook } from "~/emulator/webhook-examples.server";
import { signedWebhook } from "../../support/webhook";
import { assertShopifyPayload } from "../../support/webhook-schemas";
import { TEST_SECRET, migratedTestDatabase } from "../../support/env";

type Action = (args: { request: Request; params: object; context: object }) => Promise<Response>;

const ROUTES: Record<string, string> = {
  "orders/create": "webhooks.orders.create",
  "orders/updated": "webhooks.orders.updated",
  "orders/cancelled": "webhooks.orders.cancelled",
  "refunds/create": "webhooks.refunds.create",
  "products/create": "webhooks.products.create",
  "products/update": "webhooks.products.update",
  "products/delete": "webhooks.products.delete",
  "inventory_levels/update": "webhooks.inventory_levels.update",
  "inventory_items/update": "webhooks.inventory_items.update",
  "app/uninstalled": "webhooks.app.uninstalled",
  "app/scopes_update": "webhooks.app.scopes_update",
  "bulk_operations/finish": "webhooks.bulk_operations.finish",
  "customers/redact": "webhooks.compliance",
  "customers/data_request": "webhooks.compliance",
  "shop/redact": "webhooks.compliance",
};

export interface SyncHarness {
  prisma: typeof import("~/db.server").prisma;
  queue: import("~/jobs/types").JobQueue;
  /**
   * Sends a signed delivery through the topic's route action; returns the HTTP status. The body must be a payload
   * of the topic as Shopify publishes it (tests/support/webhook-schemas.ts); `partial` (why) checks only the types
   * and formats of the fields present, for a test whose point is elsewhere.
   */
  send(
    shop: string,
    topic: string,
    body: unknown,
    opts?: { webhookId?: string; secret?: string; partial?: string },
  ): Promise<number>;
  /** Runs webhook.process on every delivery still "received", oldest first. */
  drain(): Promise<void>;
  shopId(domain: string): Promise<string>;
}

export async function syncHarness(): Promise<SyncHarness> {
  const { prisma } = await migratedTestDatabase();
  const { processDelivery } = await import("~/sync/webhooks/process.server");
  const { settleSqliteIntake } = await import("~/webhooks/intake.server");
  const { getJobQueue } = await import("~/jobs/index.server");
  const queue = getJobQueue(); // not started: enqueue only writes Job rows; the tests run the handler themselves
  const actions = new Map<string, Action>();
  for (const [topic, route] of Object.entries(ROUTES)) {
    actions.set(topic, ((await import(`../../../app/routes/${route}.tsx`)) as { action: Action }).action);
  }
  let n = 0;
  return {
    prisma,
    queue,
    async send(shop, topic, body, opts = {}) {
      assertShopifyPayload(topic, body, { partial: !!opts.partial });
      const request = signedWebhook({
        topic,
        shop,
        body,
        secret: opts.secret ?? TEST_SECRET,
        webhookId: opts.webhookId ?? `w-${++n}-${Date.now()}`,
      });
      try {
        return (await actions.get(topic)!({ request, params: {}, context: {} })).status;
      } catch (thrown) {
        if (thrown instanceof Response) return thrown.status;
        throw thrown;
      }
    },
    async drain() {
      await settleSqliteIntake(); // a delivery acknowledged from the intake's journal is moved first
      const rows = await prisma.webhookDelivery.findMany({
        where: { status: "received" },
        orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
      });
      for (const r of rows) await processDelivery(prisma, queue, r.shopId, r.id);
    },
    async shopId(domain) {
      return (await prisma.shop.findUniqueOrThrow({ where: { domain } })).id;
    },
  };
}

// --- Payload builders: Shopify's documented example of the topic (app/emulator/webhook-examples) with the test's
// values in every field the app reads (the scrub's allow-list) and the ids and amounts around them. send() checks
// each body against the topic's published schema.

const money = (amount: string | number) => Number(amount).toFixed(2);
const moneySet = (amount: string | number) => ({
  shop_money: { amount: money(amount), currency_code: "EUR" },
  presentment_money: { amount: money(amount), currency_code: "EUR" },
});

export function productPayload(o: {
  id: number;
  updatedAt: string;
  title?: string;
  vendor?: string;
  variants: {
    id: number;
    price: string;
    compareAt?: string | null;
    sku?: string;
    itemId?: number;
  }[];
}) {
  const doc = documentedWebhook("products/update");
  const variant = documentedItem("products/update", "variants", doc);
  return {
    ...doc,
    id: o.id,
    admin_graphql_api_id: `gid://shopify/Product/${o.id}`,
    title: o.title ?? `Product ${o.id}`,
    vendor: o.vendor ?? "Acme",
    product_type: "Mugs",
    handle: `p-${o.id}`,
    status: "active",
    created_at: "2026-01-01T00:00:00Z",
    updated_at: o.updatedAt,
    variants: o.variants.map((v, i) => ({
      ...variant,
      id: v.id,
      admin_graphql_api_id: `gid://shopify/ProductVariant/${v.id}`,
      product_id: o.id,
      position: i + 1,
      title: `V${v.id}`,
      option1: `V${v.id}`,
      sku: v.sku ?? `SKU-${v.id}`,
      price: v.price,
      compare_at_price: v.compareAt ?? null,
      inventory_item_id: v.itemId ?? v.id + 90000,
      inventory_management: "shopify",
      created_at: "2026-01-01T00:00:00Z",
      updated_at: o.updatedAt,
    })),
    variant_gids: o.variants.map((v) => ({
      admin_graphql_api_id: `gid://shopify/ProductVariant/${v.id}`,
      updated_at: o.updatedAt,
    })),
  };
}

export interface LineSpec {
  id: number;
  variantId: number | null;
  quantity: number;
  price: string;
  discount?: string;
}

export function orderPayload(o: {
  id: number;
  updatedAt: string;
  processedAt?: string;
  customerId?: number | null;
  lines: LineSpec[];
  cancelledAt?: string | null;
  refunds?: unknown[];
}) {
  const doc = documentedWebhook("orders/create");
  const line = documentedItem("orders/create", "line_items", doc);
  const at = o.processedAt ?? "2026-03-10T10:00:00Z";
  return {
    ...doc,
    id: o.id,
    admin_graphql_api_id: `gid://shopify/Order/${o.id}`,
    name: `#${o.id}`,
    order_number: o.id,
    email: "jane@example.com",
    contact_email: "jane@example.com",
    created_at: at,
    processed_at: at,
    updated_at: o.updatedAt,
    cancelled_at: o.cancelledAt ?? null,
    cancel_reason: o.cancelledAt ? "customer" : null,
    currency: "EUR",
    presentment_currency: "EUR",
    test: false,
    customer:
      o.customerId === null
        ? null
        : {
            ...(doc.customer as object),
            id: o.customerId ?? 777,
            admin_graphql_api_id: `gid://shopify/Customer/${o.customerId ?? 777}`,
            email: "jane@example.com",
            first_name: "Jane",
            last_name: "Doe",
          },
    line_items: o.lines.map((l) => ({
      ...line,
      id: l.id,
      admin_graphql_api_id: `gid://shopify/LineItem/${l.id}`,
      variant_id: l.variantId,
      product_id: 1,
      name: "Mug",
      title: "Mug",
      quantity: l.quantity,
      current_quantity: l.quantity,
      fulfillable_quantity: l.quantity,
      price: l.price,
      price_set: moneySet(l.price),
      total_discount: l.discount ?? "0.00",
      total_discount_set: moneySet(l.discount ?? "0.00"),
      attributed_staffs: [],
      discount_allocations: [],
    })),
    refunds: o.refunds ?? [],
  };
}

export function refundPayload(o: {
  id: number;
  orderId: number;
  lines: { lineId: number; quantity: number; subtotal: string }[];
}) {
  const doc = documentedWebhook("refunds/create");
  const line = documentedItem("refunds/create", "refund_line_items", doc);
  return {
    ...doc,
    id: o.id,
    admin_graphql_api_id: `gid://shopify/Refund/${o.id}`,
    order_id: o.orderId,
    created_at: "2026-03-12T10:00:00Z",
    processed_at: "2026-03-12T10:00:00Z",
    transactions: [],
    refund_line_items: o.lines.map((l, i) => ({
      ...line,
      id: o.id * 10 + i,
      line_item_id: l.lineId,
      line_item: { ...(line.line_item as object), id: l.lineId },
      quantity: l.quantity,
      subtotal: Number(l.subtotal),
      subtotal_set: moneySet(l.subtotal),
    })),
  };
}

/** Any topic: its documented example with `fields` in place of the example's. */
export const shopifyPayload = (topic: string, fields: object) => ({ ...documentedWebhook(topic), ...fields });

export const levelPayload = (o: { item: number; location: number; available: number | null; updatedAt: string }) =>
  shopifyPayload("inventory_levels/update", {
    inventory_item_id: o.item,
    location_id: o.location,
    available: o.available,
    updated_at: o.updatedAt,
    admin_graphql_api_id: `gid://shopify/InventoryLevel/${o.location}?inventory_item_id=${o.item}`,
  });

export const itemPayload = (o: { id: number; cost: string | null; tracked?: boolean; updatedAt: string }) =>
  shopifyPayload("inventory_items/update", {
    id: o.id,
    admin_graphql_api_id: `gid://shopify/InventoryItem/${o.id}`,
    sku: `SKU-${o.id}`,
    cost: o.cost,
    tracked: o.tracked ?? true,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: o.updatedAt,
  });

/** customers/redact and customers/data_request: the documented request about customer `id`. */
export const customerRequestPayload = (
  topic: "customers/redact" | "customers/data_request",
  shop: string,
  id: number,
  orders: number[],
) =>
  shopifyPayload(topic, {
    shop_domain: shop,
    customer: { ...(documentedWebhook(topic).customer as object), id },
    ...(topic === "customers/redact" ? { orders_to_redact: orders } : { orders_requested: orders }),
  });

const isPlain = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** `planted` over `doc`, deeply: objects field by field, each array item over the documented list's first item. */
function overlay(doc: unknown, planted: unknown): unknown {
  if (isPlain(doc) && isPlain(planted)) {
    const out: Record<string, unknown> = { ...doc };
    for (const [k, v] of Object.entries(planted)) out[k] = k in doc ? overlay(doc[k], v) : v;
    return out;
  }
  if (Array.isArray(doc) && Array.isArray(planted) && isPlain(doc[0]))
    return planted.map((item) => overlay(doc[0], item));
  return planted;
}

/**
 * A test's own payload of `topic` completed, at every depth, by the documented example: what it sets wins, what it
 * leaves out is the example's (an order's refunds are completed by the documented refund).
 */
export function onDocumented(topic: string, planted: object): object {
  const doc = documentedWebhook(topic);
  if (topic.startsWith("orders/")) doc.refunds = [documentedWebhook("refunds/create")];
  return overlay(doc, planted) as object;
}
