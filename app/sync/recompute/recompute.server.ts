// Recompute a shop's decisions from the database: forecasts (pooled over the whole shop), replenishment
// and price recommendations. In named steps (docs/decisions/0022-streaming-recompute-and-chunk-jobs.md):
//   1. buildRunContext: stream every variant's history in keyset batches into the engine's ShopContextBuilder
//      (pool, calibration, elasticities), add customer value, ABC classes and locations; store it as a version.
//   2. decideRange: read the variants again batch by batch, decide each against that version and write the
//      batch's rows in one transaction (in this process, or as chunk jobs on any number of workers: ./chunks.server.ts).
//   3. publishRun: the version becomes the one a one-variant recompute uses.
// A one-variant recompute (after a webhook) reads only its variants' histories and the published version.
// Idempotent: rows are replaced, and only PENDING recommendations (batch.server.ts).
import type { Db } from "~/db.server";
import { databaseUrlOf } from "~/db.server";
import { forShop, type ShopDb } from "~/db/scoped.server";
import { openBulkUpserter, type BulkUpserter, type WriteStep } from "~/db/bulk-upsert.server";
import { decideAndWriteBatch, type BatchCounts, type BatchWindow } from "./batch.server";
import { loadRunExtras, type RunExtras } from "./extras.server";
import {
  buildRunContext,
  endOfDay,
  historyWindow,
  loadRunContext,
  publishRun,
  publishedVersion,
  type RunContext,
} from "./context.server";
import { variantPages, variantsById } from "./history.server";

export { clearRecomputeCache } from "./context.server";

export interface RecomputeOptions {
  /** Only these variants are recomputed, against the published shop context. Default: every variant. */
  variantIds?: string[];
  /** Last history day, YYYY-MM-DD. Default: the last day with sales or a stock snapshot. */
  asOf?: string;
  /** Variants loaded and written per batch. Default 200. */
  batchSize?: number;
  horizon?: number;
  /** Variants per context part (default CONTEXT_PART_VARIANTS; tests compare with small chunked runs). */
  contextPartVariants?: number;
  onProgress?: (fraction: number, message: string) => Promise<void> | void;
  signal?: AbortSignal;
}

export interface RecomputeReport {
  shopId: string;
  asOf: string | null;
  /** The shop context version the rows were decided with. */
  version: number | null;
  variants: number;
  forecasts: number;
  priceRecommendations: number;
  reorderRecommendations: number;
  /** Transfers between locations suggested. */
  transferRecommendations: number;
  withheld: number;
  ms: number;
  /** Milliseconds per phase: history reads, shop context (pass one, stored), decide + write (pass two). */
  phases: { loadMs: number; contextMs: number; decideWriteMs: number };
  /** true when a subset used the stored shop context instead of building one. */
  reusedShopContext: boolean;
}

export const DEFAULT_BATCH_SIZE = 200;

function emptyReport(shopId: string): RecomputeReport {
  return {
    shopId,
    asOf: null,
    version: null,
    variants: 0,
    forecasts: 0,
    priceRecommendations: 0,
    reorderRecommendations: 0,
    transferRecommendations: 0,
    withheld: 0,
    ms: 0,
    phases: { loadMs: 0, contextMs: 0, decideWriteMs: 0 },
    reusedShopContext: false,
  };
}

function add(report: RecomputeReport, c: BatchCounts): void {
  report.variants += c.variants;
  report.forecasts += c.forecasts;
  report.priceRecommendations += c.priceRecommendations;
  report.reorderRecommendations += c.reorderRecommendations;
  report.transferRecommendations += c.transferRecommendations;
  report.withheld += c.withheld;
  report.phases.loadMs += c.loadMs;
}

/** The window a full run decides with: the context's own. */
export function runWindow(run: RunContext): BatchWindow {
  return { asOf: run.asOf, start: run.start, computedAt: run.computedAt, changesUntil: run.changesUntil };
}

/** Opens the driver-level reader/writer for a shop, runs `fn`, closes it. */
export async function withUpserter<T>(db: Db, shopId: string, fn: (up: BulkUpserter) => Promise<T>): Promise<T> {
  const up = await openBulkUpserter(databaseUrlOf(db), shopId);
  try {
    return await fn(up);
  } finally {
    await up.close();
  }
}

export async function recomputeShop(db: Db, shopId: string, options: RecomputeOptions = {}): Promise<RecomputeReport> {
  return options.variantIds
    ? recomputeVariants(db, shopId, options.variantIds, options)
    : recomputeAll(db, shopId, options);
}

