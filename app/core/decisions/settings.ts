// Stored shop settings (database vocabulary) to the engines' settings. The defaults live in ../defaults.ts.
import { SHOP_DEFAULTS, VENDOR_DEFAULTS } from "../defaults";
import { resolveGuardrails, toCompareAtPolicy, toRounding, type Fees, type Guardrails } from "../pricing/index";

export { toCompareAtPolicy, toRounding };

export interface StoredShopSettings {
  minMarginPct: number;
  maxPriceChangePct: number;
  /** none | 0.99 | 0.95 | 0.90 | 1.00 */
  priceRounding: string;
  cooldownDays: number;
  /** keep | clear | set-on-decrease */
  compareAtPolicy: string;
  observedRangeDistance: number;
  minConfidence: number;
  paymentFeePct: number;
  paymentFeeFixed: number;
  fulfilmentCostPerUnit: number;
  holdingCostPct: number;
  sellThroughDays: number;
}

/** A shop that never saved its settings (prisma/schema.prisma's defaults are checked against these). */
export const DEFAULT_SHOP_SETTINGS = SHOP_DEFAULTS;

/** A vendor without saved terms (mirrors VendorSettings' defaults). */
export const DEFAULT_VENDOR_TERMS = VENDOR_DEFAULTS;

export function guardrailsFrom(s: StoredShopSettings): Guardrails {
  return resolveGuardrails({
    minMarginPct: s.minMarginPct,
    maxChangePct: s.maxPriceChangePct,
    rounding: toRounding(s.priceRounding),
    cooldownDays: s.cooldownDays,
    compareAtPolicy: toCompareAtPolicy(s.compareAtPolicy),
    observedRangeTolerancePct: s.observedRangeDistance,
    minConfidence: s.minConfidence,
  });
}

/** The engine has no fixed per-order fee: it is counted per unit with fulfilment (conservative). */
export function feesFrom(
  s: Pick<StoredShopSettings, "paymentFeePct" | "paymentFeeFixed" | "fulfilmentCostPerUnit">,
): Fees {
  return { paymentFeePct: s.paymentFeePct, fulfilmentCost: s.fulfilmentCostPerUnit + s.paymentFeeFixed };
}
