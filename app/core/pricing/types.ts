// Public contract of the pricing engine. Plain data in, plain data out.

/** Levels of the elasticity hierarchy, most specific first. "prior" is the fixed shop prior (about -2). */
export type ElasticitySource = "variant" | "product" | "group" | "shop" | "prior";

/** One variant's history for elasticity estimation (same day indexing as forecast's DailySeries). */
export interface PriceHistory {
  /** Variant id or SKU. */
  id: string;
  productId?: string;
  /** Product type, else category. */
  group?: string;
  /** YYYY-MM-DD of units[0]. */
  start: string;
  units: number[];
  /** false = could not be sold that day (stockout): left out of the fit. */
  available?: boolean[];
  /** true = a merchant's event ran that day (forecast/events.ts): left out of the fit. */
  eventDays?: boolean[];
  /** Realised average unit price after discounts; null on days without a sale. */
  prices: (number | null)[];
}

/** Demand drivers the elasticity fit controls for, reported as reasons. */
export interface DemandDrivers {
  /** Seasonal demand of the next horizon relative to the last 28 days (1 = flat); null when not identifiable. */
  seasonRatio: number | null;
  /** Underlying trend, as a relative change in demand per 28 days (0.05 = +5%). */
  trendPer28: number;
}

/** The variant's own log-log fit before shrinkage. */
export interface RawElasticity {
  estimate: number;
  se: number;
  /** Days used (available, priced). */
  days: number;
  /** Distinct price points (to the cent, after discounts). */
  distinctPrices: number;
}

export interface ElasticityEstimate {
  /** Price elasticity of demand (negative for normal goods). */
  estimate: number;
  se: number;
  /** The level that contributed the largest weight to the estimate. */
  source: ElasticitySource;
  /** Share of the estimate contributed by each level (sums to 1). */
  weights: Record<ElasticitySource, number>;
  /** The variant's own fit, null when its prices never varied or data is too thin. */
  raw: RawElasticity | null;
  /** True when the variant's prices never varied (coded reason PRICE_NEVER_VARIED). */
  priceNeverVaried: boolean;
  drivers: DemandDrivers;
  /** Lowest and highest daily realised price seen on available days; null without priced days. */
  observedRange: { min: number; max: number } | null;
}

export interface ElasticityOptions {
  /** Shop prior mean, default -2. */
  priorMean?: number;
  /** Shop prior standard deviation, default 1. */
  priorSd?: number;
  /** Days in the horizon used for the season ratio, default 28. */
  horizon?: number;
}

export type Rounding = "none" | "0.99" | "0.95" | "whole";
export type CompareAtPolicy = "keep-above" | "clear";

export interface Guardrails {
  /** Minimum gross margin (price - unit cost) / price, default 0.20. */
  minMarginPct: number;
  /** Maximum relative change per recommendation, default 0.10. */
  maxChangePct: number;
  floor: number | null;
  ceiling: number | null;
  rounding: Rounding;
  /** Days that must pass after a price change before the next one, default 14. */
  cooldownDays: number;
  compareAtPolicy: CompareAtPolicy;
  /** How far beyond the observed price range a price may go unless confidence is high, default 0.10. */
  observedRangeTolerancePct: number;
  /** An elasticity SE at or below this, from the variant itself, counts as high confidence, default 0.25. */
  highConfidenceSe: number;
  /** Probability that the change raises profit needed to act, else keep; default 0.75. */
  minConfidence: number;
  /** Smallest expected gain worth a change, relative to current profit, default 0.005. */
  minGainPct: number;
}

export type GuardrailOverrides = Partial<Guardrails>;

export interface Fees {
  /** Payment fee as a share of price, e.g. 0.029. */
  paymentFeePct: number;
  /** Per-unit fulfilment cost. */
  fulfilmentCost: number;
}

export interface StockPosition {
  /** Units available to sell now (on hand minus reserved); below 0 when oversold (orders owed to customers). */
  onHand: number;
  /** Units already bought and on their way (they have to sell too). */
  incoming?: number;
  /** YYYY-MM-DD of the next restock; null or absent when none is planned. */
  nextRestock?: string | null;
}

/** What the customers a product acquires are worth (from app/core/customers). */
export interface AcquisitionValue {
  /** New customers acquired per unit sold. */
  newCustomersPerUnit: number;
  /** Gross margin a new customer brings after the first order (e.g. next 365 days). */
  valuePerCustomer: number;
  /** Share of new customers whose first order contains the product. */
  acquisitionShare: number;
}

/** Daily demand at the current price, e.g. a forecast's VariantForecast. */
export interface DemandForecast {
  mean: number[];
  quantiles?: Record<string, number[]>;
}

