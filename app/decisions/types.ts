// The decisions service's inputs and results: approve (decide.server.ts), roll back and keep Shopify's price
// (rollback.server.ts, conflict.server.ts). Failures carry a DecisionErrorCode (./errors.ts).
import type { DecisionErrorCode } from "./errors";
import type { PriceConflict, PriceState } from "./price-state";
import type { RefusalParams } from "./validate";

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
  params?: RefusalParams;
}

export interface ApproveResult {
  batchId: string;
  outcomes: ItemOutcome[];
  pushJobId: string | null;
  purchaseOrderIds: string[];
}

export type RollbackResult =
  | { ok: true; decisionId: string; pushJobId: string }
  | { ok: false; code: "DECISIONS.ROLLBACK_CONFLICT"; message: string; conflict: PriceConflict }
  | { ok: false; code: Exclude<DecisionErrorCode, "DECISIONS.ROLLBACK_CONFLICT">; message: string };

export type KeepResult =
  { ok: true; decisionId: string; shopify: PriceState } | { ok: false; code: DecisionErrorCode; message: string };
