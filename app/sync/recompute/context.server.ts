// The shop context of a full recompute (docs/decisions/0022): built once per run by streaming every variant's
// history through ShopContextBuilder, then stored with a version (RecomputeRun.context for what the whole shop
// shares, VariantContext for what each variant needs of it). Chunks and one-variant recomputes read it back;
// a process keeps the parsed shop-wide part of the newest versions it used (immutable per version, so every
// worker that reads version N has the same context).
import type { Db } from "~/db.server";
import type { ShopDb } from "~/db/scoped.server";
import type { BulkUpserter } from "~/db/bulk-upsert.server";
import {
  CustomerValueBuilder,
  type CustomerOrder,
  type CustomerValueReport,
  type ProductAcquisition,
} from "~/core/customers/index";
import type { CalibrationTable, PoolProfiles } from "~/core/forecast/index";
import type { ElasticityEstimate } from "~/core/pricing/index";
import type { Prisma } from "@prisma/client";
import {
  ShopContextBuilder,
  feesFrom,
  type BuiltShopContext,
  guardrailsFrom,
  type DecisionSettings,
  type ShopContext,
} from "~/core/decisions/index";
import { dayToEpoch, epochToDay } from "~/core/days";
import { decimal, decimalOrNull, type DecimalLike } from "~/core/money";
import { forEachYielding, nextTurn } from "~/lib/yield";
import { classLevels, shopSettingsOf, type VendorTerms } from "~/services/shop-settings.server";
import { shopAbcClasses, shopLocations, type ShopLocations } from "./locations.server";
import { readSeries, variantPages } from "./history.server";
import { decodeContext, encodeContext } from "./codec";
import { engineSeries, NO_EXTRAS, type RunExtras } from "./extras.server";

/** What every batch of a run shares (RecomputeRun.context). */
export interface RunContext {
  version: number;
  settings: DecisionSettings;
  levelsByClass: { A: number; B: number; C: number; none: number };
  asOf: string;
  start: string;
  computedAt: Date;
  /** Price changes count for the cooldown up to this instant. */
  changesUntil: Date;
  timezone: string;
  pool: PoolProfiles;
  calibration: CalibrationTable;
  /** The customer value report without its per-product part (that is in VariantContext), null when not used. */
  customers: Omit<CustomerValueReport, "products"> | null;
  locations: ShopLocations;
  vendorTerms: Map<string, VendorTerms>;
  variants: number;
}

/** What a batch needs of the context for its own variants. */
export interface VariantContextRow {
  elasticity: ElasticityEstimate;
  abcClass: string | null;
  customer: ProductAcquisition | null;
}

export interface RecomputeWindowOptions {
  asOf?: string;
  horizon?: number;
}

/** The run's settings, history window and shop time zone (read once, stored with the context). */
export async function runBasics(db: Db, s: ShopDb, up: BulkUpserter, shopId: string, options: RecomputeWindowOptions) {
  const timezone = (await db.shop.findUnique({ where: { id: shopId }, select: { timezone: true } }))?.timezone ?? "UTC";
  const cfg = await shopSettingsOf(s);
  const settings: DecisionSettings = {
    horizon: options.horizon ?? 28,
    serviceLevel: cfg.serviceLevel,
    reviewPeriodDays: cfg.reviewPeriodDays,
    targetCoverDays: cfg.targetCoverDays,
    holdingCostPct: cfg.holdingCostPct,
    sellThroughDays: cfg.sellThroughDays,
    guardrails: guardrailsFrom(cfg),
    fees: feesFrom(cfg),
    clvWeight: cfg.longTermValueWeight,
  };
  const { asOf, start } = await historyWindow(up, options.asOf);
  return { timezone, cfg, settings, asOf, start };
}

/**
 * History window: the shop's first sales day to asOf (default: the last day with sales or a stock snapshot).
 * One MIN or MAX per statement, so each is answered from the (shopId, day) index instead of a scan of the shop's rows.
 */
