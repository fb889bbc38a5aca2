// Bundles in the database (docs/decisions/0024-bundles.md): BundleComponent rows (written per bundle, all its lines
// or none, after the graph engine of app/core/inventory/bundles.ts validated them), and BundleDailyDemand, the
// demand bundle sales put on their components, derived from DailySales and kept apart from the components' own.
import { databaseTarget, databaseUrlOf, type Db } from "~/db.server";
import { shopTransaction, type ShopDb } from "~/db/scoped.server";
import {
  buildBundleGraph,
  bundlesContaining,
  explodeBundle,
  explodeBundleSales,
  EMPTY_BUNDLE_GRAPH,
  type BundleError,
  type BundleGraph,
  type BundleLink,
} from "~/core/inventory/bundles";

/** The shop's bundle graph (database ids). Stored rows were validated when written; a broken graph is an invariant. */
export async function loadBundleGraph(s: ShopDb): Promise<BundleGraph> {
  const rows = await s.bundleComponent.findMany({
    select: { bundleVariantId: true, componentVariantId: true, quantity: true },
    orderBy: [{ bundleVariantId: "asc" }, { componentVariantId: "asc" }],
  });
  if (rows.length === 0) return EMPTY_BUNDLE_GRAPH;
  const links = rows.map((r) => ({
    bundleId: r.bundleVariantId,
    componentId: r.componentVariantId,
    quantity: r.quantity,
  }));
  const built = buildBundleGraph(links, new Set(links.flatMap((l) => [l.bundleId, l.componentId])));
  if (!built.ok) throw new Error(`stored bundle graph is invalid: ${built.error.code}: ${built.error.message}`);
  return built.value;
}

/** One bundle's components as Shopify gives them (variant gids). An empty list makes the variant no bundle. */
export interface BundleSpec {
  bundleGid: string;
  components: { componentGid: string; quantity: number }[];
}

export interface SaveBundlesReport {
  saved: number;
  cleared: number;
  /** Bundles refused (nothing of them written), each with its coded error. */
  errors: BundleError[];
}

/**
 * Replaces the components of the given bundles. Each bundle is checked on its own (known bundle and components,
 * whole quantities of at least 1, no cycle with the rest of the shop's bundles): a refused bundle keeps its previous
 * components and is reported with its code (BUNDLES.COMPONENT_UNKNOWN, ...); the accepted ones are written in one
 * transaction. `replaceAll` (full import): bundles of the shop not in `specs` lose their components.
 */
export async function saveBundles(
  db: Db,
  shopId: string,
  specs: BundleSpec[],
  options: { replaceAll?: boolean } = {},
): Promise<SaveBundlesReport> {
  return shopTransaction(db, shopId, (tx) => saveBundlesIn(tx, specs, options));
}

/** saveBundles inside the caller's transaction: throws BundleSaveError when `strict` and a bundle is refused. */
export async function saveBundlesIn(
  tx: ShopDb,
  specs: BundleSpec[],
  options: { replaceAll?: boolean; strict?: boolean } = {},
): Promise<SaveBundlesReport> {
  const gids = [...new Set(specs.flatMap((b) => [b.bundleGid, ...b.components.map((c) => c.componentGid)]))];
  const idOf = new Map<string, string>();
  for (let i = 0; i < gids.length; i += 500) {
    const rows = await tx.variant.findMany({
      where: { shopifyId: { in: gids.slice(i, i + 500) } },
      select: { id: true, shopifyId: true },
    });
    for (const r of rows) idOf.set(r.shopifyId, r.id);
  }
  const existing = await tx.bundleComponent.findMany({
    select: { bundleVariantId: true, componentVariantId: true, quantity: true },
  });
  const stored = existing.map((r) => ({
    bundleId: r.bundleVariantId,
    componentId: r.componentVariantId,
    quantity: r.quantity,
  }));
  const errors: BundleError[] = [];
  let accepted: { bundleId: string; links: BundleLink[] }[] = [];
  for (const spec of specs) {
    // Errors name Shopify's ids (what the merchant can look up); unknown gids stay as they are.
    const links = spec.components.map((c) => ({
      bundleId: spec.bundleGid,
      componentId: c.componentGid,
      quantity: c.quantity,
    }));
    const known = new Set([...idOf.keys()]);
    const checked = buildBundleGraph(links, new Set([...known, spec.bundleGid]));
    if (!checked.ok) {
      errors.push(checked.error);
      continue;
    }
    const bundleId = idOf.get(spec.bundleGid);
    if (!bundleId) {
      errors.push({
        code: "BUNDLES.BUNDLE_UNKNOWN",
        bundleId: spec.bundleGid,
        message: `Bundle ${spec.bundleGid} is not a known variant.`,
      });
      continue;
    }
    accepted.push({
      bundleId,
      links: links.map((l) => ({ bundleId, componentId: idOf.get(l.componentId)!, quantity: l.quantity })),
    });
  }
  // Cycles through the rest of the shop's bundles: refuse a bundle of the cycle, and check again. What stays of the
  // stored graph: the bundles not replaced (on a full import, only the refused ones).
  const gidOf = new Map([...idOf].map(([gid, id]) => [id, gid]));
  for (;;) {
    const acceptedIds = new Set(accepted.map((a) => a.bundleId));
    const refusedIds = new Set(errors.map((e) => idOf.get(e.bundleId)));
    const kept = stored.filter((l) => (options.replaceAll ? refusedIds.has(l.bundleId) : !acceptedIds.has(l.bundleId)));
    const all = [...kept, ...accepted.flatMap((a) => a.links)];
    const graph = buildBundleGraph(all, new Set(all.flatMap((l) => [l.bundleId, l.componentId])));
    if (graph.ok) break;
    const culprit = accepted.find((a) => graph.error.cycle?.includes(a.bundleId));
    if (!culprit) throw new Error(`stored bundle graph is invalid: ${graph.error.message}`);
    const cycle = (graph.error.cycle ?? []).map((id) => gidOf.get(id) ?? id);
    errors.push({
      code: "BUNDLES.CYCLE",
      bundleId: gidOf.get(culprit.bundleId) ?? culprit.bundleId,
      cycle,
      message: `Bundle ${cycle[0]} contains itself through ${cycle.slice(1).join(" -> ")}.`,
    });
    accepted = accepted.filter((a) => a !== culprit);
  }
  if (options.strict && errors.length > 0) throw new BundleSaveError(errors[0]);
  const write = accepted.map((a) => a.bundleId);
  // A full import also drops the components of bundles it no longer lists, never those of a refused bundle.
  const refused = errors.map((e) => idOf.get(e.bundleId)).filter((x): x is string => !!x);
  await tx.bundleComponent.deleteMany(
    options.replaceAll
      ? { where: { bundleVariantId: { notIn: refused } } }
      : { where: { bundleVariantId: { in: write } } },
  );
  const rows = accepted
    .flatMap((a) => a.links)
    .map((l) => ({ bundleVariantId: l.bundleId, componentVariantId: l.componentId, quantity: l.quantity }));
  if (rows.length > 0) await tx.bundleComponent.createMany({ data: rows as never });
  const withComponents = new Set(accepted.filter((a) => a.links.length > 0).map((a) => a.bundleId));
  if (withComponents.size > 0)
    await tx.variant.updateMany({ where: { id: { in: [...withComponents] } }, data: { requiresComponents: true } });
  return { saved: withComponents.size, cleared: accepted.length - withComponents.size, errors };
}

