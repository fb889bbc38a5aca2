// Recompute a shop's decisions from the database: forecasts (pooled over the whole shop), replenishment
// and price recommendations, written per batch in transactions. Idempotent: the Forecast row is replaced
// and the PENDING recommendations of the recomputed variants are replaced; approved, rejected, applied
// (and any other non-pending) rows are never touched.
import type { Db } from "~/db.server";
import { forShop } from "~/db/scoped.server";
import {
  customerValueByProduct,
  type CustomerOrder,
  type CustomerValueReport,
} from "~/core/customers/index";
import { buildPoolProfiles, type DailySeries } from "~/core/forecast/index";
import { estimateElasticities, toPriceHistory } from "~/core/pricing/index";
import {
  decideVariant,
  shopCalibration,
  DEFAULT_VENDOR_TERMS,
  feesFrom,
  guardrailsFrom,
  toDailySeries,
  type DecisionSettings,
  type ShopContext,
  type VariantDecision,
  type VariantFacts,
} from "~/core/decisions/index";
import { dayToEpoch, epochToDay } from "~/core/days";
import { toRecommendationRows, toForecastRow } from "./rows";
import { incomingByVariant } from "~/replenishment/incoming.server";
import { classLevels, shopSettingsOf } from "~/services/shop-settings.server";
import { serviceLevelOf } from "~/core/inventory/index";
import { batchLocationFacts, shopAbcClasses, shopLocations } from "./locations.server";
import { shopEvents, withEventDays } from "~/services/events.server";
import { eventsFor } from "~/core/forecast/index";
import { bundleAwareDecision, bundleAwareFacts, loadRecomputeBundles, withBundleDemand } from "./bundles.server";

export interface RecomputeOptions {
  /** Only these variants are recomputed (the pool still covers the whole shop). Default: every variant. */
  variantIds?: string[];
  /** Last history day, YYYY-MM-DD. Default: the last day with sales or a stock snapshot. */
  asOf?: string;
  /** Variants loaded and written per batch. Default 200. */
  batchSize?: number;
  horizon?: number;
  onProgress?: (fraction: number, message: string) => Promise<void> | void;
  signal?: AbortSignal;
  /** A subset may reuse this process's shop context (pool, elasticities) for the same history window. Default true. */
  reuseShopContext?: boolean;
  /** Oldest shop context a subset reuses. Default 6 hours. */
  contextMaxAgeMs?: number;
}

export interface RecomputeReport {
  shopId: string;
  asOf: string | null;
  variants: number;
  forecasts: number;
  priceRecommendations: number;
  reorderRecommendations: number;
  /** Transfers between locations suggested. */
  transferRecommendations: number;
  withheld: number;
  ms: number;
  /** Milliseconds per phase: history load, shop context (pool, elasticities, customer value), decide + write. */
  phases: { loadMs: number; contextMs: number; decideWriteMs: number };
  /** true when a subset reused the shop context instead of loading the whole shop. */
  reusedShopContext: boolean;
}

const contextCache = new Map<
  string,
  { key: string; ctx: ShopContext; at: number }
>();

/** Forgets the cached shop contexts (tests; shop/redact). */
export function clearRecomputeCache(shopId?: string): void {
  if (shopId) contextCache.delete(shopId);
  else contextCache.clear();
}

const DEFAULT_VENDOR = DEFAULT_VENDOR_TERMS;

const num = (d: unknown): number => Number(d);
const numOrNull = (d: unknown): number | null =>
  d === null || d === undefined ? null : Number(d);

function chunks<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

