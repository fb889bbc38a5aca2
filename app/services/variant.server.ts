// Variant detail: sales history with stockout days, the stored forecast and its band, projected stock
// against the reorder point, expected gross profit against price, past forecast accuracy, pending
// recommendations. Everything is read through the shop-scoped client; an unknown id gives null.
import { addDays } from "~/core/days";
import { toDailySeries } from "~/core/decisions/index";
import { classLevels, shopSettingsOf, vendorTermsOf } from "~/services/shop-settings.server";
import { serviceLevelOf, type AbcClass } from "~/core/inventory/index";
import type { BacktestMetrics } from "~/core/forecast/index";
import { planReplenishment } from "~/core/inventory/index";
import { projectInventory, storedForecast, type ProjectedDay } from "~/core/inventory/projection";
import { profitCurve, type ProfitCurve, type ProfitCurveInput } from "~/core/pricing/profit-curve";
import type { Bound, ObjectiveModel } from "~/core/pricing/index";
import type { ShopContext } from "./shop.server";

export const HISTORY_DAYS = 180;
export const PROJECTION_DAYS = 56;

export interface VariantDetail {
  currency: string;
  variant: {
    id: string;
    title: string;
    productTitle: string;
    sku: string | null;
    vendor: string | null;
    price: number;
    compareAtPrice: number | null;
    unitCost: number | null;
  };
  /** Last HISTORY_DAYS days up to the forecast's last history day; available = false on stockout days. */
  history: { day: string; units: number; available: boolean }[];
  forecast: {
    start: string;
    model: string;
    demandClass: string;
    mean: number[];
    /** Lowest and highest stored quantile levels, e.g. "0.5" and "0.95". */
    band: { lowLevel: string; highLevel: string; low: number[]; high: number[] } | null;
  } | null;
  inventory: {
    onHand: number;
    committed: number;
    incoming: number;
    reorderPoint: number | null;
    /** "recommendation": the pending reorder's plan; "estimate": planned here from the stored forecast. */
    reorderPointSource: "recommendation" | "estimate" | null;
    projection: ProjectedDay[];
  } | null;
  /** ABC class by gross profit over the last 12 months (null: none) and the service level its plans use. */
  abc: { class: AbcClass | null; serviceLevel: number };
  profit: (ProfitCurve & { elasticity: number; unitCost: number }) | null;
  /** Reason codes when no curve can be drawn (e.g. PRICING.UNIT_COST_MISSING). */
  profitWithheld: string[];
  accuracy: (BacktestMetrics & { serviceLevelMet?: { level: number; days: number; met: number; windows: number } | null }) | null;
  recommendations: {
    id: string;
    kind: string;
    currentPrice: number | null;
    proposedPrice: number | null;
    currentQuantity: number | null;
    proposedQuantity: number | null;
    expectedProfitDelta: number;
    confidence: number;
    reasons: { code: string; text: string }[];
  }[];
}

const num = (v: unknown) => Number(v);
const numOrNull = (v: unknown) => (v == null ? null : Number(v));

