// A bundle's storefront signal follows its scarcest component (app/core/signals/bundles.ts): this loads, once per
// refresh, the shop's bundle graph and the stock, tracking and next restock of every leaf component.
import { bundlesContaining, explodeBundle, isBundle } from "~/core/inventory/bundles";
import type { SignalInput } from "~/core/signals/availability";
import { bundleSignalInput, type ComponentStock } from "~/core/signals/bundles";
import type { ShopDb } from "~/db/scoped.server";
import { loadBundleGraph } from "~/bundles/store.server";
import { incomingByVariant } from "~/replenishment/incoming.server";

export interface BundleSignals {
  /** The variants plus the bundles containing them (a component's change moves its bundles' signals). */
  expand(variantIds: string[]): string[];
  /** The bundle's input computed from its components; other variants' input unchanged. */
  adjust(variantId: string, input: SignalInput): SignalInput;
}

export async function loadBundleSignals(s: ShopDb, timezone: string, today: string): Promise<BundleSignals | null> {
  const graph = await loadBundleGraph(s);
  if (graph.components.size === 0) return null;
  const leaves = [...new Set([...graph.components.keys()].flatMap((id) => [...explodeBundle(graph, id).keys()]))];
  const [levels, variants, onOrder] = await Promise.all([
    s.inventoryLevel.groupBy({ by: ["variantId"], where: { variantId: { in: leaves } }, _sum: { available: true } }),
    s.variant.findMany({ where: { id: { in: leaves } }, select: { id: true, tracked: true } }),
    incomingByVariant({ db: s, timezone }, leaves),
  ]);
  const availableOf = new Map(levels.map((l) => [l.variantId, l._sum.available ?? 0]));
  const stock = new Map<string, ComponentStock>(
    variants.map((v) => [
      v.id,
      {
        available: availableOf.get(v.id) ?? null,
        tracked: v.tracked,
        restockDate: (onOrder.get(v.id) ?? []).find((x) => x.expectedDate > today)?.expectedDate ?? null,
      },
    ]),
  );
  return {
    expand: (ids) => [...new Set([...ids, ...bundlesContaining(graph, ids)])].sort(),
    adjust: (variantId, input) =>
      isBundle(graph, variantId) ? bundleSignalInput(variantId, input, graph, (id) => stock.get(id)) : input,
  };
}
