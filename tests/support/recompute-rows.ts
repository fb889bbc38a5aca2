// Forecast and Recommendation rows of a shop, comparable across databases (benchmarks and recompute tests).
import type { Db } from "~/db.server";

/**
 * The rows a recompute owns, without row ids and timestamps, in a stable order; every database id of a variant,
 * product or location (also inside JSON text) replaced by its Shopify id, so two databases compare.
 */
export async function recomputeRows(db: Db, shopId: string) {
  const ids = new Map<string, string>();
  for (const v of await db.variant.findMany({ where: { shopId }, select: { id: true, shopifyId: true } }))
    ids.set(v.id, v.shopifyId);
  for (const p of await db.product.findMany({ where: { shopId }, select: { id: true, shopifyId: true } }))
    ids.set(p.id, p.shopifyId);
  for (const l of await db.location.findMany({ where: { shopId }, select: { id: true, shopifyId: true } }))
    ids.set(l.id, l.shopifyId);
  const pattern = new RegExp([...ids.keys()].join("|"), "g");
  const portable = (row: object) =>
    JSON.parse(
      JSON.stringify(row, (k, v: unknown) =>
        ["id", "shopId", "computedAt", "createdAt", "updatedAt"].includes(k)
          ? undefined
          : typeof v === "object" && v !== null && "toFixed" in v
            ? String(v)
            : v,
      ).replace(pattern, (m) => ids.get(m)!),
    ) as Record<string, unknown>;
  const key = (r: Record<string, unknown>) =>
    `${r.variantId}|${r.kind ?? ""}|${r.status ?? ""}|${r.locationId ?? ""}|${r.sourceLocationId ?? ""}`;
  const order = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  return {
    forecasts: (await db.forecast.findMany({ where: { shopId } })).map(portable).sort(order),
    recs: (await db.recommendation.findMany({ where: { shopId } })).map(portable).sort(order),
  };
}
