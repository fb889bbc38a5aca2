import { prisma } from "~/db.server";
import { forShop, type ShopDb } from "~/db/scoped.server";

export interface ShopContext {
  id: string;
  domain: string;
  currency: string;
  timezone: string;
  db: ShopDb;
}

/** The shop row for an authenticated session (created on first sight), with its scoped database client. */
export async function shopContext(domain: string): Promise<ShopContext> {
  const shop = await prisma.shop.upsert({
    where: { domain },
    create: { domain, name: domain },
    update: {},
    select: { id: true, domain: true, currency: true, timezone: true },
  });
  return { ...shop, db: forShop(prisma, shop.id) };
}
