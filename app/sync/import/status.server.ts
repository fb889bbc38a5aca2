// What the Settings card shows, and starting a re-sync on demand.
import type { Db } from "~/db.server";
import { forShop } from "~/db/scoped.server";
import type { JobQueue } from "~/jobs/types";
import { parseCursor, type ImportMode, type ImportPhase } from "./cursor";
import { enqueueImport } from "./jobs.server";

export interface ImportStatus {
  status: "idle" | "queued" | "running" | "done" | "failed";
  progress: number;
  phase: ImportPhase | null;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  lastSyncedAt: string | null;
  /** The start of the last nightly reconciliation's re-sync (./reconcile.server.ts). */
  reconciledAt: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const STATUSES = new Set(["idle", "queued", "running", "done", "failed"]);

export async function importStatusOf(db: Db, shopId: string): Promise<ImportStatus | null> {
  const shop = await forShop(db, shopId).shop.findUnique({ where: { id: shopId } });
  if (!shop) return null;
  return {
    status: (STATUSES.has(shop.importStatus) ? shop.importStatus : "idle") as ImportStatus["status"],
    progress: shop.importProgress,
    phase: parseCursor(shop.importCursor)?.phase ?? null,
    error: shop.importError,
    startedAt: iso(shop.importStartedAt),
    finishedAt: iso(shop.importFinishedAt),
    lastSyncedAt: iso(shop.lastSyncedAt),
    reconciledAt: iso(shop.reconciledAt),
  };
}

export type RequestImportResult =
  | { ok: true; jobId: string }
  | { ok: false; code: "IMPORT.ALREADY_RUNNING" | "IMPORT.SHOP_NOT_FOUND"; message: string };

/**
 * Queues an import unless one is queued or running (a failed one resumes from its checkpoint). `reconcile`: the
 * nightly reconciliation's (./reconcile.server.ts), which records Shop.reconciledAt when it succeeds.
 */
export async function requestImport(
  db: Db,
  queue: JobQueue,
  shopId: string,
  mode: ImportMode,
  options: { reconcile?: boolean } = {},
): Promise<RequestImportResult> {
  const s = forShop(db, shopId);
  const shop = await s.shop.findUnique({ where: { id: shopId } });
  if (!shop) return { ok: false, code: "IMPORT.SHOP_NOT_FOUND", message: `no shop ${shopId}` };
  if (shop.importStatus === "running" || shop.importStatus === "queued") {
    return { ok: false, code: "IMPORT.ALREADY_RUNNING", message: "an import is already in progress" };
  }
  await s.shop.update({ where: { id: shopId }, data: { importStatus: "queued", importError: null } });
  const job = await enqueueImport(queue, shopId, options.reconcile ? { mode, reconcile: true } : { mode });
  return { ok: true, jobId: job.id };
}
