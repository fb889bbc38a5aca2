// A bundle's storefront availability follows its scarcest component: it can be bought while every component
// can, as many times as the scarcest one allows (docs/decisions/0024-bundles.md). Pure.
import { bundleAvailability, type BundleGraph } from "../inventory/bundles";
import type { SignalInput } from "./availability";

export interface ComponentStock {
  /** Units available now (summed over locations); null = no inventory level known. */
  available: number | null;
  /** Earliest expected restock after today, null = none dependable. */
  restockDate: string | null;
  /** Shopify tracks the component's inventory. */
  tracked: boolean;
}

/**
 * The bundle's signal input: available = min over tracked components of floor(available / quantity) (untracked
 * components never limit it); a sold-out bundle is back when its last short component is, and only when every
 * short component has a dependable date; the inventory is as fresh as its stalest component.
 */
export function bundleSignalInput(
  bundleId: string,
  input: SignalInput,
  graph: BundleGraph,
  componentOf: (variantId: string) => ComponentStock | undefined,
): SignalInput {
  const availability = bundleAvailability(graph, bundleId, (id) => {
    const c = componentOf(id);
    if (c && !c.tracked) return Number.MAX_SAFE_INTEGER;
    return c?.available ?? 0;
  });
  const tracked = availability.components.some((c) => componentOf(c.componentId)?.tracked !== false);
  const unknown = availability.components.some((c) => {
    const stock = componentOf(c.componentId);
    return !stock || (stock.tracked && stock.available === null);
  });
  let restockDate: string | null = null;
  if (availability.available <= 0) {
    for (const c of availability.components) {
      if (c.bundles > 0) continue;
      const date = componentOf(c.componentId)?.restockDate ?? null;
      if (date === null) {
        restockDate = null;
        break;
      }
      if (restockDate === null || date > restockDate) restockDate = date;
    }
  }
  return {
    ...input,
    tracked,
    available: tracked ? availability.available : input.available,
    inventoryUpdatedAt: unknown ? null : (input.inventoryUpdatedAt ?? input.now),
    restockDate,
  };
}
