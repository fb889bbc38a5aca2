// How bundles enter the decision chain (docs/decisions/0024-bundles.md). Pure.
// - A component's demand series is its own sales plus the demand its bundles put on it (explodeBundleSales), so
//   its forecast, reorder point and order quantity cover both; the own sales stay apart in the data.
// - A bundle holds no stock of its own: it is never reordered (its components are), and its price is recommended
//   with the stock its components allow (min over components of floor(available / quantity)) and, when the
//   bundle has no unit cost of its own, the sum of its components' costs.
// Simplification: the components' stock is shared, not split, between the bundle's and each component's own
// price recommendation; each sees all of it (see the decision record).
import { dayToEpoch } from "../days";
import type { DailySeries } from "../forecast/index";
import { bundleAvailability, explodeBundle, type BundleGraph } from "../inventory/bundles";
import type { VariantDecision, VariantFacts } from "./decide";

/** The series with `extra` units (demand via bundles) added on their days; days outside the series are ignored. */
export function addBundleDemand(series: DailySeries, extra: readonly { day: string; units: number }[]): DailySeries {
  if (extra.length === 0) return series;
  const units = series.units.slice();
  const origin = dayToEpoch(series.start);
  for (const row of extra) {
    const i = dayToEpoch(row.day) - origin;
    if (i >= 0 && i < units.length && row.units > 0) units[i] += row.units;
  }
  return { ...series, units };
}

export interface ComponentFacts {
  available: number;
  unitCost: number | null;
}

/**
 * A bundle's facts for decideVariant: the stock is what its components allow (no incoming, no order of its own),
 * no per-location plans, and the unit cost falls back to the components' cost when the bundle has none.
 */
export function bundleFacts(
  facts: VariantFacts,
  graph: BundleGraph,
  componentOf: (variantId: string) => ComponentFacts | undefined,
): VariantFacts {
  const availability = bundleAvailability(graph, facts.id, (id) => componentOf(id)?.available ?? 0);
  let unitCost = facts.unitCost;
  if (unitCost === null) {
    let sum = 0;
    for (const [id, quantity] of explodeBundle(graph, facts.id)) {
      const cost = componentOf(id)?.unitCost ?? null;
      if (cost === null) {
        sum = NaN;
        break;
      }
      sum += cost * quantity;
    }
    unitCost = Number.isFinite(sum) ? Math.round(sum * 1000) / 1000 : null;
  }
  return {
    ...facts,
    unitCost,
    stock: { onHand: availability.available, committed: 0, incoming: 0 },
    onOrder: [],
    locations: undefined,
  };
}

/** Replenishment plans components, not bundles: a bundle's decision keeps its forecast and price, no orders. */
export function bundleDecision(decision: VariantDecision): VariantDecision {
  return { ...decision, replenishment: null, locations: null };
}
