// `signals.refresh`: recomputes availability signals (all variants, or the payload's) and mirrors the changed
// ones into the app-owned metafields. Idempotent: unchanged facts write nothing.
import { getDb } from "~/db.server";
import { defineJobHandler } from "~/jobs/registry";
import { PermanentJobError, type JobQueue } from "~/jobs/types";
import { refreshSignals, syncSignalMetafields } from "./signals.server";

export const SIGNALS_REFRESH_JOB = "signals.refresh";

defineJobHandler<{ variantIds?: unknown }>(SIGNALS_REFRESH_JOB, async (job) => {
  const ids = job.payload?.variantIds;
  if (ids !== undefined && !(Array.isArray(ids) && ids.every((v) => typeof v === "string"))) {
    throw new PermanentJobError("signals.refresh: payload.variantIds must be a list of variant ids");
  }
  const db = getDb();
  const report = await refreshSignals(db, job.shopId, { variantIds: ids as string[] | undefined });
  const shop = await db.shop.findUniqueOrThrow({ where: { id: job.shopId }, select: { domain: true } });
  const metafields = report.changed > 0 ? await syncSignalMetafields(shop.domain, { db }) : { set: 0, failed: 0 };
  return { ...report, metafields };
});

/** After a recompute or a stock change: one coalesced refresh per variant, or one for the whole shop. */
export function enqueueSignalsRefresh(queue: JobQueue, shopId: string, variantIds?: string[]) {
  const key = variantIds && variantIds.length === 1 ? `variant:${variantIds[0]}` : "shop";
  return queue.enqueue({
    shopId,
    type: SIGNALS_REFRESH_JOB,
    payload: variantIds && variantIds.length === 1 ? { variantIds } : {},
    coalesceKey: key,
  });
}
