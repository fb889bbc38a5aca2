import { describe, expect, it } from "vitest";
import { estimateElasticities, fitVariantElasticity, naiveLogLogElasticity } from "~/core/pricing";
import { syntheticHistory } from "./synthetic";

describe("elasticity: log-log fit with season/trend controls", { timeout: 60_000 }, () => {
  it.each([-0.8, -2, -4])("recovers a known elasticity of %s within 0.4 (3 seeds)", (truth) => {
    // GIVEN two years of seeded Poisson demand with season, trend, weekday effects, stockouts and 5 price points
    for (const seed of [11, 12, 13]) {
      const h = syntheticHistory({ elasticity: truth, seed });
      // WHEN the variant's own elasticity is fitted
      const fit = fitVariantElasticity(h);
      // THEN it is close to the truth, with a standard error that covers the miss
      expect(fit.raw).not.toBeNull();
      expect(Math.abs(fit.raw!.estimate - truth)).toBeLessThan(0.4);
      expect(fit.raw!.se).toBeGreaterThan(0.05);
      expect(fit.raw!.distinctPrices).toBeGreaterThanOrEqual(3);
    }
  });

  it("is not fooled by price rises that coincide with the seasonal peak (the naive fit is)", () => {
    // GIVEN prices raised exactly when seasonal demand is high (true elasticity -2)
    const hs = [1, 2, 3].map((seed) => syntheticHistory({ elasticity: -2, seed, confoundWithSeason: true }));
    // WHEN fitted with controls and naively (mean over three seeds)
    const fit = hs.map((h) => fitVariantElasticity(h).raw!.estimate).reduce((s, x) => s + x, 0) / 3;
    const naive = hs.map((h) => naiveLogLogElasticity(h)!.estimate).reduce((s, x) => s + x, 0) / 3;
    // THEN the controlled fit is near -2 while the naive one is far off
    expect(Math.abs(fit + 2)).toBeLessThan(0.4);
    expect(Math.abs(naive + 2)).toBeGreaterThan(1);
  });

  it("leaves stockout days out instead of reading them as zero demand", () => {
    // GIVEN stockouts concentrated in the low-price blocks (zero units recorded, available = false)
    const h = syntheticHistory({ elasticity: -2, seed: 8, stockoutRate: 0 });
    const censored = { ...h, units: [...h.units], available: h.available!.map(() => true) };
    h.prices.forEach((_, d) => {
      const lowBlock = Math.floor(d / 35) % 6 === 1 || Math.floor(d / 35) % 6 === 4;
      if (lowBlock && d % 3 === 0) {
        censored.units[d] = 0;
        censored.available[d] = false;
      }
    });
    const ignoringCensoring = { ...censored, available: undefined };
    // WHEN fitted with and without the availability flags
    const withFlags = fitVariantElasticity(censored).raw!.estimate;
    const withoutFlags = fitVariantElasticity(ignoringCensoring).raw!.estimate;
    // THEN the censored fit stays near -2 and ignoring censoring biases it towards 0
    expect(Math.abs(withFlags + 2)).toBeLessThan(0.4);
    expect(withoutFlags).toBeGreaterThan(withFlags + 0.3);
  });
});

