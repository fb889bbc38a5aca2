// The daily inventory snapshot (inventory.snapshot) and the stockout marks of inventory_levels/update, read back
// through toDailySeries as the recompute reads them (app/sync/recompute/recompute.server.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { toDailySeries } from "~/core/decisions/series";
import { itemPayload, levelPayload, productPayload, syncHarness, type SyncHarness } from "./support";

let h: SyncHarness;
let snapshotShopInventory: typeof import("~/sync/inventory/snapshot.server").snapshotShopInventory;

/** A shop with variant 11 (item 90011, tracked) and variant 12 (item 90012, untracked). */
async function shop(domain: string, timezone = "UTC") {
  const body = productPayload({
    id: 1,
    updatedAt: "2026-03-01T00:00:00Z",
    variants: [
      { id: 11, price: "10.00" },
      { id: 12, price: "10.00" },
    ],
  });
  await h.send(domain, "products/create", body);
  // 2026-04 product payloads no longer carry inventory_management: an item's tracking comes with inventory_items/update
  await h.send(
    domain,
    "inventory_items/update",
    itemPayload({ id: 90012, cost: null, tracked: false, updatedAt: "2026-03-01T00:00:00Z" }),
  );
  await h.drain();
  const shopId = await h.shopId(domain);
  await h.prisma.shop.update({ where: { id: shopId }, data: { timezone } });
  const v = await h.prisma.variant.findFirstOrThrow({
    where: { shopId, shopifyId: "gid://shopify/ProductVariant/11" },
  });
  return { shopId, variantId: v.id };
}

async function level(domain: string, item: number, available: number, at: string, location = 1) {
  await h.send(domain, "inventory_levels/update", levelPayload({ item, location, available, updatedAt: at }));
  await h.drain();
}

async function rows(shopId: string) {
  const r = await h.prisma.inventorySnapshot.findMany({
    where: { shopId },
    orderBy: [{ day: "asc" }],
    include: { variant: true },
  });
  return r.map((x) => [x.variant.shopifyId.replace("gid://shopify/ProductVariant/", ""), x.day, x.available]);
}

/** The availability mask of variant 11 over [start, end], built as the recompute builds it. */
async function mask(shopId: string, variantId: string, start: string, end: string) {
  const snaps = await h.prisma.inventorySnapshot.findMany({ where: { shopId, variantId, day: { lte: end } } });
  return toDailySeries({ id: variantId, start, end, sales: [], snapshots: snaps }).available;
}

beforeAll(async () => {
  h = await syncHarness();
  ({ snapshotShopInventory } = await import("~/sync/inventory/snapshot.server"));
});

describe("inventory.snapshot", () => {
  it("writes a row per tracked level on the shop's day, once a day, and again only when the level changed", async () => {
    // GIVEN a shop in Auckland with levels of a tracked and an untracked variant
    const domain = "snap.myshopify.com";
    const { shopId } = await shop(domain, "Pacific/Auckland");
    await level(domain, 90011, 8, "2026-03-09T08:00:00Z");
    await level(domain, 90012, 0, "2026-03-09T08:00:00Z");
    // WHEN the snapshot runs at 23:55 UTC on March 10 (March 11 in Auckland), twice
    const first = await snapshotShopInventory(h.prisma, shopId, new Date("2026-03-10T23:55:00Z"));
    const again = await snapshotShopInventory(h.prisma, shopId, new Date("2026-03-10T23:56:00Z"));
    // THEN one row on the shop's day for the tracked variant only, and the second run writes nothing
    expect(first).toMatchObject({ day: "2026-03-11", levels: 1, written: 1 });
    expect(again.written).toBe(0);
    expect(await rows(shopId)).toEqual([["11", "2026-03-11", 8]]);
    // AND the next day writes nothing while the level is unchanged, then a row when it changed
    expect((await snapshotShopInventory(h.prisma, shopId, new Date("2026-03-11T23:55:00Z"))).written).toBe(0);
    await level(domain, 90011, 6, "2026-03-12T01:00:00Z");
    expect((await snapshotShopInventory(h.prisma, shopId, new Date("2026-03-12T23:55:00Z"))).written).toBe(1);
    expect(await rows(shopId)).toEqual([
      ["11", "2026-03-11", 8],
      ["11", "2026-03-13", 6],
    ]);
  });

  it("is registered as the inventory.snapshot job handler", async () => {
    // GIVEN the app's handlers
    const { registerAppHandlers } = await import("~/jobs/handlers.server");
    const { DbJobQueue } = await import("~/jobs/db-queue.server");
    // WHEN they are registered on a queue
    const types = registerAppHandlers(new DbJobQueue({ db: h.prisma, queue: "snap-reg" }));
    // THEN the snapshot is among them
    expect(types).toContain("inventory.snapshot");
  });
});

