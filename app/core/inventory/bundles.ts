// Bundles and kits (Shopify's ProductVariant.productVariantComponents): a bundle variant is made of component
// variants, each a number of times. Selling one bundle consumes `quantity` of every component, so bundle
// demand is demand of its components, and a bundle can be sold only while every component can. Components may
// themselves be bundles: quantities multiply down to the leaf variants that hold stock. Pure; see
// docs/decisions/0024-bundles.md.

export type BundleErrorCode =
  "BUNDLES.COMPONENT_UNKNOWN" | "BUNDLES.BUNDLE_UNKNOWN" | "BUNDLES.QUANTITY_INVALID" | "BUNDLES.CYCLE";

export interface BundleError {
  code: BundleErrorCode;
  message: string;
  bundleId: string;
  componentId?: string;
  /** BUNDLES.CYCLE: the bundles of the cycle, first one repeated at the end. */
  cycle?: string[];
}

export type BundleResult<T> = { ok: true; value: T } | { ok: false; error: BundleError };

/** One component line of a bundle: `quantity` units of `componentId` per unit of `bundleId`. */
export interface BundleLink {
  bundleId: string;
  componentId: string;
  quantity: number;
}

export interface BundleComponentLine {
  componentId: string;
  quantity: number;
}

/** A validated, acyclic bundle graph: bundle id -> its direct components. */
export interface BundleGraph {
  readonly components: ReadonlyMap<string, readonly BundleComponentLine[]>;
}

export const EMPTY_BUNDLE_GRAPH: BundleGraph = { components: new Map() };

/**
 * Validates the links and builds the graph: every bundle and component must be a known variant, quantities whole
 * numbers of at least 1, and no bundle may contain itself, directly or through nested bundles. The same component
 * listed twice in a bundle adds up. The first problem found is returned as a typed error.
 */
export function buildBundleGraph(
  links: readonly BundleLink[],
  knownVariants: ReadonlySet<string>,
): BundleResult<BundleGraph> {
  const components = new Map<string, BundleComponentLine[]>();
  for (const link of links) {
    if (!knownVariants.has(link.bundleId)) {
      return fail("BUNDLES.BUNDLE_UNKNOWN", link.bundleId, `Bundle ${link.bundleId} is not a known variant.`);
    }
    if (!knownVariants.has(link.componentId)) {
      return fail(
        "BUNDLES.COMPONENT_UNKNOWN",
        link.bundleId,
        `Bundle ${link.bundleId} has component ${link.componentId}, which is not a known variant.`,
        { componentId: link.componentId },
      );
    }
    if (!Number.isInteger(link.quantity) || link.quantity < 1) {
      return fail(
        "BUNDLES.QUANTITY_INVALID",
        link.bundleId,
        `Bundle ${link.bundleId} needs a whole quantity of at least 1 of ${link.componentId}, got ${link.quantity}.`,
        {
          componentId: link.componentId,
        },
      );
    }
    const lines = components.get(link.bundleId) ?? components.set(link.bundleId, []).get(link.bundleId)!;
    const same = lines.find((l) => l.componentId === link.componentId);
    if (same) same.quantity += link.quantity;
    else lines.push({ componentId: link.componentId, quantity: link.quantity });
  }
  const cycle = findCycle(components);
  if (cycle) {
    return fail(
      "BUNDLES.CYCLE",
      cycle[0],
      `Bundle ${cycle[0]} contains itself through ${cycle.slice(1).join(" -> ")}.`,
      { cycle },
    );
  }
  return { ok: true, value: { components } };
}

function fail(
  code: BundleErrorCode,
  bundleId: string,
  message: string,
  extra: Partial<BundleError> = {},
): BundleResult<never> {
  return { ok: false, error: { code, message, bundleId, ...extra } };
}

/** Depth-first search with colours (white / on the path / done); returns the first cycle found. */
function findCycle(components: ReadonlyMap<string, readonly BundleComponentLine[]>): string[] | null {
  const state = new Map<string, 1 | 2>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    const seen = state.get(id);
    if (seen === 2) return null;
    if (seen === 1) return [...path.slice(path.indexOf(id)), id];
    state.set(id, 1);
    path.push(id);
    for (const line of components.get(id) ?? []) {
      const found = visit(line.componentId);
      if (found) return found;
    }
    path.pop();
    state.set(id, 2);
    return null;
  };
  for (const id of [...components.keys()].sort()) {
    const found = visit(id);
    if (found) return found;
  }
  return null;
}

