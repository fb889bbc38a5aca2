// Guardrails: shop defaults <- collection overrides <- variant overrides, the feasible price
// interval they define, and rounding inside that interval. See docs/decisions/0004.

import { ENGINE_DEFAULTS, SHOP_DEFAULTS } from "../defaults";
import type { Bound, BoundCode, CompareAtPolicy, Guardrails, GuardrailOverrides, Rounding } from "./types";

/** The stored rounding setting to the engine's: "0.90" has no engine mode and rounds to none. */
export function toRounding(stored: string): Rounding {
  if (stored === "0.99" || stored === "0.95" || stored === "none") return stored;
  if (stored === "1.00" || stored === "whole") return "whole";
  return "none";
}

export function toCompareAtPolicy(stored: string): CompareAtPolicy {
  return stored === "clear" ? "clear" : "keep-above";
}

/** The shop defaults (../defaults.ts) in the engine's vocabulary. */
export const DEFAULT_GUARDRAILS: Readonly<Guardrails> = Object.freeze({
  minMarginPct: SHOP_DEFAULTS.minMarginPct,
  maxChangePct: SHOP_DEFAULTS.maxPriceChangePct,
  floor: null,
  ceiling: null,
  rounding: toRounding(SHOP_DEFAULTS.priceRounding),
  cooldownDays: SHOP_DEFAULTS.cooldownDays,
  compareAtPolicy: toCompareAtPolicy(SHOP_DEFAULTS.compareAtPolicy),
  observedRangeTolerancePct: SHOP_DEFAULTS.observedRangeDistance,
  highConfidenceSe: ENGINE_DEFAULTS.highConfidenceSe,
  minConfidence: SHOP_DEFAULTS.minConfidence,
  minGainPct: ENGINE_DEFAULTS.minGainPct,
});

/**
 * Merge guardrails: shop settings over the defaults, then collections, then the variant.
 * A variant override always wins. Several collections: numeric limits take the most restrictive
 * value among them; rounding and compare-at policy come from the first collection that sets them.
 */
export function resolveGuardrails(
  shop: GuardrailOverrides = {},
  collections: GuardrailOverrides[] = [],
  variant: GuardrailOverrides = {},
): Guardrails {
  const g: Guardrails = { ...DEFAULT_GUARDRAILS, ...defined(shop) };
  const c = collections.map(defined);
  const pick = <K extends keyof Guardrails>(key: K, most: (a: number, b: number) => number): void => {
    const vals = c.map((o) => o[key]).filter((v) => v !== undefined && v !== null) as number[];
    if (vals.length) (g[key] as number) = vals.reduce((a, b) => most(a, b));
  };
  pick("minMarginPct", Math.max);
  pick("maxChangePct", Math.min);
  pick("floor", Math.max);
  pick("ceiling", Math.min);
  pick("cooldownDays", Math.max);
  pick("observedRangeTolerancePct", Math.min);
  pick("highConfidenceSe", Math.min);
  pick("minConfidence", Math.max);
  pick("minGainPct", Math.max);
  const firstRounding = c.find((o) => o.rounding !== undefined)?.rounding;
  if (firstRounding) g.rounding = firstRounding;
  const firstPolicy = c.find((o) => o.compareAtPolicy !== undefined)?.compareAtPolicy;
  if (firstPolicy) g.compareAtPolicy = firstPolicy;
  return { ...g, ...defined(variant) };
}

function defined(o: GuardrailOverrides): GuardrailOverrides {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as GuardrailOverrides;
}

/** Integer cents, for exact comparisons. */
export function cents(x: number): number {
  return Math.round(x * 100);
}

export function isRounded(price: number, rounding: Rounding): boolean {
  const c = cents(price);
  if (Math.abs(c - price * 100) > 1e-6) return false;
  switch (rounding) {
    case "none":
      return true;
    case "whole":
      return c % 100 === 0;
    case "0.99":
      return c % 100 === 99;
    case "0.95":
      return c % 100 === 95;
  }
}

/** Every price on the rounding grid within [lo, hi] (in cents, inclusive), at most `max` of them evenly spread. */
export function roundedCandidates(loCents: number, hiCents: number, rounding: Rounding, max = 400): number[] {
  if (hiCents < loCents) return [];
  const step = rounding === "none" ? 1 : 100;
  const offset = rounding === "none" ? 0 : rounding === "whole" ? 0 : rounding === "0.99" ? 99 : 95;
  let first = loCents;
  if (rounding !== "none") {
    const base = Math.floor(loCents / 100) * 100 + offset;
    first = base >= loCents ? base : base + 100;
  }
  const count = first > hiCents ? 0 : Math.floor((hiCents - first) / step) + 1;
  if (count === 0) return [];
  const stride = Math.max(1, Math.ceil(count / max));
  const out: number[] = [];
  for (let i = 0; i < count; i += stride) out.push(first + i * step);
  const last = first + (count - 1) * step;
  if (out[out.length - 1] !== last) out.push(last);
  return out;
}

export interface GuardrailContext {
  currentPrice: number;
  unitCost: number;
  guardrails: Guardrails;
  compareAtPrice: number | null;
  /** Observed realised price range; null = none known (no range rule). */
  observedRange: { min: number; max: number } | null;
  /** High confidence lifts the observed-range rule. */
  highConfidence: boolean;
  /** Cooldown active: the price must stay where it is. */
  inCooldown: boolean;
  /** Available stock below 0 (orders owed to customers): the price may not go up. */
  oversold?: boolean;
}

