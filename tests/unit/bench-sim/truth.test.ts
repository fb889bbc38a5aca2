import { describe, expect, it } from "vitest";
import { drawLeadTime, engineView, leadTimeOf, samplePaths, stream, trueTotal } from "../../bench/sim/index";
import { shop } from "./fixture";

describe("benchmark simulator: truth", () => {
  it("GIVEN an origin and a held price WHEN many future paths are sampled THEN their mean total matches trueTotal", () => {
    // GIVEN
    const s = shop();
    const o = s.days - 90;
    for (const v of s.variants.slice(0, 12)) {
      const p = v.prices.list[o - 1];
      // WHEN
      const paths = samplePaths(s, v, o, 28, 1500, p, 3);
      const totals = paths.map((x) => x.reduce((a, b) => a + b, 0));
      const m = totals.reduce((a, b) => a + b, 0) / totals.length;
      const sd = Math.sqrt(totals.reduce((a, b) => a + (b - m) ** 2, 0) / totals.length);
      // THEN: within 4 standard errors
      expect(Math.abs(m - trueTotal(s, v, o, 28, p))).toBeLessThanOrEqual(4 * (sd / Math.sqrt(totals.length)) + 1e-9);
    }
  });

  it("GIVEN the same seed at two prices WHEN paths are sampled THEN the lower price never sells less on a path (common random numbers)", () => {
    // GIVEN: slow movers (no chunked Poisson draws), a price 10% apart
    const s = shop();
    const slow = s.variants.filter((v) => v.demandClass === "intermittent" || v.demandClass === "lumpy").slice(0, 10);
    for (const v of slow) {
      const p = v.prices.list[s.days - 1];
      // WHEN
      const low = samplePaths(s, v, s.days, 28, 50, p * 0.9, 5);
      const high = samplePaths(s, v, s.days, 28, 50, p, 5);
      // THEN
      low.forEach((path, i) => path.forEach((u, t) => expect(u).toBeGreaterThanOrEqual(high[i][t])));
    }
  });

  it("GIVEN a vendor WHEN lead times are drawn THEN their mean and sd match the law and what the merchant entered", () => {
    // GIVEN
    const s = shop();
    const v = s.variants[0];
    const law = leadTimeOf(s, v);
    const rng = stream(1, "lead");
    // WHEN
    const xs = Array.from({ length: 20_000 }, () => drawLeadTime(law, rng));
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
    // THEN (rounding to whole days adds about 1/12 day^2 of variance)
    expect(m).toBeCloseTo(law.mean, 0);
    expect(Math.abs(sd - law.sd)).toBeLessThan(0.1 * law.sd + 0.3);
    expect(engineView(s, v).leadTime).toEqual(s.vendors[v.vendor].entered);
    expect(Math.abs(s.vendors[v.vendor].entered.meanDays - law.mean)).toBeLessThanOrEqual(0.5);
  });
});
