// Recompute job handlers: `recompute.variant` (coalesced per variant by enqueueVariantRecompute), `recompute.shop`
// (the nightly full recompute; on BullMQ it plans `recompute.context` part jobs and `recompute.context-finish`,
// ./context-parts.server.ts, then `recompute.chunk` jobs that any worker takes, then `recompute.finish` publishes:
// ./chunks.server.ts).
// All overwrite, so at-least-once delivery is safe.
import { getDb, type Db } from "~/db.server";
import { defineJobHandler } from "~/jobs/registry";
import { JOB_TYPES } from "~/jobs/standard";
import { getJobQueue } from "~/jobs/index.server";
import { PermanentJobError, type JobHandler, type JobQueue } from "~/jobs/types";
import { runAutonomy } from "~/decisions/autonomy.server";
import { forShop } from "~/db/scoped.server";
import { enqueueSummaryRefresh } from "~/services/summary-jobs.server";
import { enqueueSignalsRefresh } from "~/storefront/jobs.server";
import { recomputeShop } from "./recompute.server";
import { enqueueEventsMeasure } from "~/services/events.server";
import { publishRun } from "./context.server";
import { DEFAULT_CHUNK_VARIANTS, runChunk, type ChunkPayload } from "./chunks.server";
import { finishContextParts, planChunkedRun, runContextPart } from "./context-parts.server";

export function recomputeVariantHandler(
  dbOf: () => Db = getDb,
  queueOf: () => JobQueue = getJobQueue,
): JobHandler<{ variantId?: unknown }> {
  return async (job, ctx) => {
    const variantId = job.payload?.variantId;
    if (typeof variantId !== "string" || !variantId)
      throw new PermanentJobError(`recompute.variant: payload.variantId must be a non-empty string`);
    const report = await recomputeShop(dbOf(), job.shopId, {
      variantIds: [variantId],
      signal: ctx.signal,
    });
    await enqueueSignalsRefresh(queueOf(), job.shopId, [variantId]);
    await enqueueSummaryRefresh(queueOf(), job.shopId, { debounce: true });
    return { ...report };
  };
}

/** What follows a full recompute: storefront signals, the dashboard, and the actions the app may take alone. */
async function afterFullRecompute(db: Db, queue: JobQueue, shopId: string) {
  await enqueueSignalsRefresh(queue, shopId);
  await enqueueSummaryRefresh(queue, shopId);
  await enqueueEventsMeasure(queue, shopId);
  // Fresh recommendations: apply the ones the merchant let the app apply alone (within limits, never when paused).
  const shop = await db.shop.findUniqueOrThrow({
    where: { id: shopId },
    select: { id: true, domain: true, currency: true, timezone: true },
  });
  return runAutonomy({ ...shop, db: forShop(db, shop.id) });
}

export interface RecomputeShopHandlerOptions {
  /** Split into chunk jobs. Default: when the queue is BullMQ (workers in other processes take the chunks). */
  chunked?: boolean;
  /** Variants per chunk job. Default RECOMPUTE_CHUNK_VARIANTS, else DEFAULT_CHUNK_VARIANTS (2,000). */
  chunkVariants?: number;
  /** Variants per context part job. Default RECOMPUTE_PART_VARIANTS, else CONTEXT_PART_VARIANTS (2,000). */
  contextPartVariants?: number;
}

function positiveIntFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new PermanentJobError(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
}

export function recomputeShopHandler(
  dbOf: () => Db = getDb,
  queueOf: () => JobQueue = getJobQueue,
  options: RecomputeShopHandlerOptions = {},
): JobHandler<unknown> {
  return async (job, ctx) => {
    const db = dbOf();
    const queue = queueOf();
    if (options.chunked ?? queue.kind === "bullmq") {
      const started = await planChunkedRun(db, queue, job.shopId, {
        chunkVariants:
          options.chunkVariants ?? positiveIntFromEnv("RECOMPUTE_CHUNK_VARIANTS") ?? DEFAULT_CHUNK_VARIANTS,
        partVariants: options.contextPartVariants ?? positiveIntFromEnv("RECOMPUTE_PART_VARIANTS"),
      });
      return { chunked: true, ...started };
    }
    const report = await recomputeShop(db, job.shopId, {
      signal: ctx.signal,
      onProgress: (fraction, message) => ctx.progress(fraction, message),
    });
    const autonomy = await afterFullRecompute(db, queue, job.shopId);
    return { ...report, autonomy };
  };
}

const payloadNumber = (payload: unknown, key: string, type: string): number => {
  const value = (payload as Record<string, unknown> | null)?.[key];
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0)
    throw new PermanentJobError(`${type}: payload.${key} must be a non-negative integer`);
  return value;
};

/** `payload { version, index }` of a run's step (a context part, a decide chunk). */
const stepPayload = (job: { type: string; payload: unknown }): ChunkPayload => ({
  version: payloadNumber(job.payload, "version", job.type),
  index: payloadNumber(job.payload, "index", job.type),
});

export function recomputeChunkHandler(
  dbOf: () => Db = getDb,
  queueOf: () => JobQueue = getJobQueue,
): JobHandler<unknown> {
  return async (job, ctx) => runChunk(dbOf(), queueOf(), job.shopId, stepPayload(job), ctx.signal);
}

export function recomputeContextHandler(
  dbOf: () => Db = getDb,
  queueOf: () => JobQueue = getJobQueue,
): JobHandler<unknown> {
  return async (job, ctx) => runContextPart(dbOf(), queueOf(), job.shopId, stepPayload(job), ctx.signal);
}

export function recomputeContextFinishHandler(
  dbOf: () => Db = getDb,
  queueOf: () => JobQueue = getJobQueue,
): JobHandler<unknown> {
  return async (job, ctx) => {
    const version = payloadNumber(job.payload, "version", JOB_TYPES.recomputeContextFinish);
    return finishContextParts(dbOf(), queueOf(), job.shopId, version, ctx.signal);
  };
}

export function recomputeFinishHandler(
  dbOf: () => Db = getDb,
  queueOf: () => JobQueue = getJobQueue,
): JobHandler<unknown> {
  return async (job) => {
    const version = payloadNumber(job.payload, "version", JOB_TYPES.recomputeFinish);
    const db = dbOf();
    const published = await publishRun(db, job.shopId, version);
    if (!published) return { version, published };
    const autonomy = await afterFullRecompute(db, queueOf(), job.shopId);
    return { version, published, autonomy };
  };
}

defineJobHandler(JOB_TYPES.recomputeVariant, recomputeVariantHandler());
defineJobHandler(JOB_TYPES.recomputeShop, recomputeShopHandler());
defineJobHandler(JOB_TYPES.recomputeContext, recomputeContextHandler());
defineJobHandler(JOB_TYPES.recomputeContextFinish, recomputeContextFinishHandler());
defineJobHandler(JOB_TYPES.recomputeChunk, recomputeChunkHandler());
defineJobHandler(JOB_TYPES.recomputeFinish, recomputeFinishHandler());
