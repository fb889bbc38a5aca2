// Typed failures of the decisions service (contract: /tmp issue-6 section A).
export type DecisionErrorCode =
  | "DECISIONS.NOT_FOUND" // recommendation/decision not in this shop
  | "DECISIONS.NOT_PENDING" // already decided
  | "DECISIONS.MARGIN_FLOOR" // price below the margin floor without override + reason
  | "DECISIONS.INVALID_VALUE" // edited price/quantity not acceptable (names the field)
  | "DECISIONS.PAUSED" // automatic action while the shop is paused
  | "DECISIONS.NOT_ROLLBACKABLE";

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
}

export interface ApproveResult {
  batchId: string;
  outcomes: ItemOutcome[];
  pushJobId: string | null;
  purchaseOrderIds: string[];
}

export type RollbackResult =
  | { ok: true; decisionId: string; pushJobId: string }
  | { ok: false; code: DecisionErrorCode; message: string };

/** What a price Decision stores in `before` / `after`. */
export interface PriceState {
  price: number;
  compareAtPrice: number | null;
}

export const PUSH_JOB_TYPE = "price.push";
