// The web process's sweep of EVERY shop (issue 18): a shop whose deliveries arrived without an install has no
// per-shop webhook.sweep schedule, and its deliveries stored but never queued must still be applied.
import { beforeAll, describe, expect, it } from "vitest";
import { migratedTestDatabase } from "../../support/env";

let prisma: typeof import("~/db.server").prisma;

describe("sweepAllShops", () => {
  beforeAll(async () => {
    ({ prisma } = await migratedTestDatabase());
  });

  it("queues the stale deliveries of every shop, scheduled or not, and leaves fresh and processed ones", async () => {
    // GIVEN two shops without any schedule (never installed), each with a delivery stored 10 minutes ago and never
    // queued, one with a delivery received just now, and one processed long ago
    const now = new Date();
    const old = new Date(now.getTime() - 10 * 60_000);
    const shops = await Promise.all(
      ["a", "b"].map((s) => prisma.shop.create({ data: { domain: `sweep-${s}.myshopify.com`, name: s } })),
    );
    const lost = await Promise.all(
      shops.map((shop, i) =>
        prisma.webhookDelivery.create({
          data: { shopId: shop.id, webhookId: `lost-${i}`, topic: "ORDERS_CREATE", payload: "{}", receivedAt: old },
        }),
      ),
    );
    await prisma.webhookDelivery.create({
      data: { shopId: shops[0].id, webhookId: "fresh", topic: "ORDERS_CREATE", payload: "{}", receivedAt: now },
    });
    await prisma.webhookDelivery.create({
      data: {
        shopId: shops[1].id,
        webhookId: "done",
        topic: "ORDERS_CREATE",
        payload: "{}",
        receivedAt: old,
        status: "processed",
      },
    });
    expect(await prisma.job.count({ where: { type: "webhook.sweep" } })).toBe(0);
    const { DbJobQueue } = await import("~/jobs/db-queue.server");
    const queue = new DbJobQueue({ db: prisma, queue: "sweep-all" });
    const { sweepAllShops } = await import("~/sync/webhooks/redelivery.server");
    // WHEN the sweep runs, twice
    const first = await sweepAllShops(prisma, queue, now);
    await sweepAllShops(prisma, queue, now);
    // THEN both shops' lost deliveries are queued once each, and nothing else
    expect(first).toEqual({ shops: 2, enqueued: 2 });
    const jobs = await prisma.job.findMany({
      where: { queue: "sweep-all", type: "webhook.process", status: "queued" },
    });
    expect(jobs.map((j) => JSON.parse(j.payload).deliveryId).sort()).toEqual(lost.map((d) => d.id).sort());
  });
});
