// Where profit alone would put the price, which bounds stop it, and the interval on the change.
import { expectedObjective, outcomeAt, roundMoney, type DemandModel } from "./objective";
import type { Bound, PricingInput } from "./types";

/** Mark the bounds that stop the price where profit alone would put it. */
export function markProfitBindings(m: DemandModel, eSample: number[], bounds: Bound[], lo: number, hi: number, unitCost: number): void {
  const top = Math.max(hi, m.currentPrice) * 3;
  const bottom = Math.max(0.01, unitCost * 0.5, m.currentPrice * 0.2);
  let bestP = m.currentPrice;
  let bestV = -Infinity;
  for (let i = 0; i <= 160; i++) {
    const p = bottom * Math.pow(top / bottom, i / 160);
    const v = expectedObjective(m, p, eSample);
    if (v > bestV) {
      bestV = v;
      bestP = p;
    }
  }
  for (const b of bounds) {
    if (b.side === "upper" && bestP > hi + 0.005 && Math.abs(b.value - hi) < 0.005) b.binding = true;
    if (b.side === "lower" && bestP < lo - 0.005 && Math.abs(b.value - lo) < 0.005) b.binding = true;
  }
}

export function bestContinuous(m: DemandModel, eSample: number[], lo: number, hi: number): number {
  let bestP = lo;
  let bestV = -Infinity;
  for (let i = 0; i <= 80; i++) {
    const p = lo + ((hi - lo) * i) / 80;
    const v = expectedObjective(m, p, eSample);
    if (v > bestV) {
      bestV = v;
      bestP = p;
    }
  }
  return bestP;
}

/** ~80% interval on the profit change: elasticity at its 10%/90% quantiles x forecast at its 10%/90% scale. */
export function changeInterval(
  m: DemandModel,
  rec: number,
  e: number,
  eLow: number,
  eHigh: number,
  forecast: PricingInput["forecast"],
  H: number,
): { grossProfit: number; low: number; high: number } {
  const delta = (ee: number, s: number): number =>
    outcomeAt(m, rec, ee, s).grossProfit - outcomeAt(m, m.currentPrice, ee, s).grossProfit;
  const q90 = forecast.quantiles?.["0.9"];
  const meanSum = forecast.mean.slice(0, H).reduce((s, x) => s + Math.max(0, x), 0);
  const up = q90 && meanSum > 0 ? Math.max(1, q90.slice(0, H).reduce((s, x) => s + Math.max(0, x), 0) / meanSum) : 1;
  const down = Math.max(0, 2 - up);
  const vals = [eLow, e, eHigh].flatMap((ee) => [down, 1, up].map((s) => delta(ee, s)));
  return { grossProfit: roundMoney(delta(e, 1)), low: roundMoney(Math.min(...vals)), high: roundMoney(Math.max(...vals)) };
}

