// A full recompute split into chunk jobs (docs/decisions/0022) writes the rows of a one-process run, counts each
// chunk once even when it runs again, and publishes its context version at the end. Database queue here (SQLite,
// or PostgreSQL under `npm run test:pg`); worker processes on BullMQ: ./chunked-workers.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { migrateDatabase } from "~/db/migrate.server";
import { seedDemoShop } from "~/demo/seed.server";
import { generateShop } from "~/demo/simulator";
import { DbJobQueue } from "~/jobs/db-queue.server";
import { JOB_TYPES } from "~/jobs/standard";
import { recomputeShop } from "~/sync/recompute/recompute.server";
import { runChunk, recomputeStatusOf } from "~/sync/recompute/chunks.server";
import { recomputeChunkHandler, recomputeFinishHandler, recomputeShopHandler } from "~/sync/recompute/jobs.server";
import { freshDatabase, provider, type TestDatabase } from "../db/support";
import { recomputeRows } from "../../support/recompute-rows";

const SHOP = { seed: 7, variants: 60, days: 200 };
let chunked: TestDatabase;
let reference: TestDatabase;
let db: Db;
let refDb: Db;
let queue: DbJobQueue;

async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  chunked = await freshDatabase("recompute-chunks");
  reference = await freshDatabase("recompute-chunks-ref");
  for (const d of [chunked, reference]) await migrateDatabase(d.url);
  db = createPrismaClient(chunked.url);
  refDb = createPrismaClient(reference.url);
  queue = new DbJobQueue({ db, queue: "recompute-chunks", pollMs: 20 });
  queue.registerHandler(
    JOB_TYPES.recomputeShop,
    recomputeShopHandler(
      () => db,
      () => queue,
      { chunked: true, chunkVariants: 17 },
    ),
  );
  queue.registerHandler(
    JOB_TYPES.recomputeChunk,
    recomputeChunkHandler(
      () => db,
      () => queue,
    ),
  );
  queue.registerHandler(
    JOB_TYPES.recomputeFinish,
    recomputeFinishHandler(
      () => db,
      () => queue,
    ),
  );
});

afterAll(async () => {
  await queue?.stop();
  await queue?.close();
  await db?.$disconnect();
  await refDb?.$disconnect();
  await chunked?.drop();
  await reference?.drop();
});

describe(`chunked full recompute (${provider})`, () => {
  it("GIVEN the same shop in two databases WHEN one is recomputed in chunk jobs and the other in one process THEN the rows are identical and the run is published", async () => {
    // GIVEN
    const shopId = (await seedDemoShop(db, generateShop(SHOP))).shopId;
    const refShopId = (await seedDemoShop(refDb, generateShop(SHOP))).shopId;
    await recomputeShop(refDb, refShopId, { batchSize: 25 });
    // WHEN the shop recompute is a job on a queue with two slots
    await queue.start({ concurrency: 2 });
    await queue.enqueue({ shopId, type: JOB_TYPES.recomputeShop, payload: {} });
    await waitFor(
      async () => (await recomputeStatusOf(db, shopId))?.status === "published",
      "the chunked run published",
    );
    // THEN
    expect(await recomputeRows(db, shopId)).toEqual(await recomputeRows(refDb, refShopId));
    const status = await recomputeStatusOf(db, shopId);
    expect(status).toMatchObject({
      chunksTotal: 4,
      chunksDone: 4,
      variants: SHOP.variants,
      variantsDone: SHOP.variants,
    });
    expect(await db.job.count({ where: { shopId, type: JOB_TYPES.recomputeChunk, status: "done" } })).toBe(4);
  });

  it("GIVEN a chunk already written WHEN it runs again (a worker crashed before acknowledging it) THEN its rows and the progress are unchanged", async () => {
    // GIVEN the run above
    const shop = await db.shop.findFirstOrThrow({});
    const run = await db.recomputeRun.findFirstOrThrow({ where: { shopId: shop.id }, orderBy: { version: "desc" } });
    const before = await recomputeRows(db, shop.id);
    await db.recomputeChunk.update({
      where: { shopId_version_index: { shopId: shop.id, version: run.version, index: 1 } },
      data: { status: "queued" },
    });
    await db.recomputeRun.update({
      where: { id: run.id },
      data: { status: "deciding", chunksDone: 3, variantsDone: SHOP.variants - 17 },
    });
    // WHEN chunk 1 runs again, twice at once (the retry, and the stalled first attempt still writing)
    await Promise.all([
      runChunk(db, queue, shop.id, { version: run.version, index: 1 }),
      runChunk(db, queue, shop.id, { version: run.version, index: 1 }),
    ]);
    // THEN the rows are those of the first run and the chunk was counted once
    expect(await recomputeRows(db, shop.id)).toEqual(before);
    const after = await db.recomputeRun.findUniqueOrThrow({ where: { id: run.id } });
    expect([after.chunksDone, after.variantsDone]).toEqual([4, SHOP.variants]);
    await waitFor(
      async () => (await db.recomputeRun.findUniqueOrThrow({ where: { id: run.id } })).status === "published",
      "published again",
    );
  });
});
