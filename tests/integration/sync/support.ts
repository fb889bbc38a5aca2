// Shared by the webhook processing tests: a migrated temp SQLite database, signed deliveries through the real
// route actions, and a drain that runs the webhook.process job handler on every stored delivery in order.
import { signedWebhook } from "../../support/webhook";
import {
  TEST_SECRET,
  useTestEnvironment as prepareTestEnvironment,
} from "../../support/env";

type Action = (args: {
  request: Request;
  params: object;
  context: object;
}) => Promise<Response>;

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
  /** Sends a signed delivery through the topic's route action; returns the HTTP status. */
  send(
    shop: string,
    topic: string,
    body: unknown,
    opts?: { webhookId?: string; secret?: string }
  ): Promise<number>;
  /** Runs webhook.process on every delivery still "received", oldest first. */
  drain(): Promise<void>;
  shopId(domain: string): Promise<string>;
}

export async function syncHarness(): Promise<SyncHarness> {
  const url = prepareTestEnvironment();
  const { migrateDatabase } = await import("~/db/migrate.server");
  await migrateDatabase(url);
  const { prisma } = await import("~/db.server");
  const { processDelivery } = await import("~/sync/webhooks/process.server");
  const { getJobQueue } = await import("~/jobs/index.server");
  const queue = getJobQueue(); // not started: enqueue only writes Job rows; the tests run the handler themselves
  const actions = new Map<string, Action>();
  for (const [topic, route] of Object.entries(ROUTES)) {
    actions.set(
      topic,
      ((await import(`../../../app/routes/${route}.tsx`)) as { action: Action })
        .action
    );
  }
  let n = 0;
  return {
    prisma,
    queue,
    async send(shop, topic, body, opts = {}) {
      const request = signedWebhook({
        topic,
        shop,
        body,
        secret: opts.secret ?? TEST_SECRET,
        webhookId: opts.webhookId ?? `w-${++n}-${Date.now()}`,
      });
      try {
        return (await actions.get(topic)!({ request, params: {}, context: {} }))
          .status;
      } catch (thrown) {
        if (thrown instanceof Response) return thrown.status;
        throw thrown;
      }
    },
    async drain() {
      const rows = await prisma.webhookDelivery.findMany({
        where: { status: "received" },
        orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
      });
      for (const r of rows)
        await processDelivery(prisma, queue, r.shopId, r.id);
    },
    async shopId(domain) {
      return (await prisma.shop.findUniqueOrThrow({ where: { domain } })).id;
    },
  };
}

// --- Small payload builders in Shopify's REST webhook shape -------------------------------------------------

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
  return {
    id: o.id,
    title: o.title ?? `Product ${o.id}`,
    vendor: o.vendor ?? "Acme",
    product_type: "Mugs",
    handle: `p-${o.id}`,
    status: "active",
    created_at: "2026-01-01T00:00:00Z",
    updated_at: o.updatedAt,
    variants: o.variants.map((v) => ({
      id: v.id,
      product_id: o.id,
      title: `V${v.id}`,
      sku: v.sku ?? `SKU-${v.id}`,
      price: v.price,
      compare_at_price: v.compareAt ?? null,
      inventory_item_id: v.itemId ?? v.id + 90000,
      inventory_management: "shopify",
      created_at: "2026-01-01T00:00:00Z",
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
  return {
    id: o.id,
    admin_graphql_api_id: `gid://shopify/Order/${o.id}`,
    name: `#${o.id}`,
    email: "jane@example.com",
    created_at: o.processedAt ?? "2026-03-10T10:00:00Z",
    processed_at: o.processedAt ?? "2026-03-10T10:00:00Z",
    updated_at: o.updatedAt,
    cancelled_at: o.cancelledAt ?? null,
    currency: "EUR",
    test: false,
    customer:
      o.customerId === null
        ? null
        : {
            id: o.customerId ?? 777,
            email: "jane@example.com",
            first_name: "Jane",
            last_name: "Doe",
          },
    billing_address: { first_name: "Jane", address1: "1 rue X" },
    line_items: o.lines.map((l) => ({
      id: l.id,
      variant_id: l.variantId,
      product_id: 1,
      name: "Mug",
      quantity: l.quantity,
      price: l.price,
      total_discount: l.discount ?? "0.00",
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
  return {
    id: o.id,
    order_id: o.orderId,
    created_at: "2026-03-12T10:00:00Z",
    refund_line_items: o.lines.map((l, i) => ({
      id: o.id * 10 + i,
      line_item_id: l.lineId,
      quantity: l.quantity,
      subtotal: l.subtotal,
    })),
  };
}
