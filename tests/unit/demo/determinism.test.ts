import { describe, expect, it } from "vitest";
import { generateShop, simulateSeries, type SimShop } from "../../../app/demo/simulator";

// Plain data of a shop (functions dropped) for deep comparison.
const data = (shop: SimShop) => JSON.parse(JSON.stringify(shop));

describe("simulator determinism", () => {
  it("GIVEN the same seed WHEN a shop is generated twice THEN both are identical, oracle included", () => {
    // GIVEN / WHEN
    const a = generateShop({ seed: 5, variants: 60, days: 200 });
    const b = generateShop({ seed: 5, variants: 60, days: 200 });
    // THEN
    expect(data(a)).toEqual(data(b));
    const v = a.products[0].variants[0];
    expect(a.truthDemand(v.id, a.days[50], 9.9)).toBe(b.truthDemand(v.id, b.days[50], 9.9));
  });

  it("GIVEN two different seeds WHEN shops are generated THEN catalogue and orders differ", () => {
    const a = generateShop({ seed: 5, variants: 60, days: 200 });
    const b = generateShop({ seed: 6, variants: 60, days: 200 });
    expect(a.products.map((p) => p.title)).not.toEqual(b.products.map((p) => p.title));
    expect(a.orders.length).not.toBe(b.orders.length);
  });

  it("GIVEN the same seed WHEN series are simulated THEN they are identical; another seed differs", () => {
    const a = simulateSeries({ seed: 9, count: 20, days: 120 });
    const b = simulateSeries({ seed: 9, count: 20, days: 120 });
    const c = simulateSeries({ seed: 10, count: 20, days: 120 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.map((s) => s.units)).not.toEqual(c.map((s) => s.units));
  });

  it("GIVEN chunked generation WHEN series 10..19 are asked for directly THEN they equal the same slice of one big call", () => {
    const all = simulateSeries({ seed: 3, count: 20, days: 90, horizon: 14 });
    const chunk = simulateSeries({ seed: 3, count: 10, offset: 10, days: 90, horizon: 14 });
    expect(JSON.stringify(chunk)).toBe(JSON.stringify(all.slice(10)));
  });

  it("GIVEN more variants WHEN the shop grows THEN the first variants' catalogue entries stay the same", () => {
    const small = generateShop({ seed: 4, variants: 30, days: 60 });
    const big = generateShop({ seed: 4, variants: 90, days: 60 });
    const ids = (s: SimShop) =>
      s.products.flatMap((p) => p.variants.map((v) => `${v.sku} ${v.price} ${v.truth.elasticity}`));
    expect(ids(big).slice(0, 28)).toEqual(ids(small).slice(0, 28));
  });
});
