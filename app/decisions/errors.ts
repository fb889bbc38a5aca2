// The codes of the decisions service's typed failures (the results that carry them: ./types.ts).
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
