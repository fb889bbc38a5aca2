// Bundle components in the catalogue import: the bulk catalogue file carries, after a bundle variant's row, one row
// per component (`__parentId` = the bundle variant's gid). They are collected while the file streams (replayed rows
// too: nothing of them is written before the end of the phase) and saved once the phase's rows are committed, before
// the checkpoint moves on, so a resumed import saves them again (idempotent).
import type { Db } from "~/db.server";
import { forShop } from "~/db/scoped.server";
import type { JsonlRow } from "~/shopify/jsonl.server";
import { saveBundles, type BundleSpec, type SaveBundlesReport } from "./store.server";

const COMPONENT_GID = "gid://shopify/ProductVariantComponent/";
const VARIANT_GID = "gid://shopify/ProductVariant/";

export class BundleCollector {
  private readonly bundles = new Map<string, Map<string, number>>();

  /** `formerBundles`: gids of the shop's bundles before the import (a variant of them seen without components is no bundle now). */
  constructor(private readonly formerBundles: ReadonlySet<string> = new Set()) {}

  /** True for a component row (consumed here); variant rows are noted and left to the catalogue sink. */
  accept(row: JsonlRow): boolean {
    const id = typeof row.id === "string" ? row.id : "";
    if (id.startsWith(COMPONENT_GID) && row.__parentId) {
      const variant = row.productVariant as { id?: unknown } | null | undefined;
      const componentGid = typeof variant?.id === "string" ? variant.id : "";
      const lines = this.bundleOf(row.__parentId);
      lines.set(componentGid, (lines.get(componentGid) ?? 0) + Number(row.quantity));
      return true;
    }
    if (id.startsWith(VARIANT_GID) && (row.requiresComponents === true || this.formerBundles.has(id)))
      this.bundleOf(id);
    return false;
  }

  private bundleOf(gid: string): Map<string, number> {
    let lines = this.bundles.get(gid);
    if (!lines) this.bundles.set(gid, (lines = new Map()));
    return lines;
  }

  specs(): BundleSpec[] {
    return [...this.bundles].map(([bundleGid, lines]) => ({
      bundleGid,
      components: [...lines].map(([componentGid, quantity]) => ({ componentGid, quantity })),
    }));
  }
}

export async function openBundleCollector(db: Db, shopId: string): Promise<BundleCollector> {
  const rows = await forShop(db, shopId).variant.findMany({
    where: { bundleComponents: { some: {} } },
    select: { shopifyId: true },
  });
  return new BundleCollector(new Set(rows.map((r) => r.shopifyId)));
}

/** Saves what the catalogue phase collected: each bundle whole or not at all; refused ones come back coded. */
export async function saveImportedBundles(
  db: Db,
  shopId: string,
  collector: BundleCollector,
  mode: "full" | "incremental",
): Promise<SaveBundlesReport> {
  return saveBundles(db, shopId, collector.specs(), { replaceAll: mode === "full" });
}
