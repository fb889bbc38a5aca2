import { describe, expect, it } from "vitest";
import { generateShop, shopSeries } from "../../../app/demo/simulator";

describe("simulator inputs", () => {
  it.each([
    [{ seed: -1 }, /seed/],
    [{ seed: 1.5 }, /seed/],
    [{ seed: 1, variants: 0 }, /variants/],
    [{ seed: 1, days: 0 }, /days/],
    [{ seed: 1, endDate: "2026-02-30" }, /endDate.*2026-02-30/],
    [{ seed: 1, endDate: "25/11/2026" }, /endDate/],
  ])("GIVEN bad options %j WHEN generating a shop THEN the error names the option", (opts, message) => {
    expect(() => generateShop(opts)).toThrow(message);
  });

  it.each([
    [1, 1],
    [1, 7],
    [3, 45],
  ])("GIVEN a tiny shop (%i variants, %i days) WHEN generated THEN it is consistent", (variants, days) => {
    const shop = generateShop({ seed: 1, variants, days });
    const series = shopSeries(shop);
    expect(series).toHaveLength(variants);
    expect(series.every((s) => s.units.length === days)).toBe(true);
    expect(shop.inventory).toHaveLength(variants * 2);
  });

  it("GIVEN an unknown variant WHEN the oracle is asked THEN it says which one", () => {
    const shop = generateShop({ seed: 1, variants: 2, days: 10 });
    expect(() => shop.truthDemand("gid://shopify/ProductVariant/1", shop.days[0], 10)).toThrow(/ProductVariant\/1/);
    const v = shop.products[0].variants[0];
    expect(() => shop.truthDemand(v.id, shop.days[0], 0)).toThrow(/price/);
  });
});
