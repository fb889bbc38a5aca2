// Projected stock for the variant page and stock health for the dashboard, from a stored forecast mean.
// Same conventions as stock-walk.ts: arrivals at the start of the day, then the day's expected demand.
// Unmet demand is lost (the level never goes below 0), as in a lost-sales inventory model.
import type { VariantForecast } from "../forecast/types";
import { addDays } from "./dates";
import { dailyMean, windowDemand } from "./demand";
import { arrivalsByDay, walkStock } from "./stock-walk";
import type { IncomingShipment } from "./types";

/** A VariantForecast from what the Forecast row stores (start, mean); Poisson variance, weekly repeat. */
export function storedForecast(id: string, start: string, mean: number[]): VariantForecast {
  return {
    id,
    start,
    mean,
    quantiles: {},
    model: "stored",
    demandClass: "smooth",
    adi: 1,
    cv2: 0,
    dispersion: Infinity,
    backtest: null,
    lostSales: { censoredDays: 0, estimatedUnits: 0 },
    fallbacks: [],
    explanation: "",
  };
}

export interface ProjectedDay {
  day: string;
  /** Expected units on hand at the end of the day. */
  stock: number;
  arrivals: number;
  demand: number;
}

export function projectInventory(
  fc: VariantForecast,
  usable: number,
  incoming: IncomingShipment[],
  days: number,
): ProjectedDay[] {
  const arrivals = arrivalsByDay(fc.start, incoming);
  const out: ProjectedDay[] = [];
  let stock = Math.max(0, usable);
  for (let t = 0; t < days; t++) {
    const a = arrivals.get(t) ?? 0;
    const d = dailyMean(fc, t);
    stock = Math.max(0, stock + a - d);
    out.push({ day: addDays(fc.start, t), stock, arrivals: a, demand: d });
  }
  return out;
}

export interface StockHealth {
  /** Days until expected stock runs out; null when it lasts beyond a year or nothing sells. */
  coverDays: number | null;
  /** Units beyond `targetCoverDays` of expected demand (position = usable + incoming). */
  overstockUnits: number;
  /** overstockUnits x unit cost; null when the cost is unknown. */
  overstockCapital: number | null;
}

/** Cover and overstock as planReplenishment computes them (plan.ts), without the order policy. */
export function stockHealth(
  fc: VariantForecast,
  usable: number,
  incoming: IncomingShipment[],
  targetCoverDays: number,
  unitCost: number | null,
): StockHealth {
  const walk = walkStock(fc, usable, incoming);
  const position = usable + incoming.reduce((s, x) => s + x.units, 0);
  const over = Math.max(0, position - windowDemand(fc, targetCoverDays).mean);
  return {
    coverDays: walk.totalDemand <= 0 ? null : walk.coverDays,
    overstockUnits: over,
    overstockCapital: unitCost == null ? null : over * unitCost,
  };
}

/** Cover buckets of the dashboard's stock chart: upper bounds in days (the last one is open). */
export const COVER_BUCKETS = [0, 7, 14, 30, 90] as const;

/** Index into COVER_BUCKETS + 1 extra bucket (beyond 90 days or no demand). */
export function coverBucket(coverDays: number | null): number {
  if (coverDays == null) return COVER_BUCKETS.length;
  const i = COVER_BUCKETS.findIndex((b) => coverDays <= b);
  return i < 0 ? COVER_BUCKETS.length : i;
}
