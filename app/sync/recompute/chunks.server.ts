// A full recompute split into chunk jobs (docs/decisions/0022, 0028): once the shop context of a version is built
// (itself in part jobs: ./context-parts.server.ts), the variants are cut into chunks of consecutive ids and one
// `recompute.chunk` job per chunk is enqueued; any worker takes them. A chunk's last batch marks it done in the same
// transaction as its rows, so a crashed worker's chunk is simply run again (rows are replaced, the count is not
// incremented twice). When no chunk is left, `recompute.finish` publishes the version and runs what follows a
// full recompute. Every chunk decides against the same stored version: the rows equal a one-process run's.
import type { Db } from "~/db.server";
import { forShop } from "~/db/scoped.server";
import type { WriteStep } from "~/db/bulk-upsert.server";
import type { JobQueue } from "~/jobs/types";
import { JOB_TYPES } from "~/jobs/standard";
import { partRanges } from "~/core/decisions/index";
import { loadRunContext, publishedVersion } from "./context.server";
import { DEFAULT_BATCH_SIZE, decideRange, withUpserter } from "./recompute.server";
import { loadRunExtras } from "./extras.server";

/** Variants per chunk job. */
export const DEFAULT_CHUNK_VARIANTS = 2000;

export interface ChunkPayload {
  version: number;
  index: number;
}

export interface ChunkRow {
  shopId: string;
  version: number;
  index: number;
  fromId: string;
  toId: string;
  variants: number;
}

/** The decide chunks of a run: `size` consecutive ids each. */
export function decideChunks(
  shopId: string,
  version: number,
  ids: string[],
  size = DEFAULT_CHUNK_VARIANTS,
): ChunkRow[] {
  return partRanges(ids.length, size).map(([from, to], index) => ({
    shopId,
    version,
    index,
    fromId: ids[from],
    toId: ids[to - 1],
    variants: to - from,
  }));
}

/** A run's one-per-version step (`payload { version }`), coalesced per version. */
export function enqueueVersionStep(queue: JobQueue, shopId: string, type: string, version: number) {
  return queue.enqueue({ shopId, type, payload: { version }, coalesceKey: `v${version}` });
}

/** One `type` job per index 0 .. count - 1 of a run's version (context parts, decide chunks); none: `then` at once. */
export async function enqueueRunSteps(
  queue: JobQueue,
  shopId: string,
  version: number,
  type: string,
  count: number,
  then: string,
) {
  if (count === 0) await enqueueVersionStep(queue, shopId, then, version);
  else
    await queue.enqueueMany(
      Array.from({ length: count }, (_, index) => ({
        shopId,
        type,
        payload: { version, index } satisfies ChunkPayload,
      })),
    );
}

export interface ChunkResult {
  version: number;
  index: number;
  variants: number;
  /** true when a newer version was already published: nothing written. */
  stale: boolean;
  last: boolean;
}

/** Step 2 for one chunk: its variants decided against the run's version, marked done with its last batch. */
export async function runChunk(
  db: Db,
  queue: JobQueue,
  shopId: string,
  payload: ChunkPayload,
  signal?: AbortSignal,
): Promise<ChunkResult> {
  const { version, index } = payload;
  const chunk = await db.recomputeChunk.findUnique({ where: { shopId_version_index: { shopId, version, index } } });
  if (!chunk) return { version, index, variants: 0, stale: true, last: false };
  const newest = await publishedVersion(db, shopId);
  const run = await loadRunContext(db, shopId, version);
  if (!run || (newest !== null && newest > version)) {
    await db.recomputeChunk.updateMany({
      where: { shopId, version, index, status: "queued" },
      data: { status: "done", doneAt: new Date() },
    });
    return { version, index, variants: 0, stale: true, last: false };
  }
  let variants = 0;
  if (chunk.status !== "done") {
    const where = `"shopId" = ? AND "version" = ?`;
    const done: WriteStep[] = [
      // Counted once: only while the chunk is still queued (a retried chunk rewrites its rows, not the count).
      {
        sql: `UPDATE "RecomputeRun" SET "chunksDone" = "chunksDone" + 1, "variantsDone" = "variantsDone" + ? WHERE ${where} AND EXISTS (SELECT 1 FROM "RecomputeChunk" WHERE ${where} AND "index" = ? AND "status" = 'queued')`,
        params: [chunk.variants, shopId, version, shopId, version, index],
      },
      {
        sql: `UPDATE "RecomputeChunk" SET "status" = 'done', "doneAt" = ? WHERE ${where} AND "index" = ?`,
        params: [new Date(), shopId, version, index],
      },
    ];
    const extras = await loadRunExtras(db, forShop(db, shopId), shopId, false);
    await withUpserter(db, shopId, (up) =>
      decideRange(db, forShop(db, shopId), up, run, {
        extras,
        from: chunk.fromId,
        upTo: chunk.toId,
        batchSize: DEFAULT_BATCH_SIZE,
        signal,
        finalSteps: done,
        onBatch: (c) => void (variants += c.variants),
      }),
    );
  }
  const left = await db.recomputeChunk.count({ where: { shopId, version, status: "queued" } });
  if (left === 0) await enqueueVersionStep(queue, shopId, JOB_TYPES.recomputeFinish, version);
  return { version, index, variants, stale: false, last: left === 0 };
}

/** What Settings shows of the shop's newest full recompute. */
export interface RecomputeStatus {
  version: number;
  status: "building" | "deciding" | "published" | "superseded" | "failed";
  variants: number;
  variantsDone: number;
  chunksTotal: number;
  chunksDone: number;
  /** A chunked run's context parts (0 in one process). */
  partsTotal: number;
  partsDone: number;
  startedAt: string;
  publishedAt: string | null;
  /** The last published run, when the newest is still running or failed. */
  lastPublishedAt: string | null;
}

export async function recomputeStatusOf(db: Db, shopId: string): Promise<RecomputeStatus | null> {
  const [run, published] = await Promise.all([
    // Not the stored context or plan (megabytes at 100k variants): Settings polls this while a run goes on.
    db.recomputeRun.findFirst({
      where: { shopId },
      orderBy: { version: "desc" },
      select: {
        version: true,
        status: true,
        variants: true,
        variantsDone: true,
        chunksTotal: true,
        chunksDone: true,
        partsTotal: true,
        partsDone: true,
        startedAt: true,
        publishedAt: true,
      },
    }),
    db.recomputeRun.findFirst({
      where: { shopId, status: "published" },
      orderBy: { version: "desc" },
      select: { publishedAt: true },
    }),
  ]);
  if (!run) return null;
  return {
    version: run.version,
    status: run.status as RecomputeStatus["status"],
    variants: run.variants,
    variantsDone: run.variantsDone,
    chunksTotal: run.chunksTotal,
    chunksDone: run.chunksDone,
    partsTotal: run.partsTotal,
    partsDone: run.partsDone,
    startedAt: run.startedAt.toISOString(),
    publishedAt: run.publishedAt?.toISOString() ?? null,
    lastPublishedAt: published?.publishedAt?.toISOString() ?? null,
  };
}
