// The intake's answer and its enqueue (app/webhooks/ack.server.ts, issue 18): the job is enqueued after the answer,
// a failed enqueue is retried in the background, a duplicate of a delivery still waiting is queued again at once
// (Shopify re-sends what a crashed server never answered), and a store that misses the deadline answers 503.
import { beforeAll, describe, expect, it } from "vitest";
import { signedWebhook, statusOf } from "../../support/webhook";
import { TEST_SECRET, migratedTestDatabase } from "../../support/env";
import { waitFor } from "../jobs/contract";

const SHOP = "ack.myshopify.com";
type Action = (args: { request: Request; params: object; context: object }) => Promise<Response>;
let action: Action;
let prisma: typeof import("~/db.server").prisma;
let queue: import("~/jobs/types").JobQueue;

async function send(webhookId: string, id: number): Promise<number> {
  const request = signedWebhook({ topic: "orders/create", shop: SHOP, body: { id }, secret: TEST_SECRET, webhookId });
  return statusOf(() => action({ request, params: {}, context: {} }));
}

const jobsFor = (deliveryId: string) =>
  prisma.job.count({ where: { type: "webhook.process", payload: JSON.stringify({ deliveryId }) } });

describe("webhook acknowledgement and enqueue", () => {
  beforeAll(async () => {
    ({ prisma } = await migratedTestDatabase());
    const { getJobQueue } = await import("~/jobs/index.server");
    queue = getJobQueue(); // not started: jobs stay in the table for the test to see
    ({ action } = (await import("~/routes/webhooks.orders.create")) as unknown as { action: Action });
  });

  it("queues a job for a new delivery after answering", async () => {
    // GIVEN a signed orders/create
    // WHEN it arrives
    expect(await send("ack-1", 1)).toBe(200);
    // THEN it is stored and its job queued (in the background)
    const delivery = await prisma.webhookDelivery.findFirstOrThrow({ where: { webhookId: "ack-1" } });
    await waitFor(async () => (await jobsFor(delivery.id)) === 1, "the delivery's job");
  });

  it("queues a stored but unprocessed delivery again when Shopify re-sends it after a crash", async () => {
    // GIVEN a delivery stored before a crash, never processed, whose job was lost with the process
    expect(await send("ack-2", 2)).toBe(200);
    const delivery = await prisma.webhookDelivery.findFirstOrThrow({ where: { webhookId: "ack-2" } });
    await waitFor(async () => (await jobsFor(delivery.id)) === 1, "the first job");
    await prisma.job.deleteMany({ where: { payload: JSON.stringify({ deliveryId: delivery.id }) } });
    // WHEN Shopify re-sends it (same X-Shopify-Webhook-Id), twice
    expect(await send("ack-2", 2)).toBe(200);
    expect(await send("ack-2", 2)).toBe(200);
    // THEN one job is queued at once (not left to the sweep), and no second row is stored
    await waitFor(async () => (await jobsFor(delivery.id)) === 1, "a job for the re-sent delivery");
    await new Promise((r) => setTimeout(r, 100));
    expect(await jobsFor(delivery.id)).toBe(1);
    expect(await prisma.webhookDelivery.count({ where: { webhookId: "ack-2" } })).toBe(1);
  });

  it("queues nothing for a re-sent delivery that was already processed", async () => {
    // GIVEN a processed delivery
    expect(await send("ack-3", 3)).toBe(200);
    const delivery = await prisma.webhookDelivery.findFirstOrThrow({ where: { webhookId: "ack-3" } });
    await waitFor(async () => (await jobsFor(delivery.id)) === 1, "the first job");
    await prisma.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "processed" } });
    // WHEN it is re-sent
    expect(await send("ack-3", 3)).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    // THEN no other job is queued
    expect(await jobsFor(delivery.id)).toBe(1);
  });

  it("answers 503 when the delivery is not stored within the deadline, and still enqueues it if it is stored later", async () => {
    // GIVEN a store that takes longer than WEBHOOK_ACK_TIMEOUT_MS (a database that answers slowly)
    const { acknowledgeStored } = await import("~/webhooks/ack.server");
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    const late = await prisma.webhookDelivery.create({
      data: { shopId: shop.id, webhookId: "ack-late", topic: "ORDERS_CREATE", payload: "{}" },
    });
    const before = process.env.WEBHOOK_ACK_TIMEOUT_MS;
    process.env.WEBHOOK_ACK_TIMEOUT_MS = "50";
    try {
      const store = new Promise<{ shopId: string; deliveryId: string; fresh: boolean }>((resolve) =>
        setTimeout(() => resolve({ shopId: shop.id, deliveryId: late.id, fresh: true }), 300),
      );
      // WHEN the intake answers
      const response = await acknowledgeStored(store, { shop: SHOP, topic: "ORDERS_CREATE", webhookId: "ack-late" });
      // THEN Shopify is told to retry, and the delivery stored meanwhile still gets its job
      expect(response.status).toBe(503);
      await waitFor(async () => (await jobsFor(late.id)) === 1, "the late delivery's job");
    } finally {
      if (before === undefined) delete process.env.WEBHOOK_ACK_TIMEOUT_MS;
      else process.env.WEBHOOK_ACK_TIMEOUT_MS = before;
    }
  });

  it("answers 503 when verifying or storing waits on the database past the deadline, or the database refuses", async () => {
    // GIVEN answers that never come (the HMAC check waiting for the session lookup), that fail because the database
    // refused, and that are a 401 thrown by the HMAC check
    const { answerInTime } = await import("~/webhooks/ack.server");
    const before = process.env.WEBHOOK_ACK_TIMEOUT_MS;
    process.env.WEBHOOK_ACK_TIMEOUT_MS = "50";
    try {
      const started = Date.now();
      // WHEN each is answered
      const stuck = await answerInTime(new Promise<Response>(() => undefined), { path: "/webhooks/orders/create" });
      const refused = await answerInTime(
        Promise.reject(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })),
        { path: "/w" },
      );
      const unauthorized = answerInTime(Promise.reject(new Response(null, { status: 401 })), { path: "/w" });
      // THEN the first two are 503 at once (Shopify sends them again), the 401 stays a 401
      expect([stuck.status, refused.status]).toEqual([503, 503]);
      expect(Date.now() - started).toBeLessThan(2000);
      await expect(unauthorized).rejects.toMatchObject({ status: 401 });
    } finally {
      if (before === undefined) delete process.env.WEBHOOK_ACK_TIMEOUT_MS;
      else process.env.WEBHOOK_ACK_TIMEOUT_MS = before;
    }
  });

  it("retries an enqueue that failed, in the background, until the queue answers", async () => {
    // GIVEN a queue that refuses the first three enqueues (Redis down)
    const { enqueueInBackground, pendingEnqueues } = await import("~/webhooks/ack.server");
    let refusals = 3;
    const accepted: string[] = [];
    const flaky = {
      ...queue,
      enqueue: async (input: { payload?: unknown }) => {
        if (refusals-- > 0) throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
        accepted.push((input.payload as { deliveryId: string }).deliveryId);
        return { id: "j", created: true };
      },
    } as unknown as import("~/jobs/types").JobQueue;
    // WHEN two deliveries are stored while it is down
    enqueueInBackground({ shopId: "s", deliveryId: "d1", fresh: true }, flaky);
    await waitFor(() => pendingEnqueues() === 1, "the first in the retry list");
    enqueueInBackground({ shopId: "s", deliveryId: "d2", fresh: true }, flaky);
    // THEN both are enqueued, in order, once it answers again
    await waitFor(() => accepted.length === 2, "both enqueued", 20_000);
    expect(accepted).toEqual(["d1", "d2"]);
    expect(pendingEnqueues()).toBe(0);
  });
});