export async function historyWindow(up: BulkUpserter, asOfOption?: string): Promise<{ asOf: string; start: string }> {
  const one = async (sql: string) => (await up.query<{ d: string | null }>(sql, [up.shopId]))[0]?.d ?? null;
  const first = await one(`SELECT MIN("day") AS "d" FROM "DailySales" WHERE "shopId" = ?`);
  const lastSale = await one(`SELECT MAX("day") AS "d" FROM "DailySales" WHERE "shopId" = ?`);
  const lastSnap = await one(`SELECT MAX("day") AS "d" FROM "InventorySnapshot" WHERE "shopId" = ?`);
  const lastKnown = [lastSale, lastSnap]
    .filter((d): d is string => !!d)
    .sort()
    .pop();
  const asOf = asOfOption ?? lastKnown ?? epochToDay(Math.floor(Date.now() / 86_400_000) - 1);
  const start = first && first <= asOf ? first : asOf;
  return { asOf, start };
}

export function endOfDay(day: string): Date {
  return new Date((dayToEpoch(day) + 1) * 86_400_000 - 1);
}

export interface BuildContextOptions extends RecomputeWindowOptions {
  batchSize: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number, message: string) => Promise<void> | void;
  /** Bundle demand and events applied to every history (extras.server.ts). */
  extras?: RunExtras;
  /** Variants per context part (default CONTEXT_PART_VARIANTS); a chunked run of the same shop must use the same. */
  contextPartVariants?: number;
}

export interface BuiltRun {
  run: RunContext;
  /** Every live variant's id, in id order (the chunk boundaries are cut from it). */
  ids: string[];
  /** Milliseconds reading histories, and in all. */
  loadMs: number;
  ms: number;
}

export type RunBasics = Awaited<ReturnType<typeof runBasics>>;

/** What completeRun needs of each live variant. */
export interface LiveVariant {
  id: string;
  productId: string;
  unitCost: DecimalLike | null;
}

/** The shop's live variants in id order (the order of every pass of a run). */
export function liveVariants(s: ShopDb): Promise<LiveVariant[]> {
  return s.variant.findMany({
    where: { deletedAt: null },
    select: { id: true, productId: true, unitCost: true },
    orderBy: { id: "asc" },
  });
}

/**
 * Runs `fn` for a run's version; on a failure the run is marked failed (with the error) and the error rethrown. Not
 * when `signal` was aborted (the job is stopped, to be retried: the run goes on).
 */
export async function failingRun<T>(
  db: Db,
  shopId: string,
  version: number,
  fn: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (signal?.aborted) throw error;
    await db.recomputeRun
      .update({
        where: { shopId_version: { shopId, version } },
        data: { status: "failed", error: String(error).slice(0, 1000) },
      })
      .catch(() => undefined);
    throw error;
  }
}

/**
 * Builds the shop context of a new run (pass one over every variant's history) and stores it as the shop's next
 * version, status "deciding" (published by publishRun once its variants are written). Memory: the variants'
 * ids and elasticity fits, the calibration sample's series (at most 2,000) and one batch of histories.
 */
