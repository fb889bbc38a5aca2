// The variant page's bundle facts: for a bundle, its components and how many bundles their stock allows; for a
// component, the bundles it belongs to and its demand via bundles next to its own sales (BundleDailyDemand apart
// from DailySales), over the last DEMAND_DAYS days of history.
import { addDays } from "~/core/days";
import { bundleAvailability, bundlesContaining, type BundleGraph } from "~/core/inventory/bundles";
import type { ShopDb } from "~/db/scoped.server";
import { variantLabel } from "~/lib/variant-label";
import { loadBundleGraph } from "./store.server";

export const DEMAND_DAYS = 28;

export interface VariantBundles {
  /** This variant is a bundle: its direct components, and the bundles their stock allows (null otherwise). */
  bundle: {
    available: number;
    limitedBy: string | null;
    components: { id: string; label: string; sku: string | null; quantity: number; available: number }[];
  } | null;
  /** The bundles this variant belongs to, directly or through nested ones. */
  partOf: { id: string; label: string }[];
  /** Units over the last DEMAND_DAYS days up to `until`: own sales and demand via bundles. */
  demand: { days: number; until: string; own: number; viaBundles: number } | null;
}

export async function loadVariantBundles(db: ShopDb, variantId: string): Promise<VariantBundles | null> {
  const graph: BundleGraph = await loadBundleGraph(db);
  const direct = graph.components.get(variantId) ?? [];
  const parents = [...bundlesContaining(graph, [variantId])];
  if (direct.length === 0 && parents.length === 0) return null;
  const ids = [...new Set([...direct.map((c) => c.componentId), ...parents])];
  const leaves = direct.length
    ? bundleAvailability(graph, variantId, () => 0).components.map((c) => c.componentId)
    : [];
  const [variants, levels, lastSale, lastVia] = await Promise.all([
    db.variant.findMany({
      where: { id: { in: [...ids, ...leaves] } },
      select: { id: true, title: true, sku: true, product: { select: { title: true } } },
    }),
    db.inventoryLevel.groupBy({
      by: ["variantId"],
      where: { variantId: { in: [...new Set([...ids, ...leaves])] } },
      _sum: { available: true },
    }),
    db.dailySales.aggregate({ _max: { day: true } }),
    db.bundleDailyDemand.aggregate({ _max: { day: true } }),
  ]);
  const byId = new Map(variants.map((v) => [v.id, v]));
  const label = (id: string) => {
    const v = byId.get(id);
    return v ? variantLabel(v.product.title, v.title) : id;
  };
  const availableOf = new Map(levels.map((l) => [l.variantId, l._sum.available ?? 0]));
  let bundle: VariantBundles["bundle"] = null;
  if (direct.length) {
    const a = bundleAvailability(graph, variantId, (id) => availableOf.get(id) ?? 0);
    bundle = {
      available: a.available,
      limitedBy: a.limitedBy ? label(a.limitedBy) : null,
      components: direct.map((c) => ({
        id: c.componentId,
        label: label(c.componentId),
        sku: byId.get(c.componentId)?.sku ?? null,
        quantity: c.quantity,
        available: availableOf.get(c.componentId) ?? 0,
      })),
    };
  }
  const until =
    [lastSale._max.day, lastVia._max.day]
      .filter((d): d is string => !!d)
      .sort()
      .pop() ?? null;
  let demand: VariantBundles["demand"] = null;
  if (parents.length && until) {
    const from = addDays(until, -(DEMAND_DAYS - 1));
    const [own, via] = await Promise.all([
      db.dailySales.aggregate({ where: { variantId, day: { gte: from, lte: until } }, _sum: { units: true } }),
      db.bundleDailyDemand.aggregate({ where: { variantId, day: { gte: from, lte: until } }, _sum: { units: true } }),
    ]);
    demand = { days: DEMAND_DAYS, until, own: own._sum.units ?? 0, viaBundles: via._sum.units ?? 0 };
  }
  return { bundle, partOf: parents.sort().map((id) => ({ id, label: label(id) })), demand };
}