/** A bundle refused inside a caller's transaction (rolls it back): the coded error travels with it. */
export class BundleSaveError extends Error {
  constructor(readonly error: BundleError) {
    super(`${error.code}: ${error.message}`);
  }
}

/**
 * Rebuilds BundleDailyDemand from the bundles' DailySales: units of each bundle sold x the exploded quantity of each
 * leaf component. Idempotent; only the rows that differ are written, in one transaction per shop (on PostgreSQL under
 * a per-shop advisory lock, so two recomputes of the shop never interleave their writes). Returns the rows it holds.
 */
export async function rebuildBundleDemand(db: Db, shopId: string): Promise<number> {
  const postgres = databaseTarget(databaseUrlOf(db)).provider === "postgres";
  return shopTransaction(
    db,
    shopId,
    async (tx, root) => {
      if (postgres)
        await root.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))::text`, `bundle-demand:${shopId}`);
      const graph = await loadBundleGraph(tx);
      const bundles = [...graph.components.keys()];
      const sales = bundles.length
        ? await tx.dailySales.findMany({
            where: { variantId: { in: bundles }, units: { gt: 0 } },
            select: { variantId: true, day: true, units: true },
          })
        : [];
      const wanted = new Map(explodeBundleSales(graph, sales).map((r) => [`${r.variantId}|${r.day}`, r]));
      const stored = await tx.bundleDailyDemand.findMany({
        select: { id: true, variantId: true, day: true, units: true },
      });
      const gone: string[] = [];
      for (const row of stored) {
        const key = `${row.variantId}|${row.day}`;
        const want = wanted.get(key);
        if (!want) gone.push(row.id);
        else if (want.units !== row.units)
          await tx.bundleDailyDemand.updateMany({ where: { id: row.id }, data: { units: want.units } });
        wanted.delete(key);
      }
      for (let i = 0; i < gone.length; i += 1000)
        await tx.bundleDailyDemand.deleteMany({ where: { id: { in: gone.slice(i, i + 1000) } } });
      const added = [...wanted.values()];
      for (let i = 0; i < added.length; i += 2000)
        await tx.bundleDailyDemand.createMany({ data: added.slice(i, i + 2000) as never });
      return stored.length - gone.length + added.length;
    },
    { timeout: 60_000 },
  );
}

/** The variants plus the bundles containing them and the leaf components of the bundles among them. */
export async function withBundleRelatives(s: ShopDb, variantIds: string[]): Promise<string[]> {
  if (variantIds.length === 0) return variantIds;
  const graph = await loadBundleGraph(s);
  if (graph.components.size === 0) return variantIds;
  const out = new Set(variantIds);
  for (const id of bundlesContaining(graph, variantIds)) out.add(id);
  for (const id of [...out]) for (const leaf of explodeBundle(graph, id).keys()) out.add(leaf);
  return [...out].sort();
}
