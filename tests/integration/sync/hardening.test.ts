// Issue 5 webhook hardening: deliveries of an order by index, the unit-cost stale guard, the sweep of deliveries
// stored but never enqueued, app/scopes_update and bulk_operations/finish.
import { beforeAll, describe, expect, it } from "vitest";
import {
  itemPayload,
  orderPayload,
  productPayload,
  refundPayload,
  shopifyPayload,
  syncHarness,
  type SyncHarness,
} from "./support";

let h: SyncHarness;
const T1 = "2026-03-10T10:00:00Z";
const T2 = "2026-03-10T11:00:00Z";

async function catalogue(shop: string) {
  await h.send(
    shop,
    "products/create",
    productPayload({ id: 1, updatedAt: T1, variants: [{ id: 11, price: "10.00" }] }),
  );
  await h.drain();
  const shopId = await h.shopId(shop);
  const variant = await h.prisma.variant.findFirstOrThrow({
    where: { shopId, shopifyId: "gid://shopify/ProductVariant/11" },
  });
  return { shopId, variantId: variant.id };
}

beforeAll(async () => {
  h = await syncHarness();
});

describe("an order's deliveries by subjectId", () => {
  it("stores the order gid as subjectId for order and refund topics only", async () => {
    // GIVEN an order, a refund of it and a product
    const shop = "subject.myshopify.com";
    await h.send(shop, "orders/create", orderPayload({ id: 501, updatedAt: T1, lines: [] }));
    await h.send(shop, "refunds/create", refundPayload({ id: 51, orderId: 501, lines: [] }));
    await h.send(shop, "products/create", productPayload({ id: 2, updatedAt: T1, variants: [] }));
    // WHEN they are stored
    const rows = await h.prisma.webhookDelivery.findMany({
      where: { shop: { domain: shop } },
      orderBy: { topic: "asc" },
    });
    // THEN the order and the refund name the order; the product names nothing
    expect(rows.map((r) => [r.topic, r.subjectId])).toEqual([
      ["ORDERS_CREATE", "gid://shopify/Order/501"],
      ["PRODUCTS_CREATE", null],
      ["REFUNDS_CREATE", "gid://shopify/Order/501"],
    ]);
  });

  it("never folds in an unrelated order whose payload text contains the id", async () => {
    // GIVEN order 9 and order 900 whose line 9 and refund of line 9 carry the number 9 in their text
    const shop = "unrelated.myshopify.com";
    const { shopId, variantId } = await catalogue(shop);
    await h.send(
      shop,
      "orders/create",
      orderPayload({ id: 900, updatedAt: T2, lines: [{ id: 9, variantId: 11, quantity: 9, price: "9.00" }] }),
    );
    await h.send(
      shop,
      "refunds/create",
      refundPayload({ id: 9, orderId: 900, lines: [{ lineId: 9, quantity: 1, subtotal: "9.00" }] }),
    );
    await h.send(
      shop,
      "orders/create",
      orderPayload({ id: 9, updatedAt: T1, lines: [{ id: 90, variantId: 11, quantity: 1, price: "10.00" }] }),
    );
    // WHEN everything is processed
    await h.drain();
    // THEN order 9 has only its own line, unrefunded, and the day counts 9 + 1 units with one refund
    const order9 = await h.prisma.order.findFirstOrThrow({
      where: { shopId, shopifyId: "gid://shopify/Order/9" },
      include: { lines: true },
    });
    expect(order9.lines.map((l) => [l.shopifyId, l.quantity, l.refundedQuantity])).toEqual([
      ["gid://shopify/LineItem/90", 1, 0],
    ]);
    const day = await h.prisma.dailySales.findFirstOrThrow({ where: { shopId, variantId } });
    expect([day.units, day.refundedUnits]).toEqual([10, 1]);
  });

  it("gives a delivery stored without subjectId (before the column) its subject when processed", async () => {
    // GIVEN a stored orders/create whose subjectId is missing
    const shop = "legacy.myshopify.com";
    const { shopId, variantId } = await catalogue(shop);
    await h.send(
      shop,
      "orders/create",
      orderPayload({ id: 600, updatedAt: T1, lines: [{ id: 6000, variantId: 11, quantity: 2, price: "10.00" }] }),
    );
    await h.prisma.webhookDelivery.updateMany({ where: { shopId }, data: { subjectId: null } });
    // WHEN it is processed
    await h.drain();
    // THEN its subject is set and the order is applied from it
    const d = await h.prisma.webhookDelivery.findFirstOrThrow({ where: { shopId, topic: "ORDERS_CREATE" } });
    expect(d).toMatchObject({ subjectId: "gid://shopify/Order/600", status: "processed" });
    expect((await h.prisma.dailySales.findFirstOrThrow({ where: { shopId, variantId } })).units).toBe(2);
  });
});

