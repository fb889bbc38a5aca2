// The context pass of a chunked full recompute, itself in jobs (docs/decisions/0028): `recompute.shop` plans the run
// (version, settings and history window stored in RecomputeRun.plan) and cuts the live variants into parts of
// CONTEXT_PART_VARIANTS; each `recompute.context` job streams its part's histories into a ShopContextPart and
// stores the part's sums and elasticity fits; when no part is left, `recompute.context-finish` merges them in
// order (the same sums in the same order as a one-process run), reads the calibration sample's series again,
// completes the context and enqueues the decide chunks (./chunks.server.ts). Every step may run twice.
import type { Db } from "~/db.server";
import { forShop } from "~/db/scoped.server";
import type { WriteStep } from "~/db/bulk-upsert.server";
import type { JobQueue } from "~/jobs/types";
import { JOB_TYPES } from "~/jobs/standard";
import {
  CONTEXT_PART_VARIANTS,
  partRanges,
  ShopContextBuilder,
  ShopContextPart,
  type ShopContextPartState,
} from "~/core/decisions/index";
import { forEachYielding, nextTurn } from "~/lib/yield";
import { decodeContext, encodeContext } from "./codec";
import {
  completeRun,
  failingRun,
  liveVariants,
  publishedVersion,
  reserveVersion,
  runBasics,
  type RunBasics,
} from "./context.server";
import { engineSeries, loadRunExtras } from "./extras.server";
import { readSeries, variantPages, variantsById, type VariantRow } from "./history.server";
import { DEFAULT_BATCH_SIZE, withUpserter } from "./recompute.server";
import { decideChunks, enqueueRunSteps, enqueueVersionStep, type ChunkPayload } from "./chunks.server";

/** What a chunked run's jobs share before its context exists (RecomputeRun.plan). */
export interface RunPlan {
  basics: RunBasics;
  partVariants: number;
  chunkVariants: number;
  variants: number;
}

export interface PlannedRun {
  version: number;
  parts: number;
  variants: number;
}

/** Plans a chunked run: its version and basics, one context part per CONTEXT_PART_VARIANTS live variants, their jobs. */
export async function planChunkedRun(
  db: Db,
  queue: JobQueue,
  shopId: string,
  options: { chunkVariants: number; partVariants?: number },
): Promise<PlannedRun> {
  const s = forShop(db, shopId);
  await loadRunExtras(db, s, shopId); // rebuilds the bundle demand table once per run; the parts read it
  const basics = await withUpserter(db, shopId, (up) => runBasics(db, s, up, shopId, {}));
  const version = await reserveVersion(db, shopId);
  return failingRun(db, shopId, version, async () => {
    const ids = (await liveVariants(s)).map((v) => v.id);
    const size = options.partVariants ?? CONTEXT_PART_VARIANTS;
    const parts = partRanges(ids.length, size).map(([from, to], index) => ({
      shopId,
      version,
      index,
      position: from,
      fromId: ids[from],
      toId: ids[to - 1],
      variants: to - from,
    }));
    const plan: RunPlan = { basics, partVariants: size, chunkVariants: options.chunkVariants, variants: ids.length };
    await db.$transaction([
      db.recomputeContextPart.createMany({ data: parts }),
      db.recomputeRun.update({
        where: { shopId_version: { shopId, version } },
        data: {
          plan: encodeContext(plan),
          partsTotal: parts.length,
          variants: ids.length,
          asOf: basics.asOf,
          historyStart: basics.start,
        },
      }),
    ]);
    const { recomputeContext, recomputeContextFinish } = JOB_TYPES;
    await enqueueRunSteps(queue, shopId, version, recomputeContext, parts.length, recomputeContextFinish);
    return { version, parts: parts.length, variants: ids.length };
  });
}

/** The run's plan while it is being built, else null (finished, failed or superseded: nothing to do). */
async function buildingPlan(db: Db, shopId: string, version: number): Promise<RunPlan | null> {
  const run = await db.recomputeRun.findUnique({
    where: { shopId_version: { shopId, version } },
    select: { status: true, plan: true },
  });
  if (!run?.plan || run.status !== "building") return null;
  const newest = await publishedVersion(db, shopId);
  return newest !== null && newest > version ? null : decodeContext<RunPlan>(run.plan);
}

export interface PartResult {
  version: number;
  index: number;
  variants: number;
  stale: boolean;
  last: boolean;
}

