// Stock-aware pricing under constant elasticity e: demand until day T at price p is D_T * (p/p0)^e.
// Stretch: the price whose demand until the restock equals the stock, p = p0 * (stock / D_R)^(1/e).
// Markdown: dated steps, each within the maximum change and above the hard floor, that sell the
// excess by the clear-by date (expected units along the path >= stock on hand).

import { addDays } from "./dates";
import { roundedCandidates } from "./guardrails";
import type { MarkdownPlan, MarkdownStep, Rounding } from "./types";

/** Expected demand on day d at the current price; beyond the forecast, its average. */
export function dailyDemand(mean: number[], d: number): number {
  if (d < mean.length) return Math.max(0, mean[d]);
  if (mean.length === 0) return 0;
  return mean.reduce((s, x) => s + Math.max(0, x), 0) / mean.length;
}

export function demandUntil(mean: number[], days: number): number {
  let s = 0;
  for (let d = 0; d < days; d++) s += dailyDemand(mean, d);
  return s;
}

/** The price that stretches `onHand` over `demandAtCurrent` units; null when no stretch is needed. */
export function stretchPrice(currentPrice: number, e: number, onHand: number, demandAtCurrent: number): number | null {
  if (onHand <= 0 || demandAtCurrent <= onHand) return null;
  if (e > -0.05) return Infinity;
  return currentPrice * Math.pow(onHand / demandAtCurrent, 1 / e);
}

export interface MarkdownInput {
  asOf: string;
  currentPrice: number;
  elasticity: number;
  mean: number[];
  onHand: number;
  clearBy: string;
  /** Days until the first step may happen (remaining cooldown), usually 0. */
  firstStepDay: number;
  stepDays: number;
  maxChangePct: number;
  /** Lowest price any step may take (floor, min margin, unit cost, observed range), in money. */
  hardLow: number;
  rounding: Rounding;
}

export function planMarkdown(inp: MarkdownInput): MarkdownPlan | null {
  const T = Math.round((Date.parse(`${inp.clearBy}T00:00:00Z`) - Date.parse(`${inp.asOf}T00:00:00Z`)) / 86_400_000);
  if (T <= inp.firstStepDay) return null;
  const atCurrent = demandUntil(inp.mean, T);
  const excess = inp.onHand - atCurrent;
  if (excess <= 0) return null;
  const e = inp.elasticity;
  const constant = e < -0.05 && atCurrent > 0 ? inp.currentPrice * Math.pow(inp.onHand / atCurrent, 1 / e) : inp.hardLow;

  let best: { steps: MarkdownStep[]; units: number } | null = null;
  for (let adj = 1; adj > 0.2; adj -= 0.03) {
    const target = Math.max(inp.hardLow, constant * adj);
    const steps: MarkdownStep[] = [];
    let prev = inp.currentPrice;
    for (let day = inp.firstStepDay; day < T; day += inp.stepDays) {
      if (prev <= target + 0.005) break;
      const limit = Math.max(inp.hardLow, prev * (1 - inp.maxChangePct));
      const loC = Math.ceil(limit * 100 - 1e-7);
      const hiC = Math.round(prev * 100) - 1;
      const cands = roundedCandidates(loC, hiC, inp.rounding, 10_000).filter(
        (c) => c / 100 >= limit - 1e-9 && c / 100 >= inp.hardLow - 1e-9,
      );
      if (!cands.length) break;
      const wantC = Math.max(target, limit) * 100;
      const pick = cands.reduce((a, c) => (Math.abs(c - wantC) < Math.abs(a - wantC) ? c : a));
      prev = pick / 100;
      steps.push({ date: addDays(inp.asOf, day), price: prev });
    }
    const units = unitsAlongPath(inp, steps, T);
    best = { steps, units };
    if (units >= inp.onHand || steps.length === 0) break;
  }
  if (!best || best.steps.length === 0) {
    return { clearBy: inp.clearBy, excessUnits: excess, steps: [], expectedUnitsByClearBy: atCurrent, clearsByTarget: false };
  }
  return {
    clearBy: inp.clearBy,
    excessUnits: excess,
    steps: best.steps,
    expectedUnitsByClearBy: Math.min(best.units, inp.onHand),
    clearsByTarget: best.units >= inp.onHand,
  };
}

function unitsAlongPath(inp: MarkdownInput, steps: MarkdownStep[], T: number): number {
  const offsets = steps.map((s) => Math.round((Date.parse(`${s.date}T00:00:00Z`) - Date.parse(`${inp.asOf}T00:00:00Z`)) / 86_400_000));
  let units = 0;
  let ratio = 1;
  let next = 0;
  for (let d = 0; d < T; d++) {
    while (next < steps.length && offsets[next] <= d) ratio = Math.pow(steps[next++].price / inp.currentPrice, inp.elasticity);
    units += dailyDemand(inp.mean, d) * ratio;
  }
  return units;
}