/** A full run in this process: context, every variant in batches, publish. */
async function recomputeAll(db: Db, shopId: string, options: RecomputeOptions): Promise<RecomputeReport> {
  const t0 = Date.now();
  const s = forShop(db, shopId);
  const report = emptyReport(shopId);
  if ((await s.variant.count({ where: { deletedAt: null } })) === 0) return { ...report, ms: Date.now() - t0 };
  return withUpserter(db, shopId, async (up) => {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const extras = await loadRunExtras(db, s, shopId);
    const built = await buildRunContext(db, s, up, shopId, { ...options, batchSize, extras });
    report.phases.contextMs = built.ms;
    report.phases.loadMs = built.loadMs;
    report.asOf = built.run.asOf;
    report.version = built.run.version;
    await options.onProgress?.(0.3, "shop context ready");
    const t2 = Date.now();
    await decideRange(db, s, up, built.run, {
      batchSize,
      extras,
      signal: options.signal,
      onBatch: async (c) => {
        add(report, c);
        await db.recomputeRun.update({
          where: { shopId_version: { shopId, version: built.run.version } },
          data: { variantsDone: report.variants },
        });
        await options.onProgress?.(
          0.3 + (0.7 * report.variants) / Math.max(1, built.ids.length),
          `${report.variants}/${built.ids.length} variants`,
        );
      },
    });
    report.phases.decideWriteMs = Date.now() - t2;
    await publishRun(db, shopId, built.run.version);
    report.ms = Date.now() - t0;
    return report;
  });
}

export interface RangeOptions {
  /** Variants with from <= id <= upTo. Default: all. */
  from?: string;
  upTo?: string;
  batchSize: number;
  signal?: AbortSignal;
  /** Steps written with the LAST batch's rows (in its transaction), e.g. marking a chunk done. */
  finalSteps?: WriteStep[];
  onBatch?: (counts: BatchCounts) => Promise<void> | void;
  /** Bundle demand and events (extras.server.ts); none when absent. */
  extras?: RunExtras;
}

/** Step 2: decide and write the run's variants of a range, one batch (one transaction) at a time. */
export async function decideRange(
  db: Db,
  s: ShopDb,
  up: BulkUpserter,
  run: RunContext,
  opts: RangeOptions,
): Promise<void> {
  const window = runWindow(run);
  const pages = variantPages(s, { from: opts.from, upTo: opts.upTo, take: opts.batchSize, signal: opts.signal });
  let page = await pages.next();
  if (page.done) {
    if (opts.finalSteps?.length) await up.write(opts.finalSteps);
    return;
  }
  while (!page.done) {
    opts.signal?.throwIfAborted();
    const current = page.value;
    page = await pages.next();
    const counts = await decideAndWriteBatch(
      s,
      up,
      run,
      window,
      current,
      page.done ? (opts.finalSteps ?? []) : [],
      opts.extras,
    );
    await opts.onBatch?.(counts);
  }
}

/**
 * One or a few variants (after a webhook): their own histories and the newest published shop context. Without
 * one (or when a variant is newer than it) a full context is built and published first, as a full run would.
 */
async function recomputeVariants(
  db: Db,
  shopId: string,
  variantIds: string[],
  options: RecomputeOptions,
): Promise<RecomputeReport> {
  const t0 = Date.now();
  const s = forShop(db, shopId);
  const report = emptyReport(shopId);
  const variants = await variantsById(s, variantIds);
  if (variants.length === 0) return { ...report, ms: Date.now() - t0 };
  return withUpserter(db, shopId, async (up) => {
    const version = await publishedVersion(db, shopId);
    let run = version === null ? null : await loadRunContext(db, shopId, version);
    if (run && options.horizon !== undefined && options.horizon !== run.settings.horizon) run = null;
    let window: BatchWindow | null = null;
    if (run) {
      // The variant's history up to today's last day, with the run's shop context.
      const { asOf } = await historyWindow(up, options.asOf);
      const computedAt = new Date();
      window = {
        asOf,
        start: run.start <= asOf ? run.start : asOf,
        computedAt,
        changesUntil: options.asOf ? endOfDay(asOf) : computedAt,
      };
      report.reusedShopContext = true;
    }
    const extras = await loadRunExtras(db, s, shopId);
    let counts = run ? await decideAndWriteBatch(s, up, run, window!, variants, [], extras) : null;
    if (!run || (counts && counts.skipped > 0)) {
      // No published context, or a variant it does not know: build (and publish) a new one, then decide.
      const built = await buildRunContext(db, s, up, shopId, {
        ...options,
        batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
        extras,
      });
      report.phases.contextMs = built.ms;
      await publishRun(db, shopId, built.run.version);
      run = built.run;
      window = runWindow(run);
      report.reusedShopContext = false;
      counts = await decideAndWriteBatch(s, up, run, window, variants, [], extras);
    }
    add(report, counts!);
    report.asOf = window!.asOf;
    report.version = run.version;
    report.ms = Date.now() - t0;
    report.phases.decideWriteMs = report.ms - report.phases.contextMs;
    return report;
  });
}
