// The app proxy's data: the stored facts of one variant's signal, read by a unique index. Shop ids are cached
// (a domain's id never changes), and answers for FACTS_TTL_MS: the storefront caches them for 60 s anyway
// (Cache-Control), and a shopper switching variants back and forth should not cost a query each time.
import { prisma } from "~/db.server";
import { forShop } from "~/db/scoped.server";
import { unknownVariantFacts } from "~/core/signals/availability";

const shopIds = new Map<string, string | null>();
const FACTS_TTL_MS = 15_000;
const MAX_FACTS = 50_000;
const facts = new Map<string, { body: string; until: number }>();

async function shopIdOf(domain: string): Promise<string | null> {
  if (shopIds.has(domain)) return shopIds.get(domain)!;
  const shop = await prisma.shop.findUnique({ where: { domain }, select: { id: true, uninstalledAt: true } });
  const id = shop && !shop.uninstalledAt ? shop.id : null;
  if (id) shopIds.set(domain, id);
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
  const shopId = await shopIdOf(domain);
  if (!shopId) return JSON.stringify(unknownVariantFacts(variant));
  const key = `${shopId}:${variant}`;
  const now = Date.now();
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

/** Tests and shop/redact: forget cached ids. */
export function clearProxyCache(): void {
  shopIds.clear();
  facts.clear();
}
