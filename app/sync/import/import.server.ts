// The history import: catalogue -> inventory -> orders, each a bulk operation whose JSONL result is streamed
// row by row into idempotent, stale-guarded upserts (./sinks.server.ts, app/db/bulk-upsert.server.ts), committed
// in batches together with the checkpoint (./cursor.ts). A restart replays the file up to the checkpoint to
// rebuild the parents' context, then writes on. The orders phase ends with one transaction that rebuilds the
// aggregates of what it touched (./aggregates.server.ts) and marks the shop synced. docs/decisions/0008.
import { openBundleCollector, saveImportedBundles, type BundleCollector } from "~/bundles/import.server";
import { rebuildBundleDemand } from "~/bundles/store.server";
import type { BundleError } from "~/core/inventory/bundles";
import { databaseUrlOf, type Db } from "~/db.server";
import { newTableCounts, openBulkUpserter, type BulkUpserter, type WriteStep } from "~/db/bulk-upsert.server";
import { forShop } from "~/db/scoped.server";
import type { FetchLike, AdminGateway } from "~/shopify/admin-gateway.server";
import {
  BULK_INVENTORY_QUERY,
  bulkCatalogQuery,
  bulkOrdersQuery,
  currentBulkOperation,
  startBulkQuery,
  waitForBulkOperation,
  type BulkOperation,
} from "~/shopify/bulk.server";
import { openJsonl, type JsonlRow } from "~/shopify/jsonl.server";
import { adminGatewayForShop } from "~/shopify/session.server";
import { customerKeySecret } from "~/sync/webhooks/scrub";
import { linesMostlyOfSql, rebuildGroups } from "./aggregates.server";
import {
  newCursor,
  overallProgress,
  parseCursor,
  PHASES,
  searchOf,
  type ImportCursor,
  type ImportMode,
  type ImportPhase,
} from "./cursor";
import { catalogueSink, inventorySink, ordersSink, type Sink } from "./sinks.server";
import { markRunning, wakeableSleep } from "./wake.server";

export type ImportErrorCode =
  | "IMPORT.SHOP_NOT_FOUND"
  | "IMPORT.NO_CUSTOMER_SECRET"
  | "IMPORT.BULK_REJECTED"
  | "IMPORT.BULK_FAILED"
  | "IMPORT.RESULT_UNREADABLE"
  | "IMPORT.ABORTED"
  | "IMPORT.ADMIN_API"
  | "IMPORT.INTERNAL";

export interface ImportError {
  code: ImportErrorCode;
  message: string;
  /** The Admin API's own code, when the failure came from it (e.g. ADMIN_API.UNAUTHORIZED). */
  cause?: string;
}

export interface ImportReport {
  mode: ImportMode;
  rows: Record<ImportPhase, number>;
  skipped: number;
  resumedFrom: { phase: ImportPhase; rowsDone: number } | null;
  /** Bundles whose components were refused (nothing of them saved), e.g. BUNDLES.COMPONENT_UNKNOWN. */
  bundleErrors?: BundleError[];
}

export type ImportResult = { ok: true; report: ImportReport } | { ok: false; error: ImportError };

export interface ImportOptions {
  db: Db;
  shopId: string;
  mode: ImportMode;
  /** Default: the shop's offline session (adminGatewayForShop). */
  gateway?: AdminGateway;
  signal?: AbortSignal;
  onProgress?: (fraction: number, message: string) => unknown;
  /** Bulk operation polling interval (default 2 s; bulk_operations/finish wakes the wait early). */
  pollMs?: number;
  /** Rows per transaction (default 5,000: fewer commits and checkpoints; see docs/decisions/0008). */
  batchRows?: number;
  /** Fetch for the JSONL result (tests). */
  fetch?: FetchLike;
  /** After each committed batch (tests inject failures here). */
  afterBatch?: (phase: ImportPhase, rowsDone: number) => unknown;
  /** Called on success, e.g. to enqueue recompute.shop. */
  onDone?: () => unknown;
  now?: () => Date;
}

class ImportFailure extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    readonly causeCode?: string,
  ) {
    super(message);
  }
}

const QUERIES: Record<ImportPhase, (c: ImportCursor) => string> = {
  catalogue: (c) => bulkCatalogQuery(searchOf(c, "catalogue")),
  inventory: () => BULK_INVENTORY_QUERY,
  orders: (c) => bulkOrdersQuery(searchOf(c, "orders")),
};

/**
 * The import's writer: a 32 MB SQLite page cache (1M lines: the same CPU as 64 MB, 32 MB less peak RSS;
 * docs/decisions/0026).
 */
