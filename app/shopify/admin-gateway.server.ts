// Our Admin API client: one code path for production and the demo. The endpoint comes from configuration only
// (`SHOPIFY_ADMIN_API_ORIGIN` replaces `https://{shop}`, e.g. the local emulator); the shop always travels in a
// header as well, so the emulator knows which shop is asked without any demo branch here.
// Throttling: cost-aware pacing on a per-shop bucket mirror (./throttle.server), back-off with jitter on
// THROTTLED and 429; retries with exponential back-off and full jitter on network errors and 5xx
// (Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog, 2015).
import type { AdminDocument } from "./document.server";
import {
  fail,
  ok,
  type AdminApiError,
  type AdminApiErrorCode,
  type AdminResult,
  type GraphqlErrorEntry,
} from "./result.server";
import { bucketForShop, CostBucket, type QueryCost } from "./throttle.server";
import { mulberry32 } from "~/core/random";
import { API_VERSION } from "~/scopes";

/** The Admin API version of every request: the app's one declared version (app/scopes.ts). */
export const ADMIN_API_VERSION = API_VERSION;
/** Header carrying the shop, read by the emulator (harmless for Shopify). */
export const SHOP_HEADER = "X-Shopify-Shop-Domain";
export const TOKEN_HEADER = "X-Shopify-Access-Token";

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface AdminGatewayOptions {
  shop: string;
  /** The shop's offline access token (see ./session.server for loading it from the session storage). */
  accessToken: string;
  /** Replaces `https://{shop}`; default process.env.SHOPIFY_ADMIN_API_ORIGIN. */
  origin?: string;
  apiVersion?: string;
  fetch?: FetchLike;
  /** Per-shop bucket mirror; default the process-wide one of the shop. */
  bucket?: CostBucket;
  /** Retries on network errors and 5xx (default 4). */
  maxRetries?: number;
  /** Retries after THROTTLED / 429 (default 30). */
  maxThrottleRetries?: number;
  /** First back-off step in ms (default 200); doubles per attempt, capped at maxDelayMs (default 10 000). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per-request timeout in ms (default 30 000). */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Seed of the jitter's PRNG (default 1). */
  jitterSeed?: number;
}

export interface AdminResponseMeta {
  cost: QueryCost | null;
  attempts: number;
  throttledRetries: number;
}

export interface AdminGateway {
  readonly shop: string;
  readonly endpoint: string;
  /** Runs one document. GraphQL `userErrors` are part of the data; failures are typed results. */
  request<TData, TVariables>(
    doc: AdminDocument<TData, TVariables>,
    variables: TVariables,
  ): Promise<AdminResult<TData> & { meta: AdminResponseMeta }>;
  /** Totals since creation (for tests, logs and benchmarks). */
  readonly stats: { requests: number; throttled: number; retried: number };
}

const SHOP_PATTERN = /^[a-z0-9][a-z0-9.-]*[a-z0-9](:\d{1,5})?$/i;

