// The shop of an authenticated admin request. A page load must not write (a write per page load contends with the
// jobs on SQLite): the shop is read, and cached per process like the webhook intake's shop ids
// (app/webhooks/receive.server.ts). The row is created at install (app/sync/import/install.server.ts); it is only
// created here when a session arrives without it. app/uninstalled, shop/redact and a (re)install forget the entry
// (forgetShopContext); a TTL bounds what another process's change can leave stale (currency, time zone).
import { prisma } from "~/db.server";
import { forShop, type ShopDb } from "~/db/scoped.server";
import { relayForget } from "~/lib/forget-relay";

export interface ShopContext {
  id: string;
  domain: string;
  currency: string;
  timezone: string;
  db: ShopDb;
}

type ShopRow = Omit<ShopContext, "db">;

declare global {
  var __pilotageShopContexts: Map<string, { shop: ShopRow; until: number }> | undefined;
}
export const SHOP_CONTEXT_TTL_MS = 5 * 60_000;
const MAX_CACHED_SHOPS = 10_000;
const SELECT = { id: true, domain: true, currency: true, timezone: true } as const;

const cache = () => (globalThis.__pilotageShopContexts ??= new Map());

/** The shop row for an authenticated session, with its scoped database client. */
export async function shopContext(domain: string, now = Date.now()): Promise<ShopContext> {
  const hit = cache().get(domain);
  let shop = hit && hit.until > now ? hit.shop : null;
  if (!shop) {
    shop =
      (await prisma.shop.findUnique({ where: { domain }, select: SELECT })) ??
      (await prisma.shop.upsert({ where: { domain }, create: { domain, name: domain }, update: {}, select: SELECT }));
    if (cache().size >= MAX_CACHED_SHOPS) cache().clear();
    cache().set(domain, { shop, until: now + SHOP_CONTEXT_TTL_MS });
  }
  return { ...shop, db: forShop(prisma, shop.id) };
}

/** app/uninstalled, shop/redact, a (re)install: the next request reads the shop again. */
export function forgetShopContext(domain: string): void {
  cache().delete(domain);
  relayForget({ cache: "shop-context", domain });
}
