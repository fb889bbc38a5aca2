import { beforeAll, describe, expect, it } from "vitest";
import { signedWebhook } from "../../support/webhook";
import { TEST_SECRET, migratedTestDatabase } from "../../support/env";
import { orderPayload } from "../sync/support";

/** A documented orders/create payload. */
const order = (id: number) => orderPayload({ id, updatedAt: "2026-03-10T10:00:00Z", lines: [] });

const SHOP = "cached.myshopify.com";
type Action = (args: { request: Request; params: object; context: object }) => Promise<Response>;
let action: Action;
let prisma: typeof import("~/db.server").prisma;
let redactShop: typeof import("~/sync/compliance.server").redactShop;

const deliver = async (webhookId: string) =>
  (
    await action({
      request: signedWebhook({ topic: "orders/create", shop: SHOP, body: order(7), secret: TEST_SECRET, webhookId }),
      params: {},
      context: {},
    })
  ).status;

describe("webhook intake shop id cache", () => {
  beforeAll(async () => {
    ({ prisma } = await migratedTestDatabase());
    ({ redactShop } = await import("~/sync/compliance.server"));
    ({ action } = (await import("~/routes/webhooks.orders.create")) as unknown as { action: Action });
  });

  it("still accepts a delivery for a shop redacted after its id was cached", async () => {
    // GIVEN a delivery that cached the shop's id, then shop/redact deleting the Shop row
    expect(await deliver("cache-1")).toBe(200);
    const before = await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    await redactShop(prisma, null, { id: before.id, domain: SHOP });
    expect(await prisma.shop.count({ where: { domain: SHOP } })).toBe(0);
    // WHEN a new delivery for the same shop arrives
    const status = await deliver("cache-2");
    // THEN it is acknowledged and stored under a new Shop row
    expect(status).toBe(200);
    const after = await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    expect(after.id).not.toBe(before.id);
    expect(await prisma.webhookDelivery.count({ where: { webhookId: "cache-2", shopId: after.id } })).toBe(1);
  });
});