/** Lower and upper bounds (in cents) each guardrail puts on the price. */
export function guardrailBounds(ctx: GuardrailContext): Bound[] {
  const g = ctx.guardrails;
  const p0 = ctx.currentPrice;
  const b: Bound[] = [];
  const add = (code: BoundCode, side: "lower" | "upper", value: number): void => {
    if (Number.isFinite(value)) b.push({ code, side, value: value, binding: false });
  };
  // Cent-exact: lower bounds round up, upper bounds round down.
  const up = (x: number): number => Math.ceil(x * 100 - 1e-7) / 100;
  const down = (x: number): number => Math.floor(x * 100 + 1e-7) / 100;
  add("MAX_CHANGE", "lower", up(p0 * (1 - g.maxChangePct)));
  add("MAX_CHANGE", "upper", down(p0 * (1 + g.maxChangePct)));
  add("UNIT_COST", "lower", up(ctx.unitCost));
  if (g.minMarginPct > 0 && g.minMarginPct < 1) add("MIN_MARGIN", "lower", up(ctx.unitCost / (1 - g.minMarginPct)));
  if (g.floor != null) add("FLOOR", "lower", up(g.floor));
  if (g.ceiling != null) add("CEILING", "upper", down(g.ceiling));
  const range = observedWithCurrent(ctx);
  if (range && !ctx.highConfidence) {
    add("OBSERVED_RANGE", "lower", up(range.min * (1 - g.observedRangeTolerancePct)));
    add("OBSERVED_RANGE", "upper", down(range.max * (1 + g.observedRangeTolerancePct)));
  }
  if (ctx.compareAtPrice != null && ctx.compareAtPrice > 0 && g.compareAtPolicy === "keep-above") {
    add("COMPARE_AT", "upper", down(ctx.compareAtPrice - 0.01));
  }
  if (ctx.inCooldown) {
    add("COOLDOWN", "lower", p0);
    add("COOLDOWN", "upper", p0);
  }
  if (ctx.oversold) add("OVERSOLD", "upper", p0);
  // Exactness: a rounded bound must itself satisfy its rule (guards against floating point).
  for (const bound of b) {
    if (bound.code === "MIN_MARGIN") {
      while ((bound.value - ctx.unitCost) / bound.value < g.minMarginPct - 1e-12)
        bound.value = (cents(bound.value) + 1) / 100;
    }
    if (bound.code === "MAX_CHANGE") {
      if (bound.side === "lower")
        while (bound.value < p0 * (1 - g.maxChangePct) - 1e-9) bound.value = (cents(bound.value) + 1) / 100;
      else while (bound.value > p0 * (1 + g.maxChangePct) + 1e-9) bound.value = (cents(bound.value) - 1) / 100;
    }
  }
  return b;
}

/** The observed range always includes the current price (keeping it is never "outside the range"). */
function observedWithCurrent(ctx: GuardrailContext): { min: number; max: number } | null {
  if (!ctx.observedRange) return null;
  return {
    min: Math.min(ctx.observedRange.min, ctx.currentPrice),
    max: Math.max(ctx.observedRange.max, ctx.currentPrice),
  };
}

export function interval(bounds: Bound[]): { lo: number; hi: number } {
  let lo = 0.01;
  let hi = Infinity;
  for (const b of bounds) {
    if (b.side === "lower") lo = Math.max(lo, b.value);
    else hi = Math.min(hi, b.value);
  }
  return { lo, hi };
}

/** Names of the guardrails a price breaks (empty = all hold). The same rules the property tests check. */
export function violations(price: number, ctx: GuardrailContext): string[] {
  const g = ctx.guardrails;
  const p0 = ctx.currentPrice;
  const eps = 1e-9;
  const v: string[] = [];
  if (!(price > 0)) v.push("PRICE_POSITIVE");
  if (price < ctx.unitCost - eps) v.push("UNIT_COST");
  if ((price - ctx.unitCost) / price < g.minMarginPct - eps) v.push("MIN_MARGIN");
  if (Math.abs(price / p0 - 1) > g.maxChangePct + eps) v.push("MAX_CHANGE");
  if (g.floor != null && price < g.floor - eps) v.push("FLOOR");
  if (g.ceiling != null && price > g.ceiling + eps) v.push("CEILING");
  const range = observedWithCurrent(ctx);
  if (range && !ctx.highConfidence) {
    if (price < range.min * (1 - g.observedRangeTolerancePct) - eps) v.push("OBSERVED_RANGE");
    if (price > range.max * (1 + g.observedRangeTolerancePct) + eps) v.push("OBSERVED_RANGE");
  }
  if (
    ctx.compareAtPrice != null &&
    ctx.compareAtPrice > 0 &&
    g.compareAtPolicy === "keep-above" &&
    price >= ctx.compareAtPrice
  )
    v.push("COMPARE_AT");
  if (ctx.inCooldown && cents(price) !== cents(p0)) v.push("COOLDOWN");
  if (ctx.oversold && cents(price) > cents(p0)) v.push("OVERSOLD");
  if (cents(price) !== cents(p0) && !isRounded(price, g.rounding)) v.push("ROUNDING");
  return v;
}
