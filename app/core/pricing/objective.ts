// The quantity the engine maximises for a price held over a window of days (docs/decisions/0013):
//   J(p) = unit margin(p) x E[units sold] + customer value x E[units sold] - holding cost - stock written off
// Demand at price p is the forecast at the current price p0 times (p / p0)^e (constant elasticity, a local
// approximation around p0), times a level factor s (the forecast's own uncertainty).
// - Sales before the restock are capped by the stock: E[min(D, S)] under a normal approximation of the
//   window total (the normal loss function, Silver, Pyke & Thomas 1998, sec. 7.5).
// - Holding cost: yearly rate x unit cost x the expected stock-days along the mean depletion path / 365.
// - Write-off: stock still unsold at the end of the sell-through horizon T loses its unit cost:
//   unit cost x E[(S - D_T(p))+]. Stock that sells within T is worth keeping; stock that will not is at risk.
// The model is plain data so the same function serves the server, the variant page and the price editor.
import { normalCdf, normalPdf } from "../stats/normal";
import type { Fees } from "./types";

export interface ObjectiveModel {
  currentPrice: number;
  unitCost: number;
  fees: Fees;
  /** Days the objective covers. */
  windowDays: number;
  /** Expected units at the current price over the window before the restock day (or the whole window). */
  demandBefore: number;
  /** Expected units at the current price from the restock day to the end of the window (0 without a restock). */
  demandAfter: number;
  /** Units available before the restock; null = stock is not a constraint (unknown). */
  stock: number | null;
  /** Days of the window before the restock. */
  daysBefore: number;
  /** Variance of a demand total of mean m is m x (1 + overdispersion x m / days): NB days, independent. */
  overdispersion: number;
  /** Yearly holding cost as a share of unit cost. */
  holdingCostPct: number;
  /** Sell-through horizon: expected units over T days at p0, and the stock that must sell by then. */
  sellThrough: { days: number; demand: number; stock: number } | null;
  /** Future margin per unit sold from acquired customers, already weighted. */
  clvPerUnit: number;
}

export interface PriceOutcome {
  units: number;
  revenue: number;
  grossProfit: number;
  holdingCost: number;
  /** Units expected to remain unsold at the end of the sell-through horizon, and their value at cost. */
  unitsLeft: number;
  leftValue: number;
  /** The objective: gross profit + customer value - holding cost - value left at the end (written off). */
  profit: number;
}

export function unitMargin(m: Pick<ObjectiveModel, "fees" | "unitCost">, price: number): number {
  return price * (1 - m.fees.paymentFeePct) - m.unitCost - m.fees.fulfilmentCost;
}

/** E[min(D, S)] for a demand total with mean mu and variance v (normal approximation, exact at v = 0). */
export function expectedSold(mu: number, v: number, s: number): number {
  if (!(mu > 0)) return 0;
  if (!(s > 0)) return 0;
  const sd = Math.sqrt(Math.max(0, v));
  if (sd < 1e-9) return Math.min(mu, s);
  const z = (s - mu) / sd;
  const shortage = sd * (normalPdf(z) - z * (1 - normalCdf(z)));
  return Math.max(0, Math.min(mu, mu - shortage));
}

function variance(m: ObjectiveModel, mu: number, days: number): number {
  return mu * (1 + (m.overdispersion * mu) / Math.max(1, days));
}

/** Stock-days along the mean depletion path over `days` days, selling `mu` units evenly from `stock`. */
function stockDays(stock: number, mu: number, days: number): number {
  if (!(stock > 0) || !(days > 0)) return 0;
  if (mu <= stock) return days * (stock - mu / 2);
  return (stock * (stock / mu) * days) / 2;
}

/** An outcome of nothing sold (the start of a sum, a placeholder). */
export function zeroOutcome(): PriceOutcome {
  return { units: 0, revenue: 0, grossProfit: 0, holdingCost: 0, unitsLeft: 0, leftValue: 0, profit: 0 };
}

/** Demand at `price` relative to the current price's for elasticity `e`: (price / p0)^e. */
function priceResponse(m: ObjectiveModel, price: number, e: number): number {
  return Math.pow(price / m.currentPrice, e);
}

/** Outcome at `price` for elasticity `e` and demand level factor `s` (1 = the forecast). */
export function outcomeAt(m: ObjectiveModel, price: number, e: number, s = 1): PriceOutcome {
  const out = zeroOutcome();
  evaluate(m, price, priceResponse(m, price, e) * s, out);
  return out;
}

/** The objective alone at `price` for elasticity `e` and level factor `s`: outcomeAt(...).profit, without the
 *  outcome object (the searches call it hundreds of times per variant). */
