// Build the `forecast` command's JSON from loaded exports and the engine's forecasts.
import { VENDOR_DEFAULTS } from "../core/defaults";
import {
  levelKey,
  periodDemandQuantiles,
  probabilityDemandExceeds,
  type CalibrationTable,
  type VariantForecast,
} from "../core/forecast/index";
import { planReplenishment, type ReplenishmentPlan } from "../core/inventory/index";
import type { ForecastArgs } from "./args";
import type { ShopifyExports, SkuData } from "./shopify-csv";

const r3 = (v: number): number => Math.round(v * 1000) / 1000;
const r4 = (v: number): number => Math.round(v * 10000) / 10000;

export interface ReplenishmentOutput extends Partial<ReplenishmentPlan> {
  leadTime: { meanDays: number; sdDays: number; source: "vendors-file" | "default" };
  reviewPeriodDays: number;
  moq: number;
  casePack: number;
  onHand: number;
  stockSource: SkuData["stockSource"];
  error?: { code: string; message: string; field?: string };
}

export function replenishmentFor(
  sku: SkuData,
  fc: VariantForecast,
  data: ShopifyExports,
  args: ForecastArgs,
  calibration?: CalibrationTable,
): ReplenishmentOutput | undefined {
  if (sku.inventoryQty === null) return undefined; // stock unknown: no replenishment block
  const terms = sku.vendor ? data.vendors.get(sku.vendor) : undefined;
  const leadTime = terms
    ? { meanDays: terms.leadTimeDays, sdDays: terms.leadTimeSdDays }
    : { meanDays: args.leadTimeDays, sdDays: VENDOR_DEFAULTS.leadTimeSdDays };
  const moq = terms?.moq ?? VENDOR_DEFAULTS.moq;
  const casePack = terms?.casePack ?? VENDOR_DEFAULTS.casePack;
  // Count-distribution quantile of demand over lead time + review from the engine (negative binomial).
  const protection = { ...leadTime, reviewDays: args.reviewDays };
  const period = periodDemandQuantiles(fc, 0, protection, [args.serviceLevel], calibration);
  const risk =
    sku.inventoryQty == null ? undefined : probabilityDemandExceeds(fc, 0, protection, sku.inventoryQty, calibration);
  const result = planReplenishment({
    sku: sku.sku,
    forecast: fc,
    onHand: sku.inventoryQty,
    leadTime,
    reviewPeriodDays: args.reviewDays,
    serviceLevel: args.serviceLevel,
    moq,
    casePack,
    unitCost: sku.unitCost,
    unitPrice: sku.price ?? 0,
    targetCoverDays: args.targetCoverDays,
    protectionDemand: {
      mean: period.mean,
      quantile: period.quantiles[levelKey(args.serviceLevel)],
      stockoutRiskWithoutOrder: risk,
    },
  });
  const base = {
    leadTime: { ...leadTime, source: terms ? ("vendors-file" as const) : ("default" as const) },
    reviewPeriodDays: args.reviewDays,
    moq,
    casePack,
    onHand: sku.inventoryQty,
    stockSource: sku.stockSource,
  };
  return result.ok ? { ...base, ...result.plan } : { ...base, error: result.error };
}

export function variantOutput(
  sku: SkuData,
  fc: VariantForecast,
  data: ShopifyExports,
  args: ForecastArgs,
  calibration?: CalibrationTable,
) {
  const quantiles: Record<string, number[]> = {};
  for (const [k, q] of Object.entries(fc.quantiles)) quantiles[k] = q.map(r3);
  const bt = fc.backtest;
  const replenishment = replenishmentFor(sku, fc, data, args, calibration);
  return {
    sku: sku.sku,
    name: sku.name,
    vendor: sku.vendor,
    productType: sku.productType,
    model: fc.model,
    demandClass: fc.demandClass,
    explanation: fc.explanation,
    history: {
      start: sku.series.start,
      days: sku.series.units.length,
      totalUnits: sku.totalUnits,
      netRevenue: sku.totalNetRevenue,
    },
    forecast: { start: fc.start, mean: fc.mean.map(r3), quantiles },
    // With --events: the forecast before the events (forecast is then the adjusted one) and the events applied.
    ...(fc.statistical
      ? { statisticalForecast: { mean: fc.statistical.mean.map(r3) }, eventsApplied: fc.eventsApplied }
      : {}),
    backtest: {
      mase: bt ? r4(bt.mase) : null,
      rmsse: bt ? r4(bt.rmsse) : null,
      wape: bt ? r4(bt.wape) : null,
      bias: bt ? r4(bt.bias) : null,
      ...(bt ? { pinball: bt.pinball, coverage: bt.coverage } : { note: "history too short for a backtest" }),
    },
    lostSales: fc.lostSales,
    price: sku.price,
    compareAtPrice: sku.compareAtPrice,
    unitCost: sku.unitCost,
    ...(replenishment ? { replenishment } : {}),
  };
}
