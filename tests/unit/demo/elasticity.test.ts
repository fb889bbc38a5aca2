import { describe, expect, it } from "vitest";
import { generateShop, shopSeries, simulateSeries } from "../../../app/demo/simulator";

interface Obs {
  units: number[];
  available: boolean[];
  offeredPrice: number[];
  truthMean: number[];
  truth: { elasticity: number; referencePrice: number };
}

/**
 * Log-log slope of realised demand on price, controlling for season and trend with the true
 * baseline (truth at the reference price): one point per price level, weighted by expected units.
 * Stockout days are left out (censored).
 */
function fittedElasticity(s: Obs): { slope: number; levels: number } {
  const groups = new Map<number, { units: number; base: number }>();
  s.units.forEach((u, d) => {
    if (!s.available[d]) return;
    const p = s.offeredPrice[d];
    const base = s.truthMean[d] / Math.pow(p / s.truth.referencePrice, s.truth.elasticity);
    const g = groups.get(p) ?? { units: 0, base: 0 };
    g.units += u;
    g.base += base;
    groups.set(p, g);
  });
  const pts = [...groups].filter(([, g]) => g.units > 0 && g.base >= 20);
  const w = pts.map(([, g]) => g.base);
  const x = pts.map(([p]) => Math.log(p / s.truth.referencePrice));
  const y = pts.map(([, g]) => Math.log(g.units / g.base));
  const W = w.reduce((a, b) => a + b, 0);
  const mx = x.reduce((a, v, i) => a + v * w[i], 0) / W;
  const my = y.reduce((a, v, i) => a + v * w[i], 0) / W;
  let sxy = 0;
  let sxx = 0;
  x.forEach((v, i) => {
    sxy += w[i] * (v - mx) * (y[i] - my);
    sxx += w[i] * (v - mx) ** 2;
  });
  return { slope: sxy / sxx, levels: pts.length };
}

describe("price response follows the true elasticity", () => {
  it("GIVEN fast series with a known elasticity of -2 WHEN prices change THEN the log-log slope averages about -2", () => {
    // GIVEN ten fast movers without stockouts
    const all = simulateSeries({
      seed: 21,
      count: 10,
      days: 730,
      tier: "head",
      stockouts: false,
      truth: { baseRate: 60, elasticity: -2, dispersion: Number.POSITIVE_INFINITY },
    });
    // WHEN each one's slope is fitted
    const fits = all.map(fittedElasticity).filter((f) => f.levels >= 2);
    const mean = fits.reduce((a, f) => a + f.slope, 0) / fits.length;
    // THEN they recover the truth on average
    expect(fits.length).toBeGreaterThanOrEqual(8);
    expect(mean).toBeGreaterThan(-2.1);
    expect(mean).toBeLessThan(-1.9);
  });

  it("GIVEN the demo shop WHEN the biggest variant's orders are aggregated THEN realised demand responds with about its true elasticity", () => {
    // GIVEN a full shop, and its best-selling variant that saw at least 3 price levels
    const shop = generateShop({ seed: 2026, variants: 200 });
    const series = shopSeries(shop).filter((s) => !s.truth.intermittent && new Set(s.offeredPrice).size >= 3);
    const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
    const big = series.sort((a, b) => sum(b.units) - sum(a.units))[0];
    // WHEN the slope is fitted on realised units, outside stockouts
    const fit = fittedElasticity(big);
    // THEN it lands within 0.5 of the truth, and price rises lower demand
    expect(sum(big.units)).toBeGreaterThan(1500);
    expect(Math.abs(fit.slope - big.truth.elasticity)).toBeLessThan(0.5);
    expect(fit.slope).toBeLessThan(0);
  }, 30_000);

  it("GIVEN the shop oracle WHEN asked for demand at a higher price THEN it scales by (p1/p0)^elasticity", () => {
    const shop = generateShop({ seed: 1, variants: 10, days: 60 });
    const v = shop.products[0].variants[0];
    const day = shop.days[30];
    const p0 = v.truth.referencePrice;
    const ratio = shop.truthDemand(v.id, day, p0 * 1.1) / shop.truthDemand(v.id, day, p0);
    expect(ratio).toBeCloseTo(Math.pow(1.1, v.truth.elasticity), 10);
  });
});
