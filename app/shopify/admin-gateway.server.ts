// Our Admin API client: one code path for production and the demo. The endpoint comes from configuration only
// (`SHOPIFY_ADMIN_API_ORIGIN` replaces `https://{shop}`, e.g. the local emulator); the shop always travels in a
// header as well, so the emulator knows which shop is asked without any demo branch here.
// Throttling: cost-aware pacing on a per-shop bucket mirror (./throttle.server), back-off with jitter on
// THROTTLED and 429; retries with exponential back-off and full jitter on network errors and 5xx
// (Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog, 2015).
import type { AdminDocument } from "./document.server";
import { fail, ok, type AdminApiError, type AdminApiErrorCode, type AdminResult, type GraphqlErrorEntry } from "./result.server";
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
    throw new Error(`admin gateway: SHOPIFY_ADMIN_API_ORIGIN must be an origin such as http://127.0.0.1:4100, got "${origin}"`);
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

export function createAdminGateway(opts: AdminGatewayOptions): AdminGateway {
  const endpoint = adminEndpoint(opts.shop, opts.origin ?? (process.env.SHOPIFY_ADMIN_API_ORIGIN || undefined), opts.apiVersion);
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

  async function request<TData, TVariables>(doc: AdminDocument<TData, TVariables>, variables: TVariables) {
    const body = JSON.stringify({ query: doc.query, variables });
    let failures = 0;
    let throttledRetries = 0;
    let attempts = 0;
    const meta = (cost: QueryCost | null): AdminResponseMeta => ({ cost, attempts, throttledRetries });
    const failure = (error: AdminApiError, cost: QueryCost | null = null) => ({ ...fail<TData>({ ...error, attempts }), meta: meta(cost) });

    for (;;) {
      // Concurrent callers of a shop share the mirror: from the last check to the reservation nothing awaits,
      // so two callers never both spend the same points. Until the bucket is known, one request at a time.
      let estimate = 0;
      for (;;) {
        if (!bucket.known && bucket.inflight() > 0) {
          await bucket.nextRelease();
          continue;
        }
        estimate = estimates.get(doc.name) ?? 0;
        const wait = bucket.waitMs(estimate);
        if (wait <= 0) break;
        await sleep(wait);
      }
      const seq = bucket.reserve(estimate);
      attempts++;
      stats.requests++;
      let response: Response;
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
        if (failures++ < maxRetries) {
          stats.retried++;
          await sleep(backoff(failures));
          continue;
        }
        return failure({ code: "ADMIN_API.NETWORK", message: `Admin API unreachable: ${(err as Error).message}` });
      }

      // Read the whole answer and adopt its cost before releasing the reservation, so callers waiting on the
      // mirror see the server's bucket, not a momentarily empty in-flight count.
      let text: string;
      try {
        text = await response.text();
      } catch (err) {
        // The connection broke mid-answer: a network error.
        bucket.release(estimate);
        if (failures++ < maxRetries) {
          stats.retried++;
          await sleep(backoff(failures));
          continue;
        }
        return failure({ code: "ADMIN_API.NETWORK", message: `Admin API answer cut off: ${(err as Error).message}` });
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
        estimates.set(doc.name, cost.requestedQueryCost);
      }
      bucket.release(estimate);

      if (response.status === 429) {
        stats.throttled++;
        if (throttledRetries++ >= maxThrottleRetries) {
          return failure({ code: "ADMIN_API.THROTTLED", message: "Admin API still throttling (429)", status: 429 });
        }
        const retryAfter = Number(response.headers.get("Retry-After"));
        await sleep((Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1000) + backoff(1));
        continue;
      }
      if (response.status >= 500) {
        if (failures++ < maxRetries) {
          stats.retried++;
          await sleep(backoff(failures));
          continue;
        }
        return failure({ code: "ADMIN_API.SERVER_ERROR", message: `Admin API answered ${response.status}`, status: response.status });
      }
      if (response.status >= 400) {
        return failure({
          code: statusCode(response.status),
          message: `Admin API answered ${response.status}: ${text.slice(0, 200)}`,
          status: response.status,
        });
      }
      if (!json) {
        return failure({ code: "ADMIN_API.BAD_RESPONSE", message: "Admin API answered a body that is not JSON", status: response.status });
      }
      const errors = typeof json.errors === "string" ? [{ message: json.errors }] : (json.errors ?? []);
      if (errors.some((e) => e.extensions?.code === "THROTTLED")) {
        stats.throttled++;
        if (throttledRetries++ >= maxThrottleRetries) {
          return failure({ code: "ADMIN_API.THROTTLED", message: "Admin API still throttling", errors }, cost);
        }
        // Wait until the bucket holds the requested cost again, plus jitter so concurrent callers spread out.
        const refill = cost ? CostBucket.refillMs(cost.throttleStatus, cost.requestedQueryCost) : 1000;
        await sleep(refill + backoff(1));
        continue;
      }
      if (errors.some((e) => e.extensions?.code === "MAX_COST_EXCEEDED")) {
        return failure({ code: "ADMIN_API.QUERY_TOO_COSTLY", message: errors[0].message, errors }, cost);
      }
      if (errors.length > 0) {
        return failure({ code: "ADMIN_API.GRAPHQL_ERRORS", message: errors.map((e) => e.message).join("; "), errors }, cost);
      }
      if (json.data === undefined || json.data === null) {
        return failure({ code: "ADMIN_API.BAD_RESPONSE", message: "Admin API answered without data" }, cost);
      }
      return { ...ok(json.data as TData), meta: meta(cost) };
    }
  }

  return { shop: opts.shop, endpoint, request, stats };
}
