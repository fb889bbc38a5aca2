// Crash test (issue 5): a real worker process (`npm run worker` entry) runs recompute.shop on a seeded shop and
// is killed with SIGKILL after some batches are written; a second worker takes the job over once the lock
// expires. The Forecast and Recommendation rows must then equal those of an uninterrupted run on an identical
// database (same seed): no duplicates, nothing half-written. SQLite file, or PostgreSQL under `npm run test:pg`.
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { migrateDatabase } from "~/db/migrate.server";
import { seedDemoShop } from "~/demo/seed.server";
import { generateShop } from "~/demo/simulator";
import { createJobQueue, type JobQueue } from "~/jobs/index.server";
import { JOB_TYPES } from "~/jobs/standard";
import { recomputeShop } from "~/sync/recompute/recompute.server";
import { freshDatabase, provider, type TestDatabase } from "../db/support";
import { recomputeRows } from "../../support/recompute-rows";
import { Workers, exited } from "../../support/workers";

// 500 variants: three write batches of the default 200, with a few hundred ms between them to kill in.
const SHOP = { seed: 11, variants: 500, days: 240 };
const queueName = `crash${process.pid}${Date.now().toString(36)}`;
const workers = new Workers();
let crashed: TestDatabase;
let reference: TestDatabase;
let crashDb: Db;
let refDb: Db;
let queue: JobQueue;

async function waitFor(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function startWorker(url: string): ChildProcess {
  return workers.start({
    REDIS_URL: "",
    DATABASE_URL: url,
    JOBS_QUEUE: queueName,
    JOBS_POLL_MS: "50",
    JOBS_LOCK_MS: "1500",
    JOBS_CONCURRENCY: "1",
  });
}

describe(`crash mid-recompute (${provider})`, () => {
  beforeAll(async () => {
    crashed = await freshDatabase("crash-recompute");
    reference = await freshDatabase("crash-reference");
    for (const d of [crashed, reference]) await migrateDatabase(d.url);
    crashDb = createPrismaClient(crashed.url);
    refDb = createPrismaClient(reference.url);
    queue = createJobQueue({ redisUrl: "", db: crashDb, database: { queue: queueName } }); // producer only
  }, 120_000);

  afterAll(async () => {
    workers.killAll();
    await queue?.close();
    await crashDb?.$disconnect();
    await refDb?.$disconnect();
    await crashed?.drop();
    await reference?.drop();
  });

  it("finishes a SIGKILLed recompute.shop in a new worker with the rows of an uninterrupted run", async () => {
    // GIVEN two databases seeded from the same simulated shop; the reference is recomputed without interruption
    const shopId = (await seedDemoShop(crashDb, generateShop(SHOP))).shopId;
    const refShopId = (await seedDemoShop(refDb, generateShop(SHOP))).shopId;
    const ref = await recomputeShop(refDb, refShopId);
    expect(ref.forecasts).toBe(SHOP.variants);
    // AND a worker process running recompute.shop on the other
    const a = startWorker(crashed.url);
    const { id } = await queue.enqueue({ shopId, type: JOB_TYPES.recomputeShop, payload: {} });
    // WHEN it is killed after its first batch is written, before the last
    await waitFor(async () => (await crashDb.forecast.count({ where: { shopId } })) > 0, "a first batch written");
    a.kill("SIGKILL");
    await exited(a);
    const atKill = await crashDb.forecast.count({ where: { shopId } });
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(SHOP.variants); // really mid-run
    expect((await queue.getJob(shopId, id))?.status).toBe("running"); // claimed by the dead worker
    // AND a new worker is started
    startWorker(crashed.url);
    await waitFor(
      async () => (await queue.getJob(shopId, id))?.status === "done",
      "the job done by the second worker",
      120_000,
    );
    // THEN the rows equal the uninterrupted run's: one forecast, and one pending recommendation per kind, variant and location
    const after = await recomputeRows(crashDb, shopId);
    expect(after).toEqual(await recomputeRows(refDb, refShopId));
    expect(after.forecasts).toHaveLength(SHOP.variants);
    const keys = after.recs.map(
      (r) => `${r.variantId}|${r.kind}|${r.status}|${r.locationId ?? ""}|${r.sourceLocationId ?? ""}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
    expect((await queue.getJob(shopId, id))?.attempts).toBe(2);
  }, 240_000);
});
