// Deliveries applied together (the webhook lane's batches: processDeliveries) leave exactly the rows they leave when
// applied one at a time: orders, lines, daily and per-customer aggregates, delivery statuses. SQLite in `npm test`,
// PostgreSQL in `npm run test:pg`.
import { beforeAll, describe, expect, it } from "vitest";
import { orderPayload, productPayload, refundPayload, syncHarness, type SyncHarness } from "./support";

let h: SyncHarness;

const T1 = "2026-03-10T10:00:00Z";
const T2 = "2026-03-10T11:00:00Z";
const T3 = "2026-03-11T09:00:00Z";

/** A mixed stream: new orders sharing variants and days, an update, a cancellation, a refund before its order, a
 * refund after, a stale update, a duplicate, and an order of an unknown variant. */
const STREAM: [topic: string, body: unknown][] = [
  [
    "orders/create",
    orderPayload({
      id: 1,
      updatedAt: T1,
      lines: [
        { id: 10, variantId: 11, quantity: 2, price: "10.00" },
        { id: 11, variantId: 12, quantity: 1, price: "20.00" },
      ],
    }),
  ],
  [
    "orders/create",
    orderPayload({
      id: 2,
      updatedAt: T1,
      customerId: 888,
      lines: [{ id: 20, variantId: 11, quantity: 1, price: "10.00", discount: "1.00" }],
    }),
  ],
  ["refunds/create", refundPayload({ id: 90, orderId: 3, lines: [{ lineId: 30, quantity: 1, subtotal: "10.00" }] })],
  [
    "orders/create",
    orderPayload({
      id: 3,
      updatedAt: T1,
      processedAt: T3,
      lines: [{ id: 30, variantId: 11, quantity: 3, price: "10.00" }],
    }),
  ],
  [
    "orders/updated",
    orderPayload({ id: 1, updatedAt: T2, lines: [{ id: 10, variantId: 11, quantity: 5, price: "10.00" }] }),
  ],
  [
    "orders/updated",
    orderPayload({
      id: 2,
      updatedAt: "2026-03-10T09:00:00Z",
      lines: [{ id: 20, variantId: 11, quantity: 9, price: "10.00" }],
    }),
  ],
  [
    "orders/cancelled",
    orderPayload({
      id: 2,
      updatedAt: T2,
      customerId: 888,
      cancelledAt: T2,
      lines: [{ id: 20, variantId: 11, quantity: 1, price: "10.00" }],
    }),
  ],
  ["refunds/create", refundPayload({ id: 91, orderId: 1, lines: [{ lineId: 10, quantity: 2, subtotal: "20.00" }] })],
  [
    "orders/create",
    orderPayload({ id: 4, updatedAt: T1, lines: [{ id: 40, variantId: 99, quantity: 1, price: "5.00" }] }),
  ],
];

async function shopWithCatalogue(domain: string): Promise<string> {
  await h.send(
    domain,
    "products/create",
    productPayload({
      id: 1,
      updatedAt: T1,
      variants: [
        { id: 11, price: "10.00" },
        { id: 12, price: "20.00" },
      ],
    }),
  );
  await h.drain();
  return h.shopId(domain);
}

/** The rows a shop's orders left, without ids, shop ids or write times. */
async function snapshot(shopId: string) {
  const variants = new Map((await h.prisma.variant.findMany({ where: { shopId } })).map((v) => [v.id, v.shopifyId]));
  const clean = <T extends Record<string, unknown>>(rows: T[], drop: string[]) =>
    rows
      .map((r) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(r)) {
          if (drop.includes(k)) continue;
          out[k] = k === "variantId" && typeof v === "string" ? variants.get(v) : (v?.toString?.() ?? v);
        }
        return out;
      })
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const common = ["id", "shopId", "createdAt", "updatedAt", "orderId"];
  return {
    orders: clean(await h.prisma.order.findMany({ where: { shopId } }), common),
    lines: clean(await h.prisma.orderLine.findMany({ where: { shopId } }), common),
    daily: clean(await h.prisma.dailySales.findMany({ where: { shopId } }), common),
    customers: clean(await h.prisma.customerDailySales.findMany({ where: { shopId } }), common),
    deliveries: clean(
      await h.prisma.webhookDelivery.findMany({ where: { shopId, topic: { not: "PRODUCTS_CREATE" } } }),
      [...common, "webhookId", "receivedAt", "processedAt", "triggeredAt", "apiVersion"],
    ),
  };
}

