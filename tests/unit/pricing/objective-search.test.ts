// The pricing search's shortcuts (decision 0034) give the numbers of the plain evaluation to the last bit:
// profitAt and profitsByScenario (one power per elasticity) equal outcomeAt(...).profit, and probabilityBetter,
// which evaluates the current price once per level factor, equals the search that evaluates it at every point.
import { describe, expect, it } from "vitest";
import { outcomeAt, profitAt, profitsByScenario, type ObjectiveModel } from "~/core/pricing/objective";
import { levelFactors, probabilityBetter, scenarios, type Uncertainty } from "~/core/pricing/uncertainty";
import { normalCdf } from "~/core/stats/normal";
import { mulberry32 } from "~/core/random";

function model(rand: () => number): ObjectiveModel {
  const capped = rand() < 0.7;
  return {
    currentPrice: 5 + 40 * rand(),
    unitCost: 2 + 10 * rand(),
    fees: { paymentFeePct: 0.029, fulfilmentCost: rand() },
    windowDays: 28,
    demandBefore: 20 * rand(),
    demandAfter: 10 * rand(),
    stock: capped ? Math.floor(30 * rand()) : null,
    daysBefore: 28,
    overdispersion: rand(),
    holdingCostPct: 0.25,
    sellThrough: rand() < 0.5 ? { days: 90, demand: 60 * rand(), stock: Math.floor(80 * rand()) } : null,
    clvPerUnit: rand(),
  };
}

/** probabilityBetter as it was: the current price evaluated at every point of the search. */
function plainProbabilityBetter(m: ObjectiveModel, price: number, u: Uncertainty): number {
  const ss = u.withLevel ? levelFactors(u.levelCv2) : [1];
  const diff = (e: number, s: number) => outcomeAt(m, price, e, s).profit - outcomeAt(m, m.currentPrice, e, s).profit;
  const cdf = (e: number) => normalCdf((e - u.e) / u.se);
  let total = 0;
  for (const s of ss) {
    const lo = u.e - 6 * u.se;
    const step = (12 * u.se) / 24;
    let prevE = lo;
    let prevD = diff(lo, s);
    let p = 0;
    if (prevD > 1e-9) p += normalCdf(-6);
    for (let i = 1; i <= 24; i++) {
      const e = lo + i * step;
      const d = diff(e, s);
      const a = Math.max(prevE, lo);
      if (prevD > 1e-9 && d > 1e-9) p += cdf(e) - cdf(a);
      else if (prevD > 1e-9 !== d > 1e-9) {
        let x0 = a;
        let x1 = e;
        for (let k = 0; k < 40; k++) {
          const mid = (x0 + x1) / 2;
          if (diff(mid, s) > 1e-9 === prevD > 1e-9) x0 = mid;
          else x1 = mid;
        }
        const root = (x0 + x1) / 2;
        p += prevD > 1e-9 ? cdf(root) - cdf(a) : cdf(e) - cdf(root);
      }
      prevE = e;
      prevD = d;
    }
    if (prevD > 1e-9) p += 1 - normalCdf(6);
    total += p;
  }
  return Math.max(0, Math.min(1, total / ss.length));
}

describe("the pricing search's evaluations", () => {
  it("GIVEN random models, prices and uncertainties WHEN evaluated THEN the shortcuts equal the plain evaluation to the last bit", () => {
    const rand = mulberry32(3434);
    for (let n = 0; n < 300; n++) {
      // GIVEN
      const m = model(rand);
      const price = m.currentPrice * (0.7 + 0.6 * rand());
      const u: Uncertainty = {
        e: -0.5 - 3 * rand(),
        se: 0.05 + rand(),
        levelCv2: 0.3 * rand(),
        withLevel: rand() < 0.6,
      };
      const grid = scenarios(u.e, u.se, u.levelCv2, u.withLevel);
      // WHEN
      const profits = profitsByScenario(m, price, grid);
      const p = probabilityBetter(m, price, u);
      // THEN
      grid.forEach((sc, k) => {
        expect(profits[k]).toBe(outcomeAt(m, price, sc.e, sc.s).profit);
        expect(profitAt(m, price, sc.e, sc.s)).toBe(outcomeAt(m, price, sc.e, sc.s).profit);
      });
      expect(p).toBe(plainProbabilityBetter(m, price, u));
    }
  });
});
