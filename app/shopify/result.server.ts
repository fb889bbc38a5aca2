// Typed results of the Admin API gateway. Expected failures (auth, throttling that never clears, 5xx after the
// retry limit, GraphQL errors) are values with a code; exceptions are kept for broken invariants.

export type AdminApiErrorCode =
  | "ADMIN_API.NO_SESSION" // no offline session (or token) stored for the shop
  | "ADMIN_API.UNAUTHORIZED" // 401: wrong or revoked access token
  | "ADMIN_API.FORBIDDEN" // 403: missing scope
  | "ADMIN_API.NOT_FOUND" // 404: unknown shop or API version
  | "ADMIN_API.PAYMENT_REQUIRED" // 402: shop frozen or closed
  | "ADMIN_API.LOCKED" // 423: shop locked
  | "ADMIN_API.BAD_REQUEST" // other 4xx
  | "ADMIN_API.THROTTLED" // still throttled after the retry limit
  | "ADMIN_API.QUERY_TOO_COSTLY" // requested cost above the single-query maximum: never retried
  | "ADMIN_API.SERVER_ERROR" // 5xx after the retry limit
  | "ADMIN_API.NETWORK" // fetch failed (connection refused, reset, timeout) after the retry limit
  | "ADMIN_API.GRAPHQL_ERRORS" // the response carried top-level GraphQL errors (invalid document, access denied...)
  | "ADMIN_API.BAD_RESPONSE" // not JSON, or JSON without data
  | "ADMIN_API.BULK_FAILED" // a bulk operation ended FAILED, CANCELED or EXPIRED
  | "ADMIN_API.TIMEOUT"; // a poll gave up

export interface GraphqlErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface AdminApiError {
  code: AdminApiErrorCode;
  message: string;
  /** HTTP status when there was a response. */
  status?: number;
  /** Top-level GraphQL errors, when the response had some. */
  errors?: GraphqlErrorEntry[];
  /** Attempts made (1 = no retry). */
  attempts?: number;
}

export type AdminResult<T> = { ok: true; value: T } | { ok: false; error: AdminApiError };

export const ok = <T>(value: T): AdminResult<T> => ({ ok: true, value });
export const fail = <T = never>(error: AdminApiError): AdminResult<T> => ({ ok: false, error });

/** Shopify's `userErrors`: expected, returned to the caller as data, never thrown. */
export interface UserError {
  field?: string[] | null;
  message: string;
  code?: string | null;
}
