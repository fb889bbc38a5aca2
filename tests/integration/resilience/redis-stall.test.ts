// Redis stalls behind a fault-injecting proxy (refused, bytes dropped, delayed) with REDIS_URL set: signed webhooks
// are still acknowledged at once (stored in the database; the enqueue happens in the background), /healthz turns 503
// within the bound, and once the proxy heals the intake's pending enqueues go through and the worker applies every
// delivery, without a restart. Runs with `npm run test:redis`; skipped without REDIS_URL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedWebhook } from "../../support/webhook";
import { TEST_SECRET, useTestEnvironment } from "../../support/env";
import { startFaultProxy, type FaultMode, type FaultProxy } from "../../support/fault-proxy";
import { health, orderBody, seedShop, throughProxy, useShortTimeouts, within } from "./support";

const redisUrl = process.env.REDIS_URL ?? "";
const queueName = `resilience-redis-${process.pid}-${Date.now().toString(36)}`;
const PREFIX = "pilotage-test";
const SHOP = "resilience-redis.myshopify.com";
const DETECT_MS = 30_000;
const RESUME_MS = 60_000;

type Action = (args: { request: Request; params: object; context: object }) => Promise<Response>;
let proxy: FaultProxy;
let db: import("~/db.server").Db;
let queue: import("~/jobs/types").JobQueue;
let action: Action;
let shopId: string;
let sent = 0;

/** Sends one signed orders/create through the intake; resolves with its status and how long the answer took. */
async function deliver(): Promise<{ status: number; ms: number; webhookId: string }> {
  const n = ++sent;
  const webhookId = `redis-stall-${process.pid}-${n}`;
  const request = signedWebhook({
    topic: "orders/create",
    shop: SHOP,
    body: orderBody(7000 + n),
    secret: TEST_SECRET,
    webhookId,
  });
  const started = performance.now();
  let status: number;
  try {
    status = (await action({ request, params: {}, context: {} })).status;
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    status = thrown.status;
  }
  return { status, ms: performance.now() - started, webhookId };
}

describe.skipIf(redisUrl === "")("Redis stalls (BullMQ queue, REDIS_URL)", () => {
  beforeAll(async () => {
    useTestEnvironment();
    useShortTimeouts();
    const target = new URL(redisUrl);
    proxy = await startFaultProxy({ host: target.hostname, port: Number(target.port || 6379) });
    const { migrateDatabase } = await import("~/db/migrate.server");
    await migrateDatabase(process.env.DATABASE_URL);
    ({ prisma: db } = await import("~/db.server"));
    const { createJobQueue } = await import("~/jobs/index.server");
    queue = createJobQueue({
      redisUrl: throughProxy(redisUrl, proxy.port),
      redis: { queueName, prefix: PREFIX, livenessMs: 500 },
    });
    globalThis.__pilotageJobs = queue;
    const { registerAppHandlers } = await import("~/jobs/handlers.server");
    registerAppHandlers(queue);
    await queue.start({ concurrency: 2, lanes: { webhooks: 8 } });
    ({ action } = (await import("~/routes/webhooks.orders.create")) as unknown as { action: Action });
    await db.session.create({
      data: {
        id: `offline_${SHOP}`,
        shop: SHOP,
        state: "t",
        isOnline: false,
        accessToken: "shpat_t",
        scope: "read_orders",
      },
    });
    shopId = await seedShop(db, SHOP);
  });

  afterAll(async () => {
    proxy?.setMode("pass");
    await queue?.stop({ graceMs: 1000 });
    await queue?.close();
    const { Queue } = await import("bullmq");
    const { redisConnection } = await import("~/jobs/bullmq-queue.server");
    for (const name of [queueName, `${queueName}-webhooks`]) {
      const q = new Queue(name, { connection: redisConnection(redisUrl), prefix: PREFIX });
      await q.obliterate({ force: true });
      const client = await q.client;
      await client.del(`${PREFIX}:${name}:pilotage-cancelled-shops`, `${PREFIX}:${name}:pilotage-workers`);
      await q.close();
    }
    await proxy?.close();
  });

  const waiting = (webhookIds: string[]) =>
    db.webhookDelivery.count({ where: { webhookId: { in: webhookIds }, status: "received" } });

  for (const mode of ["blackhole", "refuse", "delay"] as FaultMode[]) {
    it(
      `acknowledges webhooks while Redis is ${mode === "blackhole" ? "silent" : mode === "refuse" ? "refusing" : "slow (3 s delay)"}, and applies them once it heals`,
      async () => {
        // GIVEN a working app whose Redis then stops answering
        await within(async () => (await health()).status === 200, "/healthz 200 before the fault", RESUME_MS);
        proxy.setMode(mode, { delayMs: 3000 });
        // WHEN signed webhooks arrive
        const answers = [];
        for (let i = 0; i < 8; i++) answers.push(await deliver());
        // THEN each is acknowledged (stored in the database) without waiting for Redis, far below Shopify's 5 s
        expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
        expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(2000);
        const ids = answers.map((a) => a.webhookId);
        expect(await db.webhookDelivery.count({ where: { webhookId: { in: ids } } })).toBe(ids.length);
        // AND /healthz answers 503 within the bound, naming Redis
        const detectedMs = await within(async () => (await health()).status === 503, "/healthz 503", DETECT_MS);
        expect((await health()).body).toMatchObject({ status: "degraded", redis: "unreachable", database: "ok" });

        // (a silent partition lasts long enough for the clients' own timeouts to drop their connections and their
        // reconnection attempts to fail too, as the 20-second partition did)
        if (mode === "blackhole") await new Promise((r) => setTimeout(r, 10_000));
        // WHEN Redis answers again
        proxy.setMode("pass");
        // THEN every delivery is enqueued and applied, and /healthz is 200 again, without a restart
        const resumedMs = await within(async () => (await waiting(ids)) === 0, "deliveries applied", RESUME_MS);
        await within(async () => (await health()).status === 200, "/healthz 200", RESUME_MS);
        expect(await db.order.count({ where: { shopId } })).toBeGreaterThanOrEqual(sent);
        console.log(
          `${mode}: acks max ${Math.round(Math.max(...answers.map((a) => a.ms)))} ms; 503 after ${detectedMs} ms; applied ${resumedMs} ms after healing`,
        );
      },
      DETECT_MS + RESUME_MS + 30_000,
    );
  }
});
