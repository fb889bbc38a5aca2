// Bundles in the recompute (docs/decisions/0024-bundles.md): the demand bundle sales put on their components is
// rebuilt (BundleDailyDemand) and added to the components' series; a bundle is decided with the stock its components
// allow, and is never reordered. Called from recompute.server.ts; a shop without bundles costs one query.
import { bundleDecision, bundleFacts, addBundleDemand, type ComponentFacts } from "~/core/decisions/bundles";
import type { VariantDecision, VariantFacts } from "~/core/decisions/index";
import type { DailySeries } from "~/core/forecast/index";
import { isBundle, explodeBundle, type BundleGraph } from "~/core/inventory/bundles";
import type { Db } from "~/db.server";
import { forShop } from "~/db/scoped.server";
import { loadBundleGraph, rebuildBundleDemand } from "~/bundles/store.server";
import { decimalOrNull } from "~/core/money";

export interface RecomputeBundles {
  graph: BundleGraph;
  /** Demand via bundles per leaf component, by day. */
  demand: Map<string, { day: string; units: number }[]>;
  /** Leaf components' available units (over locations) and unit cost. */
  components: Map<string, ComponentFacts>;
}

/** The shop's bundles for a recompute (after rebuilding their demand), or null when it has none. */
export async function loadRecomputeBundles(db: Db, shopId: string, rebuild = true): Promise<RecomputeBundles | null> {
  const s = forShop(db, shopId);
  const graph = await loadBundleGraph(s);
  if (graph.components.size === 0) {
    if (rebuild && (await s.bundleDailyDemand.count()) > 0) await rebuildBundleDemand(db, shopId);
    return null;
  }
  // A chunk of a run reads the demand its run rebuilt.
  if (rebuild) await rebuildBundleDemand(db, shopId);
  const leaves = [...new Set([...graph.components.keys()].flatMap((id) => [...explodeBundle(graph, id).keys()]))];
  const [rows, levels, variants] = await Promise.all([
    s.bundleDailyDemand.findMany({
      select: { variantId: true, day: true, units: true },
      orderBy: [{ variantId: "asc" }, { day: "asc" }],
    }),
    s.inventoryLevel.groupBy({ by: ["variantId"], where: { variantId: { in: leaves } }, _sum: { available: true } }),
    s.variant.findMany({ where: { id: { in: leaves } }, select: { id: true, unitCost: true } }),
  ]);
  const demand = new Map<string, { day: string; units: number }[]>();
  for (const r of rows)
    (demand.get(r.variantId) ?? demand.set(r.variantId, []).get(r.variantId)!).push({ day: r.day, units: r.units });
  const availableOf = new Map(levels.map((l) => [l.variantId, l._sum.available ?? 0]));
  const components = new Map(
    variants.map((v) => [
      v.id,
      { available: availableOf.get(v.id) ?? 0, unitCost: decimalOrNull(v.unitCost, "Variant.unitCost") },
    ]),
  );
  return { graph, demand, components };
}

/** The series with each component's demand via bundles added (the own sales stay apart in DailySales). */
export function withBundleDemand(
  series: Map<string, DailySeries>,
  bundles: RecomputeBundles | null,
): Map<string, DailySeries> {
  if (!bundles) return series;
  for (const [id, s] of series) {
    const extra = bundles.demand.get(id);
    if (extra) series.set(id, addBundleDemand(s, extra));
  }
  return series;
}

/** A bundle's facts: the stock its components allow, their cost when it has none of its own. */
export function bundleAwareFacts(facts: VariantFacts, bundles: RecomputeBundles | null): VariantFacts {
  return bundles && isBundle(bundles.graph, facts.id)
    ? bundleFacts(facts, bundles.graph, (id) => bundles.components.get(id))
    : facts;
}

/** Replenishment plans components, not bundles. */
export function bundleAwareDecision(decision: VariantDecision, bundles: RecomputeBundles | null): VariantDecision {
  return bundles && isBundle(bundles.graph, decision.id) ? bundleDecision(decision) : decision;
}
