// Where profit alone would put the price, and which guardrails stop it there.
import { expectedProfit, type ObjectiveModel, type Scenario } from "./objective";
import type { Bound } from "./types";

/** Mark the bounds that stop the price where profit alone would put it. */
export function markProfitBindings(
  m: ObjectiveModel,
  sc: readonly Scenario[],
  bounds: Bound[],
  lo: number,
  hi: number,
): void {
  const top = Math.max(hi, m.currentPrice) * 3;
  const bottom = Math.max(0.01, m.unitCost * 0.5, m.currentPrice * 0.2);
  const bestP = argmaxOnGrid(m, sc, bottom, top, 80, true);
  for (const b of bounds) {
    if (b.side === "upper" && bestP > hi + 0.005 && Math.abs(b.value - hi) < 0.005) b.binding = true;
    if (b.side === "lower" && bestP < lo - 0.005 && Math.abs(b.value - lo) < 0.005) b.binding = true;
  }
}

/** The best price on an even (or geometric) grid of `n` steps over [lo, hi]. */
export function argmaxOnGrid(
  m: ObjectiveModel,
  sc: readonly Scenario[],
  lo: number,
  hi: number,
  n: number,
  geometric = false,
): number {
  let bestP = lo;
  let bestV = -Infinity;
  for (let i = 0; i <= n; i++) {
    const p = geometric ? lo * Math.pow(hi / lo, i / n) : lo + ((hi - lo) * i) / n;
    const v = expectedProfit(m, p, sc);
    if (v > bestV) {
      bestV = v;
      bestP = p;
    }
  }
  return bestP;
}