const IMPORT_WRITER = { sqliteCacheMb: 32 };

/**
 * The import's writers: one, and on PostgreSQL a second one for each batch's parent rows (orders, products,
 * locations), written while the previous batch's children are, on another server process (docs/decisions/0032).
 */
async function openImportWriters(
  db: Db,
  shopId: string,
): Promise<{ main: BulkUpserter; parents: BulkUpserter | null }> {
  const url = databaseUrlOf(db);
  const tableCounts = newTableCounts();
  const main = await openBulkUpserter(url, shopId, { ...IMPORT_WRITER, tableCounts });
  if (main.dialect === "sqlite") return { main, parents: null };
  try {
    return { main, parents: await openBulkUpserter(url, shopId, { ...IMPORT_WRITER, tableCounts }) };
  } catch (error) {
    await main.close();
    throw error;
  }
}

const cursorStep = (shopId: string, cursor: ImportCursor, progress: number, now: Date): WriteStep => ({
  sql: `UPDATE "Shop" SET "importCursor" = ?, "importProgress" = ?, "importStatus" = 'running', "updatedAt" = ? WHERE "id" = ?`,
  params: [JSON.stringify(cursor), progress, now, shopId],
});

/** Runs (or resumes, from Shop.importCursor) the shop's history import. Expected failures are results. */
export async function runImport(opts: ImportOptions): Promise<ImportResult> {
  const now = opts.now ?? (() => new Date());
  const s = forShop(opts.db, opts.shopId);
  const shop = await s.shop.findUnique({ where: { id: opts.shopId } });
  if (!shop) return { ok: false, error: { code: "IMPORT.SHOP_NOT_FOUND", message: `no shop ${opts.shopId}` } };
  const resumed = parseCursor(shop.importCursor);
  const cursor = resumed ? { ...resumed } : newCursor(opts.mode, shop.lastSyncedAt, now());
  const resumedFrom = resumed ? { phase: resumed.phase, rowsDone: resumed.rowsDone } : null;
  await s.shop.update({
    where: { id: shop.id },
    data: {
      importStatus: "running",
      importError: null,
      importCursor: JSON.stringify(cursor),
      ...(resumed ? {} : { importProgress: 0, importStartedAt: now(), importFinishedAt: null }),
    },
  });
  markRunning(shop.id, true);
  let writers: { main: BulkUpserter; parents: BulkUpserter | null } | null = null;
  try {
    const secret = customerKeySecret();
    if (!secret)
      throw new ImportFailure("IMPORT.NO_CUSTOMER_SECRET", "CUSTOMER_KEY_SECRET or SHOPIFY_API_SECRET must be set");
    let gateway = opts.gateway;
    if (!gateway) {
      const made = await adminGatewayForShop(shop.domain, { db: opts.db });
      if (!made.ok) throw new ImportFailure("IMPORT.ADMIN_API", made.error.message, made.error.code);
      gateway = made.value;
    }
    writers = await openImportWriters(opts.db, shop.id);
    const run = new PhaseRunner(opts, writers.main, writers.parents, gateway, cursor, shop.timezone, secret, now);
    const report = await run.all();
    await rebuildBundleDemand(opts.db, shop.id);
    if (opts.onDone) await opts.onDone();
    return { ok: true, report: { ...report, resumedFrom } };
  } catch (error) {
    const failure =
      error instanceof ImportFailure
        ? { code: error.code, message: error.message, ...(error.causeCode ? { cause: error.causeCode } : {}) }
        : {
            code: "IMPORT.INTERNAL" as const,
            message: error instanceof Error ? error.message.split("\n")[0] : String(error),
          };
    await s.shop
      .update({
        where: { id: shop.id },
        data: { importStatus: "failed", importError: `${failure.cause ?? failure.code}: ${failure.message}` },
      })
      .catch(() => undefined);
    return { ok: false, error: failure };
  } finally {
    markRunning(shop.id, false);
    await writers?.main.close();
    await writers?.parents?.close();
  }
}

class PhaseRunner {
  readonly rows: Record<ImportPhase, number> = { catalogue: 0, inventory: 0, orders: 0 };
  private skipped = 0;
  private bundles: BundleCollector | null = null;
  private bundleErrors: BundleError[] = [];

  constructor(
    private readonly opts: ImportOptions,
    private readonly upserter: BulkUpserter,
    /** PostgreSQL: the writer of each batch's parent rows (null: the main writer writes whole batches). */
    private readonly parents: BulkUpserter | null,
    private readonly gateway: AdminGateway,
    private readonly cursor: ImportCursor,
    private readonly timezone: string,
    private readonly secret: string,
    private readonly now: () => Date,
  ) {}

