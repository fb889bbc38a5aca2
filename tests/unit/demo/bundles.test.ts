// The simulated shop's gift box (app/demo/sim/bundles.ts), at the demo's full size.
import { beforeAll, describe, expect, it } from "vitest";
import { generateShop, withBundles, type SimShop } from "~/demo/simulator";

let plain: SimShop;
let shop: SimShop;
beforeAll(() => {
  plain = generateShop({ seed: 2026 });
  shop = withBundles(plain);
}, 60_000);

describe("withBundles", () => {
  it("GIVEN the demo-size shop WHEN the gift box is added THEN it has 3 components of the shop, its own orders, and every other row unchanged", () => {
    // GIVEN / WHEN (beforeAll)
    const box = shop.products[shop.products.length - 1].variants[0];
    const ids = new Set(plain.products.flatMap((p) => p.variants.map((v) => v.id)));
    // THEN
    expect(box.components?.map((c) => ids.has(c.variantId))).toEqual([true, true, true]);
    expect(ids.has(box.id)).toBe(false);
    expect(shop.products.slice(0, -1)).toEqual(plain.products);
    const boxOrders = shop.orders.filter((o) => o.lines.some((l) => l.variantId === box.id));
    expect(boxOrders.length).toBeGreaterThan(100);
    expect(shop.orders.length).toBe(plain.orders.length + boxOrders.length);
    const unnamed = (orders: SimShop["orders"]) => JSON.stringify(orders.map((o) => ({ ...o, name: "" })));
    const boxSet = new Set(boxOrders);
    expect(unnamed(shop.orders.filter((o) => !boxSet.has(o))) === unnamed(plain.orders)).toBe(true);
  }, 30_000);

  it("GIVEN the merged orders WHEN listed THEN they are in time order with names ascending and ids unique", () => {
    const times = shop.orders.map((o) => Date.parse(o.createdAt));
    expect(times.every((t, i) => i === 0 || t >= times[i - 1])).toBe(true);
    expect(shop.orders.map((o) => o.name).slice(0, 2)).toEqual(["#1001", "#1002"]);
    expect(new Set(shop.orders.map((o) => o.id)).size).toBe(shop.orders.length);
    expect(new Set(shop.orders.flatMap((o) => o.lines.map((l) => l.id))).size).toBe(
      shop.orders.reduce((a, o) => a + o.lines.length, 0),
    );
  }, 30_000);
});