/** One context part: its variants' sums and fits, stored with the part marked done (once, even when run twice). */
export async function runContextPart(
  db: Db,
  queue: JobQueue,
  shopId: string,
  payload: ChunkPayload,
  signal?: AbortSignal,
): Promise<PartResult> {
  const { version, index } = payload;
  const stale = { version, index, variants: 0, stale: true, last: false };
  const part = await db.recomputeContextPart.findUnique({
    where: { shopId_version_index: { shopId, version, index } },
  });
  const plan = part && (await buildingPlan(db, shopId, version));
  if (!part || !plan) return stale;
  if (part.status !== "done") {
    const s = forShop(db, shopId);
    const extras = await loadRunExtras(db, s, shopId, false);
    const ok = await withUpserter(db, shopId, async (up) => {
      const variants: VariantRow[] = [];
      for await (const page of variantPages(s, {
        from: part.fromId,
        upTo: part.toId,
        take: DEFAULT_BATCH_SIZE,
        signal,
      }))
        variants.push(...page);
      if (variants.length !== part.variants) return false;
      const builder = new ShopContextPart(
        variants.map((v) => v.id),
        part.position,
        plan.variants,
        plan.basics.settings.horizon,
      );
      const { start, asOf } = plan.basics;
      for (let i = 0; i < variants.length; i += DEFAULT_BATCH_SIZE) {
        const page = variants.slice(i, i + DEFAULT_BATCH_SIZE);
        const series = engineSeries(await readSeries(up, page, start, asOf), page, extras);
        await forEachYielding(page, (v, k) => builder.add(series[k], v.productId));
      }
      const where = `"shopId" = ? AND "version" = ?`;
      // The run's row is locked first, so two attempts at one part (or two parts) commit one after the other and
      // each counts the parts done with a snapshot taken after the other's commit (PostgreSQL reads committed rows
      // per statement): partsDone is exact even when a part runs twice at once.
      const steps: WriteStep[] = [
        { sql: `UPDATE "RecomputeRun" SET "partsDone" = "partsDone" WHERE ${where}`, params: [shopId, version] },
        {
          sql: `UPDATE "RecomputeContextPart" SET "status" = 'done', "state" = ?, "doneAt" = ? WHERE ${where} AND "index" = ? AND "status" = 'queued'`,
          params: [encodeContext(builder.state()), new Date(), shopId, version, index],
        },
        {
          sql: `UPDATE "RecomputeRun" SET "partsDone" = (SELECT COUNT(*) FROM "RecomputeContextPart" WHERE ${where} AND "status" = 'done') WHERE ${where}`,
          params: [shopId, version, shopId, version],
        },
      ];
      await up.write(steps);
      return true;
    });
    if (!ok) {
      // A variant was created or deleted inside the part since the plan: this run cannot merge; the next one will.
      await db.recomputeRun.updateMany({
        where: { shopId, version, status: "building" },
        data: { status: "failed", error: `the variants of context part ${index} changed while the run was built` },
      });
      return stale;
    }
  }
  const left = await db.recomputeContextPart.count({ where: { shopId, version, status: "queued" } });
  if (left === 0) await enqueueVersionStep(queue, shopId, JOB_TYPES.recomputeContextFinish, version);
  return { version, index, variants: part.variants, stale: false, last: left === 0 };
}

export interface ContextFinishResult {
  version: number;
  /** false when there was nothing to do (parts left, or the run already moved on). */
  completed: boolean;
  chunks: number;
}

/** Merges the parts in order, completes the context and enqueues the decide chunks. */
export async function finishContextParts(
  db: Db,
  queue: JobQueue,
  shopId: string,
  version: number,
  signal?: AbortSignal,
): Promise<ContextFinishResult> {
  const idle = { version, completed: false, chunks: 0 };
  const plan = await buildingPlan(db, shopId, version);
  if (!plan) return idle;
  if ((await db.recomputeContextPart.count({ where: { shopId, version, status: "queued" } })) > 0) return idle;
  const s = forShop(db, shopId);
  const extras = await loadRunExtras(db, s, shopId, false);
  return failingRun(
    db,
    shopId,
    version,
    () =>
      withUpserter(db, shopId, async (up) => {
        const rows = await db.recomputeContextPart.findMany({
          where: { shopId, version },
          orderBy: { index: "asc" },
          select: { state: true },
        });
        const parts = rows.map((r) => decodeContext<ShopContextPartState>(r.state!));
        const ids = parts.flatMap((p) => p.fitted.map((f) => f.id));
        const builder = new ShopContextBuilder(ids, plan.basics.settings, undefined, plan.partVariants);
        for (const part of parts) builder.merge(part);
        parts.length = 0;
        // The calibration sample's series, read again: they are forecast against the finished pool.
        const sample = builder.sampleIds();
        for (let i = 0; i < sample.length; i += DEFAULT_BATCH_SIZE) {
          const page = await variantsById(s, sample.slice(i, i + DEFAULT_BATCH_SIZE));
          const series = engineSeries(await readSeries(up, page, plan.basics.start, plan.basics.asOf), page, extras);
          for (const one of series) builder.sampleSeries(one);
        }
        const built = await builder.finishInSlices(nextTurn);
        const fitted = new Set(ids);
        const variants = (await liveVariants(s)).filter((v) => fitted.has(v.id));
        const chunks = decideChunks(shopId, version, ids, plan.chunkVariants);
        const run = await completeRun(db, s, up, shopId, version, plan.basics, variants, built, {
          asOfGiven: false,
          signal,
          andThen: async (tx) => {
            await tx.recomputeChunk.createMany({ data: chunks });
            await tx.recomputeRun.update({
              where: { shopId_version: { shopId, version } },
              data: { chunksTotal: chunks.length },
            });
          },
        });
        if (!run) return idle;
        await db.recomputeContextPart.updateMany({ where: { shopId, version }, data: { state: null } });
        await enqueueRunSteps(
          queue,
          shopId,
          version,
          JOB_TYPES.recomputeChunk,
          chunks.length,
          JOB_TYPES.recomputeFinish,
        );
        return { version, completed: true, chunks: chunks.length };
      }),
    signal,
  );
}
