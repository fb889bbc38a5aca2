// The decision chain shared by the recompute job: forecasts (pooled over the shop), a replenishment plan
// from the forecast, and a price recommendation from elasticities + forecast + customer value. Pure.
import { acquisitionValue, type CustomerValueReport } from "../customers/index";
import {
  applyEvents,
  backtestServiceLevel,
  buildCalibration,
  calibratedForecast,
  calibrationFor,
  demandOutlook,
  forecastBatch,
  levelKey,
  periodLaw,
  profileFor,
  type CalibrationTable,
  type DailySeries,
  type ForecastEvent,
  type PoolProfiles,
  type VariantForecast,
} from "../forecast/index";
import {
  planReplenishment,
  type DemandShares,
  type IncomingShipment,
  type ReplenishmentResult,
} from "../inventory/index";
import { addDays } from "../days";
import { ENGINE_DEFAULTS } from "../defaults";
import { decideLocations, type LocationDecision, type LocationFacts } from "./locations";
import {
  recommendPrice,
  type ElasticityEstimate,
  type Fees,
  type Guardrails,
  type PricingRecommendation,
  type StockPosition,
} from "../pricing/index";

export interface DecisionSettings {
  horizon: number;
  serviceLevel: number;
  reviewPeriodDays: number;
  targetCoverDays: number;
  /** Yearly holding cost (share of unit cost) and the sell-through horizon, for stock-aware prices. */
  holdingCostPct: number;
  sellThroughDays: number;
  guardrails: Guardrails;
  fees: Fees;
  clvWeight: number;
  /** Days a transfer between locations takes. Default ENGINE_DEFAULTS.transferLeadTimeDays. */
  transferLeadTimeDays?: number;
}

export interface VariantFacts {
  id: string;
  productId: string;
  series: DailySeries;
  price: number;
  compareAtPrice: number | null;
  unitCost: number | null;
  /** null = stock unknown (no inventory level): no replenishment plan. */
  stock: { onHand: number; committed: number; incoming: number } | null;
  leadTime: { meanDays: number; sdDays: number };
  moq: number;
  casePack: number;
  /** YYYY-MM-DD of the last price change, for the cooldown. */
  lastPriceChange: string | null;
  /** Units on open purchase orders (approved reorders), by expected arrival day. */
  onOrder?: IncomingShipment[];
  /** The variant's cycle service level (its ABC class's); default DecisionSettings.serviceLevel. */
  serviceLevel?: number;
  /** Stock per location and each location's demand share: plans per location and transfers between them. */
  locations?: { facts: LocationFacts[]; shares: DemandShares };
  /** The merchant's events covering this variant (forecast/events.ts): every decision uses the adjusted forecast. */
  events?: ForecastEvent[];
}

export interface VariantDecision {
  id: string;
  forecast: VariantForecast;
  /** How often the promised service level held in this variant's own backtest windows (null without any). */
  serviceLevelMet: { level: number; days: number; met: number; windows: number } | null;
  replenishment: ReplenishmentResult | null;
  /** Plans per location (and suggested transfers) when the caller gave the locations' stock. */
  locations: LocationDecision | null;
  /** The cycle service level the plans used. */
  serviceLevel: number;
  price: PricingRecommendation;
}

/** Shop-wide context computed once (pool, elasticities, customer value) and reused for every batch. */
export interface ShopContext {
  pool: PoolProfiles;
  elasticities: Map<string, ElasticityEstimate>;
  customers: CustomerValueReport | null;
  asOf: string;
  /** The shop's calibration of demand totals (forecast/calibration.ts); absent = the model's own law. */
  calibration?: CalibrationTable;
}