  async all(): Promise<Omit<ImportReport, "resumedFrom">> {
    for (let i = PHASES.indexOf(this.cursor.phase); i < PHASES.length; i++) {
      const phase = PHASES[i];
      this.cursor.phase = phase;
      const op = await this.operation(phase);
      await this.consume(phase, op.url ? await this.open(op.url) : emptyRows(), op.objectCount);
      if (phase === "catalogue" && this.bundles) {
        this.bundleErrors = (
          await saveImportedBundles(this.opts.db, this.upserter.shopId, this.bundles, this.cursor.mode)
        ).errors;
      }
      if (phase === "orders") {
        await this.finish();
      } else {
        Object.assign(this.cursor, {
          phase: PHASES[i + 1],
          op: null,
          rowsDone: 0,
          phaseStartedAt: this.now().toISOString(),
        });
        await this.upserter.write([
          cursorStep(this.upserter.shopId, this.cursor, overallProgress(PHASES[i + 1], 0), this.now()),
        ]);
      }
    }
    return {
      mode: this.cursor.mode,
      rows: this.rows,
      skipped: this.skipped,
      ...(this.bundleErrors.length ? { bundleErrors: this.bundleErrors } : {}),
    };
  }

  private checkAbort() {
    if (this.opts.signal?.aborted)
      throw new ImportFailure("IMPORT.ABORTED", "the import was stopped; it resumes from its checkpoint");
  }

  private async save(progress: number, extra: WriteStep[] = []) {
    await this.upserter.write([...extra, cursorStep(this.upserter.shopId, this.cursor, progress, this.now())]);
  }

  /** The phase's completed bulk operation: the checkpointed one, or a new one (started, then awaited). */
  private async operation(phase: ImportPhase): Promise<{ url: string | null; objectCount: number }> {
    for (let attempt = 0; ; attempt++) {
      this.checkAbort();
      if (this.cursor.op?.url != null)
        return { url: this.cursor.op.url || null, objectCount: this.cursor.op.objectCount };
      if (!this.cursor.op) {
        const id = await this.start(phase);
        this.cursor.op = { id, url: null, objectCount: 0 };
        this.cursor.rowsDone = 0;
        await this.save(overallProgress(phase, 0));
      }
      const done = await waitForBulkOperation(this.gateway, {
        id: this.cursor.op.id,
        intervalMs: this.opts.pollMs ?? 2000,
        sleep: wakeableSleep(this.upserter.shopId, this.opts.signal),
        onProgress: (op) =>
          void this.opts.onProgress?.(
            overallProgress(phase, 0),
            `${phase}: bulk operation ${op.status} (${op.objectCount} objects)`,
          ),
      });
      this.checkAbort();
      if (done.ok) {
        this.cursor.op = {
          id: done.value.id,
          url: done.value.url ?? "",
          objectCount: Number(done.value.objectCount) || 0,
        };
        await this.save(overallProgress(phase, 0));
        continue;
      }
      // Failed, expired or superseded: forget it, so this run (or the job's retry) starts the phase again.
      this.cursor.op = null;
      this.cursor.rowsDone = 0;
      await this.save(overallProgress(phase, 0));
      if (done.error.code !== "ADMIN_API.BULK_FAILED" || attempt >= 2) {
        throw new ImportFailure(
          done.error.code === "ADMIN_API.BULK_FAILED" ? "IMPORT.BULK_FAILED" : "IMPORT.ADMIN_API",
          done.error.message,
          done.error.code,
        );
      }
    }
  }