function parse<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export async function loadVariantDetail(shop: ShopContext, id: string): Promise<VariantDetail | null> {
  const { db } = shop;
  const v = await db.variant.findFirst({
    where: { id, deletedAt: null },
    select: {
      id: true,
      title: true,
      sku: true,
      vendor: true,
      productType: true,
      price: true,
      compareAtPrice: true,
      unitCost: true,
      product: { select: { title: true } },
    },
  });
  if (!v) return null;

  const [forecastRow, levels, recs, settings, lastSale, lastSnap] = await Promise.all([
    db.forecast.findFirst({ where: { variantId: id } }),
    db.inventoryLevel.findMany({ where: { variantId: id }, select: { onHand: true, committed: true, incoming: true } }),
    // Transfers between locations are shown on Replenishment.
    db.recommendation.findMany({ where: { variantId: id, status: "pending", kind: { in: ["price", "reorder"] } }, orderBy: [{ kind: "asc" }, { computedAt: "desc" }] }),
    shopSettingsOf(db),
    db.dailySales.aggregate({ where: { variantId: id }, _max: { day: true } }),
    db.inventorySnapshot.aggregate({ where: { variantId: id }, _max: { day: true } }),
  ]);
  const end =
    forecastRow?.historyEnd ??
    [lastSale._max.day, lastSnap._max.day].filter((d): d is string => !!d).sort().pop() ??
    addDays(new Date().toISOString().slice(0, 10), -1);
  const start = addDays(end, -(HISTORY_DAYS - 1));
  const [sales, snaps] = await Promise.all([
    db.dailySales.findMany({ where: { variantId: id, day: { gte: start, lte: end } }, select: { day: true, units: true, avgPrice: true } }),
    // No day condition: with one, SQLite picks the (shopId, day) index and scans every variant's rows.
    db.inventorySnapshot.findMany({ where: { variantId: id }, select: { locationId: true, day: true, available: true } }),
  ]);
  // The same series and stockout mask the recompute feeds the forecast (app/core/decisions/series.ts).
  const series = toDailySeries({
    id,
    start,
    end,
    sales: sales.map((s) => ({ day: s.day, units: s.units, avgPrice: numOrNull(s.avgPrice) })),
    snapshots: snaps.filter((r) => r.day <= end),
  });
  const history = series.units.map((units, i) => ({ day: addDays(start, i), units, available: series.available?.[i] ?? true }));


  const mean = parse<number[]>(forecastRow?.mean, []);
  const quantiles = parse<Record<string, number[]>>(forecastRow?.quantiles, {});
  const levelsSorted = Object.keys(quantiles).sort((a, b) => Number(a) - Number(b));
  const forecast = forecastRow
    ? {
        start: forecastRow.start,
        model: forecastRow.model,
        demandClass: forecastRow.demandClass,
        mean,
        band:
          levelsSorted.length >= 2
            ? {
                lowLevel: levelsSorted[0],
                highLevel: levelsSorted[levelsSorted.length - 1],
                low: quantiles[levelsSorted[0]],
                high: quantiles[levelsSorted[levelsSorted.length - 1]],
              }
            : null,
      }
    : null;

  const price = num(v.price);
  const unitCost = numOrNull(v.unitCost);
  const stock = levels.length
    ? {
        onHand: levels.reduce((a, r) => a + r.onHand, 0),
        committed: levels.reduce((a, r) => a + r.committed, 0),
        incoming: levels.reduce((a, r) => a + r.incoming, 0),
      }
    : null;

  const abcClass = (forecastRow?.abcClass ?? null) as AbcClass | null;
  const abcLevel = serviceLevelOf(abcClass, classLevels(settings));
  let inventory: VariantDetail["inventory"] = null;
  if (stock && forecastRow) {
    const fc = storedForecast(id, forecastRow.start, mean);
    const usable = stock.onHand - stock.committed;
    // Shopify's incoming units carry no date: counted on the first forecast day, as the recompute does.
    const incoming = stock.incoming > 0 ? [{ units: stock.incoming, expectedDate: forecastRow.start }] : [];
    // Plans per location: the variant's reorder point is the sum of its locations' when each has a pending
    // reorder; otherwise it is estimated here for the whole variant.
    const reorders = recs.filter((r) => r.kind === "reorder");
    const points = reorders.map((r) => parse<{ reorderPoint?: { value?: number | null } }>(r.expectedImpact, {}).reorderPoint?.value ?? null);
    let reorderPoint = reorders.length > 0 && reorders.length >= levels.length && points.every((p) => p != null) ? points.reduce<number>((a, p) => a + p!, 0) : null;
    let reorderPointSource: "recommendation" | "estimate" | null = reorderPoint != null ? "recommendation" : null;
    if (reorderPoint == null) {
      const terms = await vendorTermsOf(db, v.vendor);
      const plan = planReplenishment({
        sku: id,
        forecast: fc,
        onHand: stock.onHand,
        committed: stock.committed,
        incoming,
        leadTime: { meanDays: terms.leadTimeMeanDays, sdDays: terms.leadTimeSdDays },
        reviewPeriodDays: settings.reviewPeriodDays,
        serviceLevel: abcLevel,
        unitCost,
        unitPrice: price,
      });
      if (plan.ok && plan.plan.reorderPoint.value != null) {
        reorderPoint = plan.plan.reorderPoint.value;
        reorderPointSource = "estimate";
      }
    }
    inventory = { ...stock, reorderPoint, reorderPointSource, projection: projectInventory(fc, usable, incoming, PROJECTION_DAYS) };
  }

  const priceRec = recs.find((r) => r.kind === "price");
  let profit: VariantDetail["profit"] = null;
  const profitWithheld: string[] = [];
  if (priceRec) {
    const impact = parse<{ elasticity?: { estimate?: number }; unitCost?: number | null; model?: ObjectiveModel | null; uncertainty?: ProfitCurveInput["uncertainty"] }>(priceRec.expectedImpact, {});
    const e = impact.elasticity?.estimate;
    const cost = impact.unitCost ?? unitCost;
    const current = numOrNull(priceRec.currentPrice) ?? price;
    if (cost == null) profitWithheld.push("PRICING.UNIT_COST_MISSING");
    else if (e == null || !Number.isFinite(e)) profitWithheld.push("PRICING.ELASTICITY_INVALID");
    else if (!(current > 0)) profitWithheld.push("PRICING.PRICE_INVALID");
    else if (impact.model && impact.uncertainty) {
      const curve = profitCurve({
        model: impact.model,
        uncertainty: impact.uncertainty,
        bounds: parse<Bound[]>(priceRec.bounds, []),
        recommendedPrice: numOrNull(priceRec.proposedPrice),
      });
      profit = { ...curve, elasticity: e, unitCost: cost };
    }
  }

  return {
    currency: shop.currency,
    variant: {
      id: v.id,
      title: v.title,
      productTitle: v.product.title,
      sku: v.sku,
      vendor: v.vendor,
      price,
      compareAtPrice: numOrNull(v.compareAtPrice),
      unitCost,
    },
    history,
    forecast,
    inventory,
    abc: { class: abcClass, serviceLevel: abcLevel },
    profit,
    profitWithheld,
    accuracy: parse<BacktestMetrics | null>(forecastRow?.metrics, null),
    recommendations: recs.map((r) => ({
      id: r.id,
      kind: r.kind,
      currentPrice: numOrNull(r.currentPrice),
      proposedPrice: numOrNull(r.proposedPrice),
      currentQuantity: r.currentQuantity,
      proposedQuantity: r.proposedQuantity,
      expectedProfitDelta: num(r.expectedProfitDelta),
      confidence: r.confidence,
      reasons: parse<{ code: string; text: string }[]>(r.reasons, []),
    })),
  };
}
