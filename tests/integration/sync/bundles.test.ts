// Bundles through the product and order webhooks (SQLite, the Admin API emulator serving the components): a bundle
// whose component is unknown is refused whole with BUNDLES.COMPONENT_UNKNOWN; once its components are known it is
// saved; its orders become demand of the components, kept apart from their own sales; the recompute orders
// components only, and the bundle's storefront signal follows its scarcest component.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateShop, withBundles, type SimShop, type SimVariant } from "~/demo/simulator";
import type { Emulator } from "~/emulator/server.server";
import { startEmulator } from "~/emulator/server.server";
import { JOB_TYPES } from "~/jobs/standard";
import { orderPayload, productPayload, syncHarness, type SyncHarness } from "./support";

const TOKEN = "shpat_bundles_test";
const T1 = "2026-03-10T10:00:00Z";
let h: SyncHarness;
let sim: SimShop;
let emulator: Emulator;
let box: SimVariant;
let shopId: string;
const num = (gid: string) => Number(gid.split("/").pop());

const productOf = (variantGid: string) => sim.products.find((p) => p.variants.some((v) => v.id === variantGid))!;
const sendProduct = (variantGid: string, webhookId?: string) => {
  const p = productOf(variantGid);
  return h.send(
    sim.shop.domain,
    "products/create",
    productPayload({
      id: num(p.id),
      updatedAt: T1,
      title: p.title,
      variants: p.variants.map((v) => ({
        id: num(v.id),
        price: v.price.toFixed(2),
        sku: v.sku,
        itemId: num(v.inventoryItemId),
      })),
    }),
    webhookId ? { webhookId } : {},
  );
};

beforeAll(async () => {
  h = await syncHarness();
  sim = withBundles(generateShop({ seed: 11, variants: 40, days: 60 }));
  box = sim.products.flatMap((p) => p.variants).find((v) => v.components)!;
  emulator = await startEmulator({ sim, token: TOKEN });
  process.env.SHOPIFY_ADMIN_API_ORIGIN = emulator.url;
  // The offline session the app holds after install: its token opens the emulator.
  await h.prisma.session.create({
    data: { id: `offline_${sim.shop.domain}`, shop: sim.shop.domain, state: "x", accessToken: TOKEN },
  });
}, 60_000);
afterAll(async () => {
  delete process.env.SHOPIFY_ADMIN_API_ORIGIN;
  await emulator?.stop();
});

