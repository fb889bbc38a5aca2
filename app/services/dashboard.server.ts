// The dashboard's figures. The heavy ones (28-day sales by variant, stock health of every variant, pending
// recommendations) are computed by refreshShopSummary into the ShopSummary row; the loader reads that row
// and computes live (then stores it) only when there is none, it is stale (> 24 h) or of an older shape.
import { getDb, type Db } from "~/db.server";
import { forShop, type ShopDb } from "~/db/scoped.server";
import { COVER_BUCKETS, coverBucket, stockHealth, storedForecast } from "~/core/inventory/projection";
import { impactSummary } from "~/decisions/impact.server";
import { addDays, dayInZone } from "~/lib/days";
import { log } from "~/logger.server";
import type { ShopContext } from "./shop.server";
import { shopSettingsOf } from "~/services/shop-settings.server";
import { decimalOrNull, sumOrZero } from "~/core/money";

export const SUMMARY_VERSION = 3;
export const SUMMARY_MAX_AGE_MS = 24 * 3_600_000;
const BATCH = 900; // ids per `in` list: SQLite binds at most 999 parameters

export interface ShopSummaryData {
  version: number;
  asOf: string;
  window: { from: string; to: string };
  hasData: boolean;
  revenue: number;
  units: number;
  orders: number;
  /** Gross margin on the sales whose unit cost is known, and the share of revenue that covers. */
  grossMargin: number | null;
  grossMarginRate: number | null;
  costCoverage: number;
  catalogue: { products: number; variants: number; vendors: number; locations: number };
  missingCosts: number;
  outOfStock: number;
  daily: { day: string; revenue: number }[];
  /** Pending reorder recommendations that expect lost sales before an order can arrive, and that margin. */
  stockRisk: { variants: number; marginAtRisk: number; lostUnits: number };
  /** Stock beyond the target cover (ShopSettings.targetCoverDays) at unit cost. */
  overstock: { capital: number; units: number; variants: number; targetCoverDays: number };
  /** Actionable pending recommendations (as on the Recommendations page) and their expected gross-profit change. */
  pending: { price: { count: number; profitDelta: number }; reorder: { count: number; profitDelta: number } };
  /** Variants with a forecast and known stock by days of cover: COVER_BUCKETS upper bounds, then "more / no demand". */
  cover: number[];
  /** Measured impact of executed price decisions (impactSummary, difference in differences); null if it failed. */
  impact: {
    decisions: number;
    measured: number;
    measuredGrossProfit: number;
    expectedGrossProfit: number;
    measuredRevenue: number;
    expectedRevenue: number;
  } | null;
}

export interface DashboardData extends ShopSummaryData {
  currency: string;
  computedAt: string;
}

