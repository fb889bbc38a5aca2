import { describe, expect, it } from "vitest";
import { engineView } from "../../bench/sim/index";
import { shop } from "./fixture";

describe("benchmark simulator: stock and censoring", () => {
  it("GIVEN the replenishment run WHEN sales are recorded THEN units = min(true demand, opening stock) every day", () => {
    // GIVEN
    const s = shop();
    let shortDays = 0;
    const wrong: string[] = [];
    for (const v of s.variants) {
      for (let i = 0; i < s.days; i++) {
        if (v.units[i] !== Math.min(v.demand[i], v.opening[i])) wrong.push(`${v.id} day ${i}`);
        if (v.demand[i] > v.units[i]) shortDays++;
      }
    }
    // THEN
    expect(wrong).toEqual([]);
    // and demand is really lost somewhere (the rule is biased and lead times are random)
    expect(shortDays).toBeGreaterThan(s.variants.length);
  });

  it("GIVEN the engine's view WHEN a day opens with no stock THEN it is available = false with no units and no price; true demand is kept", () => {
    // GIVEN
    const s = shop();
    let censored = 0,
      lostOnCensored = 0;
    const wrong: string[] = [];
    for (const v of s.variants) {
      // WHEN
      const { series } = engineView(s, v);
      for (let i = 0; i < s.days; i++) {
        const ok = series.available![i] === v.opening[i] > 0 && series.units[i] <= v.demand[i];
        if (!ok) wrong.push(`${v.id} day ${i}`);
        if (!series.available![i]) {
          censored++;
          lostOnCensored += v.demand[i];
          if (series.units[i] !== 0 || series.prices![i] !== null)
            wrong.push(`${v.id} day ${i} sold while out of stock`);
        }
      }
    }
    // THEN
    expect(wrong).toEqual([]);
    const share = censored / (s.days * s.variants.length);
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.2);
    expect(lostOnCensored).toBeGreaterThan(0);
  });
});