export function decideVariant(v: VariantFacts, ctx: ShopContext, s: DecisionSettings): VariantDecision {
  const forecast = applyEvents(
    calibratedForecast(safeForecast(v.series, ctx.pool, s), ctx.calibration),
    v.events ?? [],
  );
  const level = v.serviceLevel ?? s.serviceLevel;
  const days = Math.round(v.leadTime.meanDays + s.reviewPeriodDays);
  const met = backtestServiceLevel(
    forecast.sumErrors ?? [],
    days,
    level,
    calibrationFor(ctx.calibration, forecast.demandClass, days),
  );
  const serviceLevelMet = met && met.windows > 0 ? { level, days, ...met } : null;
  let replenishment: ReplenishmentResult | null = null;
  if (v.stock) {
    // Calibrated quantile of demand over lead time + review (as the forecast CLI does), and the chance of
    // running out over that period without an order.
    const protection = { ...v.leadTime, reviewDays: s.reviewPeriodDays };
    const period = periodLaw(forecast, 0, protection, [level], ctx.calibration);
    const position =
      v.stock.onHand - v.stock.committed + v.stock.incoming + (v.onOrder ?? []).reduce((a, o) => a + o.units, 0);
    const risk = period.exceeds(position);
    replenishment = planReplenishment({
      sku: v.id,
      forecast,
      onHand: v.stock.onHand,
      committed: v.stock.committed,
      incoming: [
        ...(v.stock.incoming > 0 ? [{ units: v.stock.incoming, expectedDate: forecast.start }] : []),
        ...(v.onOrder ?? []),
      ],
      leadTime: v.leadTime,
      reviewPeriodDays: s.reviewPeriodDays,
      serviceLevel: level,
      moq: v.moq,
      casePack: v.casePack,
      unitCost: v.unitCost,
      unitPrice: v.price,
      targetCoverDays: s.targetCoverDays,
      protectionDemand: {
        mean: period.mean,
        quantile: period.quantiles[levelKey(level)],
        stockoutRiskWithoutOrder: risk,
      },
    });
  }
  const locations =
    v.locations && v.locations.facts.length > 0
      ? decideLocations(
          forecast,
          v.locations.facts,
          v.locations.shares,
          {
            sku: v.id,
            leadTime: v.leadTime,
            moq: v.moq,
            casePack: v.casePack,
            unitCost: v.unitCost,
            unitPrice: v.price,
          },
          {
            serviceLevel: level,
            reviewPeriodDays: s.reviewPeriodDays,
            targetCoverDays: s.targetCoverDays,
            transferLeadTimeDays: s.transferLeadTimeDays ?? ENGINE_DEFAULTS.transferLeadTimeDays,
          },
          ctx.calibration,
        )
      : null;
  const elasticity = ctx.elasticities.get(v.id);
  if (!elasticity) throw new Error(`no elasticity estimate for variant ${v.id}`);
  const price = recommendPrice({
    sku: v.id,
    asOf: ctx.asOf,
    currentPrice: v.price,
    unitCost: v.unitCost,
    compareAtPrice: v.compareAtPrice,
    elasticity,
    forecast,
    horizon: s.horizon,
    guardrails: s.guardrails,
    fees: s.fees,
    lastPriceChange: v.lastPriceChange,
    stock: v.stock
      ? pricingStock(
          v.stock,
          v.onOrder ?? [],
          forecast.start,
          plannedArrival(replenishment, v.leadTime.meanDays, forecast.start),
        )
      : undefined,
    holdingCostPct: s.holdingCostPct,
    sellThroughDays: s.sellThroughDays,
    outlook: v.stock
      ? demandOutlook(
          forecast,
          Math.max(s.horizon, s.sellThroughDays),
          profileFor(ctx.pool, v.series.group)?.yearly ?? null,
        )
      : undefined,
    levelCv2: forecast.levelCv2,
    dispersion: forecast.dispersion,
    customerValue: s.clvWeight > 0 && ctx.customers ? acquisitionValue(ctx.customers.products.get(v.productId)) : null,
    clvWeight: s.clvWeight,
  });
  return { id: v.id, forecast, serviceLevelMet, replenishment, locations, serviceLevel: level, price };
}

/** forecastBatch's per-series fallback: a series that cannot be forecast gets zeros naming the problem. */
function safeForecast(series: DailySeries, pool: PoolProfiles, s: DecisionSettings): VariantForecast {
  return forecastBatch([series], { horizon: s.horizon }, pool)[0];
}

/** Series used to calibrate demand totals: up to `max`, chosen by a hash of the id (stable across runs). */
export function calibrationSample(series: DailySeries[], max = 2000): DailySeries[] {
  if (series.length <= max) return series;
  const byId = new Map(series.map((s) => [s.id, s]));
  return calibrationSampleIds(
    series.map((s) => s.id),
    max,
  ).map((id) => byId.get(id) as DailySeries);
}

/** The ids calibrationSample picks from series with these (distinct) ids, in its order. */
export function calibrationSampleIds(ids: string[], max = 2000): string[] {
  if (ids.length <= max) return ids;
  const hash = (id: string): number => {
    let h = 2166136261;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
    return h >>> 0;
  };
  return ids
    .map((id) => ({ id, h: hash(id) }))
    .sort((a, b) => a.h - b.h || (a.id < b.id ? -1 : 1))
    .slice(0, max)
    .map((x) => x.id);
}

/** The shop's calibration table from a stable sample of its variants' backtests (forecast/calibration.ts). */
export function shopCalibration(
  series: DailySeries[],
  pool: PoolProfiles,
  s: Pick<DecisionSettings, "horizon">,
): CalibrationTable {
  return buildCalibration(forecastBatch(calibrationSample(series), { horizon: s.horizon }, pool));
}

/**
 * When the order this decision suggests would land (after the mean lead time), or null when none is
 * suggested: prices and reorders are advised together, so a price is not raised to stretch stock that the
 * suggested order replenishes in time. Its units are not counted as stock (they are not bought yet).
 */
export function plannedArrival(r: ReplenishmentResult | null, leadDays: number, start: string): string | null {
  const units = r?.ok ? (r.plan.suggestedOrderQty.value ?? 0) : 0;
  return units > 0 ? addDays(start, Math.round(leadDays)) : null;
}

/**
 * The stock the price is set for: units free to sell, units on their way, and when the next of them lands
 * (Shopify's incoming units have no date: the plan counts them from the forecast start, and so does this),
 * or when the suggested order would, if earlier.
 */
export function pricingStock(
  stock: { onHand: number; committed: number; incoming: number },
  onOrder: readonly IncomingShipment[],
  start: string,
  planned: string | null = null,
): StockPosition {
  const dates = [
    ...(stock.incoming > 0 ? [start] : []),
    ...onOrder.filter((o) => o.units > 0).map((o) => (o.expectedDate < start ? start : o.expectedDate)),
    ...(planned ? [planned] : []),
  ].sort();
  return {
    onHand: stock.onHand - stock.committed,
    incoming: stock.incoming + onOrder.reduce((a, o) => a + o.units, 0),
    nextRestock: dates[0] ?? null,
  };
}
