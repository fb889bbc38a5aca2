import { beforeAll, describe, expect, it } from "vitest";
import {
  CATEGORIES,
  ELASTICITY_RANGE,
  generateShop,
  shopSeries,
  type ShopSeries,
  type SimShop,
} from "../../../app/demo/simulator";

// The default demo shop must meet issue 2's list and issue 4's benchmark needs.
describe("generateShop: the default demo shop", () => {
  let shop: SimShop;
  let series: ShopSeries[];
  beforeAll(() => {
    // GIVEN the default options (600 variants, 730 days)
    // WHEN the shop is generated and aggregated to daily series as the app would
    shop = generateShop({ seed: 2026 });
    series = shopSeries(shop);
  }, 60_000);

  const variants = () => shop.products.flatMap((p) => p.variants);

  it("has at least 500 variants across at least 3 product types and 3 vendors, and 2 locations", () => {
    // THEN the catalogue is big and varied enough
    expect(variants().length).toBe(600);
    expect(new Set(shop.products.map((p) => p.productType)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(shop.products.map((p) => p.vendor)).size).toBeGreaterThanOrEqual(3);
    expect(shop.locations.map((l) => l.id)).toEqual(["gid://shopify/Location/1", "gid://shopify/Location/2"]);
    expect(new Set(variants().map((v) => v.sku)).size).toBe(600);
    expect(new Set(shop.products.map((p) => p.handle)).size).toBe(shop.products.length);
  });

  it("covers 730 consecutive days ending on the default end date", () => {
    expect(shop.days).toHaveLength(730);
    expect(shop.days.at(-1)).toBe("2026-11-25");
    expect(shop.days[0]).toBe("2024-11-26");
  });

  it("stays within the order-line budget and keeps orders in time order", () => {
    const lines = shop.orders.reduce((a, o) => a + o.lines.length, 0);
    expect(lines).toBeGreaterThan(50_000);
    expect(lines).toBeLessThanOrEqual(250_000);
    const misnamed = shop.orders.filter((o, i) => o.name !== `#${1001 + i}`);
    expect(misnamed).toEqual([]);
    const instants = shop.orders.map((o) => Date.parse(o.createdAt));
    const backwards = instants.filter((t, i) => i > 0 && t < instants[i - 1]);
    expect(backwards).toEqual([]);
  });

  it("has stockout days: snapshots at 0, and no sale on a day that opens out of stock", () => {
    const censored = series.reduce((a, s) => a + s.available.filter((x) => !x).length, 0);
    expect(censored).toBeGreaterThan(0);
    expect(shop.snapshots.some((s) => s.available === 0)).toBe(true);
    const withStockouts = series.filter((s) => s.truth.launchDay === null && s.available.some((a) => !a));
    expect(withStockouts.length).toBeGreaterThan(50);
    // A location that opens with 0 sells nothing there that day.
    const outDays = new Set<string>(); // "variant|location|day" of every day that opened at 0
    const rows = shop.snapshots;
    rows.forEach((row, r) => {
      if (row.available !== 0) return;
      const next = rows[r + 1];
      const end = next && next.variantId === row.variantId && next.locationId === row.locationId ? next.day : "9999";
      for (const day of shop.days)
        if (day >= row.day && day < end) outDays.add(`${row.variantId}|${row.locationId}|${day}`);
    });
    const soldWhileOut = shop.orders.filter(
      (o) => !o.cancelledAt && o.lines.some((l) => outDays.has(`${l.variantId}|${o.locationId}|${o.day}`)),
    );
    expect(outDays.size).toBeGreaterThan(1000);
    expect(soldWhileOut).toEqual([]);
  });

  it("has repeat customers, and gateway customers come back more often", () => {
    const orders = new Map<string, number>();
    for (const o of shop.orders)
      if (o.customerId && !o.cancelledAt) orders.set(o.customerId, (orders.get(o.customerId) ?? 0) + 1);
    const repeatShare = (list: typeof shop.customers) => {
      const active = list.filter((c) => orders.has(c.id));
      return active.filter((c) => orders.get(c.id)! > 1).length / active.length;
    };
    expect([...orders.values()].filter((n) => n > 1).length).toBeGreaterThan(1000);
    const gateway = repeatShare(shop.customers.filter((c) => c.acquiredByGateway));
    const other = repeatShare(shop.customers.filter((c) => !c.acquiredByGateway));
    expect(gateway).toBeGreaterThan(other + 0.15);
  });

  it("has past price changes, promotions with compare-at prices, and automatic discounts", () => {
    const perVariant = new Map<string, number>();
    for (const row of shop.priceHistory) perVariant.set(row.variantId, (perVariant.get(row.variantId) ?? 0) + 1);
    expect(perVariant.size).toBe(600); // every variant has its starting row
    expect([...perVariant.values()].filter((n) => n >= 3).length).toBeGreaterThan(300);
    expect(shop.priceHistory.some((r) => r.compareAtPrice !== null && r.compareAtPrice > r.price)).toBe(true);
    expect(shop.orders.some((o) => o.lines.some((l) => l.discount > 0))).toBe(true);
  });

  it("has unit costs, with a few missing on purpose, and costs below prices", () => {
    const missing = variants().filter((v) => v.unitCost === null);
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.length).toBeLessThan(60);
    expect(variants().filter((v) => v.unitCost !== null && v.unitCost >= v.truth.referencePrice)).toEqual([]);
  });

  it("gives every vendor a lead time, spread, MOQ and case pack", () => {
    for (const v of shop.vendors) {
      expect(v.leadTimeDays).toBeGreaterThan(0);
      expect(v.leadTimeSdDays).toBeGreaterThan(0);
      expect(v.moq).toBeGreaterThanOrEqual(1);
      expect(v.casePack).toBeGreaterThanOrEqual(1);
    }
    expect(new Set(shop.vendors.map((v) => v.leadTimeDays)).size).toBeGreaterThan(3);
  });

  it("has per-category elasticities between -0.8 and -4, an intermittent tail, gateways and new variants", () => {
    const cats = CATEGORIES.map((c) => c.elasticity);
    expect(Math.max(...cats)).toBe(-0.8);
    expect(Math.min(...cats)).toBe(-4);
    const outside = variants().filter(
      (v) => v.truth.elasticity < ELASTICITY_RANGE[0] || v.truth.elasticity > ELASTICITY_RANGE[1],
    );
    expect(outside).toEqual([]);
    expect(variants().filter((v) => v.truth.intermittent).length).toBeGreaterThan(100);
    expect(variants().filter((v) => v.truth.gateway).length).toBeGreaterThan(5);
    expect(variants().filter((v) => v.truth.launchDay !== null).length).toBeGreaterThan(0);
  });

  it("reports current inventory at both locations, with incoming stock somewhere", () => {
    expect(shop.inventory).toHaveLength(1200);
    const wrong = shop.inventory.filter(
      (l) => l.available < 0 || l.onHand < l.available || (l.incoming === 0) !== (l.incomingArrival === null),
    );
    expect(wrong).toEqual([]);
    expect(shop.inventory.some((l) => l.incoming > 0 && l.incomingArrival! > shop.days.at(-1)!)).toBe(true);
  });
});