export function profitAt(m: ObjectiveModel, price: number, e: number, s = 1): number {
  return evaluate(m, price, priceResponse(m, price, e) * s, null);
}

/** The outcome for demand `ratio` x the forecast (ratio = (price / p0)^e x s), written to `out` when given;
 *  returns the objective. */
function evaluate(m: ObjectiveModel, price: number, ratio: number, out: PriceOutcome | null): number {
  const before = m.demandBefore * ratio;
  const after = m.demandAfter * ratio;
  const capped = m.stock != null;
  const soldBefore = capped ? expectedSold(before, variance(m, before, m.daysBefore), m.stock as number) : before;
  const units = soldBefore + after;
  const margin = unitMargin(m, price);
  const holdingCost = capped
    ? (m.holdingCostPct * m.unitCost * stockDays(m.stock as number, before, m.daysBefore)) / 365
    : 0;
  let unitsLeft = 0;
  if (m.sellThrough && m.sellThrough.stock > 0) {
    const d = m.sellThrough.demand * ratio;
    unitsLeft = Math.max(
      0,
      m.sellThrough.stock - expectedSold(d, variance(m, d, m.sellThrough.days), m.sellThrough.stock),
    );
  }
  const leftValue = unitsLeft * m.unitCost;
  const grossProfit = units * margin;
  const profit = grossProfit + units * m.clvPerUnit - holdingCost - leftValue;
  if (out) {
    out.units = units;
    out.revenue = units * price;
    out.grossProfit = grossProfit;
    out.holdingCost = holdingCost;
    out.unitsLeft = unitsLeft;
    out.leftValue = leftValue;
    out.profit = profit;
  }
  return profit;
}

/** A weighted sample of (elasticity, level factor) pairs: the uncertainty the engine averages over. */
export interface Scenario {
  e: number;
  s: number;
  w: number;
}

/** Expected outcome over the scenarios (every component averaged with the same weights). */
export function expectedOutcome(m: ObjectiveModel, price: number, scenarios: readonly Scenario[]): PriceOutcome {
  const acc = zeroOutcome();
  for (const sc of scenarios) {
    const o = outcomeAt(m, price, sc.e, sc.s);
    for (const k of Object.keys(acc) as (keyof PriceOutcome)[]) acc[k] += sc.w * o[k];
  }
  return acc;
}

export function expectedProfit(m: ObjectiveModel, price: number, scenarios: readonly Scenario[]): number {
  let sum = 0;
  for (const sc of scenarios) sum += sc.w * profitAt(m, price, sc.e, sc.s);
  return sum;
}

/** The objective at `price` in every scenario (same order as `scenarios`). */
export function profitsByScenario(m: ObjectiveModel, price: number, scenarios: readonly Scenario[]): Float64Array {
  const out = new Float64Array(scenarios.length);
  // Scenarios come elasticity by elasticity: (price / p0)^e is the same for each level factor of one e.
  let lastE = NaN;
  let power = NaN;
  for (let k = 0; k < scenarios.length; k++) {
    const { e, s } = scenarios[k];
    if (e !== lastE) {
      power = priceResponse(m, price, e);
      lastE = e;
    }
    out[k] = evaluate(m, price, power * s, null);
  }
  return out;
}

export interface ChangeDistribution {
  mean: number;
  probabilityBetter: number;
  /** ~80% interval (10th and 90th weighted percentiles). */
  low: number;
  high: number;
}

/** Distribution of the profit change between two price's scenario profits. */
export function changeOf(at: Float64Array, current: Float64Array, scenarios: readonly Scenario[]): ChangeDistribution {
  const deltas = scenarios.map((sc, k) => ({ d: at[k] - current[k], w: sc.w }));
  let mean = 0;
  let better = 0;
  for (const x of deltas) {
    mean += x.w * x.d;
    if (x.d > 1e-9) better += x.w;
  }
  deltas.sort((a, b) => a.d - b.d);
  return { mean, probabilityBetter: better, low: weightedQuantile(deltas, 0.1), high: weightedQuantile(deltas, 0.9) };
}

/** Distribution of the profit change from the current price to `price` over the scenarios. */
export function changeDistribution(
  m: ObjectiveModel,
  price: number,
  scenarios: readonly Scenario[],
): ChangeDistribution {
  return changeOf(profitsByScenario(m, price, scenarios), profitsByScenario(m, m.currentPrice, scenarios), scenarios);
}

function weightedQuantile(sorted: { d: number; w: number }[], q: number): number {
  let acc = 0;
  for (const x of sorted) {
    acc += x.w;
    if (acc >= q - 1e-12) return x.d;
  }
  return sorted.length ? sorted[sorted.length - 1].d : 0;
}

export function roundMoney(x: number): number {
  return Math.round(x * 100) / 100;
}