  private async start(phase: ImportPhase): Promise<string> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const started = await startBulkQuery(this.gateway, QUERIES[phase](this.cursor));
      if (!started.ok) throw new ImportFailure("IMPORT.ADMIN_API", started.error.message, started.error.code);
      if (started.value.bulkOperation) return started.value.bulkOperation.id;
      const busy = started.value.userErrors.some((e) => e.code === "OPERATION_IN_PROGRESS");
      if (!busy)
        throw new ImportFailure(
          "IMPORT.BULK_REJECTED",
          started.value.userErrors.map((e) => e.message).join("; ") || "bulk query refused",
        );
      // Another bulk query of this app runs (one at a time per shop): let it end, then start ours.
      const current = await currentBulkOperation(this.gateway);
      const other: BulkOperation | null = current.ok ? current.value : null;
      if (other)
        await waitForBulkOperation(this.gateway, {
          id: other.id,
          intervalMs: this.opts.pollMs ?? 2000,
          sleep: wakeableSleep(this.upserter.shopId, this.opts.signal),
        });
      this.checkAbort();
    }
    throw new ImportFailure("IMPORT.BULK_REJECTED", "another bulk operation keeps running for this shop");
  }

  private async open(url: string): Promise<AsyncIterable<JsonlRow>> {
    const opened = await openJsonl(url, this.opts.fetch);
    if (opened.ok) return opened.value;
    this.cursor.op = null; // e.g. the signed URL expired: a retry runs the query again
    this.cursor.rowsDone = 0;
    await this.save(overallProgress(this.cursor.phase, 0));
    throw new ImportFailure("IMPORT.RESULT_UNREADABLE", opened.error.message, opened.error.code);
  }

  private async sinkOf(phase: ImportPhase): Promise<Sink> {
    if (phase === "catalogue")
      return catalogueSink((this.bundles = await openBundleCollector(this.opts.db, this.upserter.shopId)));
    if (phase === "orders") return ordersSink({ timezone: this.timezone, customerSecret: this.secret });
    const known = await this.upserter.query<{ shopifyId: string }>(
      `SELECT "shopifyId" FROM "Variant" WHERE "shopId" = ?`,
      [this.upserter.shopId],
    );
    return inventorySink(new Set(known.map((r) => r.shopifyId)));
  }

  /**
   * Streams the rows; commits every `batchRows` written rows together with the checkpoint. Pipelined: while one
   * batch is being written (PostgreSQL: on the server), the next one is parsed; batches commit in file order, each
   * with the checkpoint of its own last row (docs/decisions/0026). With a parents' writer (PostgreSQL), a batch's
   * parent rows are committed first on that writer, while the previous batch's children still run on the main
   * one; its children and checkpoint follow on the main writer once both are done (docs/decisions/0032). Parents
   * committed ahead of their children are rewritten by the replay of a resumed import (idempotent upserts).
   */
  async consume(phase: ImportPhase, rows: AsyncIterable<JsonlRow>, total: number): Promise<void> {
    const sink = await this.sinkOf(phase);
    const batchRows = this.opts.batchRows ?? 5000;
    const startAt = this.cursor.rowsDone;
    let index = 0;
    let taken = this.cursor.rowsDone;
    // The writes in flight (children and checkpoint; parents ahead); a failure is kept (never an unhandled
    // rejection) and thrown at the next wait.
    let inflight: Promise<Error | null> | null = null;
    let parentsInflight: Promise<Error | null> | null = null;
    const outcome = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      );
    const settle = async (which: "children" | "parents") => {
      const failed = await (which === "children" ? inflight : parentsInflight);
      if (which === "children") inflight = null;
      else parentsInflight = null;
      if (failed) throw failed;
    };
    const commit = async () => {
      if (index <= taken && sink.pending === 0) return;
      taken = index;
      // Taken and checkpointed now (synchronously): the rows parsed meanwhile belong to the next batch.
      const steps = sink.take();
      const written = steps.reduce((a, st) => a + ("rows" in st ? st.rows.length : 0), 0);
      const rowsDone = index;
      const progress = overallProgress(phase, total > 0 ? index / total : 1);
      const cursor = { ...this.cursor, rowsDone };
      // Parents (all steps but the last: sinks write parents first) go ahead on their own writer, if any.
      const split = this.parents && steps.length > 1 ? steps.length - 1 : 0;
      const batch = [...steps.slice(split), cursorStep(this.upserter.shopId, cursor, progress, this.now())];
      // Built while the previous write still runs on the server (PostgreSQL), so this one only sends it.
      const ready = this.upserter.prepare?.(batch) ?? batch;
      let parents: Promise<Error | null> | null = null;
      if (split > 0 && this.parents) {
        const writer = this.parents;
        const parentSteps = writer.prepare?.(steps.slice(0, split)) ?? steps.slice(0, split);
        await settle("parents");
        parents = parentsInflight = outcome(writer.write(parentSteps));
      }
      await settle("children");
      inflight = outcome(
        (async () => {
          const failed = await parents;
          if (failed) throw failed;
          await this.upserter.write(ready);
          this.cursor.rowsDone = rowsDone;
          this.rows[phase] += written;
          await this.opts.afterBatch?.(phase, rowsDone);
          await this.opts.onProgress?.(progress, `${phase}: ${rowsDone} / ${total} rows`);
          this.checkAbort();
        })(),
      );
    };
    try {
      for await (const row of rows) {
        sink.accept(row, index < startAt);
        index++;
        if (sink.pending >= batchRows) await commit();
        // Hand the event loop a turn now and then. A PostgreSQL write is several statements, each sent once the
        // previous one's reply has been read, and a large one leaves the socket only as it drains: parsing rows
        // that are already buffered never yields by itself, so the server sat idle until the whole next batch was
        // parsed (wall time = node + server; docs/decisions/0032). It also lets a web process serve meanwhile.
        else if (index % YIELD_ROWS === 0) await new Promise(setImmediate);
      }
      await commit();
      await settle("children");
      await settle("parents");
    } finally {
      // A failure while reading never leaves a write running past the phase (its error, if any, is the lesser one).
      await inflight;
      await parentsInflight;
    }
    this.skipped += sink.skipped;
  }

  /** Rebuilds what the orders phase touched and marks the shop synced, in one transaction. */
  async finish(): Promise<void> {
    const at = this.now();
    const touchedSince = this.cursor.mode === "full" ? null : new Date(this.cursor.phaseStartedAt);
    const scanLines =
      this.upserter.dialect === "sqlite" &&
      !touchedSince &&
      Boolean((await this.upserter.query<{ mostly: number }>(linesMostlyOfSql, [this.upserter.shopId]))[0]?.mostly);
    const done: WriteStep = {
      sql: `UPDATE "Shop" SET "importCursor" = NULL, "importStatus" = 'done', "importProgress" = 1, "importError" = NULL, "importFinishedAt" = ?, "lastSyncedAt" = ?, "updatedAt" = ? WHERE "id" = ?`,
      params: [at, new Date(this.cursor.startedAt), at, this.upserter.shopId],
    };
    const groups = rebuildGroups(this.upserter.dialect, this.upserter.shopId, touchedSince, at, { scanLines });
    if (groups.length === 1) await this.upserter.write([...groups[0], done]);
    else {
      // PostgreSQL (which always has the parents' writer): the two groups at once, each in its own transaction on
      // its own connection (two server processes). The shop is marked synced only after both committed; a failure
      // leaves the import unfinished, and its next run rebuilds both again (delete + insert of derived rows).
      if (!this.parents || groups.length !== 2) throw new Error("import: the two rebuild groups need two writers");
      const outcomes = await Promise.allSettled([this.upserter.write(groups[0]), this.parents.write(groups[1])]);
      const failed = outcomes.find((o) => o.status === "rejected");
      if (failed) throw failed.reason;
      await this.upserter.write([done]);
    }
    await this.opts.onProgress?.(1, "done");
  }
}

