// Adapter: the forecast engine's DailySeries (with prices) to the pricing engine's PriceHistory.
import type { DailySeries } from "../forecast/types";
import type { PriceHistory } from "./types";

export function toPriceHistory(series: DailySeries, productId?: string): PriceHistory {
  return {
    id: series.id,
    productId,
    group: series.group,
    start: series.start,
    units: series.units,
    available: series.available,
    eventDays: series.eventDays,
    prices: series.prices ?? series.units.map(() => null),
  };
}
