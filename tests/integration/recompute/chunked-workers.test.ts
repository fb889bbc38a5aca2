// Scale-out (issue 16, docs/decisions/0022): with REDIS_URL a full recompute is split into chunk jobs on BullMQ that
// several `npm run worker` processes take, on PostgreSQL. One worker is SIGKILLed mid-run; its chunk is taken over
// once its lock expires. The rows must equal those of an uninterrupted one-process run on an identical database,
// and Settings' progress must count every chunk once. Runs under `npm run test:redis` (PostgreSQL + Redis).
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { migrateDatabase } from "~/db/migrate.server";
import { seedDemoShop } from "~/demo/seed.server";
import { generateShop } from "~/demo/simulator";
import { createJobQueue, type JobQueue } from "~/jobs/index.server";
import { JOB_TYPES } from "~/jobs/standard";
import { recomputeShop } from "~/sync/recompute/recompute.server";
import { recomputeStatusOf } from "~/sync/recompute/chunks.server";
import { freshDatabase, provider, type TestDatabase } from "../db/support";
import { recomputeRows } from "../../support/recompute-rows";
import { Workers, exited } from "../../support/workers";

const redisUrl = process.env.REDIS_URL ?? "";
const SHOP = { seed: 13, variants: 360, days: 240 };
const CHUNK = 30;
const PART = 50; // context parts (8 of them), also given to the reference run

const queueName = `chunks${process.pid}${Date.now().toString(36)}`;
const workers = new Workers();
let chunked: TestDatabase;
let reference: TestDatabase;
let db: Db;
let refDb: Db;
let queue: JobQueue;

async function waitFor(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function startWorker(url: string): ChildProcess {
  return workers.start(
    {
      REDIS_URL: redisUrl,
      DATABASE_URL: url,
      JOBS_QUEUE: queueName,
      // Longer than the longest step that holds the event loop (the calibration forecasts) on a loaded machine.
      JOBS_LOCK_MS: "10000",
      JOBS_CONCURRENCY: "1",
      RECOMPUTE_CHUNK_VARIANTS: String(CHUNK),
      RECOMPUTE_PART_VARIANTS: String(PART),
    },
    { verbose: !!process.env.DEBUG_WORKERS },
  );
}

describe.skipIf(!redisUrl || provider !== "postgres")(`chunked recompute on BullMQ workers (${provider})`, () => {
  beforeAll(async () => {
    chunked = await freshDatabase("chunked-workers");
    reference = await freshDatabase("chunked-workers-ref");
    for (const d of [chunked, reference]) await migrateDatabase(d.url);
    db = createPrismaClient(chunked.url);
    refDb = createPrismaClient(reference.url);
    queue = createJobQueue({ redisUrl, redis: { queueName } }); // producer only
  }, 120_000);

  afterAll(async () => {
    workers.killAll();
    await queue?.close();
    await db?.$disconnect();
    await refDb?.$disconnect();
    await chunked?.drop();
    await reference?.drop();
  });

  it("GIVEN two workers WHEN one is killed mid-run THEN a third finishes its chunk and the rows equal a one-process run's", async () => {
    // GIVEN the same shop in two databases; the reference recomputed in one process
    const shopId = (await seedDemoShop(db, generateShop(SHOP))).shopId;
    const refShopId = (await seedDemoShop(refDb, generateShop(SHOP))).shopId;
    await recomputeShop(refDb, refShopId, { contextPartVariants: PART });
    // AND two worker processes taking the chunk jobs
    const a = startWorker(chunked.url);
    startWorker(chunked.url);
    const { id } = await queue.enqueue({ shopId, type: JOB_TYPES.recomputeShop, payload: {} });
    // WHEN the first worker is killed once chunks are being written (it holds one: each worker takes the next at once)
    await waitFor(
      async () => (await db.recomputeChunk.count({ where: { shopId, status: "done" } })) >= 2,
      "two chunks written",
      60_000,
    ).catch(async (e) => {
      console.error(
        JSON.stringify(await queue.listJobs(shopId, { limit: 5 })),
        JSON.stringify(
          await db.recomputeRun.findMany({
            where: { shopId },
            select: { status: true, error: true, chunksTotal: true },
          }),
        ),
      );
      throw e;
    });
    a.kill("SIGKILL");
    await exited(a);
    const run = await db.recomputeRun.findFirstOrThrow({ where: { shopId } });
    expect(run.chunksDone).toBeLessThan(SHOP.variants / CHUNK); // really mid-run
    // AND a third worker is started
    startWorker(chunked.url);
    await waitFor(
      async () => (await recomputeStatusOf(db, shopId))?.status === "published",
      "the run published",
      180_000,
    );
    // THEN every chunk was written once, the progress counts each once, and the rows equal the one-process run's
    expect((await queue.getJob(shopId, id))?.status).toBe("done");
    expect(await recomputeStatusOf(db, shopId)).toMatchObject({
      chunksTotal: SHOP.variants / CHUNK,
      chunksDone: SHOP.variants / CHUNK,
      variantsDone: SHOP.variants,
    });
    // (the killed worker's job is retried once its lock expires, even when its chunk was committed before the kill)
    const chunkJobs = async () =>
      (await queue.listJobs(shopId, { limit: 100 })).filter((j) => j.type === JOB_TYPES.recomputeChunk);
    await waitFor(async () => (await chunkJobs()).every((j) => j.status === "done"), "every chunk job done", 60_000);
    expect(await chunkJobs()).toHaveLength(SHOP.variants / CHUNK);
    expect((await chunkJobs()).some((j) => j.attempts >= 2)).toBe(true); // the killed worker's chunk, retried
    expect(await recomputeStatusOf(db, shopId)).toMatchObject({
      status: "published",
      chunksDone: SHOP.variants / CHUNK,
      variantsDone: SHOP.variants,
    });
    const after = await recomputeRows(db, shopId);
    expect(after.forecasts).toHaveLength(SHOP.variants);
    expect(after).toEqual(await recomputeRows(refDb, refShopId));
  }, 300_000);
});
