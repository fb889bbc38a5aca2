// Checks run before the Shopify library authenticates a request, for what it lets through or turns into a 500
// (docs/decisions/0017-untrusted-input.md). Each returns the Response to answer, or null to go on.
// - Session tokens (Authorization: Bearer, or ?id_token=): `exp` is required (the library's JWT check only
//   tests it when present), `dest` must be https://<shop>.myshopify.com, and `iss` must name the same shop.
//   The signature, `aud`, `exp` and `nbf` are still verified by the library afterwards.
// - App proxy requests: `shop` must be a *.myshopify.com domain and `timestamp` a number of seconds within
//   PROXY_TIMESTAMP_WINDOW_S of now (the library accepts a missing or non-numeric timestamp).
import { isShopDomain } from "./shop-domain";

/**
 * 90 s each way: the Shopify library's own tolerance for signed query strings (it refuses more), so a request
 * Shopify signed while forwarding it from the storefront always fits, and a captured URL stops working soon.
 */
export const PROXY_TIMESTAMP_WINDOW_S = 90;

const unauthorized = () => new Response(undefined, { status: 401, statusText: "Unauthorized" });
/** Empty, as the library answers a bad signature: the storefront learns nothing from the refusal. */
const badRequest = () => new Response(undefined, { status: 400, statusText: "Bad Request" });

function sessionToken(request: Request): string | null {
  const auth = request.headers.get("Authorization");
  if (auth?.startsWith("Bearer ")) return auth.slice("Bearer ".length).trim();
  return new URL(request.url).searchParams.get("id_token");
}

/** The payload of a JWT, unverified; null when it does not decode (the library then refuses it itself). */
function claimsOf(token: string): Record<string, unknown> | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    return typeof payload === "object" && payload !== null && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function hostOf(value: unknown, path: RegExp): string | null {
  if (typeof value !== "string") return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" && !url.port && !url.search && !url.hash && path.test(url.pathname)
      ? url.hostname
      : null;
  } catch {
    return null;
  }
}

/** 401 for a session token whose claims the app cannot trust; null when there is none or it looks right. */
export function refuseBadSessionToken(request: Request): Response | null {
  const token = sessionToken(request);
  if (!token) return null;
  const claims = claimsOf(token);
  if (!claims) return null;
  if (typeof claims.exp !== "number" || !Number.isFinite(claims.exp)) return unauthorized();
  const dest = hostOf(claims.dest, /^\/?$/);
  if (!dest || !isShopDomain(dest)) return unauthorized();
  if (hostOf(claims.iss, /^\/admin\/?$/) !== dest) return unauthorized();
  return null;
}

/** 400 for an app proxy request without a shop domain or a fresh numeric timestamp; null otherwise. */
export function refuseBadProxyRequest(request: Request, nowMs = Date.now()): Response | null {
  const params = new URL(request.url).searchParams;
  if (!isShopDomain(params.get("shop"))) return badRequest();
  const timestamp = params.get("timestamp") ?? "";
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowMs / 1000 - Number(timestamp)) > PROXY_TIMESTAMP_WINDOW_S)
    return badRequest();
  return null;
}
