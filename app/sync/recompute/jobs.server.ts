// Recompute job handlers: `recompute.variant` (coalesced per variant by enqueueVariantRecompute) and
// `recompute.shop` (the nightly full recompute). Both overwrite, so at-least-once delivery is safe.
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

export function recomputeVariantHandler(
  dbOf: () => Db = getDb,
  queueOf: () => JobQueue = getJobQueue
): JobHandler<{ variantId?: unknown }> {
  return async (job, ctx) => {
    const variantId = job.payload?.variantId;
    if (typeof variantId !== "string" || !variantId)
      throw new PermanentJobError(
        `recompute.variant: payload.variantId must be a non-empty string`
      );
    const report = await recomputeShop(dbOf(), job.shopId, {
      variantIds: [variantId],
      signal: ctx.signal,
    });
    await enqueueSignalsRefresh(queueOf(), job.shopId, [variantId]);
    await enqueueSummaryRefresh(queueOf(), job.shopId, { debounce: true });
    return { ...report };
  };
}

export function recomputeShopHandler(
  dbOf: () => Db = getDb,
  queueOf: () => JobQueue = getJobQueue
): JobHandler<unknown> {
  return async (job, ctx) => {
    const report = await recomputeShop(dbOf(), job.shopId, {
      signal: ctx.signal,
      onProgress: (fraction, message) => ctx.progress(fraction, message),
    });
    await enqueueSignalsRefresh(queueOf(), job.shopId);
    await enqueueSummaryRefresh(queueOf(), job.shopId);
    await enqueueEventsMeasure(queueOf(), job.shopId);
    // Fresh recommendations: apply the ones the merchant let the app apply alone (within limits, never when paused).
    const db = dbOf();
    const shop = await db.shop.findUniqueOrThrow({ where: { id: job.shopId }, select: { id: true, domain: true, currency: true, timezone: true } });
    const autonomy = await runAutonomy({ ...shop, db: forShop(db, shop.id) });
    return { ...report, autonomy };
  };
}

defineJobHandler(JOB_TYPES.recomputeVariant, recomputeVariantHandler());
defineJobHandler(JOB_TYPES.recomputeShop, recomputeShopHandler());