/** Rows parsed between two event-loop turns (a few ms of parsing). */
const YIELD_ROWS = 256;

/** importJsonlPhase never starts a bulk operation. */
const NO_GATEWAY = {} as AdminGateway;

async function* emptyRows(): AsyncGenerator<JsonlRow> {
  // A completed operation without any object has no result file.
}

export interface JsonlPhaseInput {
  db: Db;
  shopId: string;
  phase: ImportPhase;
  mode?: ImportMode;
  rows: AsyncIterable<JsonlRow>;
  total: number;
  batchRows?: number;
  /** For orders: also rebuild the aggregates and mark the shop synced (as the end of an import does). */
  finish?: boolean;
  /** Wraps each of the phase's writers (tests observe or delay their writes). */
  wrapUpserter?: (upserter: BulkUpserter) => BulkUpserter;
}

/** One phase from an already opened JSONL stream: the import's own code path (benchmarks). */
export async function importJsonlPhase(input: JsonlPhaseInput): Promise<Record<ImportPhase, number>> {
  const shop = await forShop(input.db, input.shopId).shop.findUniqueOrThrow({ where: { id: input.shopId } });
  const opened = await openImportWriters(input.db, input.shopId);
  const wrap = (u: BulkUpserter) => (input.wrapUpserter ? input.wrapUpserter(u) : u);
  try {
    const cursor = {
      ...newCursor(input.mode ?? "full", null, new Date()),
      phase: input.phase,
      op: { id: "local", url: "local", objectCount: input.total },
    };
    const runner = new PhaseRunner(
      { db: input.db, shopId: input.shopId, mode: cursor.mode, batchRows: input.batchRows },
      wrap(opened.main),
      opened.parents && wrap(opened.parents),
      NO_GATEWAY,
      cursor,
      shop.timezone,
      customerKeySecret() || "bench",
      () => new Date(),
    );
    await runner.consume(input.phase, input.rows, input.total);
    if (input.finish && input.phase === "orders") await runner.finish();
    return runner.rows;
  } finally {
    await opened.main.close();
    await opened.parents?.close();
  }
}