describe("stockout marks from inventory_levels/update", () => {
  it("keeps a day censored when the stock ran out and came back before the snapshot", async () => {
    // GIVEN a variant in stock since March 1
    const domain = "dip.myshopify.com";
    const { shopId, variantId } = await shop(domain);
    await level(domain, 90011, 5, "2026-03-01T08:00:00Z");
    await snapshotShopInventory(h.prisma, shopId, new Date("2026-03-01T23:55:00Z"));
    // WHEN it sells out at 10:00 on March 5 and is restocked at 15:00, then the snapshots of March 5 and 6 run
    await level(domain, 90011, 0, "2026-03-05T10:00:00Z");
    await level(domain, 90011, 20, "2026-03-05T15:00:00Z");
    await snapshotShopInventory(h.prisma, shopId, new Date("2026-03-05T23:55:00Z"));
    await snapshotShopInventory(h.prisma, shopId, new Date("2026-03-06T23:55:00Z"));
    // THEN March 5 is a stockout day and March 6 is in stock again
    expect(await rows(shopId)).toEqual([
      ["11", "2026-03-01", 5],
      ["11", "2026-03-05", 0],
      ["11", "2026-03-06", 20],
    ]);
    expect(await mask(shopId, variantId, "2026-03-04", "2026-03-07")).toEqual([true, false, true, true]);
  });

  it("keeps a day censored when it opened out of stock and was restocked during the day", async () => {
    // GIVEN a variant out of stock since March 2
    const domain = "opened-out.myshopify.com";
    const { shopId, variantId } = await shop(domain);
    await level(domain, 90011, 0, "2026-03-02T08:00:00Z");
    await snapshotShopInventory(h.prisma, shopId, new Date("2026-03-02T23:55:00Z"));
    // WHEN it is restocked on March 4 at 12:00, then the snapshots of March 4 and 5 run
    await level(domain, 90011, 9, "2026-03-04T12:00:00Z");
    await snapshotShopInventory(h.prisma, shopId, new Date("2026-03-04T23:55:00Z"));
    await snapshotShopInventory(h.prisma, shopId, new Date("2026-03-05T23:55:00Z"));
    // THEN March 2 to 4 are stockout days and March 5 is in stock
    expect(await rows(shopId)).toEqual([
      ["11", "2026-03-02", 0],
      ["11", "2026-03-04", 0],
      ["11", "2026-03-05", 9],
    ]);
    expect(await mask(shopId, variantId, "2026-03-01", "2026-03-05")).toEqual([true, false, false, false, true]);
  });

  it("leaves the same rows when the deliveries are replayed, and ignores a stale level", async () => {
    // GIVEN the sell-out and restock of one day, applied
    const domain = "replay-snap.myshopify.com";
    const { shopId } = await shop(domain);
    const seq: [number, string][] = [
      [5, "2026-03-01T08:00:00Z"],
      [0, "2026-03-05T10:00:00Z"],
      [20, "2026-03-05T15:00:00Z"],
    ];
    for (const [n, at] of seq) await level(domain, 90011, n, at);
    const once = await rows(shopId);
    // WHEN the whole sequence is delivered again, and an older level arrives late
    for (const [n, at] of seq) await level(domain, 90011, n, at);
    await level(domain, 90011, -3, "2026-03-05T09:00:00Z");
    // THEN the rows and the level are unchanged
    expect(await rows(shopId)).toEqual(once);
    expect(once).toEqual([["11", "2026-03-05", 0]]);
    expect((await h.prisma.inventoryLevel.findFirstOrThrow({ where: { shopId } })).available).toBe(20);
  });
});