export async function buildRunContext(
  db: Db,
  s: ShopDb,
  up: BulkUpserter,
  shopId: string,
  options: BuildContextOptions,
): Promise<BuiltRun> {
  const t0 = Date.now();
  const basics = await runBasics(db, s, up, shopId, options);
  const version = await reserveVersion(db, shopId);
  return failingRun(db, shopId, version, async () => {
    const variants = await liveVariants(s);
    const ids = variants.map((v) => v.id);
    const builder = new ShopContextBuilder(ids, basics.settings, undefined, options.contextPartVariants);
    let loadMs = 0;
    let seen = 0;
    for await (const page of variantPages(s, { take: options.batchSize, signal: options.signal })) {
      const t = Date.now();
      const series = engineSeries(
        await readSeries(up, page, basics.start, basics.asOf),
        page,
        options.extras ?? NO_EXTRAS,
      );
      loadMs += Date.now() - t;
      await forEachYielding(page, (v, i) => builder.add(series[i], v.productId));
      seen += page.length;
      await options.onProgress?.((0.3 * seen) / Math.max(1, ids.length), `context ${seen}/${ids.length} variants`);
    }
    const built = await builder.finishInSlices(nextTurn);
    const run = await completeRun(db, s, up, shopId, version, basics, variants, built, {
      asOfGiven: !!options.asOf,
      signal: options.signal,
    });
    if (!run) throw new Error(`recompute run ${version} of ${shopId} left "building" while its context was built`);
    return { run, ids, loadMs, ms: Date.now() - t0 };
  });
}

/**
 * The rest of the context once pass one is done (here or merged from a chunked run's parts): customer value, ABC
 * classes, locations and vendor terms; the per-variant rows; then the run moves from "building" to "deciding",
 * together with `andThen` (a chunked run's decide chunks) in one transaction. Returns null when the run was not
 * "building" any more (another job completed it, or it failed).
 */
export async function completeRun(
  db: Db,
  s: ShopDb,
  up: BulkUpserter,
  shopId: string,
  version: number,
  basics: RunBasics,
  variants: LiveVariant[],
  built: BuiltShopContext,
  options: {
    asOfGiven: boolean;
    signal?: AbortSignal;
    andThen?: (tx: Prisma.TransactionClient) => Promise<void>;
  },
): Promise<RunContext | null> {
  const { timezone, cfg, settings, asOf, start } = basics;
  const ids = variants.map((v) => v.id);
  const productOf = new Map(variants.map((v) => [v.id, v.productId]));
  const customers =
    settings.clvWeight > 0 ? await customerValue(s, asOf, new Map(variants.map((v) => [v.id, v]))) : null;
  const [classes, locations, vendorRows] = await Promise.all([
    shopAbcClasses(s, asOf, variants, { shareA: cfg.abcShareA, shareB: cfg.abcShareB }),
    shopLocations(s, asOf),
    s.vendorSettings.findMany({}),
  ]);
  const computedAt = new Date();
  const run: RunContext = {
    version,
    settings,
    levelsByClass: classLevels(cfg),
    asOf,
    start,
    computedAt,
    // A push or rollback made today restarts the cooldown, unless the caller recomputes as of a past day.
    changesUntil: options.asOfGiven ? endOfDay(asOf) : computedAt,
    timezone,
    pool: built.pool,
    calibration: built.calibration,
    customers: customers
      ? {
          asOf: customers.asOf,
          method: customers.method,
          newCustomers: customers.newCustomers,
          shop: customers.shop,
          linesWithoutCost: customers.linesWithoutCost,
        }
      : null,
    locations,
    vendorTerms: new Map(
      vendorRows.map((v) => [
        v.vendor,
        { leadTimeMeanDays: v.leadTimeMeanDays, leadTimeSdDays: v.leadTimeSdDays, moq: v.moq, casePack: v.casePack },
      ]),
    ),
    variants: ids.length,
  };
  // Per variant: its shrunk elasticity, ABC class and product's customer value, written in slices.
  for (let i = 0; i < ids.length; i += 1000) {
    options.signal?.throwIfAborted();
    const rows = ids.slice(i, i + 1000).map((variantId) => {
      const customer = customers?.products.get(productOf.get(variantId)!);
      return {
        version,
        variantId,
        elasticity: encodeContext(built.elasticities.get(variantId)),
        abcClass: classes.get(variantId) ?? null,
        customer: customer ? encodeContext(customer) : null,
      };
    });
    await up.write([{ upsert: "VariantContext", rows, key: ["shopId", "version", "variantId"] }]);
  }
  const moved = await db.$transaction(async (tx) => {
    const done = await tx.recomputeRun.updateMany({
      where: { shopId, version, status: "building" },
      data: {
        status: "deciding",
        asOf,
        historyStart: start,
        context: encodeContext(run),
        variants: ids.length,
        contextAt: new Date(),
      },
    });
    if (done.count === 0) return false;
    await options.andThen?.(tx);
    return true;
  });
  if (!moved) return null;
  remember(shopId, run);
  return run;
}

