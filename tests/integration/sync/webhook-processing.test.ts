import { beforeAll, describe, expect, it } from "vitest";
import { levelPayload, orderPayload, productPayload, refundPayload, syncHarness, type SyncHarness } from "./support";

let h: SyncHarness;

const T1 = "2026-03-10T10:00:00Z";
const T2 = "2026-03-10T11:00:00Z";
const T3 = "2026-03-10T12:00:00Z";
const DAY = "2026-03-10";

/** A shop with one product of two variants (ids 11 at 10.00 and 12 at 20.00). */
async function catalogue(shop: string) {
  await h.send(
    shop,
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
  const shopId = await h.shopId(shop);
  const variant = await h.prisma.variant.findFirstOrThrow({
    where: { shopId, shopifyId: "gid://shopify/ProductVariant/11" },
  });
  return { shopId, variantId: variant.id };
}

async function daily(shopId: string, variantId: string) {
  return h.prisma.dailySales.findUnique({
    where: { shopId_variantId_day: { shopId, variantId, day: DAY } },
  });
}

describe("webhook processing: orders", () => {
  beforeAll(async () => {
    h = await syncHarness();
  });

  it("corrects the daily sales on orders/updated instead of adding", async () => {
    // GIVEN an order of 2 units, processed
    const { shopId, variantId } = await catalogue("upd.myshopify.com");
    await h.send(
      "upd.myshopify.com",
      "orders/create",
      orderPayload({
        id: 100,
        updatedAt: T1,
        lines: [{ id: 1000, variantId: 11, quantity: 2, price: "10.00" }],
      }),
    );
    await h.drain();
    expect((await daily(shopId, variantId))?.units).toBe(2);
    // WHEN the order is updated to 5 units
    await h.send(
      "upd.myshopify.com",
      "orders/updated",
      orderPayload({
        id: 100,
        updatedAt: T2,
        lines: [{ id: 1000, variantId: 11, quantity: 5, price: "10.00" }],
      }),
    );
    await h.drain();
    // THEN the day shows the updated figures, not the sum
    const row = await daily(shopId, variantId);
    expect(row).toMatchObject({ units: 5, lines: 1 });
    expect(row!.grossRevenue.toString()).toBe("50");
    expect(row!.netRevenue.toString()).toBe("50");
    // AND a recompute of the variant is queued once (coalesced)
    expect(
      await h.prisma.job.count({
        where: {
          shopId,
          type: "recompute.variant",
          status: "queued",
          payload: { contains: variantId },
        },
      }),
    ).toBe(1);
  });

  it("applies a duplicate delivery once", async () => {
    // GIVEN a shop with a catalogue
    const { shopId, variantId } = await catalogue("dup.myshopify.com");
    const body = orderPayload({
      id: 200,
      updatedAt: T1,
      lines: [{ id: 2000, variantId: 11, quantity: 3, price: "10.00" }],
    });
    // WHEN the same webhook id arrives twice
    const statuses = [
      await h.send("dup.myshopify.com", "orders/create", body, {
        webhookId: "same",
      }),
      await h.send("dup.myshopify.com", "orders/create", body, {
        webhookId: "same",
      }),
    ];
    await h.drain();
    // THEN both are acknowledged, one delivery is stored and the sale counts once
    expect(statuses).toEqual([200, 200]);
    expect(
      await h.prisma.webhookDelivery.count({
        where: { shopId, webhookId: "same" },
      }),
    ).toBe(1);
    expect((await daily(shopId, variantId))?.units).toBe(3);
  });

  it("lets the newest data win when deliveries arrive out of order", async () => {
    // GIVEN the update (5 units, T2) arrives before the create (2 units, T1), then a stale update (7 units, older than T2)
    const shop = "ooo.myshopify.com";
    const { shopId, variantId } = await catalogue(shop);
    await h.send(
      shop,
      "orders/updated",
      orderPayload({
        id: 300,
        updatedAt: T2,
        lines: [{ id: 3000, variantId: 11, quantity: 5, price: "10.00" }],
      }),
    );
    await h.drain();
    await h.send(
      shop,
      "orders/create",
      orderPayload({
        id: 300,
        updatedAt: T1,
        lines: [{ id: 3000, variantId: 11, quantity: 2, price: "10.00" }],
      }),
    );
    await h.send(
      shop,
      "orders/updated",
      orderPayload({
        id: 300,
        updatedAt: "2026-03-10T10:30:00Z",
        lines: [{ id: 3000, variantId: 11, quantity: 7, price: "10.00" }],
      }),
    );
    await h.drain();
    // THEN the T2 figures stand and the stale deliveries are marked ignored
    expect((await daily(shopId, variantId))?.units).toBe(5);
    const statuses = (
      await h.prisma.webhookDelivery.findMany({
        where: { shopId, topic: { startsWith: "ORDERS" } },
        orderBy: { receivedAt: "asc" },
      })
    ).map((d) => d.status);
    expect(statuses).toEqual(["processed", "ignored", "ignored"]);
  });

  it("reduces net revenue on a refund, counted once even when the order update repeats it", async () => {
    // GIVEN an order of 4 units at 10.00
    const shop = "refund.myshopify.com";
    const { shopId, variantId } = await catalogue(shop);
    await h.send(
      shop,
      "orders/create",
      orderPayload({
        id: 400,
        updatedAt: T1,
        lines: [{ id: 4000, variantId: 11, quantity: 4, price: "10.00" }],
      }),
    );
    await h.drain();
    // WHEN 1 unit is refunded (refunds/create, then orders/updated carrying the same refund)
    const refund = refundPayload({
      id: 41,
      orderId: 400,
      lines: [{ lineId: 4000, quantity: 1, subtotal: "10.00" }],
    });
    await h.send(shop, "refunds/create", refund);
    await h.send(
      shop,
      "orders/updated",
      orderPayload({
        id: 400,
        updatedAt: T2,
        lines: [{ id: 4000, variantId: 11, quantity: 4, price: "10.00" }],
        refunds: [refund],
      }),
    );
    await h.drain();
    // THEN units ordered stay 4, refunds 10.00, net 30.00
    const row = await daily(shopId, variantId);
    expect(row).toMatchObject({ units: 4, refundedUnits: 1 });
    expect(row!.refunds.toString()).toBe("10");
    expect(row!.netRevenue.toString()).toBe("30");
  });

  it("removes the demand of a cancelled order", async () => {
    // GIVEN an order of 2 units
    const shop = "cancel.myshopify.com";
    const { shopId, variantId } = await catalogue(shop);
    await h.send(
      shop,
      "orders/create",
      orderPayload({
        id: 500,
        updatedAt: T1,
        lines: [{ id: 5000, variantId: 11, quantity: 2, price: "10.00" }],
      }),
    );
    await h.drain();
    // WHEN it is cancelled
    await h.send(
      shop,
      "orders/cancelled",
      orderPayload({
        id: 500,
        updatedAt: T2,
        cancelledAt: T2,
        lines: [{ id: 5000, variantId: 11, quantity: 2, price: "10.00" }],
      }),
    );
    await h.drain();
    // THEN the day has no sales and no customer rows for it
    expect(await daily(shopId, variantId)).toBeNull();
    expect(await h.prisma.customerDailySales.count({ where: { shopId } })).toBe(0);
    expect((await h.prisma.order.findFirstOrThrow({ where: { shopId } })).cancelledAt).not.toBeNull();
  });

  it("keeps a line of an unknown variant and counts it once the product arrives", async () => {
    // GIVEN an order for variant 99 that the shop does not know yet
    const shop = "orphan.myshopify.com";
    await catalogue(shop);
    await h.send(
      shop,
      "orders/create",
      orderPayload({
        id: 600,
        updatedAt: T1,
        lines: [
          { id: 6000, variantId: 99, quantity: 2, price: "8.00" },
          { id: 6001, variantId: null, quantity: 1, price: "1.00" },
        ],
      }),
    );
    await h.drain();
    const shopId = await h.shopId(shop);
    // THEN the job succeeds and keeps the lines without a variant
    expect(await h.prisma.orderLine.count({ where: { shopId, variantId: null } })).toBe(2);
    expect(
      (
        await h.prisma.webhookDelivery.findFirstOrThrow({
          where: { shopId, topic: "ORDERS_CREATE" },
        })
      ).status,
    ).toBe("processed");
    // WHEN the product arrives
    await h.send(
      shop,
      "products/create",
      productPayload({
        id: 9,
        updatedAt: T1,
        variants: [{ id: 99, price: "8.00" }],
      }),
    );
    await h.drain();
    // THEN the line is linked and counted
    const v = await h.prisma.variant.findFirstOrThrow({
      where: { shopId, shopifyId: "gid://shopify/ProductVariant/99" },
    });
    expect((await daily(shopId, v.id))?.units).toBe(2);
  });
});

describe("webhook processing: replay", () => {
  const SEQUENCE = (shop: string) =>
    [
      [
        "products/create",
        productPayload({
          id: 1,
          updatedAt: T1,
          variants: [
            { id: 11, price: "10.00" },
            { id: 12, price: "20.00" },
          ],
        }),
      ],
      [
        "orders/updated",
        orderPayload({
          id: 700,
          updatedAt: T2,
          customerId: 5,
          lines: [
            {
              id: 7000,
              variantId: 11,
              quantity: 3,
              price: "10.00",
              discount: "2.00",
            },
            { id: 7001, variantId: 12, quantity: 1, price: "20.00" },
          ],
        }),
      ],
      [
        "orders/create",
        orderPayload({
          id: 700,
          updatedAt: T1,
          customerId: 5,
          lines: [{ id: 7000, variantId: 11, quantity: 1, price: "10.00" }],
        }),
      ],
      [
        "refunds/create",
        refundPayload({
          id: 71,
          orderId: 700,
          lines: [{ lineId: 7001, quantity: 1, subtotal: "20.00" }],
        }),
      ],
      [
        "orders/create",
        orderPayload({
          id: 701,
          updatedAt: T1,
          customerId: 6,
          lines: [{ id: 7010, variantId: 11, quantity: 2, price: "10.00" }],
        }),
      ],
      [
        "orders/cancelled",
        orderPayload({
          id: 701,
          updatedAt: T3,
          customerId: 6,
          cancelledAt: T3,
          lines: [{ id: 7010, variantId: 11, quantity: 2, price: "10.00" }],
        }),
      ],
      ["inventory_levels/update", levelPayload({ item: 90011, location: 1, available: 7, updatedAt: T2 })],
    ].map(([topic, body]) => ({ shop, topic: topic as string, body }));

  async function snapshot(shopId: string) {
    const strip = <T extends object>(rows: T[]) =>
      rows.map((r) =>
        JSON.parse(
          JSON.stringify(r, (k, v) =>
            k === "id" ||
            k === "updatedAt" ||
            k === "createdAt" ||
            (k.endsWith("Id") && k !== "shopifyId" && k !== "shopifyVariantId")
              ? undefined
              : v,
          ),
        ),
      );
    return {
      orders: strip(
        await h.prisma.order.findMany({
          where: { shopId },
          orderBy: { shopifyId: "asc" },
        }),
      ),
      lines: strip(
        await h.prisma.orderLine.findMany({
          where: { shopId },
          orderBy: { shopifyId: "asc" },
        }),
      ),
      daily: strip(
        await h.prisma.dailySales.findMany({
          where: { shopId },
          orderBy: [{ day: "asc" }, { units: "asc" }],
        }),
      ),
      customers: strip(
        await h.prisma.customerDailySales.findMany({
          where: { shopId },
          orderBy: [{ customerKey: "asc" }, { units: "asc" }],
        }),
      ),
      levels: strip(await h.prisma.inventoryLevel.findMany({ where: { shopId } })),
    };
  }

  it("leaves identical table contents when the whole sequence is replayed", async () => {
    // GIVEN a reordered sequence applied once
    const shop = "replay.myshopify.com";
    for (const d of SEQUENCE(shop)) await h.send(d.shop, d.topic, d.body);
    await h.drain();
    const shopId = await h.shopId(shop);
    const first = await snapshot(shopId);
    // WHEN the same sequence is delivered again (new webhook ids: Shopify re-sent it) and processed
    for (const d of SEQUENCE(shop)) await h.send(d.shop, d.topic, d.body);
    await h.drain();
    // THEN the tables are identical, and the figures are those of the newest data
    expect(await snapshot(shopId)).toEqual(first);
    expect(first.daily.map((r: { units: number; netRevenue: string }) => [r.units, r.netRevenue])).toEqual([
      [1, "0"],
      [3, "28"],
    ]);
    expect(first.levels[0].available).toBe(7);
  });
});

describe("webhook processing: through the durable queue", () => {
  it("applies a delivery with the registered webhook.process handler of a running DbJobQueue", async () => {
    // GIVEN the app's handlers on a running database queue (recompute stubbed: another feature owns it)
    const { registerAppHandlers } = await import("~/jobs/handlers.server");
    const { DbJobQueue } = await import("~/jobs/db-queue.server");
    const queue = new DbJobQueue({ db: h.prisma, pollMs: 20 });
    expect(registerAppHandlers(queue)).toContain("webhook.process");
    const recomputed: string[] = [];
    queue.registerHandler<{ variantId: string }>(
      "recompute.variant",
      async (job) => void recomputed.push(job.payload.variantId),
    );
    const shop = "queue.myshopify.com";
    const { shopId, variantId } = await catalogue(shop);
    await queue.start();
    try {
      // WHEN an order arrives through the route (which enqueues the job)
      await h.send(
        shop,
        "orders/create",
        orderPayload({
          id: 800,
          updatedAt: T1,
          lines: [{ id: 8000, variantId: 11, quantity: 4, price: "10.00" }],
        }),
      );
      const deadline = Date.now() + 10_000;
      const applied = () =>
        h.prisma.webhookDelivery.count({
          where: { shopId, topic: "ORDERS_CREATE", status: "processed" },
        });
      while (Date.now() < deadline && (await applied()) === 0) await new Promise((r) => setTimeout(r, 20));
      while (Date.now() < deadline && (await h.prisma.job.count({ where: { shopId, status: "queued" } })) > 0)
        await new Promise((r) => setTimeout(r, 20));
    } finally {
      await queue.stop({ graceMs: 1000 });
    }
    // THEN the worker applied it and asked for the variant's recompute
    expect((await daily(shopId, variantId))?.units).toBe(4);
    expect(
      (
        await h.prisma.webhookDelivery.findFirstOrThrow({
          where: { shopId, topic: "ORDERS_CREATE" },
        })
      ).status,
    ).toBe("processed");
    expect(recomputed).toContain(variantId);
  });
});