describe("webhook deliveries applied in batches", () => {
  beforeAll(async () => {
    h = await syncHarness();
  });

  it("leave the same rows as the same deliveries applied one at a time", async () => {
    // GIVEN the same stream of deliveries stored for two shops
    const one = await shopWithCatalogue("one-by-one.myshopify.com");
    const batch = await shopWithCatalogue("batched.myshopify.com");
    for (const [topic, body] of STREAM) {
      await h.send("one-by-one.myshopify.com", topic, body);
      await h.send("batched.myshopify.com", topic, body);
    }
    // WHEN the first shop's are applied one at a time and the second's all together
    const { processDeliveries } = await import("~/sync/webhooks/process.server");
    const pending = await h.prisma.webhookDelivery.findMany({
      where: { shopId: batch, status: "received" },
      orderBy: { receivedAt: "asc" },
    });
    await h.drain(); // both shops, one at a time (the batched shop's too, so: reset it below)
    await h.prisma.webhookDelivery.updateMany({
      where: { shopId: batch },
      data: { status: "received", processedAt: null, error: null },
    });
    await h.prisma.orderLine.deleteMany({ where: { shopId: batch } });
    await h.prisma.order.deleteMany({ where: { shopId: batch } });
    await h.prisma.dailySales.deleteMany({ where: { shopId: batch } });
    await h.prisma.customerDailySales.deleteMany({ where: { shopId: batch } });
    const outcomes = await processDeliveries(
      h.prisma,
      h.queue,
      batch,
      pending.map((d) => d.id),
    );
    // THEN every delivery has an outcome and both shops hold the same rows
    expect([...outcomes.values()].filter((o) => o instanceof Error)).toEqual([]);
    const [a, b] = [await snapshot(one), await snapshot(batch)];
    expect(b.orders).toEqual(a.orders);
    expect(b.lines).toEqual(a.lines);
    expect(b.daily).toEqual(a.daily);
    expect(b.customers).toEqual(a.customers);
    expect(a.daily.length).toBeGreaterThan(1);
    // AND the statuses agree, but for the stale update: one at a time it comes after the newer payload and is ignored;
    // in the batch its order did not exist yet, so it is applied with the others (from the newest payload, the same rows)
    expect(b.deliveries.map((d) => d.topic)).toEqual(a.deliveries.map((d) => d.topic));
    expect(b.deliveries.map((d) => d.status)).toEqual(
      a.deliveries.map((d) => (d.error === "stale" ? "processed" : d.status)),
    );
    expect(a.deliveries.filter((d) => d.error === "stale")).toHaveLength(1);
  });

  it.skipIf(!/^postgres/.test(process.env.DATABASE_URL ?? ""))(
    "never lose a line when workers apply orders of the same variant and day at the same moment (PostgreSQL)",
    async () => {
      // GIVEN 12 orders of one unit each, same variant and day, stored
      const shopId = await shopWithCatalogue("concurrent.myshopify.com");
      for (let i = 0; i < 12; i++) {
        await h.send(
          "concurrent.myshopify.com",
          "orders/create",
          orderPayload({
            id: 500 + i,
            updatedAt: T1,
            lines: [{ id: 5000 + i, variantId: 11, quantity: 1, price: "10.00" }],
          }),
        );
      }
      const ids = (
        await h.prisma.webhookDelivery.findMany({ where: { shopId, topic: "ORDERS_CREATE" }, select: { id: true } })
      ).map((d) => d.id);
      // WHEN six workers (six connection pools) apply them two by two, all at once
      const { createPrismaClient } = await import("~/db.server");
      const { processDeliveries } = await import("~/sync/webhooks/process.server");
      const clients = Array.from({ length: 6 }, () => createPrismaClient(process.env.DATABASE_URL));
      try {
        await Promise.all(clients.map((db, w) => processDeliveries(db, h.queue, shopId, ids.slice(w * 2, w * 2 + 2))));
      } finally {
        await Promise.all(clients.map((db) => db.$disconnect()));
      }
      // THEN the day counts every unit (READ COMMITTED would otherwise keep the last writer's partial sum)
      const variant = await h.prisma.variant.findFirstOrThrow({
        where: { shopId, shopifyId: "gid://shopify/ProductVariant/11" },
      });
      const day = await h.prisma.dailySales.findUniqueOrThrow({
        where: { shopId_variantId_day: { shopId, variantId: variant.id, day: "2026-03-10" } },
      });
      expect({ units: day.units, lines: day.lines }).toEqual({ units: 12, lines: 12 });
    },
  );
});