describe("inventory_items/update stale guard", () => {
  const item = (cost: string, updatedAt: string) => itemPayload({ id: 90011, cost, updatedAt });
  const costOf = async (shopId: string) => {
    const v = await h.prisma.variant.findFirstOrThrow({
      where: { shopId, shopifyId: "gid://shopify/ProductVariant/11" },
    });
    return [v.unitCost?.toString() ?? null, v.costUpdatedAt?.toISOString() ?? null];
  };

  it("keeps the newer cost when an older delivery arrives after it, and a replay changes nothing", async () => {
    // GIVEN a variant whose item gets the newer cost first
    const shop = "cost.myshopify.com";
    const { shopId } = await catalogue(shop);
    await h.send(shop, "inventory_items/update", item("5.50", T2));
    await h.drain();
    // WHEN the older cost arrives afterwards
    await h.send(shop, "inventory_items/update", item("4.00", T1));
    await h.drain();
    // THEN the newer cost stays, and the older delivery is recorded as ignored (stale)
    expect(await costOf(shopId)).toEqual(["5.5", "2026-03-10T11:00:00.000Z"]);
    const statuses = await h.prisma.webhookDelivery.findMany({
      where: { shopId, topic: "INVENTORY_ITEMS_UPDATE" },
      orderBy: { receivedAt: "asc" },
    });
    expect(statuses.map((d) => [d.status, d.error])).toEqual([
      ["processed", null],
      ["ignored", "stale"],
    ]);
    // AND replaying both (Shopify re-sends them) leaves the same state
    await h.send(shop, "inventory_items/update", item("4.00", T1));
    await h.send(shop, "inventory_items/update", item("5.50", T2));
    await h.drain();
    expect(await costOf(shopId)).toEqual(["5.5", "2026-03-10T11:00:00.000Z"]);
  });
});

describe("webhook.sweep", () => {
  it("enqueues a delivery stored but never enqueued, and the queue then applies it", async () => {
    // GIVEN an orders/create stored 10 minutes ago with no job (the process died before the enqueue),
    // and one received just now (its own job is still due)
    const shop = "sweep.myshopify.com";
    const { shopId, variantId } = await catalogue(shop);
    const now = new Date();
    const old = await h.prisma.webhookDelivery.create({
      data: {
        shopId,
        webhookId: "lost-1",
        topic: "ORDERS_CREATE",
        subjectId: "gid://shopify/Order/700",
        receivedAt: new Date(now.getTime() - 10 * 60_000),
        payload: JSON.stringify(
          orderPayload({
            id: 700,
            updatedAt: T1,
            customerId: null,
            lines: [{ id: 7000, variantId: 11, quantity: 3, price: "10.00" }],
          }),
        ),
      },
    });
    await h.prisma.webhookDelivery.create({
      data: { shopId, webhookId: "fresh-1", topic: "PRODUCTS_DELETE", receivedAt: now, payload: "{}" },
    });
    const { sweepDeliveries } = await import("~/sync/webhooks/redelivery.server");
    const { DbJobQueue } = await import("~/jobs/db-queue.server");
    const { registerAppHandlers } = await import("~/jobs/handlers.server");
    const queue = new DbJobQueue({ db: h.prisma, pollMs: 20, queue: "sweep-test" });
    expect(registerAppHandlers(queue)).toContain("webhook.sweep");
    queue.registerHandler("recompute.variant", async () => undefined);
    // WHEN the sweep runs twice (the second finds the job still waiting) and the queue works
    expect(await sweepDeliveries(h.prisma, queue, shopId, now)).toEqual({ enqueued: 1 });
    expect(await sweepDeliveries(h.prisma, queue, shopId, now)).toEqual({ enqueued: 1 });
    expect(await h.prisma.job.count({ where: { shopId, queue: "sweep-test", type: "webhook.process" } })).toBe(1);
    await queue.start();
    try {
      const deadline = Date.now() + 10_000;
      while (
        Date.now() < deadline &&
        (await h.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: old.id } })).status === "received"
      )
        await new Promise((r) => setTimeout(r, 20));
    } finally {
      await queue.stop({ graceMs: 1000 });
    }
    // THEN the lost delivery is applied, and the fresh one is left to its own job
    expect((await h.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: old.id } })).status).toBe("processed");
    expect((await h.prisma.dailySales.findFirstOrThrow({ where: { shopId, variantId } })).units).toBe(3);
    expect((await h.prisma.webhookDelivery.findFirstOrThrow({ where: { webhookId: "fresh-1" } })).status).toBe(
      "received",
    );
  });

  it("is one of the schedules every shop gets", async () => {
    // GIVEN the per-shop schedules
    const { SHOP_SCHEDULES, JOB_TYPES } = await import("~/jobs/standard");
    // WHEN the sweep is looked up
    const sweep = SHOP_SCHEDULES.find((s) => s.type === JOB_TYPES.webhookSweep);
    // THEN it repeats every few minutes
    expect(sweep?.spec).toEqual({ everyMs: 5 * 60_000 });
  });
});

