// The shop a buy-side job runs for, with its scoped client.
import { getDb } from "~/db.server";
import { forShop } from "~/db/scoped.server";
import { PermanentJobError } from "~/jobs/types";
import type { ShopContext } from "~/services/shop.server";

/** The payload's id field as a non-empty string, and the job's shop; a PermanentJobError otherwise. */
export async function jobTarget(
  job: { shopId: string; type: string; payload: unknown },
  field: string,
): Promise<{ id: string; shop: ShopContext }> {
  const id = (job.payload as Record<string, unknown> | null)?.[field];
  if (typeof id !== "string" || !id)
    throw new PermanentJobError(`${job.type}: payload.${field} must be a non-empty string`);
  const db = getDb();
  const shop = await db.shop.findUnique({
    where: { id: job.shopId },
    select: { id: true, domain: true, currency: true, timezone: true },
  });
  if (!shop) throw new PermanentJobError(`${job.type}: shop ${job.shopId} not found`);
  return { id, shop: { ...shop, db: forShop(db, shop.id) } };
}
