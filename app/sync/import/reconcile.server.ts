// The nightly reconciliation of a shop: an incremental re-sync of products, orders and refunds by updated_at since
// the last sync (the history import, ./import.server.ts, in "incremental" mode), which repairs what webhooks missed.
// Shopify retries a failed delivery 8 times over about 4 hours and then drops it, and a delivery can come a day late:
// whatever changed in Shopify since the last sync is read again, and the import's stale-guarded upserts and
// aggregate rebuild leave exactly what the complete stream of webhooks would have (docs/decisions/0020).
// Scheduled for every installed shop at 01:00 UTC (app/jobs/standard.ts), before the nightly recompute.
import { getDb, type Db } from "~/db.server";
import { forShop } from "~/db/scoped.server";
import { getJobQueue } from "~/jobs/index.server";
import { defineJobHandler } from "~/jobs/registry";
import { JOB_TYPES } from "~/jobs/standard";
import type { JobHandler, JobQueue } from "~/jobs/types";
import { requestImport } from "./status.server";

export type ReconcileOutcome =
  | { status: "queued"; jobId: string; since: string }
  | { status: "skipped"; reason: "no shop" | "uninstalled" | "never imported" | "import in progress" };

/**
 * Queues the shop's reconciling re-sync (the import job, serialised with every other import of the shop), unless
 * there is nothing to reconcile yet or an import already runs. Idempotent: a second call finds it queued.
 */
export async function reconcileShop(db: Db, queue: JobQueue, shopId: string): Promise<ReconcileOutcome> {
  const shop = await forShop(db, shopId).shop.findUnique({ where: { id: shopId } });
  if (!shop) return { status: "skipped", reason: "no shop" };
  if (shop.uninstalledAt) return { status: "skipped", reason: "uninstalled" };
  // The first full import is pending or failed: it (or its resume) repairs everything, not this.
  if (!shop.lastSyncedAt) return { status: "skipped", reason: "never imported" };
  const requested = await requestImport(db, queue, shopId, "incremental", { reconcile: true });
  if (!requested.ok)
    return { status: "skipped", reason: requested.code === "IMPORT.SHOP_NOT_FOUND" ? "no shop" : "import in progress" };
  return { status: "queued", jobId: requested.jobId, since: shop.lastSyncedAt.toISOString() };
}

export function reconcileHandler(dbOf: () => Db = getDb, queueOf: () => JobQueue = getJobQueue): JobHandler {
  return async (job) => reconcileShop(dbOf(), queueOf(), job.shopId);
}

defineJobHandler(JOB_TYPES.reconcileShop, reconcileHandler());
