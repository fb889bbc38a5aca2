import { beforeAll, describe, expect, it } from "vitest";
import { signedWebhook } from "../../support/webhook";
import { TEST_SECRET, migratedTestDatabase } from "../../support/env";
import { orderPayload } from "../sync/support";

/** A documented orders/create payload. */
const order = (id: number) => orderPayload({ id, updatedAt: "2026-03-10T10:00:00Z", lines: [] });

const SHOP = "hooks.myshopify.com";
type Action = (args: { request: Request; params: object; context: object }) => Promise<Response>;
let action: Action;
let prisma: typeof import("~/db.server").prisma;

async function call(request: Request): Promise<number> {
  try {
    return (await action({ request, params: {}, context: {} })).status;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("webhook intake", () => {
  beforeAll(async () => {
    ({ prisma } = await migratedTestDatabase());
    ({ action } = (await import("~/routes/webhooks.orders.create")) as unknown as { action: Action });
  });

  it("records a verified delivery and acknowledges it", async () => {
    // GIVEN a correctly signed orders/create delivery
    const request = signedWebhook({
      topic: "orders/create",
      shop: SHOP,
      body: order(1),
      secret: TEST_SECRET,
      webhookId: "w-1",
    });
    // WHEN it arrives
    const status = await call(request);
    // THEN it is acknowledged and stored durably for a job to process
    expect(status).toBe(200);
    const rows = await prisma.webhookDelivery.findMany({ where: { webhookId: "w-1" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ topic: "ORDERS_CREATE", status: "received" });
    expect(JSON.parse(rows[0].payload)).toMatchObject({ id: 1, name: "#1", line_items: [] });
  });

  it("applies the same delivery once", async () => {
    // GIVEN the same webhook id delivered twice
    const send = () =>
      signedWebhook({ topic: "orders/create", shop: SHOP, body: order(2), secret: TEST_SECRET, webhookId: "w-2" });
    // WHEN both arrive
    const statuses = [await call(send()), await call(send())];
    // THEN both are acknowledged and one row exists
    expect(statuses).toEqual([200, 200]);
    expect(await prisma.webhookDelivery.count({ where: { webhookId: "w-2" } })).toBe(1);
  });

  it("rejects a bad signature with 401 and stores nothing", async () => {
    // GIVEN a delivery signed with another secret
    const request = signedWebhook({
      topic: "orders/create",
      shop: SHOP,
      body: order(3),
      secret: "wrong",
      webhookId: "w-3",
    });
    // WHEN it arrives
    const status = await call(request);
    // THEN it is refused
    expect(status).toBe(401);
    expect(await prisma.webhookDelivery.count({ where: { webhookId: "w-3" } })).toBe(0);
  });
});
