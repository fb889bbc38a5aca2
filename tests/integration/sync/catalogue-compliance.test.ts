import { beforeAll, describe, expect, it } from "vitest";
import {
  customerRequestPayload,
  itemPayload,
  levelPayload,
  orderPayload,
  productPayload,
  shopifyPayload,
  syncHarness,
  type SyncHarness,
} from "./support";

let h: SyncHarness;
const T1 = "2026-03-10T10:00:00Z";
const T2 = "2026-03-11T10:00:00Z";

const variantOf = (shopId: string, id: number) =>
  h.prisma.variant.findFirstOrThrow({
    where: { shopId, shopifyId: `gid://shopify/ProductVariant/${id}` },
  });

async function shopWithOrders(shop: string) {
  await h.send(
    shop,
    "products/create",
    productPayload({
      id: 1,
      updatedAt: T1,
      variants: [{ id: 11, price: "10.00" }],
    }),
  );
  await h.send(
    shop,
    "orders/create",
    orderPayload({
      id: 1,
      updatedAt: T1,
      customerId: 501,
      lines: [{ id: 10, variantId: 11, quantity: 1, price: "10.00" }],
    }),
  );
  await h.send(
    shop,
    "orders/create",
    orderPayload({
      id: 2,
      updatedAt: T1,
      customerId: 502,
      lines: [{ id: 20, variantId: 11, quantity: 2, price: "10.00" }],
    }),
  );
  await h.drain();
  return h.shopId(shop);
}

describe("webhook processing: catalogue", () => {
  beforeAll(async () => {
    h = await syncHarness();
  });

  it("changes the price on products/update and writes PriceHistory; an older payload is ignored", async () => {
    // GIVEN a product with variant 11 at 10.00
    const shop = "price.myshopify.com";
    await h.send(
      shop,
      "products/create",
      productPayload({
        id: 1,
        updatedAt: T1,
        variants: [{ id: 11, price: "10.00" }],
      }),
    );
    await h.drain();
    const shopId = await h.shopId(shop);
    // WHEN it is updated to 12.50 with a compare-at price, then a stale payload at 9.00 arrives
    await h.send(
      shop,
      "products/update",
      productPayload({
        id: 1,
        updatedAt: T2,
        title: "Renamed",
        variants: [{ id: 11, price: "12.50", compareAt: "15.00" }],
      }),
    );
    await h.send(
      shop,
      "products/update",
      productPayload({
        id: 1,
        updatedAt: "2026-03-10T12:00:00Z",
        variants: [{ id: 11, price: "9.00" }],
      }),
    );
    await h.drain();
    // THEN the newest price stands, with one history row per change
    const v = await variantOf(shopId, 11);
    expect([v.price.toString(), v.compareAtPrice?.toString(), v.sku, v.vendor]).toEqual([
      "12.5",
      "15",
      "SKU-11",
      "Acme",
    ]);
    expect((await h.prisma.product.findFirstOrThrow({ where: { shopId } })).title).toBe("Renamed");
    const history = await h.prisma.priceHistory.findMany({
      where: { shopId, variantId: v.id },
      orderBy: { effectiveAt: "asc" },
    });
    expect(history.map((r) => [r.price.toString(), r.source])).toEqual([
      ["10", "webhook"],
      ["12.5", "webhook"],
    ]);
  });

  it("soft-deletes on products/delete", async () => {
    // GIVEN a product
    const shop = "del.myshopify.com";
    await h.send(
      shop,
      "products/create",
      productPayload({
        id: 3,
        updatedAt: T1,
        variants: [{ id: 31, price: "5.00" }],
      }),
    );
    await h.drain();
    // WHEN it is deleted in Shopify
    await h.send(shop, "products/delete", { id: 3 });
    await h.drain();
    // THEN the rows stay, marked deleted
    const shopId = await h.shopId(shop);
    expect((await h.prisma.product.findFirstOrThrow({ where: { shopId } })).deletedAt).not.toBeNull();
    expect((await variantOf(shopId, 31)).deletedAt).not.toBeNull();
  });

  it("updates inventory levels and unit cost", async () => {
    // GIVEN a variant with inventory item 90011
    const shop = "inv.myshopify.com";
    await h.send(
      shop,
      "products/create",
      productPayload({
        id: 1,
        updatedAt: T1,
        variants: [{ id: 11, price: "10.00" }],
      }),
    );
    await h.drain();
    // WHEN the level at location 5 changes twice (the older one last) and the cost is set
    await h.send(
      shop,
      "inventory_levels/update",
      levelPayload({ item: 90011, location: 5, available: 12, updatedAt: T2 }),
    );
    await h.send(
      shop,
      "inventory_levels/update",
      levelPayload({ item: 90011, location: 5, available: 3, updatedAt: T1 }),
    );
    await h.send(shop, "inventory_items/update", itemPayload({ id: 90011, cost: "4.20", updatedAt: T2 }));
    await h.drain();
    // THEN the newest level and the cost are stored
    const shopId = await h.shopId(shop);
    const v = await variantOf(shopId, 11);
    const levels = await h.prisma.inventoryLevel.findMany({
      where: { shopId, variantId: v.id },
    });
    expect(levels.map((l) => l.available)).toEqual([12]);
    expect(v.unitCost?.toString()).toBe("4.2");
  });
});