/** Computes the summary of one shop from its rows. `now` fixes the 28-day window (shop time zone). */
export async function computeShopSummary(shop: ShopContext, now = new Date()): Promise<ShopSummaryData> {
  const db = shop.db;
  const asOf = addDays(dayInZone(now, shop.timezone), -1);
  const from = addDays(asOf, -27);
  const chartFrom = addDays(asOf, -89);

  const [
    byVariant,
    orders,
    products,
    variants,
    vendorRows,
    locations,
    missingCosts,
    stockRows,
    daily,
    settings,
    risk,
    priceAgg,
    reorderAgg,
  ] = await Promise.all([
    db.dailySales.groupBy({
      by: ["variantId"],
      where: { day: { gte: from, lte: asOf } },
      _sum: { units: true, netRevenue: true },
    }),
    db.order.count({ where: { day: { gte: from, lte: asOf }, cancelledAt: null, test: false } }),
    db.product.count({ where: { deletedAt: null } }),
    db.variant.count({ where: { deletedAt: null } }),
    db.variant.groupBy({ by: ["vendor"], where: { deletedAt: null } }),
    db.location.count(),
    db.variant.count({ where: { deletedAt: null, unitCost: null } }),
    db.inventoryLevel.groupBy({ by: ["variantId"], _sum: { available: true } }),
    db.dailySales.groupBy({
      by: ["day"],
      where: { day: { gte: chartFrom, lte: asOf } },
      _sum: { netRevenue: true },
      orderBy: { day: "asc" },
    }),
    shopSettingsOf(db),
    db.recommendation.aggregate({
      where: { status: "pending", kind: "reorder", expectedUnitsDelta: { gt: 0 } },
      _count: { _all: true },
      _sum: { expectedProfitDelta: true, expectedUnitsDelta: true },
    }),
    // Same rule as actionableWhere in recommendations.server.ts: a keep or a withheld row is not actionable.
    db.recommendation.aggregate({
      where: { status: "pending", kind: "price", proposedPrice: { not: null }, expectedProfitDelta: { not: 0 } },
      _count: { _all: true },
      _sum: { expectedProfitDelta: true },
    }),
    db.recommendation.aggregate({
      where: { status: "pending", kind: "reorder" },
      _count: { _all: true },
      _sum: { expectedProfitDelta: true },
    }),
  ]);

  const costs = new Map<string, number | null>();
  const sold = byVariant.map((r) => r.variantId);
  for (let i = 0; i < sold.length; i += BATCH) {
    const rows = await db.variant.findMany({
      where: { id: { in: sold.slice(i, i + BATCH) } },
      select: { id: true, unitCost: true },
    });
    for (const v of rows) costs.set(v.id, decimalOrNull(v.unitCost));
  }

  let revenue = 0;
  let units = 0;
  let costedRevenue = 0;
  let margin = 0;
  for (const row of byVariant) {
    const r = sumOrZero(row._sum.netRevenue);
    const u = sumOrZero(row._sum.units);
    revenue += r;
    units += u;
    const cost = costs.get(row.variantId);
    if (cost != null) {
      costedRevenue += r;
      margin += r - u * cost;
    }
  }

  const dailyMap = new Map(daily.map((d) => [d.day, sumOrZero(d._sum.netRevenue)]));
  const series: { day: string; revenue: number }[] = [];
  for (let d = chartFrom; d <= asOf; d = addDays(d, 1)) series.push({ day: d, revenue: dailyMap.get(d) ?? 0 });

  const targetCoverDays = settings.targetCoverDays;
  const health = await stockHealthTotals(db, targetCoverDays);
  const impact = await impactCard(shop);

  return {
    version: SUMMARY_VERSION,
    asOf,
    window: { from, to: asOf },
    hasData: variants > 0,
    revenue,
    units,
    orders,
    grossMargin: costedRevenue > 0 ? margin : null,
    grossMarginRate: costedRevenue > 0 ? margin / costedRevenue : null,
    costCoverage: revenue > 0 ? costedRevenue / revenue : 0,
    catalogue: { products, variants, vendors: vendorRows.filter((v) => v.vendor).length, locations },
    missingCosts,
    outOfStock: stockRows.filter((r) => sumOrZero(r._sum.available) <= 0).length,
    daily: series,
    stockRisk: {
      variants: risk._count._all,
      marginAtRisk: sumOrZero(risk._sum.expectedProfitDelta),
      lostUnits: sumOrZero(risk._sum.expectedUnitsDelta),
    },
    overstock: { ...health.overstock, targetCoverDays },
    pending: {
      price: { count: priceAgg._count._all, profitDelta: sumOrZero(priceAgg._sum.expectedProfitDelta) },
      reorder: { count: reorderAgg._count._all, profitDelta: sumOrZero(reorderAgg._sum.expectedProfitDelta) },
    },
    cover: health.cover,
    impact,
  };
}

async function impactCard(shop: ShopContext): Promise<ShopSummaryData["impact"]> {
  try {
    const { totals } = await impactSummary(shop);
    return {
      decisions: totals.decisions,
      measured: totals.measured,
      measuredGrossProfit: totals.measuredTotal.grossProfit,
      expectedGrossProfit: totals.expectedTotal.grossProfit,
      measuredRevenue: totals.measuredTotal.revenue,
      expectedRevenue: totals.expectedTotal.revenue,
    };
  } catch (err) {
    // The other cards stay useful when the impact measurement breaks; the error is logged, not hidden.
    log.error("dashboard: impact summary failed", { err });
    return null;
  }
}

