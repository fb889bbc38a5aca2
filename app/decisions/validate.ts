// Pure checks of an approved price or quantity: the value itself, the guardrails' hard bounds stored on the
// recommendation, and the margin floor (unit cost, fees and the shop's minimum margin).
import type { DecisionErrorCode } from "./errors";

export interface StoredBound {
  code: string;
  side: "lower" | "upper";
  value: number;
}

/** Bounds an approved price may never cross (MIN_MARGIN / UNIT_COST are the margin floor, with its override). */
const HARD_BOUNDS = new Set(["MAX_CHANGE", "FLOOR", "CEILING"]);

export interface Refusal {
  code: DecisionErrorCode;
  field: string;
  /** English, for logs and the API; the admin renders `code` + `params` (app/i18n/reasons.ts). */
  message: string;
  params?: RefusalParams;
}

/** Why a value was refused: `problem` names the rule, the other keys its numbers. */
export type RefusalParams = {
  problem: "NOT_POSITIVE" | "CENTS" | "BOUND" | "COST_UNKNOWN" | "BELOW_FLOOR" | "FLOOR_UNREACHABLE" | "QUANTITY";
} & Record<string, number | string | null>;

export interface MarginInputs {
  unitCost: number | null;
  minMarginPct: number;
  paymentFeePct: number;
  /** Per unit: fulfilment plus the fixed payment fee (as feesFrom in app/core/decisions/settings.ts). */
  fixedCostPerUnit: number;
}

/**
 * Lowest price whose margin after fees reaches minMarginPct:
 * (p (1 - feePct) - cost - fixed) / p >= m  <=>  p >= (cost + fixed) / (1 - feePct - m).
 * null when no price can reach it, or the unit cost is unknown.
 */
export function marginFloor(m: MarginInputs): number | null {
  if (m.unitCost === null || !Number.isFinite(m.unitCost)) return null;
  const denominator = 1 - m.paymentFeePct - m.minMarginPct;
  if (denominator <= 0) return null;
  return Math.ceil(((m.unitCost + m.fixedCostPerUnit) / denominator) * 100 - 1e-7) / 100;
}

const isCents = (x: number): boolean => Math.abs(Math.round(x * 100) - x * 100) < 1e-6;

/** A positive amount with at most 2 decimals, inside the hard bounds. */
export function checkPrice(price: number, bounds: StoredBound[]): Refusal | null {
  if (typeof price !== "number" || !Number.isFinite(price) || price <= 0) {
    return {
      code: "DECISIONS.INVALID_VALUE",
      field: "price",
      message: "price must be a positive amount",
      params: { problem: "NOT_POSITIVE" },
    };
  }
  if (!isCents(price))
    return {
      code: "DECISIONS.INVALID_VALUE",
      field: "price",
      message: "price must have at most 2 decimals",
      params: { problem: "CENTS", price },
    };
  for (const b of bounds) {
    if (!HARD_BOUNDS.has(b.code) || !Number.isFinite(b.value)) continue;
    const params = { problem: "BOUND" as const, bound: b.code, side: b.side, limit: b.value, price };
    if (b.side === "lower" && price < b.value - 1e-9) {
      return {
        code: "DECISIONS.INVALID_VALUE",
        field: "price",
        message: `price ${price.toFixed(2)} is below the ${b.code} bound ${b.value.toFixed(2)}`,
        params,
      };
    }
    if (b.side === "upper" && price > b.value + 1e-9) {
      return {
        code: "DECISIONS.INVALID_VALUE",
        field: "price",
        message: `price ${price.toFixed(2)} is above the ${b.code} bound ${b.value.toFixed(2)}`,
        params,
      };
    }
  }
  return null;
}

/** Refused below the margin floor (or with an unknown cost) unless a written override reason is given. */
export function checkMargin(price: number, m: MarginInputs, overrideReason: string | undefined): Refusal | null {
  if (overrideReason !== undefined && overrideReason.trim() !== "") return null;
  if (m.unitCost === null) {
    return {
      code: "DECISIONS.MARGIN_FLOOR",
      field: "overrideReason",
      message: "unit cost unknown: the margin floor cannot be checked; give an override reason",
      params: { problem: "COST_UNKNOWN", price },
    };
  }
  const floor = marginFloor(m);
  if (floor === null || price < floor - 1e-9) {
    const at = floor === null ? "unreachable" : floor.toFixed(2);
    const params: RefusalParams =
      floor === null ? { problem: "FLOOR_UNREACHABLE", price } : { problem: "BELOW_FLOOR", price, floor };
    return {
      code: "DECISIONS.MARGIN_FLOOR",
      field: "overrideReason",
      message: `price ${price.toFixed(2)} is below the margin floor (${at}); give an override reason`,
      params,
    };
  }
  return null;
}

export const MAX_ORDER_QUANTITY = 1_000_000;

export function checkQuantity(quantity: number): Refusal | null {
  if (!Number.isInteger(quantity) || quantity <= 0 || quantity > MAX_ORDER_QUANTITY) {
    return {
      code: "DECISIONS.INVALID_VALUE",
      field: "quantity",
      message: `quantity must be a whole number between 1 and ${MAX_ORDER_QUANTITY}`,
      params: { problem: "QUANTITY", max: MAX_ORDER_QUANTITY },
    };
  }
  return null;
}

/** Stored bounds JSON (an array of engine Bounds) to the fields we need; anything malformed is dropped. */
export function parseBounds(json: string): StoredBound[] {
  try {
    const raw: unknown = JSON.parse(json);
    if (!Array.isArray(raw)) return [];
    return raw.filter(
      (b): b is StoredBound =>
        typeof b === "object" &&
        b !== null &&
        typeof b.code === "string" &&
        (b.side === "lower" || b.side === "upper") &&
        typeof b.value === "number",
    );
  } catch {
    return [];
  }
}
