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

export function enqueueSummaryRefresh(queue: JobQueue, shopId: string) {
  return queue.enqueue({ shopId, type: SUMMARY_REFRESH_JOB, payload: {}, coalesceKey: "shop" });
}