/** `https://{shop}/admin/api/{version}/graphql.json`, or `{origin}/admin/api/{version}/graphql.json`. */
export function adminEndpoint(shop: string, origin?: string, apiVersion = ADMIN_API_VERSION): string {
  if (!SHOP_PATTERN.test(shop)) throw new Error(`admin gateway: invalid shop domain "${shop}"`);
  const base = origin ? origin.replace(/\/+$/, "") : `https://${shop}`;
  if (origin && !/^https?:\/\/[^\s/]+$/.test(base)) {
    throw new Error(
      `admin gateway: SHOPIFY_ADMIN_API_ORIGIN must be an origin such as http://127.0.0.1:4100, got "${origin}"`,
    );
  }
  return `${base}/admin/api/${apiVersion}/graphql.json`;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function statusCode(status: number): AdminApiErrorCode {
  if (status === 401) return "ADMIN_API.UNAUTHORIZED";
  if (status === 402) return "ADMIN_API.PAYMENT_REQUIRED";
  if (status === 403) return "ADMIN_API.FORBIDDEN";
  if (status === 404) return "ADMIN_API.NOT_FOUND";
  if (status === 423) return "ADMIN_API.LOCKED";
  return "ADMIN_API.BAD_REQUEST";
}

interface GraphqlBody {
  data?: unknown;
  errors?: GraphqlErrorEntry[] | string;
  extensions?: { cost?: QueryCost };
}

/** What one attempt gave: a result (success or a failure retrying cannot fix), or a reason to try again. */
type Attempt<TData> =
  | { next: "done"; result: AdminResult<TData>; cost: QueryCost | null }
  | { next: "retry"; error: AdminApiError; cost: QueryCost | null }
  | { next: "throttled"; error: AdminApiError; cost: QueryCost | null; waitMs: number };

/** Reads an answer: HTTP status first, then the GraphQL errors. */
function answerOf<TData>(
  response: Response,
  text: string,
  json: GraphqlBody | null,
  cost: QueryCost | null,
): Attempt<TData> {
  const done = (result: AdminResult<TData>): Attempt<TData> => ({ next: "done", result, cost });
  if (response.status === 429) {
    const retryAfter = Number(response.headers.get("Retry-After"));
    const waitMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1000;
    return {
      next: "throttled",
      waitMs,
      cost,
      error: { code: "ADMIN_API.THROTTLED", message: "Admin API still throttling (429)", status: 429 },
    };
  }
  if (response.status >= 500) {
    return {
      next: "retry",
      cost,
      error: {
        code: "ADMIN_API.SERVER_ERROR",
        message: `Admin API answered ${response.status}`,
        status: response.status,
      },
    };
  }
  if (response.status >= 400) {
    return done(
      fail({
        code: statusCode(response.status),
        message: `Admin API answered ${response.status}: ${text.slice(0, 200)}`,
        status: response.status,
      }),
    );
  }
  if (!json)
    return done(
      fail({
        code: "ADMIN_API.BAD_RESPONSE",
        message: "Admin API answered a body that is not JSON",
        status: response.status,
      }),
    );
  const errors = typeof json.errors === "string" ? [{ message: json.errors }] : (json.errors ?? []);
  if (errors.some((e) => e.extensions?.code === "THROTTLED")) {
    // Wait until the bucket holds the requested cost again (plus jitter, added by the retry step).
    const waitMs = cost ? CostBucket.refillMs(cost.throttleStatus, cost.requestedQueryCost) : 1000;
    return {
      next: "throttled",
      waitMs,
      cost,
      error: { code: "ADMIN_API.THROTTLED", message: "Admin API still throttling", errors },
    };
  }
  if (errors.some((e) => e.extensions?.code === "MAX_COST_EXCEEDED")) {
    return done(fail({ code: "ADMIN_API.QUERY_TOO_COSTLY", message: errors[0].message, errors }));
  }
  if (errors.length > 0)
    return done(fail({ code: "ADMIN_API.GRAPHQL_ERRORS", message: errors.map((e) => e.message).join("; "), errors }));
  if (json.data === undefined || json.data === null)
    return done(fail({ code: "ADMIN_API.BAD_RESPONSE", message: "Admin API answered without data" }));
  return done(ok(json.data as TData));
}

export function createAdminGateway(opts: AdminGatewayOptions): AdminGateway {
  const endpoint = adminEndpoint(
    opts.shop,
    opts.origin ?? (process.env.SHOPIFY_ADMIN_API_ORIGIN || undefined),
    opts.apiVersion,
  );
  const doFetch: FetchLike = opts.fetch ?? ((input, init) => fetch(input, init));
  const bucket = opts.bucket ?? bucketForShop(opts.shop);
  const sleep = opts.sleep ?? defaultSleep;
  const random = mulberry32(opts.jitterSeed ?? 1);
  const maxRetries = opts.maxRetries ?? 4;
  const maxThrottleRetries = opts.maxThrottleRetries ?? 30;
  const baseDelay = opts.baseDelayMs ?? 200;
  const maxDelay = opts.maxDelayMs ?? 10_000;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  /** Last requested cost per document: the estimate used to pace the next call. */
  const estimates = new Map<string, number>();
  const stats = { requests: 0, throttled: 0, retried: 0 };

  const backoff = (attempt: number) => Math.round(random() * Math.min(maxDelay, baseDelay * 2 ** attempt));

  /**
   * Step 1, pacing: waits until the shop's bucket mirror can pay the document's estimated cost, then reserves it.
   * Concurrent callers of a shop share the mirror: from the last check to the reservation nothing awaits, so two
   * callers never both spend the same points. Until the bucket is known, one request at a time.
   */
  async function reserve(docName: string): Promise<{ estimate: number; seq: number }> {
    for (;;) {
      if (!bucket.known && bucket.inflight() > 0) {
        await bucket.nextRelease();
        continue;
      }
      const estimate = estimates.get(docName) ?? 0;
      const wait = bucket.waitMs(estimate);
      if (wait <= 0) return { estimate, seq: bucket.reserve(estimate) };
      await sleep(wait);
    }
  }

  /**
   * Step 2, one attempt: sends the request and reads the whole answer, adopting its cost before releasing the
   * reservation (callers waiting on the mirror then see the server's bucket, not a momentarily empty in-flight
   * count), and says what the answer means: a result, a transient failure, or throttling.
   */
  async function attempt<TData>(docName: string, body: string): Promise<Attempt<TData>> {
    const { estimate, seq } = await reserve(docName);
    stats.requests++;
    let response: Response;
    let text: string;
    try {
      response = await doFetch(endpoint, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          [TOKEN_HEADER]: opts.accessToken,
          [SHOP_HEADER]: opts.shop,
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      bucket.release(estimate);
      return {
        next: "retry",
        cost: null,
        error: { code: "ADMIN_API.NETWORK", message: `Admin API unreachable: ${(err as Error).message}` },
      };
    }
    try {
      text = await response.text();
    } catch (err) {
      // The connection broke mid-answer: a network error.
      bucket.release(estimate);
      return {
        next: "retry",
        cost: null,
        error: { code: "ADMIN_API.NETWORK", message: `Admin API answer cut off: ${(err as Error).message}` },
      };
    }
    let json: GraphqlBody | null = null;
    if (response.status < 400) {
      try {
        json = JSON.parse(text) as GraphqlBody;
      } catch {
        json = null;
      }
    }
    const cost = json?.extensions?.cost ?? null;
    if (cost) {
      bucket.observe(cost.throttleStatus, seq);
      estimates.set(docName, cost.requestedQueryCost);
    }
    bucket.release(estimate);
    return answerOf<TData>(response, text, json, cost);
  }

  /**
   * Step 3, the one retry decision: how long to wait before the next attempt, or null when the retries of that
   * kind are spent. Transient failures (network, 5xx) back off exponentially with full jitter up to maxRetries;
   * throttling waits what the server asks (Retry-After, or the bucket's refill) plus jitter, up to
   * maxThrottleRetries.
   */
  function retryDelay(
    failed: Exclude<Attempt<unknown>, { next: "done" }>,
    count: { failures: number; throttled: number },
  ): number | null {
    if (failed.next === "throttled") {
      stats.throttled++;
      if (count.throttled++ >= maxThrottleRetries) return null;
      return failed.waitMs + backoff(1);
    }
    if (count.failures++ >= maxRetries) return null;
    stats.retried++;
    return backoff(count.failures);
  }

  async function request<TData, TVariables>(doc: AdminDocument<TData, TVariables>, variables: TVariables) {
    const body = JSON.stringify({ query: doc.query, variables });
    const count = { failures: 0, throttled: 0 };
    let attempts = 0;
    for (;;) {
      const outcome = await attempt<TData>(doc.name, body);
      attempts++;
      const meta: AdminResponseMeta = { cost: outcome.cost, attempts, throttledRetries: count.throttled };
      if (outcome.next === "done") {
        return outcome.result.ok
          ? { ...outcome.result, meta }
          : { ...fail<TData>({ ...outcome.result.error, attempts }), meta };
      }
      const wait = retryDelay(outcome, count);
      if (wait === null)
        return { ...fail<TData>({ ...outcome.error, attempts }), meta: { ...meta, throttledRetries: count.throttled } };
      await sleep(wait);
    }
  }

  return { shop: opts.shop, endpoint, request, stats };
}