/** Every live variant with a forecast and an inventory level, in id batches: cover buckets and overstock. */
async function stockHealthTotals(db: ShopDb, targetCoverDays: number) {
  const cover = new Array<number>(COVER_BUCKETS.length + 1).fill(0);
  const overstock = { capital: 0, units: 0, variants: 0 };
  let cursor: string | undefined;
  for (;;) {
    const forecasts = await db.forecast.findMany({
      where: cursor ? { variantId: { gt: cursor } } : {},
      select: { variantId: true, start: true, mean: true },
      orderBy: { variantId: "asc" },
      take: BATCH,
    });
    if (!forecasts.length) break;
    cursor = forecasts[forecasts.length - 1].variantId;
    const ids = forecasts.map((f) => f.variantId);
    const [variants, levels] = await Promise.all([
      db.variant.findMany({ where: { id: { in: ids }, deletedAt: null }, select: { id: true, unitCost: true } }),
      db.inventoryLevel.groupBy({
        by: ["variantId"],
        where: { variantId: { in: ids } },
        _sum: { onHand: true, committed: true, incoming: true },
      }),
    ]);
    const cost = new Map(variants.map((v) => [v.id, decimalOrNull(v.unitCost)]));
    const stock = new Map(levels.map((l) => [l.variantId, l._sum]));
    for (const f of forecasts) {
      const s = stock.get(f.variantId);
      if (!s || !cost.has(f.variantId)) continue;
      const fc = storedForecast(f.variantId, f.start, JSON.parse(f.mean) as number[]);
      const incoming = sumOrZero(s.incoming) > 0 ? [{ units: sumOrZero(s.incoming), expectedDate: f.start }] : [];
      const h = stockHealth(
        fc,
        sumOrZero(s.onHand) - sumOrZero(s.committed),
        incoming,
        targetCoverDays,
        cost.get(f.variantId) ?? null,
      );
      cover[coverBucket(h.coverDays)]++;
      if (h.overstockUnits > 0 && h.overstockCapital != null) {
        overstock.capital += h.overstockCapital;
        overstock.units += h.overstockUnits;
        overstock.variants++;
      }
    }
    if (forecasts.length < BATCH) break;
  }
  overstock.capital = Math.round(overstock.capital * 100) / 100;
  overstock.units = Math.round(overstock.units);
  return { cover, overstock };
}

/**
 * Recomputes and stores a shop's summary. Call it at the end of recompute.shop, after an import and after
 * decisions; idempotent (the row is replaced). Returns null for an unknown shop.
 */
export async function refreshShopSummary(
  shopId: string,
  db: Db = getDb(),
  now = new Date(),
): Promise<ShopSummaryData | null> {
  const row = await db.shop.findUnique({
    where: { id: shopId },
    select: { id: true, domain: true, currency: true, timezone: true },
  });
  if (!row) return null;
  const shop: ShopContext = { ...row, db: forShop(db, shopId) };
  const data = await computeShopSummary(shop, now);
  await storeSummary(shop.db, shopId, data, now);
  return data;
}

async function storeSummary(db: ShopDb, shopId: string, data: ShopSummaryData, computedAt: Date) {
  const text = JSON.stringify(data);
  await db.shopSummary.upsert({
    where: { shopId },
    create: { shopId, data: text, computedAt },
    update: { data: text, computedAt },
  });
}

function readSummary(row: { data: string; computedAt: Date } | null, now: Date): ShopSummaryData | null {
  if (!row || now.getTime() - row.computedAt.getTime() > SUMMARY_MAX_AGE_MS) return null;
  try {
    const data = JSON.parse(row.data) as ShopSummaryData;
    return data.version === SUMMARY_VERSION ? data : null;
  } catch {
    return null;
  }
}

/** The dashboard: the stored summary when fresh, else computed now and stored. */
export async function loadDashboard(shop: ShopContext, now = new Date()): Promise<DashboardData> {
  const row = await shop.db.shopSummary.findFirst({ select: { data: true, computedAt: true } });
  let data = readSummary(row, now);
  let computedAt = row?.computedAt ?? now;
  if (!data) {
    data = await computeShopSummary(shop, now);
    await storeSummary(shop.db, shop.id, data, now);
    computedAt = now;
  }
  return { ...data, currency: shop.currency, computedAt: computedAt.toISOString() };
}
