// Expected outcome of a price over the horizon, under constant-elasticity demand
//   units(p) = baseline * (p / p0)^e   (baseline = forecast mean at the current price p0),
// capped by the stock on hand until the next restock, and gross profit
//   (p - unitCost - feePct * p - fulfilmentCost) * units.
// The customer-value term adds clvWeight * (new customers per unit) * (their future margin) per unit:
// a price that sells fewer units acquires fewer customers (docs/decisions/0004).

import type { Fees, Outcome } from "./types";

export interface DemandModel {
  currentPrice: number;
  unitCost: number;
  fees: Fees;
  /** Expected units at the current price before the restock day (within the horizon). */
  baseBefore: number;
  /** Expected units at the current price from the restock day to the end of the horizon. */
  baseAfter: number;
  /** Units available before the restock; Infinity when stock is not a constraint. */
  stockCap: number;
  /** Future margin per unit sold from acquired customers, already multiplied by clvWeight. */
  clvPerUnit: number;
}

export function unitMargin(m: DemandModel, price: number): number {
  return price * (1 - m.fees.paymentFeePct) - m.unitCost - m.fees.fulfilmentCost;
}

/** Units, revenue and gross profit at `price` for elasticity `e`, with the baseline scaled by `scale`. */
export function outcomeAt(m: DemandModel, price: number, e: number, scale = 1): Outcome {
  const ratio = Math.pow(price / m.currentPrice, e);
  const units = Math.min(m.baseBefore * scale * ratio, m.stockCap) + m.baseAfter * scale * ratio;
  return { units, revenue: units * price, grossProfit: units * unitMargin(m, price) };
}

/** The quantity the engine maximises: gross profit plus the weighted customer value. */
export function objectiveAt(m: DemandModel, price: number, e: number, scale = 1): number {
  const o = outcomeAt(m, price, e, scale);
  return o.grossProfit + o.units * m.clvPerUnit;
}

/** Mean objective over a deterministic sample of elasticities (the estimate's uncertainty). */
export function expectedObjective(m: DemandModel, price: number, elasticities: number[]): number {
  let s = 0;
  for (const e of elasticities) s += objectiveAt(m, price, e);
  return s / elasticities.length;
}

/** Probability that `price` beats the current price, over the elasticity sample. */
export function probabilityBetter(m: DemandModel, price: number, elasticities: number[]): number {
  let wins = 0;
  for (const e of elasticities) if (objectiveAt(m, price, e) > objectiveAt(m, m.currentPrice, e) + 1e-9) wins++;
  return wins / elasticities.length;
}

export function roundMoney(x: number): number {
  return Math.round(x * 100) / 100;
}
