// /healthz's judgement (app/server/health.server.ts, issue 18): 503 when the database or Redis does not answer, or the
// job worker's last claim loop is too old; the body reports the heartbeat's age and the oldest unprocessed delivery.
import { beforeAll, describe, expect, it } from "vitest";
import { migratedTestDatabase } from "../../support/env";
import type { JobQueue, Liveness } from "~/jobs/types";

let prisma: typeof import("~/db.server").prisma;
let checkHealth: typeof import("~/server/health.server").checkHealth;
const timeouts = { databaseMs: 2000, redisMs: 1000, webhookAckMs: 800, healthStaleMs: 20_000 };
const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);

function fakeQueue(kind: JobQueue["kind"], liveness: Liveness | Error, probe: "ok" | "down" = "ok"): JobQueue {
  return {
    kind,
    liveness: async () => {
      if (liveness instanceof Error) throw liveness;
      return liveness;
    },
    probe: async () => {
      if (probe === "down") throw new Error("Redis did not answer within 1000 ms");
    },
  } as unknown as JobQueue;
}

describe("checkHealth", () => {
  beforeAll(async () => {
    ({ prisma } = await migratedTestDatabase());
    ({ checkHealth } = await import("~/server/health.server"));
  });

  it("is healthy with a fresh heartbeat, and reports its age and the oldest waiting delivery", async () => {
    // GIVEN a worker that looped 2 s ago and a delivery waiting for 90 s
    const shop = await prisma.shop.create({ data: { domain: "health.myshopify.com", name: "h" } });
    await prisma.webhookDelivery.create({
      data: {
        shopId: shop.id,
        webhookId: "h1",
        topic: "ORDERS_CREATE",
        payload: "{}",
        receivedAt: new Date(NOW - 90_000),
      },
    });
    // WHEN health is checked
    const { status, report } = await checkHealth({
      db: prisma,
      queue: fakeQueue("database", { source: "this process", lastLoopAt: NOW - 2000 }),
      timeouts,
      now: () => NOW,
    });
    // THEN 200, with the figures (a backlog with a live worker is reported, not judged)
    expect(status).toBe(200);
    expect(report).toMatchObject({
      status: "ok",
      database: "ok",
      jobs: { queue: "database", worker: "this process", heartbeatAgeMs: 2000, stalled: false },
      oldestUnprocessedDeliveryAgeMs: 90_000,
    });
  });

  it("answers 503 when the worker's last claim loop is older than HEALTH_STALE_MS", async () => {
    // GIVEN workers whose newest heartbeat is 25 s old (limit 20 s)
    const { status, report } = await checkHealth({
      db: prisma,
      queue: fakeQueue("database", { source: "workers", lastLoopAt: NOW - 25_000 }),
      timeouts,
      now: () => NOW,
    });
    // THEN the worker is reported stalled
    expect(status).toBe(503);
    expect(report.jobs).toMatchObject({ worker: "workers", heartbeatAgeMs: 25_000, stalled: true });
  });

  it("without any heartbeat, answers 503 only once a delivery has waited longer than the limit", async () => {
    // GIVEN no worker ever recorded a heartbeat, and the oldest waiting delivery is 90 s old (see the first test)
    const none = fakeQueue("database", { source: "workers", lastLoopAt: null });
    // WHEN checked now, and as if it had just arrived
    const late = await checkHealth({ db: prisma, queue: none, timeouts, now: () => NOW });
    const early = await checkHealth({ db: prisma, queue: none, timeouts, now: () => NOW - 80_000 });
    // THEN stalled only in the first case
    expect(late.status).toBe(503);
    expect(late.report.jobs.stalled).toBe(true);
    expect(early.status).toBe(200);
  });

  it("names an unreachable database and an unreachable Redis", async () => {
    // GIVEN a database that fails its probe, and a BullMQ queue whose Redis does not answer
    const brokenDb = new Proxy(prisma, {
      get(target, property, receiver) {
        if (property === "$queryRaw")
          return () => Promise.reject(new Error("Connection terminated due to connection timeout"));
        return Reflect.get(target, property, receiver);
      },
    });
    const db = await checkHealth({
      db: brokenDb,
      queue: fakeQueue("database", { source: "this process", lastLoopAt: NOW }),
      timeouts,
      now: () => NOW,
    });
    const redis = await checkHealth({
      db: prisma,
      queue: fakeQueue("bullmq", { source: "workers", lastLoopAt: NOW }, "down"),
      timeouts,
      now: () => NOW,
    });
    // THEN both answer 503 and say which dependency failed
    expect(db.status).toBe(503);
    expect(db.report).toMatchObject({ status: "degraded", database: "unreachable" });
    expect(redis.status).toBe(503);
    expect(redis.report).toMatchObject({ status: "degraded", database: "ok", redis: "unreachable" });
  });
});
