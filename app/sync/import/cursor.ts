// The import's checkpoint, stored as JSON in Shop.importCursor: which phase, which bulk operation, and how many
// JSONL rows of its result are committed. Written in the same transaction as the rows, so a restart resumes
// exactly where the last commit ended. Pure.

export type ImportMode = "full" | "incremental";
export const PHASES = ["catalogue", "inventory", "orders"] as const;
export type ImportPhase = (typeof PHASES)[number];

export interface BulkRef {
  id: string;
  /** Result URL once the operation completed ("" = completed without any row). */
  url: string | null;
  objectCount: number;
}

export interface ImportCursor {
  mode: ImportMode;
  phase: ImportPhase;
  /** When the import began: becomes Shop.lastSyncedAt on success. */
  startedAt: string;
  /** Lower bound of `updated_at` for an incremental import; null = the full window. */
  since: string | null;
  op: BulkRef | null;
  /** JSONL rows of `op` already committed. */
  rowsDone: number;
  /** When the orders phase began: rows written since then are the touched ones. */
  phaseStartedAt: string;
}

export const HISTORY_DAYS = 730;
/** Incremental windows reach back this far before the last sync (clock skew, operations in flight). */
export const OVERLAP_MS = 3600_000;

export function newCursor(mode: ImportMode, lastSyncedAt: Date | null, now: Date): ImportCursor {
  const incremental = mode === "incremental" && lastSyncedAt !== null;
  return {
    mode: incremental ? "incremental" : "full",
    phase: "catalogue",
    startedAt: now.toISOString(),
    since: incremental ? new Date(lastSyncedAt.getTime() - OVERLAP_MS).toISOString() : null,
    op: null,
    rowsDone: 0,
    phaseStartedAt: now.toISOString(),
  };
}

export function parseCursor(text: string | null | undefined): ImportCursor | null {
  if (!text) return null;
  try {
    const c = JSON.parse(text) as ImportCursor;
    if (!PHASES.includes(c.phase) || (c.mode !== "full" && c.mode !== "incremental") || typeof c.startedAt !== "string")
      return null;
    return { ...c, rowsDone: Number(c.rowsDone) || 0 };
  } catch {
    return null;
  }
}

/** The search filter of a phase's bulk query ("" = everything). */
export function searchOf(cursor: ImportCursor, phase: ImportPhase): string {
  if (phase === "inventory") return "";
  if (cursor.since) return `updated_at:>='${cursor.since}'`;
  if (phase === "catalogue") return "";
  const from = new Date(Date.parse(cursor.startedAt) - HISTORY_DAYS * 86_400_000).toISOString().slice(0, 10);
  return `created_at:>='${from}'`;
}

/** Overall progress: catalogue 10 %, inventory 10 %, orders 80 %. */
export function overallProgress(phase: ImportPhase, fraction: number): number {
  const start = { catalogue: 0, inventory: 0.1, orders: 0.2 }[phase];
  const width = phase === "orders" ? 0.8 : 0.1;
  return Math.min(1, start + width * Math.max(0, Math.min(1, fraction)));
}