export const isBundle = (graph: BundleGraph, variantId: string): boolean =>
  (graph.components.get(variantId)?.length ?? 0) > 0;

/**
 * Units of each leaf (stock-holding) variant in one unit of `variantId`: nested bundles are exploded and their
 * quantities multiplied. A variant that is not a bundle is its own leaf, once.
 */
export function explodeBundle(graph: BundleGraph, variantId: string): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (id: string, times: number) => {
    const lines = graph.components.get(id);
    if (!lines || lines.length === 0) {
      out.set(id, (out.get(id) ?? 0) + times);
      return;
    }
    for (const line of lines) walk(line.componentId, times * line.quantity);
  };
  walk(variantId, 1);
  return out;
}

export interface DayUnits {
  variantId: string;
  day: string;
  units: number;
}

/**
 * Demand that bundle sales put on their leaf components, per component and day: units of a bundle sold x the
 * exploded quantity of each leaf. Rows of variants that are not bundles are ignored (their own sales stay their
 * own). Sorted by component, then day.
 */
export function explodeBundleSales(graph: BundleGraph, sales: readonly DayUnits[]): DayUnits[] {
  const leavesOf = new Map<string, Map<string, number>>();
  const totals = new Map<string, DayUnits>();
  for (const row of sales) {
    if (!isBundle(graph, row.variantId) || !(row.units > 0)) continue;
    let leaves = leavesOf.get(row.variantId);
    if (!leaves) leavesOf.set(row.variantId, (leaves = explodeBundle(graph, row.variantId)));
    for (const [componentId, quantity] of leaves) {
      const key = `${componentId}|${row.day}`;
      const total = totals.get(key);
      if (total) total.units += row.units * quantity;
      else totals.set(key, { variantId: componentId, day: row.day, units: row.units * quantity });
    }
  }
  return [...totals.values()].sort((a, b) =>
    a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : a.day < b.day ? -1 : a.day > b.day ? 1 : 0,
  );
}

export interface BundleAvailability {
  /** Whole bundles that can be assembled now: min over leaf components of floor(available / quantity). */
  available: number;
  /** The component that limits it (the scarcest), null for a bundle without components. */
  limitedBy: string | null;
  /** Per leaf component: units needed per bundle, units available, bundles they allow. */
  components: { componentId: string; quantity: number; available: number; bundles: number }[];
}

/** How many bundles the components' stock allows; a missing level counts as 0 available. */
export function bundleAvailability(
  graph: BundleGraph,
  bundleId: string,
  availableOf: (variantId: string) => number | null | undefined,
): BundleAvailability {
  const components = [...explodeBundle(graph, bundleId)]
    .filter(([id]) => id !== bundleId)
    .map(([componentId, quantity]) => {
      const available = Math.max(0, Math.floor(availableOf(componentId) ?? 0));
      return { componentId, quantity, available, bundles: Math.floor(available / quantity) };
    })
    .sort((a, b) => a.bundles - b.bundles || (a.componentId < b.componentId ? -1 : 1));
  if (components.length === 0) return { available: 0, limitedBy: null, components };
  return { available: components[0].bundles, limitedBy: components[0].componentId, components };
}

/** Bundles that contain `variantId`, directly or through nested bundles (for refreshing them when it changes). */
export function bundlesContaining(graph: BundleGraph, variantIds: Iterable<string>): Set<string> {
  const parents = new Map<string, string[]>();
  for (const [bundleId, lines] of graph.components) {
    for (const line of lines)
      (parents.get(line.componentId) ?? parents.set(line.componentId, []).get(line.componentId)!).push(bundleId);
  }
  const out = new Set<string>();
  const stack = [...variantIds];
  while (stack.length > 0) {
    for (const parent of parents.get(stack.pop()!) ?? []) {
      if (!out.has(parent)) {
        out.add(parent);
        stack.push(parent);
      }
    }
  }
  return out;
}
