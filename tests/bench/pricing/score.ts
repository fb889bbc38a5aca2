// Scores one case: true profit of each policy's price (no stock, then with the stock cap), the oracle,
// the engine's guardrail violations in its own context, elasticities against the truth.
import { SHOP_DEFAULTS } from "../../../app/core/defaults";
import { violations } from "../../../app/core/pricing/index";
import { naiveOls } from "../lib/naive-ols";
import { distinctPrices, type PricingCase, type SimName } from "./cases";
import { BENCH_FEES, type EngineRuns } from "./engine";
import { argmax, feasiblePrices, nearest, oracleContext } from "./oracle";

export const POLICIES = ["keep current price", "cost-plus (2x cost)", "naive log-log OLS", "engine"] as const;
export type Policy = (typeof POLICIES)[number];

export interface StockScore {
  current: number;
  oracle: number;
  engine: number;
  engineAction: string;
  /** The engine's own expected gross-profit change of its suggestion. */
  engineOwnChange: number;
}

export interface CaseScore {
  sim: SimName;
  id: string;
  label: string;
  /** True gross profit over the horizon at the current price and at the oracle's. */
  current: number;
  oracle: number;
  price: Record<Policy, number>;
  profit: Record<Policy, number>;
  /** The engine gave no price (cost missing, no feasible price): scored as keeping the current price. */
  withheld: boolean;
  engineViolations: number;
  engineAction: string;
  engineConfidence: number;
  truthE: number | null;
  engineE: number;
  rawE: number | null;
  naiveE: number | null;
  distinct: number;
  stock: StockScore;
}

const cents = (p: number) => Math.round(p * 100);

export function scoreCase(c: PricingCase, runs: EngineRuns): CaseScore {
  const plain = runs.plain.get(c.id)!;
  const withStock = runs.stock.get(c.id)!;
  const el = plain.elasticity;
  const rec = plain.rec;
  const p0 = c.price;
  const engineP = rec.recommendedPrice ?? p0;
  const naive = naiveOls(c.series.units, c.series.prices ?? []);
  const engineViolations =
    plain.ctx && rec.recommendedPrice != null ? violations(rec.recommendedPrice, plain.ctx).length : 0;
  const base = {
    sim: c.sim,
    id: c.id,
    label: c.label,
    withheld: rec.recommendedPrice == null || c.unitCost == null,
    engineViolations,
    engineAction: rec.action,
    engineConfidence: rec.confidence,
    engineE: el.estimate,
    rawE: el.raw ? el.raw.estimate : null,
    naiveE: naive ? naive.estimate : null,
    distinct: distinctPrices(c.series),
  };
  const ctx = oracleContext(c);
  const stockOwn = withStock.rec.expected.change.profit;
  if (!ctx) {
    // No true cost: no truth to score against; every policy (and the oracle) keeps the price.
    const keep = Object.fromEntries(POLICIES.map((p) => [p, p0])) as Record<Policy, number>;
    const zero = Object.fromEntries(POLICIES.map((p) => [p, 0])) as Record<Policy, number>;
    return {
      ...base,
      current: 0,
      oracle: 0,
      price: keep,
      profit: zero,
      truthE: null,
      stock: { current: 0, oracle: 0, engine: 0, engineAction: withStock.rec.action, engineOwnChange: stockOwn },
    };
  }
  const cost = ctx.unitCost;
  const margin = (p: number) => p * (1 - BENCH_FEES.paymentFeePct) - cost - BENCH_FEES.fulfilmentCost;
  const units = new Map<number, number>();
  const trueProfit = (p: number): number => {
    let u = units.get(cents(p));
    if (u === undefined) units.set(cents(p), (u = c.trueUnits(p)));
    return margin(p) * u;
  };
  const cands = feasiblePrices(ctx);
  const current = trueProfit(p0);
  const oracleP = cands.length ? argmax(cands, trueProfit, p0) : p0;
  // Baselines: the oracle's candidates, the shop's entered cost (missing = keep), the engine's forecast as baseline.
  const baseUnits = rec.expected.current.units;
  const enteredMargin = (p: number) =>
    p * (1 - BENCH_FEES.paymentFeePct) - (c.unitCost ?? 0) - BENCH_FEES.fulfilmentCost;
  const naiveP =
    naive && c.unitCost != null && baseUnits > 0 && cands.length
      ? argmax(cands, (p) => enteredMargin(p) * baseUnits * Math.pow(p / p0, naive.estimate), p0)
      : p0;
  const price: Record<Policy, number> = {
    "keep current price": p0,
    "cost-plus (2x cost)": c.unitCost != null && cands.length ? nearest(cands, 2 * c.unitCost) : p0,
    "naive log-log OLS": naiveP,
    engine: engineP,
  };
  const profit = Object.fromEntries(POLICIES.map((p) => [p, trueProfit(price[p])])) as Record<Policy, number>;

  // With stock, the engine's objective under the truth (nothing arrives): when the stock truly outlasts the
  // sell-through horizon T at the current price, over T days with the holding cost and the units left at T
  // written off at cost; otherwise over the horizon with sales capped by the stock.
  const T = SHOP_DEFAULTS.sellThroughDays;
  const S = c.stockOnHand;
  const excess = S > 0 && c.stockOutcome(p0, S, T).left >= 0.5;
  const sales = new Map<number, number>();
  const stockProfit = (p: number): number => {
    let v = sales.get(cents(p));
    if (v === undefined) {
      if (excess) {
        const o = c.stockOutcome(p, S, T);
        v = margin(p) * o.sold - (SHOP_DEFAULTS.holdingCostPct * cost * o.stockDays) / 365 - cost * o.left;
      } else v = margin(p) * c.expectedSales(p, S);
      sales.set(cents(p), v);
    }
    return v;
  };
  const stockEngineP = withStock.rec.recommendedPrice ?? p0;
  const stock: StockScore = {
    current: stockProfit(p0),
    oracle: stockProfit(cands.length ? argmax(cands, stockProfit, p0) : p0),
    engine: stockProfit(stockEngineP),
    engineAction: withStock.rec.action,
    engineOwnChange: stockOwn,
  };
  const e = c.trueElasticity(p0);
  return { ...base, current, oracle: trueProfit(oracleP), price, profit, truthE: Number.isFinite(e) ? e : null, stock };
}
