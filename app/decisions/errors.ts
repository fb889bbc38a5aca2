// Typed failures of the decisions service (contract: /tmp issue-6 section A).
export type DecisionErrorCode =
  | "DECISIONS.NOT_FOUND" // recommendation/decision not in this shop
  | "DECISIONS.NOT_PENDING" // already decided
  | "DECISIONS.MARGIN_FLOOR" // price below the margin floor without override + reason
  | "DECISIONS.INVALID_VALUE" // edited price/quantity not acceptable (names the field)
  | "DECISIONS.PAUSED" // automatic action while the shop is paused
  | "DECISIONS.NOT_ROLLBACKABLE"
  | "DECISIONS.ROLLBACK_CONFLICT" // Shopify's price is no longer the one the decision set (carries both prices)
  | "DECISIONS.NO_CONFLICT" // "keep Shopify's price" asked while Shopify still holds the decision's price
  | "DECISIONS.SHOPIFY_UNAVAILABLE"; // Shopify's current price could not be read

export interface DecisionItem {
  recommendationId: string;
  price?: number;
  quantity?: number;
  overrideReason?: string;
}

export interface ApproveInput {
  actor: string;
  idempotencyKey: string;
  items: DecisionItem[];
  automatic?: boolean;
}

export interface ItemOutcome {
  recommendationId: string;
  ok: boolean;
  decisionId?: string;
  code?: DecisionErrorCode;
  field?: string;
  message?: string;
  /** What the admin renders the refusal from (validate.ts). */
  params?: import("./validate").RefusalParams;
}

export interface ApproveResult {
  batchId: string;
  outcomes: ItemOutcome[];
  pushJobId: string | null;
  purchaseOrderIds: string[];
}

/** Shopify's price of a decision's variant when it is not the price the decision set. */
export interface PriceConflict {
  decisionId: string;
  /** What Shopify holds now (the merchant, another app or a later change set it). */
  shopify: PriceState;
  /** What the decision set. */
  decided: PriceState;
  /** The price before the decision: what a rollback restores. */
  before: PriceState;
}

export type RollbackResult =
  | { ok: true; decisionId: string; pushJobId: string }
  | { ok: false; code: "DECISIONS.ROLLBACK_CONFLICT"; message: string; conflict: PriceConflict }
  | { ok: false; code: Exclude<DecisionErrorCode, "DECISIONS.ROLLBACK_CONFLICT">; message: string };

export type KeepResult =
  | { ok: true; decisionId: string; shopify: PriceState }
  | { ok: false; code: DecisionErrorCode; message: string };

/** What a price Decision stores in `before` / `after`. */
export interface PriceState {
  price: number;
  compareAtPrice: number | null;
}

export const PUSH_JOB_TYPE = "price.push";
