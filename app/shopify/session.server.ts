// The gateway of a shop from its stored offline session (`offline_{shop}`, as the session storage writes it).
import { prisma, type Db } from "~/db.server";
import { createAdminGateway, type AdminGateway, type AdminGatewayOptions } from "./admin-gateway.server";
import { fail, ok, type AdminResult } from "./result.server";

export async function offlineAccessToken(shop: string, db: Db = prisma): Promise<AdminResult<string>> {
  const session = await db.session.findUnique({ where: { id: `offline_${shop}` }, select: { accessToken: true } });
  if (!session?.accessToken) {
    return fail({ code: "ADMIN_API.NO_SESSION", message: `no offline session stored for ${shop}` });
  }
  return ok(session.accessToken);
}

/** A gateway for `shop` using its offline access token; options as createAdminGateway (tests inject fetch). */
export async function adminGatewayForShop(
  shop: string,
  options: Omit<AdminGatewayOptions, "shop" | "accessToken"> & { db?: Db } = {},
): Promise<AdminResult<AdminGateway>> {
  const { db, ...rest } = options;
  const token = await offlineAccessToken(shop, db);
  if (!token.ok) return token;
  return ok(createAdminGateway({ ...rest, shop, accessToken: token.value }));
}
