// Signs a storefront request the way Shopify's app proxy does before forwarding it to the app: adds shop,
// path_prefix, timestamp and logged_in_customer_id, then `signature` = HMAC-SHA256 (hex, app secret) of the
// sorted "key=value" pairs concatenated without separators (shopify.dev: app proxies, "Calculate a digital
// signature"). Used by the demo storefront and the tests; production only verifies.
import { createHmac } from "node:crypto";

export function signProxyQuery(
  query: URLSearchParams,
  /** `timestamp`: seconds (default now); tests pass a string or null (left out) to forge bad requests. */
  options: { shop: string; secret: string; pathPrefix?: string; timestamp?: number | string | null },
): URLSearchParams {
  const out = new URLSearchParams(query);
  out.delete("signature");
  out.set("shop", options.shop);
  out.set("path_prefix", options.pathPrefix ?? "/apps/pilotage");
  if (options.timestamp !== null) out.set("timestamp", String(options.timestamp ?? Math.floor(Date.now() / 1000)));
  if (!out.has("logged_in_customer_id")) out.set("logged_in_customer_id", "");
  const pairs = new Map<string, string[]>();
  for (const [k, v] of out) pairs.set(k, [...(pairs.get(k) ?? []), v]);
  const message = [...pairs.entries()]
    .map(([k, v]) => `${k}=${v.join(",")}`)
    .sort()
    .join("");
  out.set("signature", createHmac("sha256", options.secret).update(message).digest("hex"));
  return out;
}
