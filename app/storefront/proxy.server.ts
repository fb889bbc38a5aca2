// The app proxy's data: the stored facts of one variant's signal, read by a unique index. Installed shops' ids
// are cached for SHOP_ID_TTL_MS, and answers for FACTS_TTL_MS: the storefront caches them for 60 s anyway
// (Cache-Control), and a shopper switching variants back and forth should not cost a query each time.
// app/uninstalled, shop/redact and a (re)install forget the shop at once in this process (forgetProxyShop);
// another process (a worker ran the job) stops serving it within the TTL; the web process's job thread relays it
// to the web thread (~/lib/forget-relay).
import { prisma } from "~/db.server";
import { forShop } from "~/db/scoped.server";
import { unknownVariantFacts } from "~/core/signals/availability";
import { relayForget } from "~/lib/forget-relay";

declare global {
  // Per process, not per module copy: the route (in the Remix build) reads them, the jobs (loaded by tsx) forget.
  var __pilotageProxyCache:
    | { shopIds: Map<string, { id: string; until: number }>; facts: Map<string, { body: string; until: number }> }
    | undefined;
}
globalThis.__pilotageProxyCache ??= { shopIds: new Map(), facts: new Map() };
const { shopIds, facts } = globalThis.__pilotageProxyCache;
const SHOP_ID_TTL_MS = 60_000;
const MAX_SHOPS = 10_000;
const FACTS_TTL_MS = 15_000;
const MAX_FACTS = 50_000;

async function shopIdOf(domain: string, now: number): Promise<string | null> {
  const hit = shopIds.get(domain);
  if (hit && hit.until > now) return hit.id;
  const shop = await prisma.shop.findUnique({ where: { domain }, select: { id: true, uninstalledAt: true } });
  const id = shop && !shop.uninstalledAt ? shop.id : null;
  if (shopIds.size >= MAX_SHOPS) shopIds.clear();
  if (id) shopIds.set(domain, { id, until: now + SHOP_ID_TTL_MS });
  else shopIds.delete(domain);
  return id;
}

/** "123", "gid://shopify/ProductVariant/123" -> "123"; anything else -> null. */
export function variantNumber(value: string | null): string | null {
  if (!value) return null;
  const m = /^(?:gid:\/\/shopify\/ProductVariant\/)?(\d{1,20})$/.exec(value.trim());
  return m ? m[1] : null;
}

/** JSON text of the variant's facts, or the neutral answer. */
export async function availabilityFacts(domain: string | null, variantParam: string | null): Promise<string> {
  const variant = variantNumber(variantParam);
  if (!domain || !variant) return JSON.stringify(unknownVariantFacts(variant ?? ""));
  const now = Date.now();
  const shopId = await shopIdOf(domain, now);
  if (!shopId) return JSON.stringify(unknownVariantFacts(variant));
  const key = `${shopId}:${variant}`;
  const hit = facts.get(key);
  if (hit && hit.until > now) return hit.body;
  const row = await forShop(prisma, shopId).availabilitySignal.findUnique({
    where: { shopId_shopifyVariantId: { shopId, shopifyVariantId: variant } },
    select: { facts: true },
  });
  const body = row?.facts && row.facts !== "{}" ? row.facts : JSON.stringify(unknownVariantFacts(variant));
  if (facts.size >= MAX_FACTS) facts.clear();
  facts.set(key, { body, until: now + FACTS_TTL_MS });
  return body;
}

/** app/uninstalled, shop/redact, a (re)install: the shop's cached id and answers are forgotten. */
export function forgetProxyShop(domain: string, shopId?: string): void {
  const ids = new Set([shopIds.get(domain)?.id, shopId].filter((x): x is string => !!x));
  shopIds.delete(domain);
  for (const key of facts.keys()) if (ids.has(key.slice(0, key.indexOf(":")))) facts.delete(key);
  relayForget({ cache: "proxy-shop", domain, shopId: shopId ?? [...ids][0] });
}

/** Tests: forget every cached id and answer. */
export function clearProxyCache(): void {
  shopIds.clear();
  facts.clear();
}
