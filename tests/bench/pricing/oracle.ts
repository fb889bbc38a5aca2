// The oracle's allowed box, which does NOT depend on the engine: the merchant's guardrails (min margin on
// the real unit cost, max change, floor and ceiling, compare-at, cooldown), the observed-range rule
// WITHOUT the high-confidence exemption, and the shop's .99 rounding. Every baseline picks from it too.
import { guardrailBounds, violations, type GuardrailContext } from "../../../app/core/pricing/index";
import { daysBetween } from "../../../app/core/days";
import { observedRange, type PricingCase } from "./cases";
import { BENCH_GUARDRAILS } from "./engine";

export function oracleContext(c: PricingCase): GuardrailContext | null {
  if (c.trueUnitCost == null) return null;
  const g = { ...BENCH_GUARDRAILS };
  return {
    currentPrice: c.price,
    unitCost: c.trueUnitCost,
    guardrails: g,
    compareAtPrice: c.compareAtPrice,
    observedRange: observedRange(c.series),
    highConfidence: false,
    inCooldown: c.lastPriceChange != null && daysBetween(c.lastPriceChange, c.asOf) < g.cooldownDays,
  };
}

/** Every allowed price: the .99 grid inside the bounds, plus the current price when it passes. */
export function feasiblePrices(ctx: GuardrailContext): number[] {
  let lo = 0.01,
    hi = Infinity;
  for (const b of guardrailBounds(ctx)) {
    if (b.side === "lower") lo = Math.max(lo, b.value);
    else hi = Math.min(hi, b.value);
  }
  const out: number[] = [];
  if (Number.isFinite(hi)) {
    const first = Math.floor(Math.round(lo * 100) / 100) * 100 + 99;
    for (let c = first < Math.round(lo * 100) ? first + 100 : first; c <= Math.round(hi * 100); c += 100) {
      if (violations(c / 100, ctx).length === 0) out.push(c / 100);
    }
  }
  if (
    violations(ctx.currentPrice, ctx).length === 0 &&
    !out.some((p) => Math.round(p * 100) === Math.round(ctx.currentPrice * 100))
  )
    out.push(ctx.currentPrice);
  return out.sort((a, b) => a - b);
}

/** The candidate with the highest value; ties keep `prefer` (the current price) when it is a candidate. */
export function argmax(cands: number[], f: (p: number) => number, prefer?: number): number {
  let best = prefer != null && cands.includes(prefer) ? prefer : cands[0];
  let bestV = f(best);
  for (const p of cands) {
    const v = f(p);
    if (v > bestV + 1e-9 * Math.max(1, Math.abs(bestV))) {
      best = p;
      bestV = v;
    }
  }
  return best;
}

export function nearest(cands: number[], target: number): number {
  return cands.reduce((best, p) => (Math.abs(p - target) < Math.abs(best - target) ? p : best), cands[0]);
}
