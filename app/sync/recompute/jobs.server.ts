// Recompute job handlers: `recompute.variant` (coalesced per variant by enqueueVariantRecompute) and
// `recompute.shop` (the nightly full recompute). Both overwrite, so at-least-once delivery is safe.
import { getDb, type Db } from "~/db.server";
import { defineJobHandler } from "~/jobs/registry";
import { JOB_TYPES } from "~/jobs/standard";
import { PermanentJobError, type JobHandler } from "~/jobs/types";
import { recomputeShop } from "./recompute.server";

export function recomputeVariantHandler(
  dbOf: () => Db = getDb
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
    return { ...report };
  };
}

export function recomputeShopHandler(
  dbOf: () => Db = getDb
): JobHandler<unknown> {
  return async (job, ctx) => {
    const report = await recomputeShop(dbOf(), job.shopId, {
      signal: ctx.signal,
      onProgress: (fraction, message) => ctx.progress(fraction, message),
    });
    return { ...report };
  };
}

defineJobHandler(JOB_TYPES.recomputeVariant, recomputeVariantHandler());
defineJobHandler(JOB_TYPES.recomputeShop, recomputeShopHandler());