/** The shop's next version: a RecomputeRun row "building" (the unique (shopId, version) settles races). */
export async function reserveVersion(db: Db, shopId: string): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const last = await db.recomputeRun.findFirst({
      where: { shopId },
      orderBy: { version: "desc" },
      select: { version: true },
    });
    const version = (last?.version ?? 0) + 1;
    try {
      await db.recomputeRun.create({ data: { shopId, version, status: "building" } });
      return version;
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
}

/**
 * Publishes a run whose variants are all written: one-variant recomputes use it from now on. An older run
 * finishing after a newer one was published is marked superseded instead. Returns whether it was published.
 */
export async function publishRun(db: Db, shopId: string, version: number): Promise<boolean> {
  const newer = await db.recomputeRun.count({ where: { shopId, status: "published", version: { gt: version } } });
  if (newer > 0) {
    await db.recomputeRun.updateMany({
      where: { shopId, version, status: "deciding" },
      data: { status: "superseded" },
    });
    return false;
  }
  const published = await db.recomputeRun.updateMany({
    where: { shopId, version, status: "deciding" },
    data: { status: "published", publishedAt: new Date() },
  });
  if (published.count === 0)
    return (await db.recomputeRun.count({ where: { shopId, version, status: "published" } })) > 0;
  // Older versions are no longer read: drop their per-variant rows and chunks.
  await db.recomputeRun.updateMany({
    where: { shopId, version: { lt: version }, status: { in: ["published", "deciding"] } },
    data: { status: "superseded" },
  });
  await db.variantContext.deleteMany({ where: { shopId, version: { lt: version } } });
  await db.recomputeChunk.deleteMany({ where: { shopId, version: { lt: version } } });
  await db.recomputeContextPart.deleteMany({ where: { shopId, version: { lte: version } } });
  return true;
}

const cache = new Map<string, RunContext>();
const CACHE_SHOPS = 16;

function remember(shopId: string, run: RunContext): void {
  cache.delete(shopId);
  cache.set(shopId, run);
  while (cache.size > CACHE_SHOPS) cache.delete(cache.keys().next().value as string);
}

/** Forgets the parsed contexts this process keeps (tests; shop/redact). The stored versions stay. */
export function clearRecomputeCache(shopId?: string): void {
  if (shopId) cache.delete(shopId);
  else cache.clear();
}

/** A run's shop-wide context by version (parsed once per process and version). */
export async function loadRunContext(db: Db, shopId: string, version: number): Promise<RunContext | null> {
  const hit = cache.get(shopId);
  if (hit?.version === version) return hit;
  const row = await db.recomputeRun.findUnique({
    where: { shopId_version: { shopId, version } },
    select: { context: true },
  });
  if (!row?.context) return null;
  const run = decodeContext<RunContext>(row.context);
  remember(shopId, run);
  return run;
}

