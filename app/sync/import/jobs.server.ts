// The `import.history` job: runs or resumes the shop's history import (coalesced per shop on "import").
// At least once is safe: rows are idempotent upserts and the checkpoint is committed with them.
import { getDb, type Db } from "~/db.server";
import { getJobQueue } from "~/jobs/index.server";
import { defineJobHandler } from "~/jobs/registry";
import { JOB_TYPES } from "~/jobs/standard";
import { PermanentJobError, type JobHandler, type JobQueue } from "~/jobs/types";
import type { ImportMode } from "./cursor";
import { runImport, type ImportOptions } from "./import.server";

export const IMPORT_JOB = "import.history";
export const IMPORT_COALESCE_KEY = "import";

export interface ImportPayload {
  mode?: ImportMode;
  /** A wake-up (bulk_operations/finish): only continues an import in progress, never starts one. */
  resume?: boolean;
  /**
   * The nightly reconciliation's re-sync: on success Shop.reconciledAt becomes the import's start, and no
   * recompute.shop is queued (the nightly recompute follows it).
   */
  reconcile?: boolean;
}

/** Failures a retry cannot fix: the job fails at once (the error stays on the shop). */
const PERMANENT = new Set([
  "IMPORT.SHOP_NOT_FOUND",
  "IMPORT.NO_CUSTOMER_SECRET",
  "ADMIN_API.NO_SESSION",
  "ADMIN_API.UNAUTHORIZED",
  "ADMIN_API.FORBIDDEN",
]);

/** After a reconciling import succeeded: it read everything up to its own start, now Shop.lastSyncedAt. */
async function recordReconciled(db: Db, shopId: string): Promise<void> {
  const shop = await db.shop.findUnique({ where: { id: shopId }, select: { lastSyncedAt: true } });
  if (shop?.lastSyncedAt) await db.shop.update({ where: { id: shopId }, data: { reconciledAt: shop.lastSyncedAt } });
}

export function enqueueImport(queue: JobQueue, shopId: string, payload: ImportPayload) {
  return queue.enqueue<ImportPayload>({ shopId, type: IMPORT_JOB, payload, coalesceKey: IMPORT_COALESCE_KEY });
}

export function importHistoryHandler(
  dbOf: () => Db = getDb,
  queueOf: () => JobQueue = getJobQueue,
  extra: Partial<ImportOptions> = {},
): JobHandler<ImportPayload> {
  return async (job, ctx) => {
    const payload = job.payload ?? {};
    const mode = payload.mode ?? "full";
    if (mode !== "full" && mode !== "incremental")
      throw new PermanentJobError(`import.history: payload.mode must be "full" or "incremental"`);
    const db = dbOf();
    if (payload.resume) {
      const shop = await db.shop.findUnique({ where: { id: job.shopId }, select: { importCursor: true } });
      if (!shop?.importCursor) return { skipped: "no import in progress" };
    }
    const result = await runImport({
      db,
      shopId: job.shopId,
      mode,
      signal: ctx.signal,
      onProgress: (fraction, message) => ctx.progress(fraction, message),
      onDone: payload.reconcile
        ? undefined
        : () => queueOf().enqueue({ shopId: job.shopId, type: JOB_TYPES.recomputeShop, coalesceKey: "import" }),
      ...extra,
    });
    if (result.ok && payload.reconcile) await recordReconciled(db, job.shopId);
    if (result.ok) return result.report;
    const code = result.error.cause ?? result.error.code;
    const message = `${code}: ${result.error.message}`;
    throw PERMANENT.has(code) ? new PermanentJobError(message) : new Error(message);
  };
}

defineJobHandler(IMPORT_JOB, importHistoryHandler());