describe("elasticity: hierarchical shrinkage", { timeout: 60_000 }, () => {
  it("falls back to the product level when a variant's price never varied, and says so", () => {
    // GIVEN a product with two varied variants (-3) and one whose price never changed
    const a = syntheticHistory({ id: "a", productId: "p", group: "g", elasticity: -3, seed: 21 });
    const b = syntheticHistory({ id: "b", productId: "p", group: "g", elasticity: -3, seed: 22 });
    const flat = syntheticHistory({
      id: "flat",
      productId: "p",
      group: "g",
      elasticity: -3,
      seed: 23,
      priceLevels: [1],
    });
    // WHEN elasticities are estimated together
    const est = estimateElasticities([a, b, flat]);
    const f = est.get("flat")!;
    // THEN the flat variant is flagged, has no own fit, and takes the product's estimate
    expect(f.priceNeverVaried).toBe(true);
    expect(f.raw).toBeNull();
    expect(f.source).toBe("product");
    expect(Math.abs(f.estimate + 3)).toBeLessThan(0.5);
    expect(f.se).toBeGreaterThan(est.get("a")!.se);
    // AND a varied variant is mostly its own
    expect(est.get("a")!.source).toBe("variant");
  });

  it("uses the group, then the shop prior (-2) when nothing closer is known", () => {
    // GIVEN one group with a well-identified product (-1) and a flat product, plus an isolated flat variant
    const known = syntheticHistory({ id: "k", productId: "pk", group: "candles", elasticity: -1, seed: 31, level: 20 });
    const flatSameGroup = syntheticHistory({
      id: "f1",
      productId: "pf",
      group: "candles",
      elasticity: -1,
      seed: 32,
      priceLevels: [1],
    });
    const est = estimateElasticities([known, flatSameGroup]);
    // WHEN the flat product is estimated
    // THEN it comes from the group, pulled towards -1
    expect(est.get("f1")!.source).toBe("group");
    expect(est.get("f1")!.estimate).toBeGreaterThan(-1.8);
    // AND a lone flat variant gets the prior
    const lone = estimateElasticities([syntheticHistory({ id: "x", elasticity: -1, seed: 33, priceLevels: [1] })]).get(
      "x",
    )!;
    expect(lone.source).toBe("prior");
    expect(lone.estimate).toBeCloseTo(-2, 5);
    expect(lone.se).toBeGreaterThan(0.9);
  });

  it("meets MAE <= 0.5 on variants with >= 3 distinct prices across categories", () => {
    // GIVEN 3 categories (-0.8, -2, -4), 2 products each, 2 variants each, lower volume
    const truth = new Map<string, number>();
    const histories = [];
    let seed = 100;
    for (const [g, e] of [
      ["a", -0.8],
      ["b", -2],
      ["c", -4],
    ] as const) {
      for (const p of [1, 2]) {
        for (const v of [1, 2]) {
          const id = `${g}${p}${v}`;
          truth.set(id, e);
          histories.push(
            syntheticHistory({ id, productId: `${g}${p}`, group: g, elasticity: e, seed: seed++, level: 2, days: 365 }),
          );
        }
      }
    }
    // WHEN estimated with shrinkage
    const est = estimateElasticities(histories);
    // THEN the mean absolute error is within the target
    const errors = [...truth].map(([id, e]) => Math.abs(est.get(id)!.estimate - e));
    expect(errors.reduce((s, x) => s + x, 0) / errors.length).toBeLessThanOrEqual(0.5);
  });
});

describe("elasticity: thin or odd histories", () => {
  it("GIVEN no sales, all days out of stock, a 3-day series and mismatched arrays WHEN estimated THEN no crash and the prior or pool answers", () => {
    const est = estimateElasticities([
      { id: "none", start: "2024-01-01", units: Array(100).fill(0), prices: Array(100).fill(null) },
      {
        id: "out",
        start: "2024-01-01",
        units: Array(100).fill(3),
        prices: Array(100).fill(10),
        available: Array(100).fill(false),
      },
      { id: "short", start: "2024-01-01", units: [1, 2, 1], prices: [10, 11, 12] },
      { id: "odd", start: "2024-01-01", units: Array(60).fill(1), prices: [10, 12] },
    ]);
    for (const id of ["none", "out", "short", "odd"]) {
      const e = est.get(id)!;
      expect(Number.isFinite(e.estimate)).toBe(true);
      expect(e.se).toBeGreaterThan(0);
    }
    for (const id of ["none", "out", "short"]) expect(est.get(id)!.raw).toBeNull();
    // the short price array is carried forward over the remaining days
    expect(est.get("odd")!.raw!.days).toBe(60);
    expect(est.get("none")!.source).toBe("prior");
  });
});