/** The newest published run's version, or null. */
export async function publishedVersion(db: Db, shopId: string): Promise<number | null> {
  const row = await db.recomputeRun.findFirst({
    where: { shopId, status: "published" },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  return row?.version ?? null;
}

/** The stored per-variant context of a version, for these variants. */
export async function loadVariantContexts(
  up: BulkUpserter,
  version: number,
  ids: string[],
): Promise<Map<string, VariantContextRow>> {
  const out = new Map<string, VariantContextRow>();
  if (ids.length === 0) return out;
  const rows = await up.query<{
    variantId: string;
    elasticity: string;
    abcClass: string | null;
    customer: string | null;
  }>(
    `SELECT "variantId", "elasticity", "abcClass", "customer" FROM "VariantContext" WHERE "shopId" = ? AND "version" = ? AND "variantId" IN (${ids.map(() => "?").join(", ")})`,
    [up.shopId, version, ...ids],
  );
  for (const r of rows) {
    out.set(r.variantId, {
      elasticity: decodeContext<ElasticityEstimate>(r.elasticity),
      abcClass: r.abcClass,
      customer: r.customer ? decodeContext<ProductAcquisition>(r.customer) : null,
    });
  }
  return out;
}

/** The engine's ShopContext for a batch: the run's shared part and the batch's own variants' part. */
export function shopContextFor(
  run: RunContext,
  asOf: string,
  rows: Map<string, VariantContextRow>,
  productOf: Map<string, string>,
): ShopContext {
  const elasticities = new Map<string, ElasticityEstimate>();
  const products = new Map<string, ProductAcquisition>();
  for (const [id, row] of rows) {
    elasticities.set(id, row.elasticity);
    if (row.customer) products.set(productOf.get(id)!, row.customer);
  }
  return {
    pool: run.pool,
    calibration: run.calibration,
    elasticities,
    customers: run.customers ? { ...run.customers, products } : null,
    asOf,
  };
}

/** CustomerDailySales rows read per query by customerValue. */
const CUSTOMER_PAGE = 5_000;

/**
 * Customer value by product from CustomerDailySales: one pseudo-order per customer and day. The rows are read in
 * pages by (customer, day, variant) and each customer is handed to the builder once all its rows are read, so
 * memory holds one page and a summary per customer, not every row of the shop.
 */
export async function customerValue(
  s: ShopDb,
  asOf: string,
  byId: Map<string, { productId: string; unitCost: DecimalLike | null }>,
  pageSize = CUSTOMER_PAGE,
): Promise<CustomerValueReport> {
  const builder = new CustomerValueBuilder({ asOf, by: "product" });
  let current = null as { key: string; orders: Map<string, CustomerOrder> } | null;
  let after: { customerKey: string; day: string; variantId: string } | null = null;
  for (;;) {
    const rows: { customerKey: string; variantId: string; day: string; units: number; netRevenue: DecimalLike }[] =
      await s.customerDailySales.findMany({
        where: {
          day: { lte: asOf },
          ...(after
            ? {
                OR: [
                  { customerKey: { gt: after.customerKey } },
                  { customerKey: after.customerKey, day: { gt: after.day } },
                  { customerKey: after.customerKey, day: after.day, variantId: { gt: after.variantId } },
                ],
              }
            : {}),
        },
        select: { customerKey: true, variantId: true, day: true, units: true, netRevenue: true },
        orderBy: [{ customerKey: "asc" }, { day: "asc" }, { variantId: "asc" }],
        take: pageSize,
      });
    for (const r of rows) {
      if (current?.key !== r.customerKey) {
        if (current) builder.addCustomer([...current.orders.values()]);
        current = { key: r.customerKey, orders: new Map() };
      }
      let o = current.orders.get(r.day);
      if (!o) current.orders.set(r.day, (o = { customerKey: r.customerKey, date: r.day, lines: [] }));
      const v = byId.get(r.variantId);
      o.lines.push({
        sku: r.variantId,
        productId: v?.productId,
        quantity: r.units,
        unitPrice: r.units > 0 ? decimal(r.netRevenue, "CustomerDailySales.netRevenue") / r.units : 0,
        unitCost: v ? decimalOrNull(v.unitCost, "Variant.unitCost") : null,
      });
    }
    if (rows.length < pageSize) break;
    const last = rows[rows.length - 1];
    after = { customerKey: last.customerKey, day: last.day, variantId: last.variantId };
  }
  if (current) builder.addCustomer([...current.orders.values()]);
  return builder.finish();
}
