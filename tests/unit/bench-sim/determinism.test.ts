import { describe, expect, it } from "vitest";
import { generateBenchShop, samplePaths } from "../../bench/sim/index";
import type { BenchShop } from "../../bench/sim/types";

// Every array of every variant, as plain text, for exact comparison.
const digest = (s: BenchShop) =>
  JSON.stringify(s, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v));

describe("benchmark simulator: determinism", () => {
  it("GIVEN the same seed WHEN a shop is generated twice THEN both are identical to the last array", () => {
    // GIVEN / WHEN
    const a = generateBenchShop({ seed: 7, variants: 40, days: 200 });
    const b = generateBenchShop({ seed: 7, variants: 40, days: 200 });
    // THEN
    expect(digest(a)).toBe(digest(b));
  });

  it("GIVEN another seed WHEN a shop is generated THEN demand and prices differ", () => {
    // GIVEN / WHEN
    const a = generateBenchShop({ seed: 7, variants: 40, days: 200 });
    const c = generateBenchShop({ seed: 8, variants: 40, days: 200 });
    // THEN
    expect(Array.from(a.variants[0].demand)).not.toEqual(Array.from(c.variants[0].demand));
    expect(a.variants.map((v) => v.response.pref)).not.toEqual(c.variants.map((v) => v.response.pref));
  });

  it("GIVEN the same seed WHEN future paths are sampled twice THEN they are identical; another seed differs", () => {
    // GIVEN
    const shop = generateBenchShop({ seed: 7, variants: 5, days: 200 });
    const v = shop.variants[0];
    // WHEN
    const a = samplePaths(shop, v, 150, 30, 20, 12.99, 1);
    const b = samplePaths(shop, v, 150, 30, 20, 12.99, 1);
    const c = samplePaths(shop, v, 150, 30, 20, 12.99, 2);
    // THEN
    expect(a.map((p) => Array.from(p))).toEqual(b.map((p) => Array.from(p)));
    expect(a.map((p) => Array.from(p))).not.toEqual(c.map((p) => Array.from(p)));
  });

  it("GIVEN bad options WHEN a shop is asked for THEN the error names the option", () => {
    expect(() => generateBenchShop({ seed: 1, variants: 0 })).toThrow(/variants/);
    expect(() => generateBenchShop({ seed: 1, days: 10 })).toThrow(/days/);
    expect(() => generateBenchShop({ seed: 1, end: "26/11/2026" })).toThrow(/end/);
  });
});
