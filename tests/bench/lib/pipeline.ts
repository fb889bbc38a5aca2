// The whole per-variant pipeline timed by bench:forecast: forecast (classification, rolling-origin
// selection, fallback chain, count quantiles), demand over lead time + review, replenishment plan.
import {
  forecastVariant,
  levelKey,
  periodDemandQuantiles,
  type DailySeries,
  type PoolProfiles,
} from "../../../app/core/forecast/index";
import { planReplenishment } from "../../../app/core/inventory/index";

export const LEVELS = [0.05, 0.1, 0.5, 0.9, 0.95];
const LEAD = { meanDays: 14, sdDays: 3 };
const REVIEW = 7;
const SERVICE = 0.95;

export function runPipeline(s: DailySeries, pool: PoolProfiles): { ok: boolean } {
  const fc = forecastVariant(s, { horizon: 28, levels: LEVELS }, pool);
  const period = periodDemandQuantiles(fc, 0, { ...LEAD, reviewDays: REVIEW }, [SERVICE]);
  const n = s.units.length;
  let recent = 0;
  for (let i = Math.max(0, n - 14); i < n; i++) recent += s.units[i];
  let price = 10;
  for (let i = n - 1; i >= 0 && s.prices; i--) {
    const p = s.prices[i];
    if (p != null && p > 0) {
      price = p;
      break;
    }
  }
  const plan = planReplenishment({
    sku: s.id,
    forecast: fc,
    onHand: recent,
    leadTime: LEAD,
    reviewPeriodDays: REVIEW,
    serviceLevel: SERVICE,
    unitCost: price * 0.5,
    unitPrice: price,
    protectionDemand: { mean: period.mean, quantile: period.quantiles[levelKey(SERVICE)] },
  });
  return { ok: plan.ok };
}