export async function recomputeShop(
  db: Db,
  shopId: string,
  options: RecomputeOptions = {}
): Promise<RecomputeReport> {
  const t0 = Date.now();
  const s = forShop(db, shopId);
  const shopTimezone = (await db.shop.findUnique({ where: { id: shopId }, select: { timezone: true } }))?.timezone ?? "UTC";
  const batchSize = options.batchSize ?? 200;
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

  const variants = await s.variant.findMany({
    where: { deletedAt: null },
    select: {
      id: true,
      productId: true,
      productType: true,
      vendor: true,
      price: true,
      compareAtPrice: true,
      unitCost: true,
    },
    orderBy: { id: "asc" },
  });
  const report: RecomputeReport = {
    shopId,
    asOf: null,
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
  if (variants.length === 0) return { ...report, ms: Date.now() - t0 };

  // History window: the shop's first sales day to asOf.
  const salesRange = await s.dailySales.aggregate({
    _min: { day: true },
    _max: { day: true },
  });
  const snapRange = await s.inventorySnapshot.aggregate({
    _max: { day: true },
  });
  const lastKnown = [salesRange._max.day, snapRange._max.day]
    .filter((d): d is string => !!d)
    .sort()
    .pop();
  const asOf =
    options.asOf ??
    lastKnown ??
    epochToDay(Math.floor(Date.now() / 86_400_000) - 1);
  const start =
    salesRange._min.day && salesRange._min.day <= asOf
      ? salesRange._min.day
      : asOf;
  report.asOf = asOf;
  // The merchant's events (issue 15): their days are left out of the fits, their effects adjust the forecasts.
  const events = await shopEvents(s);

  // The shop context (pool, elasticity hierarchy, customer value) spans the whole shop. A full recompute
  // loads every variant's history and rebuilds it; a subset reuses this process's context of the same
  // history window when it is fresh enough (the nightly full recompute refreshes it), and loads only its own.
  const byId = new Map(variants.map((v) => [v.id, v]));
  const wanted = options.variantIds ? new Set(options.variantIds) : null;
  const targets = wanted ? variants.filter((v) => wanted.has(v.id)) : variants;
  const key = JSON.stringify([
    asOf,
    start,
    settings.horizon,
    settings.clvWeight,
    variants.length,
    events,
  ]);
  const cached = wanted ? contextCache.get(shopId) : undefined;
  const reuse =
    !!cached &&
    options.reuseShopContext !== false &&
    cached.key === key &&
    Date.now() - cached.at <= (options.contextMaxAgeMs ?? 6 * 3_600_000) &&
    targets.every((v) => cached.ctx.elasticities.has(v.id));
  let ctx: ShopContext;
  let series: Map<string, DailySeries>;
  // Bundles: components' series carry their demand via bundles; bundles are decided on their components' stock.
  const bundles = await loadRecomputeBundles(db, shopId);
  if (reuse) {
    series = withBundleDemand(await loadSeries(
      s,
      targets,
      start,
      asOf,
      batchSize,
      options.signal
    ), bundles);
    withEventDays(series, events, byId);
    ctx = cached!.ctx;
    report.phases.loadMs = Date.now() - t0;
  } else {
    series = withBundleDemand(await loadSeries(
      s,
      variants,
      start,
      asOf,
      batchSize,
      options.signal
    ), bundles);
    withEventDays(series, events, byId);
    const t1 = Date.now();
    report.phases.loadMs = t1 - t0;
    await options.onProgress?.(0.2, "history loaded");
    const all = [...series.values()];
    const pool = buildPoolProfiles(all);
    ctx = {
      pool,
      calibration: shopCalibration(all, pool, settings),
      elasticities: estimateElasticities(
        all.map((x) => toPriceHistory(x, byId.get(x.id)!.productId)),
        { horizon: settings.horizon }
      ),
      customers:
        settings.clvWeight > 0 ? await customerValue(s, asOf, byId) : null,
      asOf,
    };
    contextCache.set(shopId, { key, ctx, at: Date.now() });
    report.phases.contextMs = Date.now() - t1;
  }
  report.reusedShopContext = reuse;
  const t2 = Date.now();
  await options.onProgress?.(0.3, "shop pool ready");

  // ABC classes (their service levels) and the locations, shop-wide; then decide and write, batch by batch.
  const levelsByClass = classLevels(cfg);
  const [classes, locations] = await Promise.all([
    shopAbcClasses(s, asOf, variants, { shareA: cfg.abcShareA, shareB: cfg.abcShareB }),
    shopLocations(s, asOf),
  ]);
  const vendorTerms = new Map(
    (await s.vendorSettings.findMany({})).map((v) => [v.vendor, v])
  );
  const computedAt = new Date();
  // Price changes count for the cooldown up to now (a push or rollback made today restarts it), unless the
  // caller recomputes as of a past day.
  const changesUntil = options.asOf ? endOfDay(asOf) : computedAt;
  let done = 0;
  for (const batch of chunks(targets, batchSize)) {
    options.signal?.throwIfAborted();
    const ids = batch.map((v) => v.id);
    const [levels, lastPrices, onOrder] = await Promise.all([
      s.inventoryLevel.findMany({
        where: { variantId: { in: ids } },
        select: {
          variantId: true,
          locationId: true,
          onHand: true,
          committed: true,
          available: true,
          incoming: true,
        },
      }),
      s.priceHistory.groupBy({
        by: ["variantId"],
        where: { variantId: { in: ids }, effectiveAt: { lte: changesUntil } },
        _max: { effectiveAt: true },
      }),
      incomingByVariant({ db: s, timezone: shopTimezone }, ids),
    ]);
    const levelsOf = groupBy(levels, (r) => r.variantId);
    const located = await batchLocationFacts(s, locations, ids, levels, { timezone: shopTimezone, reviewPeriodDays: settings.reviewPeriodDays });
    const lastChange = new Map(
      lastPrices.map((r) => [
        r.variantId,
        r._max.effectiveAt
          ? r._max.effectiveAt.toISOString().slice(0, 10)
          : null,
      ])
    );
    const decisions: {
      facts: VariantFacts;
      decision: VariantDecision;
      vendor: string | null;
      productType: string | null;
    }[] = [];
    for (const v of batch) {
      const lv = levelsOf.get(v.id);
      const terms = (v.vendor && vendorTerms.get(v.vendor)) || DEFAULT_VENDOR;
      const facts: VariantFacts = {
        id: v.id,
        productId: v.productId,
        series: series.get(v.id)!,
        price: num(v.price),
        compareAtPrice: numOrNull(v.compareAtPrice),
        unitCost: numOrNull(v.unitCost),
        stock:
          lv && lv.length
            ? {
                onHand: lv.reduce((a, r) => a + r.onHand, 0),
                // inventory_levels/update carries only `available`: units an order took since on-hand was last
                // read are committed (Shopify: on hand = available + committed), so on hand - committed = available.
                committed: lv.reduce((a, r) => a + Math.max(r.committed, r.onHand - r.available), 0),
                incoming: lv.reduce((a, r) => a + r.incoming, 0),
              }
            : null,
        leadTime: {
          meanDays: terms.leadTimeMeanDays,
          sdDays: terms.leadTimeSdDays,
        },
        moq: terms.moq,
        casePack: terms.casePack,
        lastPriceChange: lastChange.get(v.id) ?? null,
        onOrder: onOrder.get(v.id) ?? [],
        serviceLevel: serviceLevelOf(classes.get(v.id), levelsByClass),
        locations: located.get(v.id),
        events: eventsFor(events, v),
      };
      const decided = bundleAwareFacts(facts, bundles);
      decisions.push({
        facts: decided,
        decision: bundleAwareDecision(decideVariant(decided, ctx, settings), bundles),
        vendor: v.vendor,
        productType: v.productType,
      });
    }
    const forecastRows = decisions.map((d) =>
      toForecastRow(d.decision, asOf, computedAt, classes.get(d.decision.id) ?? null)
    );
    const recRows = decisions.flatMap((d) =>
      toRecommendationRows(d.decision, d.facts, {
        vendor: d.vendor,
        productType: d.productType,
        computedAt,
      })
    );
    await s.$transaction([
      s.forecast.deleteMany({ where: { variantId: { in: ids } } }),
      s.forecast.createMany({
        data: forecastRows.map((r) => ({ ...r, shopId })),
      }),
      s.recommendation.deleteMany({
        where: { variantId: { in: ids }, status: "pending" },
      }),
      s.recommendation.createMany({
        data: recRows.map((r) => ({ ...r, shopId })),
      }),
    ]);
    report.forecasts += forecastRows.length;
    report.priceRecommendations += recRows.filter(
      (r) => r.kind === "price"
    ).length;
    report.reorderRecommendations += recRows.filter(
      (r) => r.kind === "reorder"
    ).length;
    report.transferRecommendations += recRows.filter((r) => r.kind === "transfer").length;
    report.withheld += decisions.filter(
      (d) => d.decision.price.action === "withheld"
    ).length;
    done += batch.length;
    await options.onProgress?.(
      0.3 + (0.7 * done) / targets.length,
      `${done}/${targets.length} variants`
    );
  }
  report.variants = targets.length;
  report.ms = Date.now() - t0;
  report.phases.decideWriteMs = Date.now() - t2;
  return report;
}

type Scoped = ReturnType<typeof forShop>;

async function loadSeries(
  s: Scoped,
  variants: { id: string; productType: string | null }[],
  start: string,
  asOf: string,
  batchSize: number,
  signal: AbortSignal | undefined
): Promise<Map<string, DailySeries>> {
  const series = new Map<string, DailySeries>();
  for (const batch of chunks(variants, batchSize)) {
    signal?.throwIfAborted();
    const ids = batch.map((v) => v.id);
    const [sales, snaps] = await Promise.all([
      s.dailySales.findMany({
        where: { variantId: { in: ids }, day: { gte: start, lte: asOf } },
        select: { variantId: true, day: true, units: true, avgPrice: true },
      }),
      s.inventorySnapshot.findMany({
        where: { variantId: { in: ids }, day: { lte: asOf } },
        select: {
          variantId: true,
          locationId: true,
          day: true,
          available: true,
        },
      }),
    ]);
    const salesOf = groupBy(sales, (r) => r.variantId);
    const snapsOf = groupBy(snaps, (r) => r.variantId);
    for (const v of batch) {
      series.set(
        v.id,
        toDailySeries({
          id: v.id,
          group: v.productType ?? undefined,
          start,
          end: asOf,
          sales: (salesOf.get(v.id) ?? []).map((r) => ({
            day: r.day,
            units: r.units,
            avgPrice: numOrNull(r.avgPrice),
          })),
          snapshots: snapsOf.get(v.id) ?? [],
        })
      );
    }
  }
  return series;
}

/** Customer value by product from CustomerDailySales: one pseudo-order per customer and day. */
async function customerValue(
  s: Scoped,
  asOf: string,
  byId: Map<string, { productId: string; unitCost: unknown }>
): Promise<CustomerValueReport> {
  const rows = await s.customerDailySales.findMany({
    where: { day: { lte: asOf } },
    select: {
      customerKey: true,
      variantId: true,
      day: true,
      units: true,
      netRevenue: true,
    },
    orderBy: [{ customerKey: "asc" }, { day: "asc" }],
  });
  const orders = new Map<string, CustomerOrder>();
  for (const r of rows) {
    const key = `${r.customerKey}|${r.day}`;
    let o = orders.get(key);
    if (!o)
      orders.set(
        key,
        (o = { customerKey: r.customerKey, date: r.day, lines: [] })
      );
    const v = byId.get(r.variantId);
    o.lines.push({
      sku: r.variantId,
      productId: v?.productId,
      quantity: r.units,
      unitPrice: r.units > 0 ? num(r.netRevenue) / r.units : 0,
      unitCost: v ? numOrNull(v.unitCost) : null,
    });
  }
  return customerValueByProduct([...orders.values()], { asOf, by: "product" });
}

function endOfDay(day: string): Date {
  return new Date((dayToEpoch(day) + 1) * 86_400_000 - 1);
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}