export interface PricingInput {
  sku: string;
  asOf: string;
  /** Current selling price; null when unknown. */
  currentPrice: number | null;
  /** Unit cost; null or undefined = missing (never assumed 0). */
  unitCost: number | null | undefined;
  compareAtPrice?: number | null;
  elasticity: ElasticityEstimate;
  forecast: DemandForecast;
  /** Days of the objective, default forecast.mean.length. */
  horizon?: number;
  /** Resolved guardrails (see resolveGuardrails). Default DEFAULT_GUARDRAILS. */
  guardrails?: Guardrails;
  fees?: Fees;
  /** YYYY-MM-DD of the last price change, for the cooldown. */
  lastPriceChange?: string | null;
  stock?: StockPosition;
  /** Yearly cost of holding stock as a share of unit cost (default SHOP_DEFAULTS.holdingCostPct). */
  holdingCostPct?: number;
  /** Stock unsold after this many days is at risk of never selling (default SHOP_DEFAULTS.sellThroughDays). */
  sellThroughDays?: number;
  /**
   * Expected daily demand at the current price beyond the forecast, from its first day (season-aware, e.g.
   * forecast/outlook.ts). Absent: the forecast's average continues.
   */
  outlook?: number[];
  /** Squared CV of the forecast's level error (VariantForecast.levelCv2); default 0.15. */
  levelCv2?: number;
  /** Negative-binomial size of daily demand (VariantForecast.dispersion); default Poisson. */
  dispersion?: number;
  customerValue?: AcquisitionValue | null;
  /** Weight 0..1 on acquired customers' future margin, default 0. */
  clvWeight?: number;
}

export type PricingAction = "raise" | "lower" | "keep" | "withheld";

export const REASON_CODES = [
  "PRICING.UNIT_COST_MISSING",
  "PRICING.PRICE_INVALID",
  "PRICING.COST_INVALID",
  "PRICING.DATE_INVALID",
  "PRICING.ELASTICITY_INVALID",
  "PRICING.COST_ABOVE_PRICE",
  "PRICING.BELOW_MIN_MARGIN",
  "PRICING.OUTSIDE_GUARDRAILS",
  "PRICING.GUARDRAILS_INFEASIBLE",
  "PRICING.PRICE_NEVER_VARIED",
  "PRICING.ELASTICITY",
  "PRICING.INELASTIC",
  "PRICING.LOW_CONFIDENCE",
  "PRICING.GAIN_TOO_SMALL",
  "PRICING.NO_DEMAND",
  "PRICING.SEASON",
  "PRICING.TREND",
  "PRICING.PROFIT_MOVE",
  "PRICING.NO_BETTER_PRICE",
  "PRICING.STOCK_SCARCE",
  "PRICING.STOCK_EXCESS",
  "PRICING.STOCK_TRADEOFF",
  "PRICING.KEEP_STOCK",
  "PRICING.MARGIN",
  "PRICING.CUSTOMER_VALUE",
  "PRICING.COOLDOWN",
  "PRICING.ROUNDING_NO_FEASIBLE_PRICE",
  "PRICING.OVERSOLD",
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

/** Typed values a reason is rendered from (app/i18n renders it in the admin's language). */
export type ReasonParams = Record<string, number | string | null>;

export interface Reason {
  code: ReasonCode;
  /** English rendering, for the CLI and logs; the admin renders `code` + `params` through app/i18n. */
  text: string;
  /** The number behind the reason (ratio, elasticity, days, money), when there is one. */
  magnitude?: number;
  params?: ReasonParams;
}

export type BoundCode =
  | "MAX_CHANGE"
  | "MIN_MARGIN"
  | "UNIT_COST"
  | "FLOOR"
  | "CEILING"
  | "OBSERVED_RANGE"
  | "COMPARE_AT"
  | "COOLDOWN"
  | "OVERSOLD"
  | "ROUNDING";

export interface Bound {
  code: BoundCode;
  side: "lower" | "upper";
  value: number;
  /** True when this bound moved the price away from where profit alone would put it. */
  binding: boolean;
}

export interface Outcome {
  units: number;
  revenue: number;
  grossProfit: number;
}

/** Expected outcome of a price over the objective's window (objective.ts), rounded for display. */
export interface PriceOutcomeView extends Outcome {
  holdingCost: number;
  unitsLeft: number;
  leftValue: number;
  /** Gross profit + customer value - holding cost - value of the stock left unsold. */
  profit: number;
}

/** Why the window and the stock terms are what they are. */
export type StockSituation = "unknown" | "normal" | "scarce" | "excess";

export interface PricingRecommendation {
  sku: string;
  currentPrice: number | null;
  recommendedPrice: number | null;
  unitCost: number | null;
  action: PricingAction;
  /** Compare-at price to set with the recommendation: unchanged, or null when cleared. */
  compareAtPrice: number | null;
  elasticity: { estimate: number; se: number; source: ElasticitySource };
  /** "unknown" without a stock position; "excess" when stock is expected to remain after the sell-through horizon. */
  situation: StockSituation;
  expected: {
    /** Days the figures cover (the horizon, longer until a restock or the sell-through horizon for stock). */
    windowDays: number;
    current: PriceOutcomeView;
    recommended: PriceOutcomeView;
    /** Change of the objective (profit) and of gross profit alone, with an ~80% interval on the profit change. */
    change: { profit: number; grossProfit: number; low: number; high: number };
  };
  /**
   * For a change, the probability that it raises expected profit (over the elasticity's and the forecast's
   * uncertainty); for a keep, the probability that no allowed change would have.
   */
  confidence: number;
  reasons: Reason[];
  bounds: Bound[];
  /** The objective's inputs (objective.ts), so the admin can evaluate any price with the same function. */
  model: import("./objective").ObjectiveModel | null;
  /** The uncertainty the scenarios are drawn from (uncertainty.ts). */
  uncertainty: { elasticity: number; se: number; levelCv2: number };
}
