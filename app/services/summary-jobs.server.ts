// `summary.refresh`: recomputes the dashboard's stored figures (ShopSummary) after anything that moves them
// (recomputes, imports, decisions). Coalesced per shop: a burst of changes gives one refresh.
import { getDb } from "~/db.server";
import type { JobQueue } from "~/jobs/types";
import { defineJobHandler } from "~/jobs/registry";
import { refreshShopSummary } from "./dashboard.server";

export const SUMMARY_REFRESH_JOB = "summary.refresh";

defineJobHandler(SUMMARY_REFRESH_JOB, async (job) => {
  await refreshShopSummary(job.shopId, getDb());
  return { refreshed: true };
});

/** Orders arrive all day: their per-variant recomputes share one refresh at most every this often. */
export const SUMMARY_DEBOUNCE_MS = 5 * 60_000;

/**
 * At once after whole-shop work and decisions; `debounce` (after one variant's recompute) waits SUMMARY_DEBOUNCE_MS
 * and absorbs every later request meanwhile (a coalesced enqueue keeps the waiting job's run time), so a steady
 * flow of orders does not recompute the whole shop's figures after each one.
 */
export function enqueueSummaryRefresh(queue: JobQueue, shopId: string, options: { debounce?: boolean } = {}) {
  return queue.enqueue({
    shopId,
    type: SUMMARY_REFRESH_JOB,
    payload: {},
    coalesceKey: options.debounce ? "shop:debounced" : "shop",
    runAt: options.debounce ? new Date(Date.now() + SUMMARY_DEBOUNCE_MS) : undefined,
  });
}
