// Projected stock: walk the daily forecast mean against usable stock plus scheduled arrivals.
import type { VariantForecast } from "../forecast/types";
import { daysBetween } from "./dates";
import { dailyMean } from "./demand";
import type { IncomingShipment } from "./types";

/** How far the walk looks ahead (days). */
export const WALK_LIMIT_DAYS = 365;

export interface StockWalk {
  /** Fractional days until expected stock reaches zero; null when it lasts beyond the limit. */
  coverDays: number | null;
  /** Day index (0 = forecast start) of the first day demand is not fully met; null when none. */
  stockoutDay: number | null;
  /** Total expected demand over the walk (0 = no demand at all). */
  totalDemand: number;
}

/** Arrivals by day index; anything dated before the start arrives on day 0. */
export function arrivalsByDay(start: string, incoming: IncomingShipment[]): Map<number, number> {
  const map = new Map<number, number>();
  for (const s of incoming) {
    const d = Math.max(0, daysBetween(start, s.expectedDate));
    map.set(d, (map.get(d) ?? 0) + s.units);
  }
  return map;
}

/** Arrivals start-of-day, then the day's expected demand is taken out. */
export function walkStock(fc: VariantForecast, usable: number, incoming: IncomingShipment[]): StockWalk {
  const arrivals = arrivalsByDay(fc.start, incoming);
  let stock = usable;
  let totalDemand = 0;
  let coverDays: number | null = null;
  let stockoutDay: number | null = null;
  for (let t = 0; t < WALK_LIMIT_DAYS; t++) {
    stock += arrivals.get(t) ?? 0;
    const d = dailyMean(fc, t);
    totalDemand += d;
    if (stockoutDay === null && stock - d < 0) {
      stockoutDay = t;
      coverDays = t + (stock > 0 && d > 0 ? stock / d : 0);
    }
    stock -= d;
  }
  return { coverDays, stockoutDay, totalDemand };
}
