// The objective's inputs for one variant (objective.ts), and the stock situation that sets its window:
// - unknown: no stock position; the horizon, no stock terms.
// - excess: stock (with incoming units) is expected to remain after the sell-through horizon T at the current
//   price; the window is T, so keeping and marking down are compared over the same days and the same stock.
// - scarce: the stock runs out before a known restock that comes after the horizon; the window runs to it.
// - normal: the horizon, with the stock cap and holding cost.
import { SHOP_DEFAULTS } from "../defaults";
import { daysBetween } from "./dates";
import { expectedSold, type ObjectiveModel } from "./objective";
import type { Fees, PricingInput, StockSituation } from "./types";

/** Longest window the objective covers (days). */
export const MAX_WINDOW_DAYS = 730;
/** Expected units left after the sell-through horizon that make the stock "excess". */
const EXCESS_UNITS = 0.5;

/** Expected demand on day d at the current price: the forecast, then the outlook, then their average. */
export function demandOn(mean: number[], outlook: number[] | undefined, d: number): number {
  if (d < mean.length) return Math.max(0, mean[d]);
  if (outlook && d < outlook.length) return Math.max(0, outlook[d]);
  const src = outlook && outlook.length ? outlook : mean;
  if (src.length === 0) return 0;
  const tail = src.slice(-Math.min(28, src.length));
  return tail.reduce((s, x) => s + Math.max(0, x), 0) / tail.length;
}

export function demandUntil(mean: number[], outlook: number[] | undefined, days: number): number {
  let s = 0;
  for (let d = 0; d < days; d++) s += demandOn(mean, outlook, d);
  return s;
}

export interface ModelBuild {
  model: ObjectiveModel;
  situation: StockSituation;
  /** Days the stock lasts at the current price (null without a stock position). */
  daysOfStock: number | null;
  /** Days until the known restock (null when none). */
  restockDays: number | null;
}

export function buildModel(
  input: PricingInput,
  price: number,
  unitCost: number,
  fees: Fees,
  clvPerUnit: number,
  horizon: number,
): ModelBuild {
  const mean = input.forecast.mean.map((x) => (Number.isFinite(x) && x > 0 ? x : 0));
  const outlook = input.outlook;
  const size = input.dispersion;
  const overdispersion =
    size != null && Number.isFinite(size) && size > 0 ? demandUntil(mean, outlook, horizon) / horizon / size : 0;
  const base = {
    currentPrice: price,
    unitCost,
    fees,
    overdispersion,
    holdingCostPct: 0,
    clvPerUnit,
  };
  const stock = input.stock;
  if (!stock) {
    const d = demandUntil(mean, outlook, horizon);
    return {
      model: {
        ...base,
        windowDays: horizon,
        demandBefore: d,
        demandAfter: 0,
        stock: null,
        daysBefore: horizon,
        sellThrough: null,
      },
      situation: "unknown",
      daysOfStock: null,
      restockDays: null,
    };
  }
  const onHand = Math.max(0, stock.onHand);
  const all = onHand + Math.max(0, stock.incoming ?? 0);
  const T = Math.min(
    MAX_WINDOW_DAYS,
    Math.max(horizon, Math.round(input.sellThroughDays ?? SHOP_DEFAULTS.sellThroughDays)),
  );
  const demandT = demandUntil(mean, outlook, T);
  const sellThrough = { days: T, demand: demandT, stock: all };
  const daysOfStock = stockDays(mean, outlook, onHand);
  const restockDays = stock.nextRestock != null ? Math.max(0, daysBetween(input.asOf, stock.nextRestock)) : null;

  const varT = demandT * (1 + (overdispersion * demandT) / T);
  const leftAtCurrent = all - expectedSold(demandT, varT, all);
  if (leftAtCurrent >= EXCESS_UNITS) {
    // Holding cost weighs only on excess stock: otherwise replenishment, not price, sets how much is held.
    return {
      model: {
        ...base,
        holdingCostPct: input.holdingCostPct ?? SHOP_DEFAULTS.holdingCostPct,
        windowDays: T,
        demandBefore: demandT,
        demandAfter: 0,
        stock: all,
        daysBefore: T,
        sellThrough,
      },
      situation: "excess",
      daysOfStock,
      restockDays,
    };
  }
  if (restockDays != null && restockDays > horizon && daysOfStock < restockDays) {
    const W = Math.min(restockDays, MAX_WINDOW_DAYS);
    const d = demandUntil(mean, outlook, W);
    return {
      model: { ...base, windowDays: W, demandBefore: d, demandAfter: 0, stock: onHand, daysBefore: W, sellThrough },
      situation: "scarce",
      daysOfStock,
      restockDays,
    };
  }
  const before = restockDays != null ? Math.min(horizon, restockDays) : horizon;
  const dBefore = demandUntil(mean, outlook, before);
  const dAll = demandUntil(mean, outlook, horizon);
  return {
    model: {
      ...base,
      windowDays: horizon,
      demandBefore: dBefore,
      demandAfter: dAll - dBefore,
      stock: onHand,
      daysBefore: Math.max(1, before),
      sellThrough,
    },
    situation: daysOfStock < before ? "scarce" : "normal",
    daysOfStock,
    restockDays,
  };
}

/** Whole days the stock lasts at the expected sales rate (MAX_WINDOW_DAYS when longer). */
function stockDays(mean: number[], outlook: number[] | undefined, onHand: number): number {
  let left = onHand;
  for (let d = 0; d < MAX_WINDOW_DAYS; d++) {
    left -= demandOn(mean, outlook, d);
    if (left < 0) return d;
  }
  return MAX_WINDOW_DAYS;
}
