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
import { planChunkedRun, runContextPart } from "~/sync/recompute/context-parts.server";
import {
  recomputeChunkHandler,
  recomputeContextFinishHandler,
  recomputeContextHandler,
  recomputeFinishHandler,
  recomputeShopHandler,
} from "~/sync/recompute/jobs.server";
import { decodeContext } from "~/sync/recompute/codec";
import type { RunContext } from "~/sync/recompute/context.server";
import { freshDatabase, provider, type TestDatabase } from "../db/support";
import { recomputeRows } from "../../support/recompute-rows";

const SHOP = { seed: 7, variants: 60, days: 200 };
const PART = 13; // context parts of 13 variants (5 parts), also given to the reference run

/** The stored context of the shop's newest run: what every variant was decided with (computedAt aside). */
async function storedContext(d: Db, shopId: string) {
  const run = await d.recomputeRun.findFirstOrThrow({ where: { shopId }, orderBy: { version: "desc" } });
  const { pool, calibration, settings, customers } = decodeContext<RunContext>(run.context!);
  const rows = await d.variantContext.findMany({
    where: { shopId, version: run.version },
    select: { variantId: true, elasticity: true, abcClass: true, customer: true },
  });
  const sku = new Map(
    (await d.variant.findMany({ where: { shopId }, select: { id: true, sku: true } })).map((v) => [v.id, v.sku]),
  );
  const variants = rows
    .map(({ variantId, ...rest }) => ({ sku: sku.get(variantId), ...rest }))
    .sort((a, b) => String(a.sku).localeCompare(String(b.sku)));
  return { pool, calibration, settings, customers, variants };
}
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
      { chunked: true, chunkVariants: 17, contextPartVariants: PART },
    ),
  );
  queue.registerHandler(
    JOB_TYPES.recomputeContext,
    recomputeContextHandler(
      () => db,
      () => queue,
    ),
  );
  queue.registerHandler(
    JOB_TYPES.recomputeContextFinish,
    recomputeContextFinishHandler(
      () => db,
      () => queue,
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
    await recomputeShop(refDb, refShopId, { batchSize: 25, contextPartVariants: PART });
    // WHEN the shop recompute is a job on a queue with two slots
    await queue.start({ concurrency: 2 });
    await queue.enqueue({ shopId, type: JOB_TYPES.recomputeShop, payload: {} });
    await waitFor(
      async () => (await recomputeStatusOf(db, shopId))?.status === "published",
      "the chunked run published",
    );
    // THEN the same rows, decided with the same stored context to the last bit
    expect(await recomputeRows(db, shopId)).toEqual(await recomputeRows(refDb, refShopId));
    expect(await storedContext(db, shopId)).toEqual(await storedContext(refDb, refShopId));
    const status = await recomputeStatusOf(db, shopId);
    expect(status).toMatchObject({
      chunksTotal: 4,
      chunksDone: 4,
      partsTotal: 5,
      partsDone: 5,
      variants: SHOP.variants,
      variantsDone: SHOP.variants,
    });
    expect(await db.job.count({ where: { shopId, type: JOB_TYPES.recomputeChunk, status: "done" } })).toBe(4);
    expect(await db.job.count({ where: { shopId, type: JOB_TYPES.recomputeContext, status: "done" } })).toBe(5);
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

  it("GIVEN a planned run WHEN a context part runs twice at once (a retry beside a stalled attempt) THEN it is counted once and the run's rows are unchanged", async () => {
    // GIVEN the shop above, its rows, and a new run planned while no job is taken
    const shop = await db.shop.findFirstOrThrow({});
    const before = await recomputeRows(db, shop.id);
    await queue.stop();
    const planned = await planChunkedRun(db, queue, shop.id, { chunkVariants: 17, partVariants: PART });
    // WHEN part 0 runs twice at once, and the others once
    const twice = await Promise.all([
      runContextPart(db, queue, shop.id, { version: planned.version, index: 0 }),
      runContextPart(db, queue, shop.id, { version: planned.version, index: 0 }),
    ]);
    for (let index = 1; index < planned.parts; index++)
      await runContextPart(db, queue, shop.id, { version: planned.version, index });
    // THEN the part is counted once
    const run = await db.recomputeRun.findUniqueOrThrow({
      where: { shopId_version: { shopId: shop.id, version: planned.version } },
    });
    expect(twice.map((r) => r.stale)).toEqual([false, false]);
    expect([run.partsDone, run.partsTotal, run.status]).toEqual([5, 5, "building"]);
    // AND the jobs left (parts again, the merge, the chunks) publish the same rows
    await queue.start({ concurrency: 2 });
    await waitFor(
      async () =>
        (await recomputeStatusOf(db, shop.id))?.version === planned.version &&
        (await recomputeStatusOf(db, shop.id))?.status === "published",
      "the new run published",
    );
    expect(await recomputeRows(db, shop.id)).toEqual(before);
  });
});