describe("bundles through the webhooks", () => {
  it("GIVEN a bundle whose components the app does not know WHEN its products/create is processed THEN BUNDLES.COMPONENT_UNKNOWN and nothing of it is saved", async () => {
    // GIVEN the gift box of the simulated shop (3 components), and an app that knows none of them
    expect(box.components).toHaveLength(3);
    // WHEN the box's products/create is processed
    await sendProduct(box.id, "box-first");
    const thrown = await h.drain().then(
      () => null,
      (e: Error) => e,
    );
    // THEN the delivery failed naming the code and the component, and neither the product nor a component row exists
    shopId = await h.shopId(sim.shop.domain);
    const delivery = await h.prisma.webhookDelivery.findFirstOrThrow({ where: { shopId, webhookId: "box-first" } });
    expect(thrown?.message).toMatch(/^BUNDLES\.COMPONENT_UNKNOWN/);
    expect(delivery.status).toBe("failed");
    expect(delivery.error).toMatch(/^BUNDLES\.COMPONENT_UNKNOWN: .*gid:\/\/shopify\/ProductVariant\/\d+/);
    expect(await h.prisma.variant.count({ where: { shopId, shopifyId: box.id } })).toBe(0);
    expect(await h.prisma.bundleComponent.count({ where: { shopId } })).toBe(0);
  }, 30_000);

  it("GIVEN its components known WHEN the bundle's products/create comes again THEN its components are saved with their quantities", async () => {
    // GIVEN the components' products
    for (const c of box.components!) await sendProduct(c.variantId);
    // WHEN the box comes again (a new delivery)
    await sendProduct(box.id, "box-second");
    await h.drain();
    // THEN
    const bundle = await h.prisma.variant.findFirstOrThrow({ where: { shopId, shopifyId: box.id } });
    expect(bundle.requiresComponents).toBe(true);
    const rows = await h.prisma.bundleComponent.findMany({
      where: { shopId, bundleVariantId: bundle.id },
      include: { component: true },
    });
    expect(rows.map((r) => [r.component.shopifyId, r.quantity]).sort()).toEqual(
      box.components!.map((c) => [c.variantId, c.quantity]).sort(),
    );
  }, 30_000);

  it("GIVEN the bundle sold WHEN processed and recomputed THEN its components get the demand via bundles, apart from their own sales, and only components are reordered", async () => {
    // GIVEN 2 boxes ordered, components with stock except one at 0, and recomputes queued for the box
    await h.send(
      sim.shop.domain,
      "orders/create",
      orderPayload({
        id: 9001,
        updatedAt: T1,
        customerId: null,
        lines: [{ id: 90011, variantId: num(box.id), quantity: 2, price: box.price.toFixed(2) }],
      }),
    );
    await h.drain();
    const variants = await h.prisma.variant.findMany({ where: { shopId } });
    const idOf = new Map(variants.map((v) => [v.shopifyId, v.id]));
    const location = await h.prisma.location.create({
      data: { shopId, shopifyId: "gid://shopify/Location/1", name: "Entrepôt" },
    });
    const [first, ...others] = box.components!;
    await h.prisma.inventoryLevel.create({
      data: { shopId, variantId: idOf.get(first.variantId)!, locationId: location.id, available: 0, onHand: 0 },
    });
    for (const c of others)
      await h.prisma.inventoryLevel.create({
        data: { shopId, variantId: idOf.get(c.variantId)!, locationId: location.id, available: 40, onHand: 40 },
      });
    // WHEN the shop is recomputed and its signals refreshed
    const { recomputeShop } = await import("~/sync/recompute/recompute.server");
    const { refreshSignals } = await import("~/storefront/signals.server");
    await recomputeShop(h.prisma, shopId);
    await refreshSignals(h.prisma, shopId);
    // THEN the order's recompute covers the components too
    const jobs = await h.prisma.job.findMany({ where: { shopId, type: JOB_TYPES.recomputeVariant } });
    const queued = new Set(jobs.map((j) => (JSON.parse(j.payload) as { variantId?: string }).variantId));
    for (const c of box.components!) expect(queued.has(idOf.get(c.variantId)!)).toBe(true);
    // AND each component has 2 x its quantity via bundles on the order's day, none in its own sales
    for (const c of box.components!) {
      const via = await h.prisma.bundleDailyDemand.findMany({ where: { shopId, variantId: idOf.get(c.variantId)! } });
      expect(via.map((r) => [r.day, r.units])).toEqual([["2026-03-10", 2 * c.quantity]]);
      expect(await h.prisma.dailySales.count({ where: { shopId, variantId: idOf.get(c.variantId)! } })).toBe(0);
    }
    expect(
      (await h.prisma.dailySales.findMany({ where: { shopId, variantId: idOf.get(box.id)! } })).map((r) => r.units),
    ).toEqual([2]);
    // AND the box is never reordered, the out-of-stock component is
    const reorders = await h.prisma.recommendation.findMany({ where: { shopId, kind: "reorder" } });
    expect(reorders.some((r) => r.variantId === idOf.get(box.id))).toBe(false);
    expect(reorders.some((r) => r.variantId === idOf.get(first.variantId))).toBe(true);
    // AND the box shows sold out: its scarcest component has nothing left
    const signal = await h.prisma.availabilitySignal.findFirstOrThrow({
      where: { shopId, variantId: idOf.get(box.id)! },
    });
    expect(signal.state).toBe("sold_out");
  }, 60_000);

  it("GIVEN the sold bundle WHEN the variant page's bundle facts are read THEN the box shows its scarcest component and a component shows both demands", async () => {
    // GIVEN the shop of the previous test
    const { loadVariantBundles } = await import("~/bundles/variant.server");
    const { forShop } = await import("~/db/scoped.server");
    const s = forShop(h.prisma, shopId);
    const idOf = new Map((await h.prisma.variant.findMany({ where: { shopId } })).map((v) => [v.shopifyId, v.id]));
    const [first, second] = box.components!;
    // WHEN
    const ofBox = await loadVariantBundles(s, idOf.get(box.id)!);
    const ofComponent = await loadVariantBundles(s, idOf.get(second.variantId)!);
    // THEN
    expect(ofBox?.bundle).toMatchObject({ available: 0 });
    expect(ofBox?.bundle?.limitedBy).toContain(productOf(first.variantId).title);
    expect(ofComponent?.bundle).toBeNull();
    expect(ofComponent?.partOf.map((b) => b.id)).toEqual([idOf.get(box.id)]);
    expect(ofComponent?.demand).toMatchObject({ own: 0, viaBundles: 2 * second.quantity });
  }, 30_000);
});

describe("bundles in the emulator", () => {
  it("GIVEN the gift box WHEN an order for 2 is placed in the emulator THEN each component's stock drops by 2 x its quantity, as in Shopify", async () => {
    // GIVEN the components' available units at the first location
    const { placeOrder } = await import("~/emulator/place-order.server");
    const levelOf = (variantGid: string) =>
      emulator.state.levels.find(
        (l) =>
          l.inventoryItemId === emulator.state.variantById.get(variantGid)!.inventoryItemId &&
          l.locationId === sim.locations[0].id,
      )!;
    const before = box.components!.map((c) => levelOf(c.variantId).available);
    // WHEN
    const placed = placeOrder(emulator.state, { variantId: box.id, quantity: 2 }, new Date("2026-03-11T10:00:00Z"));
    // THEN
    expect(placed.ok && placed.componentLevels).toHaveLength(3);
    box.components!.forEach((c, i) => expect(levelOf(c.variantId).available).toBe(before[i] - 2 * c.quantity));
  });
});
