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
import { incomingByVariant } from "~/replenishment/incoming.server";
import { variantName } from "~/lib/variant-label";
import { loadVariantBundles } from "~/bundles/variant.server";
import { summaryOf, type CodedFigure, type RowSummary } from "./recommendations.server";
import type { ShopContext } from "./shop.server";
import { decimal, decimalOrNull } from "~/core/money";

export const HISTORY_DAYS = 180;
export const PROJECTION_DAYS = 56;

export interface VariantDetail {
  currency: string;
  /** Days between two order reviews (shop setting). */
  reviewPeriodDays: number;
  variant: {
    id: string;
    /** null for a product's only variant. */
    title: string | null;
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
    /** The forecast before the merchant's events when they changed it (then `mean` is the adjusted one); else null. */
    statisticalMean: number[] | null;
  } | null;
  inventory: {
    onHand: number;
    committed: number;
    incoming: number;
    reorderPoint: number | null;
    /** The level an order brings the stock position up to at a review (periodic review, order-up-to). */
    orderUpTo: number | null;
    /** On hand - reserved + incoming (Shopify's and open purchase orders'). */
    position: number;
    /** Units sold but not in stock (available below 0), else 0. */
    oversold: number;
    /** First expected arrival of open purchase-order units, when any. */
    restockDate: string | null;
    /** "recommendation": the pending reorder's plan; "estimate": planned here from the stored forecast. */
    reorderPointSource: "recommendation" | "estimate" | null;
    /** The plan's figures the page explains (order or no order, reorder point, order-up-to), code + params. */
    figures: CodedFigure[];
    projection: ProjectedDay[];
  } | null;
  /** ABC class by gross profit over the last 12 months (null: none) and the service level its plans use. */
  abc: { class: AbcClass | null; serviceLevel: number };
  profit: (ProfitCurve & { elasticity: number; unitCost: number }) | null;
  /** Reason codes when no curve can be drawn (e.g. PRICING.UNIT_COST_MISSING). */
  profitWithheld: string[];
  accuracy:
    | (BacktestMetrics & { serviceLevelMet?: { level: number; days: number; met: number; windows: number } | null })
    | null;
  recommendations: {
    id: string;
    kind: string;
    currentPrice: number | null;
    proposedPrice: number | null;
    currentQuantity: number | null;
    proposedQuantity: number | null;
    expectedProfitDelta: number;
    confidence: number;
    /** The location a reorder is for, named when the shop stocks more than one. */
    location: string | null;
    reasons: CodedFigure[];
    summary: RowSummary;
  }[];
}

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

  const [forecastRow, levels, recs, settings, lastSale, lastSnap, onOrder, locations] = await Promise.all([
    db.forecast.findFirst({ where: { variantId: id } }),
    db.inventoryLevel.findMany({
      where: { variantId: id },
      select: { onHand: true, committed: true, available: true, incoming: true },
    }),
    // Transfers between locations are shown on Replenishment.
    db.recommendation.findMany({
      where: { variantId: id, status: "pending", kind: { in: ["price", "reorder"] } },
      orderBy: [{ kind: "asc" }, { computedAt: "desc" }],
    }),
    shopSettingsOf(db),
    db.dailySales.aggregate({ where: { variantId: id }, _max: { day: true } }),
    db.inventorySnapshot.aggregate({ where: { variantId: id }, _max: { day: true } }),
    incomingByVariant({ db, timezone: shop.timezone }, [id]),
    db.location.findMany({ select: { id: true, name: true } }),
  ]);
  const locationName = new Map(locations.map((l) => [l.id, l.name]));
  const end =
    forecastRow?.historyEnd ??
    [lastSale._max.day, lastSnap._max.day]
      .filter((d): d is string => !!d)
      .sort()
      .pop() ??
    addDays(new Date().toISOString().slice(0, 10), -1);
  const start = addDays(end, -(HISTORY_DAYS - 1));
  const [sales, snaps] = await Promise.all([
    db.dailySales.findMany({
      where: { variantId: id, day: { gte: start, lte: end } },
      select: { day: true, units: true, avgPrice: true },
    }),
    // No day condition: with one, SQLite picks the (shopId, day) index and scans every variant's rows.
    db.inventorySnapshot.findMany({
      where: { variantId: id },
      select: { locationId: true, day: true, available: true },
    }),
  ]);
  // The same series and stockout mask the recompute feeds the forecast (app/core/decisions/series.ts).
  const series = toDailySeries({
    id,
    start,
    end,
    sales: sales.map((s) => ({ day: s.day, units: s.units, avgPrice: decimalOrNull(s.avgPrice) })),
    snapshots: snaps.filter((r) => r.day <= end),
  });
  const history = series.units.map((units, i) => ({
    day: addDays(start, i),
    units,
    available: series.available?.[i] ?? true,
  }));

  const mean = parse<number[]>(forecastRow?.mean, []);
  const quantiles = parse<Record<string, number[]>>(forecastRow?.quantiles, {});
  const levelsSorted = Object.keys(quantiles).sort((a, b) => Number(a) - Number(b));
  const forecast = forecastRow
    ? {
        start: forecastRow.start,
        model: forecastRow.model,
        demandClass: forecastRow.demandClass,
        mean,
        statisticalMean: forecastRow.statisticalMean ? parse<number[] | null>(forecastRow.statisticalMean, null) : null,
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

  const price = decimal(v.price);
  const unitCost = decimalOrNull(v.unitCost);
  const stock = levels.length
    ? {
        onHand: levels.reduce((a, r) => a + r.onHand, 0),
        // As the recompute: units an order took since on-hand was read are committed (on hand - available).
        committed: levels.reduce((a, r) => a + Math.max(r.committed, r.onHand - r.available), 0),
        incoming: levels.reduce((a, r) => a + r.incoming, 0),
      }
    : null;

  const abcClass = (forecastRow?.abcClass ?? null) as AbcClass | null;
  const abcLevel = serviceLevelOf(abcClass, classLevels(settings));
  let inventory: VariantDetail["inventory"] = null;
  if (stock && forecastRow) {
    const fc = storedForecast(id, forecastRow.start, mean);
    const usable = stock.onHand - stock.committed;
    // The same arrivals as the recompute: Shopify's undated incoming units on the first forecast day, then the
    // open purchase-order lines on their expected days (app/core/decisions/decide.ts).
    const ordered = onOrder.get(id) ?? [];
    const incoming = [
      ...(stock.incoming > 0 ? [{ units: stock.incoming, expectedDate: forecastRow.start }] : []),
      ...ordered,
    ];
    type Plan = Partial<
      Record<"reorderPoint" | "orderUpTo" | "suggestedOrderQty", { value?: number | null } & CodedFigure>
    >;
    // Plans per location: the variant's reorder point and order-up-to level are the sums of its locations' when
    // each location has a pending reorder; one reorder (one location) is shown as it is; otherwise estimated here.
    const reorders = recs.filter((r) => r.kind === "reorder").map((r) => parse<Plan>(r.expectedImpact, {}));
    let plan: Plan | null = null;
    if (reorders.length === 1) plan = reorders[0];
    else if (
      reorders.length > 1 &&
      reorders.length >= levels.length &&
      reorders.every((r) => r.reorderPoint?.value != null)
    ) {
      const sum = (k: "reorderPoint" | "orderUpTo") => reorders.reduce((a, r) => a + (r[k]?.value ?? 0), 0);
      plan = {
        reorderPoint: { value: sum("reorderPoint") } as Plan["reorderPoint"],
        orderUpTo: { value: sum("orderUpTo") } as Plan["orderUpTo"],
      };
    }
    let reorderPointSource: "recommendation" | "estimate" | null =
      plan?.reorderPoint?.value != null ? "recommendation" : null;
    if (reorderPointSource === null) {
      const terms = await vendorTermsOf(db, v.vendor);
      const estimate = planReplenishment({
        sku: id,
        forecast: fc,
        onHand: stock.onHand,
        committed: stock.committed,
        incoming,
        leadTime: { meanDays: terms.leadTimeMeanDays, sdDays: terms.leadTimeSdDays },
        reviewPeriodDays: settings.reviewPeriodDays,
        serviceLevel: abcLevel,
        moq: terms.moq,
        casePack: terms.casePack,
        unitCost,
        unitPrice: price,
      });
      if (estimate.ok && estimate.plan.reorderPoint.value != null) {
        plan = estimate.plan as Plan;
        reorderPointSource = "estimate";
      }
    }
    const figures = [plan?.suggestedOrderQty, plan?.orderUpTo, plan?.reorderPoint].filter(
      (f): f is CodedFigure & { value?: number | null } => !!f && typeof f.code === "string",
    );
    const today = forecastRow.start;
    inventory = {
      ...stock,
      reorderPoint: plan?.reorderPoint?.value ?? null,
      orderUpTo: plan?.orderUpTo?.value ?? null,
      position: usable + incoming.reduce((a, x) => a + x.units, 0),
      oversold: usable < 0 ? -usable : 0,
      restockDate: ordered.find((x) => x.expectedDate >= today)?.expectedDate ?? null,
      reorderPointSource,
      figures: figures.map((f) => ({ code: f.code, params: f.params, text: f.text })),
      projection: projectInventory(fc, usable, incoming, PROJECTION_DAYS),
    };
  }

  const priceRec = recs.find((r) => r.kind === "price");
  let profit: VariantDetail["profit"] = null;
  const profitWithheld: string[] = [];
  if (priceRec) {
    const impact = parse<{
      elasticity?: { estimate?: number };
      unitCost?: number | null;
      model?: ObjectiveModel | null;
      uncertainty?: ProfitCurveInput["uncertainty"];
    }>(priceRec.expectedImpact, {});
    const e = impact.elasticity?.estimate;
    const cost = impact.unitCost ?? unitCost;
    const current = decimalOrNull(priceRec.currentPrice) ?? price;
    if (cost == null) profitWithheld.push("PRICING.UNIT_COST_MISSING");
    else if (e == null || !Number.isFinite(e)) profitWithheld.push("PRICING.ELASTICITY_INVALID");
    else if (!(current > 0)) profitWithheld.push("PRICING.PRICE_INVALID");
    else if (impact.model && impact.uncertainty) {
      const curve = profitCurve({
        model: impact.model,
        uncertainty: impact.uncertainty,
        bounds: parse<Bound[]>(priceRec.bounds, []),
        recommendedPrice: decimalOrNull(priceRec.proposedPrice),
      });
      profit = { ...curve, elasticity: e, unitCost: cost };
    }
  }

  return {
    currency: shop.currency,
    reviewPeriodDays: settings.reviewPeriodDays,
    variant: {
      id: v.id,
      title: variantName(v.title),
      productTitle: v.product.title,
      sku: v.sku,
      vendor: v.vendor,
      price,
      compareAtPrice: decimalOrNull(v.compareAtPrice),
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
      currentPrice: decimalOrNull(r.currentPrice),
      proposedPrice: decimalOrNull(r.proposedPrice),
      currentQuantity: r.currentQuantity,
      proposedQuantity: r.proposedQuantity,
      expectedProfitDelta: decimal(r.expectedProfitDelta),
      confidence: r.confidence,
      location:
        r.kind === "reorder" && r.locationId && locations.length > 1 ? (locationName.get(r.locationId) ?? null) : null,
      reasons: parse<CodedFigure[]>(r.reasons, []),
      summary: summaryOf(r.kind, r.reasons, r.expectedImpact, r.proposedQuantity, unitCost),
    })),
  };
}

/** The variant page: its detail and, for a bundle or a component, its bundles (app/bundles). */
export async function loadVariantPage(shop: ShopContext, id: string) {
  const detail = await loadVariantDetail(shop, id);
  if (!detail) return null;
  return { ...detail, bundles: await loadVariantBundles(shop.db, detail.variant.id) };
}