describe("webhook processing: compliance and lifecycle", () => {
  it("rejects a bad HMAC with 401 and stores nothing", async () => {
    // GIVEN a delivery signed with the wrong secret
    // WHEN it arrives
    const status = await h.send(
      "bad.myshopify.com",
      "orders/create",
      orderPayload({ id: 1, updatedAt: T1, lines: [] }),
      { secret: "wrong", webhookId: "bad-1" },
    );
    // THEN it is refused
    expect(status).toBe(401);
    expect(await h.prisma.webhookDelivery.count({ where: { webhookId: "bad-1" } })).toBe(0);
  });

  it("never stores the email or names of a customer", async () => {
    // GIVEN a shop whose orders carried emails, names and addresses
    const shopId = await shopWithOrders("pii.myshopify.com");
    // THEN no stored delivery contains them, and orders keep a pseudonymised key only
    const payloads = (await h.prisma.webhookDelivery.findMany({ where: { shopId } })).map((d) => d.payload).join("\n");
    expect(payloads).not.toMatch(/jane|Doe|example\.com|rue X/i);
    const keys = (await h.prisma.order.findMany({ where: { shopId } })).map((o) => o.customerKey);
    expect(keys.every((k) => k !== null && k.startsWith("c_"))).toBe(true);
  });

  it("customers/redact unlinks that customer only", async () => {
    // GIVEN orders of customers 501 and 502
    const shop = "credact.myshopify.com";
    const shopId = await shopWithOrders(shop);
    const before = await h.prisma.customerDailySales.count({
      where: { shopId },
    });
    expect(before).toBe(2);
    // WHEN customer 501 is redacted
    await h.send(shop, "customers/redact", customerRequestPayload("customers/redact", shop, 501, [1]));
    await h.drain();
    // THEN order 1 and its lines have no key, the customer's rows are gone, customer 502 is intact, sales unchanged
    const o1 = await h.prisma.order.findFirstOrThrow({
      where: { shopId, shopifyId: "gid://shopify/Order/1" },
    });
    const o2 = await h.prisma.order.findFirstOrThrow({
      where: { shopId, shopifyId: "gid://shopify/Order/2" },
    });
    expect(o1.customerKey).toBeNull();
    expect(o2.customerKey).not.toBeNull();
    expect(
      await h.prisma.orderLine.count({
        where: {
          shopId,
          OR: [{ customerKey: { not: null } }, { contributedCustomerKey: { not: null } }],
          orderId: o1.id,
        },
      }),
    ).toBe(0);
    expect(await h.prisma.customerDailySales.count({ where: { shopId } })).toBe(1);
    const v = await variantOf(shopId, 11);
    expect(
      (
        await h.prisma.dailySales.findFirstOrThrow({
          where: { shopId, variantId: v.id },
        })
      ).units,
    ).toBe(3);
    // AND replaying the old order delivery does not re-link the customer
    const old = await h.prisma.webhookDelivery.findFirstOrThrow({
      where: {
        shopId,
        topic: "ORDERS_CREATE",
        payload: { contains: '"id":1,' },
      },
    });
    expect(old.payload).not.toContain(o2.customerKey!);
    expect(old.payload).toContain('"customer":null');
  });

  it("customers/data_request writes what is stored about the customer", async () => {
    // GIVEN orders of customer 501
    const shop = "dreq.myshopify.com";
    const shopId = await shopWithOrders(shop);
    // WHEN Shopify asks for the customer's data
    await h.send(shop, "customers/data_request", {
      ...customerRequestPayload("customers/data_request", shop, 501, [1]),
      data_request: { id: 9 },
    });
    await h.drain();
    // THEN an audit event holds the customer's orders and daily rows
    const event = await h.prisma.auditEvent.findFirstOrThrow({
      where: { shopId, action: "compliance.customer_data_request" },
    });
    const data = JSON.parse(event.data) as {
      orders: { shopifyId: string }[];
      dailySales: unknown[];
      requestId: string;
    };
    expect(data.orders.map((o) => o.shopifyId)).toEqual(["gid://shopify/Order/1"]);
    expect(data.dailySales).toHaveLength(1);
    expect(data.requestId).toBe("9");
  });

  it("app/uninstalled removes the sessions and cancels the shop's jobs", async () => {
    // GIVEN a shop with a session and queued recompute jobs
    const shop = "uninst.myshopify.com";
    const shopId = await shopWithOrders(shop);
    await h.prisma.session.create({
      data: { id: "offline_" + shop, shop, state: "x", accessToken: "t" },
    });
    expect(await h.prisma.job.count({ where: { shopId, status: "queued" } })).toBeGreaterThan(0);
    // WHEN the app is uninstalled
    await h.send(
      shop,
      "app/uninstalled",
      shopifyPayload("app/uninstalled", { id: 1, domain: shop, myshopify_domain: shop }),
    );
    await h.drain();
    // THEN no session or waiting job remains, and the shop is marked uninstalled
    expect(await h.prisma.session.count({ where: { shop } })).toBe(0);
    expect(
      await h.prisma.job.count({
        where: { shopId, status: { in: ["queued", "running"] } },
      }),
    ).toBe(0);
    expect((await h.prisma.shop.findUniqueOrThrow({ where: { id: shopId } })).uninstalledAt).not.toBeNull();
  });

  it("shop/redact leaves zero rows for the shop and other shops intact", async () => {
    // GIVEN two shops with data
    const gone = await shopWithOrders("gone.myshopify.com");
    const kept = await shopWithOrders("kept.myshopify.com");
    const { SHOP_OWNED_MODELS } = await import("~/db/scoped.server");
    const count = async (shopId: string) => {
      let n = 0;
      for (const model of SHOP_OWNED_MODELS) {
        const delegate = (h.prisma as unknown as Record<string, { count(a: object): Promise<number> }>)[
          model[0].toLowerCase() + model.slice(1)
        ];
        n += await delegate.count({ where: { shopId } });
      }
      return n;
    };
    const keptBefore = await count(kept);
    // WHEN Shopify asks to redact the first shop
    await h.send(
      "gone.myshopify.com",
      "shop/redact",
      shopifyPayload("shop/redact", { shop_id: 1, shop_domain: "gone.myshopify.com" }),
    );
    await h.drain();
    // THEN it has no rows left, the other shop is untouched
    expect(await count(gone)).toBe(0);
    expect(await h.prisma.shop.count({ where: { id: gone } })).toBe(0);
    expect(await count(kept)).toBe(keptBefore);
  });
});
