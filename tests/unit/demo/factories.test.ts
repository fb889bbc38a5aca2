import { describe, expect, it } from "vitest";
import {
  buildDailySeries,
  buildOrder,
  buildOrders,
  buildProduct,
  buildSeriesSet,
  buildShop,
  buildVariant,
} from "../../factories";

describe("test factories", () => {
  it("GIVEN no overrides WHEN a shop is built THEN it is small, deterministic and still has stockouts and repeat customers", () => {
    // GIVEN / WHEN
    const shop = buildShop();
    // THEN
    expect(shop.products.flatMap((p) => p.variants)).toHaveLength(40);
    expect(shop.days).toHaveLength(180);
    expect(shop.snapshots.some((s) => s.available === 0)).toBe(true);
    const counts = new Map<string, number>();
    for (const o of shop.orders) if (o.customerId) counts.set(o.customerId, (counts.get(o.customerId) ?? 0) + 1);
    expect([...counts.values()].some((n) => n > 1)).toBe(true);
    expect(JSON.stringify(buildShop().orders)).toBe(JSON.stringify(shop.orders));
  });

  it("GIVEN overrides WHEN variants and products are built THEN the overridden fields win and the rest stays simulated", () => {
    const v = buildVariant({ unitCost: null, price: 12.5, truth: { elasticity: -3 } });
    expect(v.unitCost).toBeNull();
    expect(v.price).toBe(12.5);
    expect(v.truth.elasticity).toBe(-3);
    expect(v.truth.weekly).toHaveLength(7);
    const p = buildProduct({ productType: "Thé", index: 2 });
    expect(p.productType).toBe("Thé");
    expect(p.variants.length).toBeGreaterThan(0);
  });

  it("GIVEN a built variant WHEN a test mutates it THEN the next build is unaffected", () => {
    const a = buildVariant();
    a.truth.elasticity = 99;
    a.price = -1;
    const b = buildVariant();
    expect(b.truth.elasticity).not.toBe(99);
    expect(b.price).toBeGreaterThan(0);
  });

  it("GIVEN hand-made units WHEN a series is built THEN they are used as given with full availability", () => {
    const s = buildDailySeries({ units: [0, 2, 0, 5], id: "sku-1", group: "Café" });
    expect(s.units).toEqual([0, 2, 0, 5]);
    expect(s.available).toEqual([true, true, true, true]);
    expect(s.prices[0]).toBeNull();
    expect(s.prices[1]).toBeGreaterThan(0);
    expect(s.id).toBe("sku-1");
    expect(s.group).toBe("Café");
  });

  it("GIVEN series options WHEN series are built THEN the truth override applies and sets are deterministic", () => {
    const s = buildDailySeries({ days: 90, truth: { elasticity: -1.5 }, tier: "head" });
    expect(s.units).toHaveLength(90);
    expect(s.truth.elasticity).toBe(-1.5);
    expect(JSON.stringify(buildSeriesSet(3))).toBe(JSON.stringify(buildSeriesSet(3)));
    expect(() => buildDailySeries({ units: [1, 2], available: [true] })).toThrow(/same length/);
  });

  it("GIVEN orders builders WHEN cancelled orders are excluded or one order is overridden THEN the result follows", () => {
    const all = buildOrders();
    const kept = buildOrders({ includeCancelled: false });
    expect(kept.every((o) => o.cancelledAt === null)).toBe(true);
    expect(kept.length).toBeLessThanOrEqual(all.length);
    const o = buildOrder({ email: null, lines: [{ quantity: 3 }, { quantity: 1, discount: 2 }] });
    expect(o.email).toBeNull();
    expect(o.lines.map((l) => l.quantity)).toEqual([3, 1]);
    expect(new Set(o.lines.map((l) => l.id)).size).toBe(2);
  });
});
