// Public contract of replenishment planning. Plain data in, plain data out (DEVELOPERS.md).
import type { VariantForecast } from "../forecast/types";

export type InventoryErrorCode = "INVENTORY.STOCK_UNKNOWN" | "INVENTORY.FORECAST_EMPTY" | "INVENTORY.INVALID_INPUT";

/** Why a figure is null instead of a number. Never a silent 0. */
export type InventoryNullReason =
  "INVENTORY.UNIT_COST_MISSING" | "INVENTORY.NO_DEMAND" | "INVENTORY.BEYOND_SIMULATION" | "INVENTORY.NO_DISTRIBUTION";

export interface InventoryError {
  code: InventoryErrorCode;
  message: string;
  /** The input field at fault, when there is one. */
  field?: string;
}

export interface IncomingShipment {
  units: number;
  /** Expected arrival day, YYYY-MM-DD. A date before the forecast start counts as arriving on day 0. */
  expectedDate: string;
}

export interface LeadTime {
  /** Mean lead time in days (order placed today to goods available). */
  meanDays: number;
  /** Standard deviation in days; 0 = deterministic. */
  sdDays: number;
}

/**
 * Demand over the protection period (lead time + review period), when the caller has a better estimate
 * than the normal approximation (e.g. the forecast engine's `periodDemandQuantiles`, which simulates counts).
 */
export interface ProtectionDemand {
  mean: number;
  /** Demand quantile at the target service level. */
  quantile: number;
  /** Probability that demand over the period exceeds the stock position (a stockout before an order placed at the next review could arrive). */
  stockoutRiskWithoutOrder?: number;
}

export interface ReplenishmentInput {
  sku: string;
  /** Location id or name; "default" when the shop has one. */
  location?: string;
  /** Daily demand forecast; day 0 is `forecast.start` ("today" for the plan). */
  forecast: VariantForecast;
  /** Units physically on hand. null/undefined = unknown stock (typed failure, no plan). */
  onHand: number | null | undefined;
  /** Units sold but not yet shipped (reserved). Default 0. */
  committed?: number;
  incoming?: IncomingShipment[];
  /** Cycle service level: probability of no stockout in a replenishment cycle. Default 0.95. */
  serviceLevel?: number;
  leadTime: LeadTime;
  /** Days between two order reviews. Default 7. */
  reviewPeriodDays?: number;
  /** Minimum order quantity. Default 1. */
  moq?: number;
  /** Orders are placed in multiples of this. Default 1. */
  casePack?: number;
  /** Landed unit cost; null when unknown (capital and margin are then null with a reason). */
  unitCost: number | null;
  /** Current selling price. */
  unitPrice: number;
  /** Stock beyond this many days of expected demand is overstock. Default SHOP_DEFAULTS.targetCoverDays. */
  targetCoverDays?: number;
  /** Optional better estimate of demand over lead time + review period. */
  protectionDemand?: ProtectionDemand;
  /** Currency code used in explanations, e.g. "EUR". Default none. */
  currency?: string;
}

/** Codes of the figures' explanations; the admin renders `code` + `params` through app/i18n. */
export const INVENTORY_FIGURE_CODES = [
  "INVENTORY.POSITION",
  "INVENTORY.SAFETY_STOCK",
  "INVENTORY.REORDER_POINT",
  "INVENTORY.ORDER_UP_TO",
  "INVENTORY.ORDER",
  "INVENTORY.ORDER_ROUNDED",
  "INVENTORY.NO_ORDER",
  "INVENTORY.STOCKOUT_DATE",
  "INVENTORY.STOCKOUT_NO_DEMAND",
  "INVENTORY.STOCKOUT_BEYOND",
  "INVENTORY.COVER",
  "INVENTORY.COVER_NO_DEMAND",
  "INVENTORY.COVER_BEYOND",
  "INVENTORY.STOCKOUT_RISK",
  "INVENTORY.STOCKOUT_RISK_UNKNOWN",
  "INVENTORY.LOST_SALES",
  "INVENTORY.NO_LOST_SALES",
  "INVENTORY.MARGIN_AT_RISK",
  "INVENTORY.REVENUE_AT_RISK",
  "INVENTORY.OVERSTOCK",
  "INVENTORY.NO_OVERSTOCK",
  "INVENTORY.OVERSTOCK_CAPITAL",
  "INVENTORY.CAPITAL_UNKNOWN",
] as const;
export type InventoryFigureCode = (typeof INVENTORY_FIGURE_CODES)[number];

/** Typed values an explanation is rendered from: units, days, money in the shop currency, shares 0..1, dates. */
export type FigureParams = Record<string, number | string | null>;

/** A number, or null with the coded reason it is missing. */
export interface Figure<T = number> {
  value: T | null;
  reason?: InventoryNullReason;
  code: InventoryFigureCode;
  params: FigureParams;
  /** One or two sentences a merchant can read, in English (CLI, logs); the admin renders code + params. */
  explanation: string;
}

export interface ReplenishmentPlan {
  sku: string;
  location: string;
  serviceLevel: number;
  /** Lead time + review period (days): the period an order placed now must cover. */
  protectionPeriodDays: number;
  /** on hand - committed + all incoming. */
  inventoryPosition: Figure;
  safetyStock: Figure;
  reorderPoint: Figure;
  orderUpTo: Figure;
  suggestedOrderQty: Figure;
  /** YYYY-MM-DD of the first day expected demand exceeds available stock; null when not within a year. */
  projectedStockoutDate: Figure<string>;
  daysOfCover: Figure;
  /**
   * Probability of running out before an order placed at the next review could arrive, if nothing is ordered
   * now (the reorder's own confidence measure); null when the caller gave no calibrated demand.
   */
  stockoutRisk: Figure;
  /** Expected units lost before an order placed today can arrive. */
  expectedLostUnits: Figure;
  /** Expected lost units x (price - cost). */
  marginAtRisk: Figure;
  overstockUnits: Figure;
  overstockCapital: Figure;
  /** Policy and method, for audit. */
  method: string;
}

export type ReplenishmentResult =
  { ok: true; plan: ReplenishmentPlan } | { ok: false; error: InventoryError; sku: string; location: string };
