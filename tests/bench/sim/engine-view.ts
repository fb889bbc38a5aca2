// What the app would know about a variant at the start of day `origin` (default: the day after the
// history), in the shapes the engines take: DailySeries / PriceHistory (app/core), the list and
// compare-at prices, the unit cost as entered, the last list price change, stock, vendor terms.
import { epochToDay } from "../../../app/core/days";
import type { DailySeries } from "../../../app/core/forecast/types";
import type { PriceHistory } from "../../../app/core/pricing/types";
import type { BenchShop, BenchVariant } from "./types";

export interface EngineView {
  series: DailySeries;
  history: PriceHistory;
  /** List price and compare-at price on the last day before the origin. */
  price: number;
  compareAtPrice: number | null;
  /** Null when the merchant never entered it. */
  unitCost: number | null;
  /** YYYY-MM-DD of the last permanent list price change before the origin; null when none. */
  lastPriceChange: string | null;
  /** Units on hand at the close of the day before the origin. */
  stockOnHand: number;
  /** Vendor terms as entered by the merchant. */
  leadTime: { meanDays: number; sdDays: number };
  reviewDays: number;
  /** YYYY-MM-DD of the last day the engine sees. */
  asOf: string;
}

export function engineView(shop: BenchShop, v: BenchVariant, origin = shop.days): EngineView {
  if (!(Number.isInteger(origin) && origin >= 1 && origin <= shop.days))
    throw new RangeError(`origin must be in [1, ${shop.days}], got ${origin}`);
  const units = Array.from(v.units.subarray(0, origin));
  const available = Array.from(v.opening.subarray(0, origin), (o) => o > 0);
  const prices = units.map((u, i) => (u > 0 && available[i] ? v.prices.offered[i] : null));
  const series: DailySeries = { id: v.id, start: shop.start, units, available, prices, group: v.productType };
  const changes = v.prices.changeDays.filter((d) => d < origin);
  const last = origin - 1;
  const vendor = shop.vendors[v.vendor];
  return {
    series,
    history: { id: v.id, productId: v.productId, group: v.productType, start: shop.start, units, available, prices },
    price: v.prices.list[last],
    compareAtPrice: v.compareAtPrice,
    unitCost: v.unitCost,
    lastPriceChange: changes.length ? epochToDay(shop.startDay + changes[changes.length - 1]) : null,
    stockOnHand: origin === shop.days ? v.onHandEnd : Math.max(0, v.opening[last] - v.units[last]),
    leadTime: { ...vendor.entered },
    reviewDays: vendor.reviewDays,
    asOf: epochToDay(shop.startDay + last),
  };
}
