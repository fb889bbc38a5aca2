// Stored shop settings (database vocabulary) to the engines' settings.
import { resolveGuardrails, type CompareAtPolicy, type Fees, type Guardrails, type Rounding } from "../pricing/index";

export interface StoredShopSettings {
  minMarginPct: number;
  maxPriceChangePct: number;
  /** none | 0.99 | 0.95 | 0.90 | 1.00 */
  priceRounding: string;
  cooldownDays: number;
  /** keep | clear | set-on-decrease */
  compareAtPolicy: string;
  observedRangeDistance: number;
  paymentFeePct: number;
  paymentFeeFixed: number;
  fulfilmentCostPerUnit: number;
}

/** A shop that never saved its settings (mirrors the defaults in prisma/schema.prisma). */
export const DEFAULT_SHOP_SETTINGS = {
  minMarginPct: 0.2,
  maxPriceChangePct: 0.1,
  priceRounding: "0.99",
  cooldownDays: 14,
  compareAtPolicy: "keep",
  observedRangeDistance: 0.1,
  paymentFeePct: 0.029,
  paymentFeeFixed: 0.3,
  fulfilmentCostPerUnit: 0,
  serviceLevel: 0.95,
  reviewPeriodDays: 7,
  targetCoverDays: 30,
  longTermValueWeight: 0,
} as const;

/** A vendor without saved terms (mirrors VendorSettings' defaults). */
export const DEFAULT_VENDOR_TERMS = { leadTimeMeanDays: 14, leadTimeSdDays: 3, moq: 1, casePack: 1 } as const;

/** The pricing engine knows none, 0.99, 0.95 and whole; "0.90" has no engine mode and rounds to none. */
export function toRounding(stored: string): Rounding {
  if (stored === "0.99" || stored === "0.95" || stored === "none") return stored;
  if (stored === "1.00" || stored === "whole") return "whole";
  return "none";
}

export function toCompareAtPolicy(stored: string): CompareAtPolicy {
  return stored === "clear" ? "clear" : "keep-above";
}

export function guardrailsFrom(s: StoredShopSettings): Guardrails {
  return resolveGuardrails({
    minMarginPct: s.minMarginPct,
    maxChangePct: s.maxPriceChangePct,
    rounding: toRounding(s.priceRounding),
    cooldownDays: s.cooldownDays,
    compareAtPolicy: toCompareAtPolicy(s.compareAtPolicy),
    observedRangeTolerancePct: s.observedRangeDistance,
  });
}

/** The engine has no fixed per-order fee: it is counted per unit with fulfilment (conservative). */
export function feesFrom(s: StoredShopSettings): Fees {
  return { paymentFeePct: s.paymentFeePct, fulfilmentCost: s.fulfilmentCostPerUnit + s.paymentFeeFixed };
}
