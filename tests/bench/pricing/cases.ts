// One scored variant of bench:pricing, from either simulator: what the engine gets (the shop's data as
// the app would hold it) and the truth it is scored against (expected units over the horizon at a held
// price, the true point elasticity, expected sales under a stock cap).
import type { DailySeries } from "../../../app/core/forecast/types";
import type { PriceHistory } from "../../../app/core/pricing/types";

export interface PricingCase {
  sim: SimName;
  id: string;
  productId: string;
  series: DailySeries;
  history: PriceHistory;
  /** Last day of the history (YYYY-MM-DD). */
  asOf: string;
  price: number;
  compareAtPrice: number | null;
  /** As entered in the shop (null = missing: the engine withholds). */
  unitCost: number | null;
  /** The real unit cost; null when the simulator does not know it (then every policy keeps the price). */
  trueUnitCost: number | null;
  lastPriceChange: string | null;
  /** Units on hand after the last day (pooled over locations). */
  stockOnHand: number;
  /** True expected units over the horizon with the price held at p from the day after asOf. */
  trueUnits(p: number): number;
  /** True point elasticity at p, averaged over the horizon days. */
  trueElasticity(p: number): number;
  /** E[min(demand over the horizon at p, stock)], by simulation. */
  expectedSales(p: number, stock: number): number;
  /** Over `days` days at p from `stock` with nothing arriving: expected units sold, stock-days held, units left. */
  stockOutcome(p: number, stock: number, days: number): StockOutcome;
  /** Family label for breakdowns (independent simulator), e.g. "logit+threshold". */
  label: string;
}

export interface StockOutcome {
  sold: number;
  stockDays: number;
  left: number;
}

/** Averages of sold, stock-days (end-of-day stock summed) and units left over demand paths. */
export function outcomeOfPaths(paths: ArrayLike<number>[], stock: number): StockOutcome {
  let sold = 0,
    stockDays = 0,
    left = 0;
  for (const path of paths) {
    let cum = 0;
    for (let t = 0; t < path.length; t++) {
      cum += path[t];
      stockDays += Math.max(0, stock - cum);
    }
    sold += Math.min(cum, stock);
    left += Math.max(0, stock - cum);
  }
  const n = Math.max(1, paths.length);
  return { sold: sold / n, stockDays: stockDays / n, left: left / n };
}

export type SimName = "independent" | "project";
export const SIM_TITLES: Record<SimName, string> = {
  independent: "independent (tests/bench/sim)",
  project: "project (app/demo/sim)",
};

/** Distinct realised prices (to the cent) on in-stock sale days. */
export function distinctPrices(s: { prices?: (number | null)[]; available?: boolean[] }): number {
  const set = new Set<number>();
  (s.prices ?? []).forEach((p, i) => {
    if (p != null && p > 0 && (!s.available || s.available[i])) set.add(Math.round(p * 100));
  });
  return set.size;
}

/** Lowest and highest realised price on in-stock sale days (the observed range of the guardrails). */
export function observedRange(s: {
  prices?: (number | null)[];
  available?: boolean[];
}): { min: number; max: number } | null {
  let min = Infinity,
    max = -Infinity;
  (s.prices ?? []).forEach((p, i) => {
    if (p == null || !(p > 0) || (s.available && !s.available[i])) return;
    min = Math.min(min, p);
    max = Math.max(max, p);
  });
  return Number.isFinite(min) ? { min, max } : null;
}