describe("app/scopes_update", () => {
  const scopes = (current: string[], updatedAt: string) =>
    shopifyPayload("app/scopes_update", { id: 1, previous: ["read_products"], current, updated_at: updatedAt });
  const ALL = [
    "write_products",
    "read_orders",
    "read_all_orders",
    "read_customers",
    "read_inventory",
    "read_locations",
    "write_app_proxy",
  ];

  it("updates the sessions' scope, keeps the newest grant, audits it and warns on a missing scope", async () => {
    // GIVEN a shop with two stored sessions, and another shop's session
    const shop = "scopes.myshopify.com";
    await catalogue(shop);
    const shopId = await h.shopId(shop);
    for (const [id, domain] of [
      ["offline_scopes", shop],
      ["online_scopes", shop],
      ["offline_other", "other-scopes.myshopify.com"],
    ])
      await h.prisma.session.create({
        data: { id, shop: domain, state: "x", scope: "read_products", accessToken: "t" },
      });
    const { setLogSink } = await import("~/logger.server");
    const lines: string[] = [];
    const previous = setLogSink((line) => void lines.push(line));
    try {
      // WHEN the newer grant (without read_orders) arrives, then an older full grant
      await h.send(
        shop,
        "app/scopes_update",
        scopes(
          ALL.filter((s) => s !== "read_orders"),
          T2,
        ),
      );
      await h.drain();
      await h.send(shop, "app/scopes_update", scopes(ALL, T1));
      await h.drain();
    } finally {
      setLogSink(previous);
    }
    // THEN the shop's sessions hold the newer grant; the other shop's session is untouched
    const sessions = await h.prisma.session.findMany({ orderBy: { id: "asc" }, where: { id: { endsWith: "scopes" } } });
    expect(sessions.map((s) => s.scope)).toEqual(Array(2).fill(ALL.filter((s) => s !== "read_orders").join(",")));
    expect((await h.prisma.session.findUniqueOrThrow({ where: { id: "offline_other" } })).scope).toBe("read_products");
    // AND one audit event names what is missing; the older delivery is ignored as stale
    const events = await h.prisma.auditEvent.findMany({ where: { shopId, action: "app.scopes_updated" } });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].data).missing).toEqual(["read_orders"]);
    const statuses = await h.prisma.webhookDelivery.findMany({
      where: { shopId, topic: "APP_SCOPES_UPDATE" },
      orderBy: { receivedAt: "asc" },
    });
    expect(statuses.map((d) => d.status)).toEqual(["processed", "ignored"]);
    // AND the log warns about the missing scope
    expect(lines.some((l) => l.includes("required scopes missing") && l.includes("read_orders"))).toBe(true);
  });
});

describe("bulk_operations/finish", () => {
  it("hands the delivery to the import, and an unknown operation ends ignored without error", async () => {
    // GIVEN a shop with no import waiting for any bulk operation
    const shop = "bulk.myshopify.com";
    await catalogue(shop);
    // WHEN Shopify reports an operation it does not know
    const status = await h.send(shop, "bulk_operations/finish", {
      admin_graphql_api_id: "gid://shopify/BulkOperation/999999",
      completed_at: T2,
      created_at: T1,
      error_code: null,
      status: "completed",
      type: "query",
    });
    await h.drain();
    // THEN it is acknowledged and ends ignored, not failed
    expect(status).toBe(200);
    const d = await h.prisma.webhookDelivery.findFirstOrThrow({
      where: { shop: { domain: shop }, topic: "BULK_OPERATIONS_FINISH" },
    });
    expect(d.status).toBe("ignored");
    expect(d.processedAt).not.toBeNull();
  });
});
