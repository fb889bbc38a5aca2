// Bundles through the history import (SQLite, the Admin API emulator serving a shop with a gift box): the bulk
// catalogue's component rows become BundleComponent rows, the box's sales become demand of its components (apart
// from their own sales), all exactly as the demo seed writes them; a bundle whose component is unknown is refused
// whole with BUNDLES.COMPONENT_UNKNOWN.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import { generateShop, withBundles, type SimShop, type SimVariant } from "~/demo/simulator";
import type { Emulator } from "~/emulator/server.server";
import { useTestEnvironment } from "../../support/env";
import { emulatorFor, gatewayFor } from "../admin/support";
import { installShop, seededTruth } from "./support";

let sim: SimShop;
let box: SimVariant;
let emulator: Emulator;
let db: Db;
let truth: { db: Db; shopId: string };
let shopId: string;

beforeAll(async () => {
  const url = useTestEnvironment();
  const { migrateDatabase } = await import("~/db/migrate.server");
  await migrateDatabase(url);
  db = (await import("~/db.server")).getDb();
  sim = withBundles(generateShop({ seed: 11, variants: 40, days: 60 }));
  box = sim.products.flatMap((p) => p.variants).find((v) => v.components)!;
  emulator = await emulatorFor(sim, { bulkLatencyMs: 20 });
  truth = await seededTruth(sim);
  shopId = await installShop(db, sim);
}, 60_000);
afterAll(async () => {
  await emulator?.stop();
  await truth?.db.$disconnect();
});

/** Bundle rows keyed by Shopify ids: components, and demand via bundles per component and day. */
async function bundleRows(d: Db, id: string) {
  const variants = await d.variant.findMany({ where: { shopId: id } });
  const gid = new Map(variants.map((v) => [v.id, v.shopifyId]));
  const components = await d.bundleComponent.findMany({ where: { shopId: id } });
  const demand = await d.bundleDailyDemand.findMany({ where: { shopId: id } });
  return {
    bundles: variants.filter((v) => v.requiresComponents).map((v) => v.shopifyId),
    components: components
      .map((c) => `${gid.get(c.bundleVariantId)} ${gid.get(c.componentVariantId)} x${c.quantity}`)
      .sort(),
    demand: demand.map((r) => `${gid.get(r.variantId)} ${r.day} ${r.units}`).sort(),
  };
}

describe("bundles through the history import", () => {
  it("GIVEN a shop with a gift box WHEN imported THEN its components and the demand it puts on them are stored as the seed stores them", async () => {
    // GIVEN the emulator's shop with a box of 3 components, sold on many days
    expect(box.components).toHaveLength(3);
    // WHEN the full import runs
    const { runImport } = await import("~/sync/import/import.server");
    const result = await runImport({
      db,
      shopId,
      mode: "full",
      gateway: gatewayFor(emulator),
      pollMs: 10,
      batchRows: 150,
    });
    // THEN
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    const got = await bundleRows(db, shopId);
    expect(got.bundles).toEqual([box.id]);
    expect(got.components).toEqual(box.components!.map((c) => `${box.id} ${c.variantId} x${c.quantity}`).sort());
    expect(got.demand.length).toBeGreaterThan(10);
    expect(got).toEqual(await bundleRows(truth.db, truth.shopId));
    // AND each component's demand via bundles is the box's units that day x its quantity, none of it in its own sales
    const boxVariant = await db.variant.findFirstOrThrow({ where: { shopId, shopifyId: box.id } });
    const boxSales = await db.dailySales.findMany({ where: { shopId, variantId: boxVariant.id } });
    for (const c of box.components!) {
      const component = await db.variant.findFirstOrThrow({ where: { shopId, shopifyId: c.variantId } });
      const via = await db.bundleDailyDemand.findMany({
        where: { shopId, variantId: component.id },
        orderBy: { day: "asc" },
      });
      expect(via.map((r) => [r.day, r.units])).toEqual(
        boxSales
          .filter((s) => s.units > 0)
          .sort((a, b) => (a.day < b.day ? -1 : 1))
          .map((s) => [s.day, s.units * c.quantity]),
      );
      const own = await db.dailySales.aggregate({ where: { shopId, variantId: component.id }, _sum: { units: true } });
      const truthComponent = await truth.db.variant.findFirstOrThrow({
        where: { shopId: truth.shopId, shopifyId: c.variantId },
      });
      const truthOwn = await truth.db.dailySales.aggregate({
        where: { shopId: truth.shopId, variantId: truthComponent.id },
        _sum: { units: true },
      });
      expect(own._sum.units).toBe(truthOwn._sum.units);
    }
  }, 60_000);

  it("GIVEN the imported shop WHEN recomputed THEN the box gets a price from its components' cost and stock, and no reorder", async () => {
    // GIVEN the imported shop (the box has no unit cost of its own)
    const { recomputeShop } = await import("~/sync/recompute/recompute.server");
    const before = await bundleRows(db, shopId);
    // WHEN
    await recomputeShop(db, shopId);
    // THEN the demand via bundles it rebuilt is the same
    expect(await bundleRows(db, shopId)).toEqual(before);
    const boxVariant = await db.variant.findFirstOrThrow({ where: { shopId, shopifyId: box.id } });
    const recs = await db.recommendation.findMany({ where: { shopId, variantId: boxVariant.id } });
    expect(recs.map((r) => r.kind)).toEqual(["price"]);
    expect(JSON.parse(recs[0].reasons).map((r: { code: string }) => r.code)).not.toContain("PRICING.UNIT_COST_MISSING");
  }, 120_000);

  it("GIVEN a bundle whose component is unknown WHEN the catalogue's bundles are saved THEN BUNDLES.COMPONENT_UNKNOWN and nothing of that bundle changes", async () => {
    // GIVEN the imported box, and a catalogue file listing it with a component the shop does not have plus a valid one
    const { BundleCollector, saveImportedBundles } = await import("~/bundles/import.server");
    const collector = new BundleCollector();
    const [a, b] = box.components!;
    collector.accept({ id: box.id, requiresComponents: true, __parentId: box.productId });
    collector.accept({
      id: "gid://shopify/ProductVariantComponent/1",
      quantity: 1,
      productVariant: { id: a.variantId },
      __parentId: box.id,
    });
    collector.accept({
      id: "gid://shopify/ProductVariantComponent/2",
      quantity: 4,
      productVariant: { id: "gid://shopify/ProductVariant/999999" },
      __parentId: box.id,
    });
    collector.accept({ id: b.variantId, requiresComponents: true, __parentId: "gid://shopify/Product/1" });
    collector.accept({
      id: "gid://shopify/ProductVariantComponent/3",
      quantity: 2,
      productVariant: { id: a.variantId },
      __parentId: b.variantId,
    });
    const before = await bundleRows(db, shopId);
    // WHEN saved as an incremental import would
    const report = await saveImportedBundles(db, shopId, collector, "incremental");
    // THEN the box is refused with the code naming the component, its rows untouched; the valid bundle is saved
    expect(report.errors).toEqual([
      expect.objectContaining({
        code: "BUNDLES.COMPONENT_UNKNOWN",
        bundleId: box.id,
        componentId: "gid://shopify/ProductVariant/999999",
      }),
    ]);
    const after = await bundleRows(db, shopId);
    expect(after.components.filter((r) => r.startsWith(`${box.id} `))).toEqual(before.components);
    expect(after.components).toContain(`${b.variantId} ${a.variantId} x2`);
  }, 30_000);
});
