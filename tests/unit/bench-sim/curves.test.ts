import { describe, expect, it } from "vitest";
import { pointElasticity, trueMean } from "../../bench/sim/index";
import { dayOfYear } from "../../bench/sim/base-demand";
import { makeResponse, priceResponse, thresholdsBelow } from "../../bench/sim/demand-curves";
import { shop, variantsWhere } from "./fixture";

const DAY = 20_000; // any calendar day (day number)
const plain = (f: string) => variantsWhere((v) => v.response.family === f && v.response.driftKappa === 0);

describe("benchmark simulator: price response families", () => {
  it("GIVEN linear demand WHEN the point elasticity is taken THEN it is -b p / (pref (1 + b) - b p)", () => {
    // GIVEN
    const s = shop();
    const o = s.days;
    for (const v of plain("linear").slice(0, 10)) {
      const { b, pref } = v.response;
      for (const p of [0.9 * pref, pref, 1.1 * pref]) {
        // WHEN
        const e = pointElasticity(s, v, o, o + 3, p);
        // THEN
        const exact = (-b * p) / (pref * (1 + b) - b * p);
        expect(Math.abs(e - exact)).toBeLessThan(1e-4 * Math.abs(exact) + 1e-6);
      }
    }
  });

  it("GIVEN logit demand WHEN the point elasticity is taken THEN it is -beta p (1 - S(p)) and equals the target at pref", () => {
    // GIVEN
    const s = shop();
    const o = s.days;
    for (const v of plain("logit").slice(0, 10)) {
      const { beta, pMid, pref, elasticityAtRef } = v.response;
      for (const p of [0.85 * pref, pref, 1.15 * pref]) {
        // WHEN
        const e = pointElasticity(s, v, o, o + 3, p);
        // THEN
        const S = 1 / (1 + Math.exp(beta * (p - pMid)));
        expect(Math.abs(e - -beta * p * (1 - S))).toBeLessThan(1e-4 * beta * p + 1e-6);
      }
      expect(pointElasticity(s, v, o, o, pref)).toBeCloseTo(elasticityAtRef, 3);
    }
  });

  it("GIVEN a reference-price variant held at its reference WHEN days pass THEN the elasticity goes from e - mean gamma to the long-run e", () => {
    // GIVEN
    const s = shop();
    const o = s.days;
    for (const v of plain("reference").slice(0, 10)) {
      const r = v.response;
      const p = v.reference[o];
      for (const k of [0, 5, 40]) {
        // WHEN
        const e = pointElasticity(s, v, o, o + k, p);
        // THEN: the reference part weighs memory^k; at the kink both sides are averaged
        expect(e).toBeCloseTo(r.e - ((r.gammaLoss + r.gammaGain) / 2) * Math.pow(r.memory, k), 2);
      }
    }
  });

  it("GIVEN loss aversion WHEN the price moves 10% above or below the reference THEN the rise loses more than the cut gains, beyond the long-run curve", () => {
    // GIVEN
    const r = makeResponse("reference", 10, -2, { gammaLoss: 1.5, gammaGain: 0.5 });
    const longRun = (p: number) => Math.pow(p / 10, -2);
    // WHEN
    const rise = Math.log(priceResponse(r, 11, DAY, 10) / longRun(11));
    const cut = Math.log(priceResponse(r, 9, DAY, 10) / longRun(9));
    // THEN
    expect(rise).toBeCloseTo(-1.5 * Math.log(1.1), 10);
    expect(cut).toBeCloseTo(-0.5 * Math.log(0.9), 10);
    expect(-rise).toBeGreaterThan(2 * cut);
    // and once the reference has caught up, only the long-run curve is left
    expect(priceResponse(r, 11, DAY, 11)).toBeCloseTo(longRun(11), 12);
  });

  it("GIVEN a threshold penalty WHEN the price crosses a round number THEN demand drops by that share; inside a band it does not jump", () => {
    // GIVEN
    const r = makeResponse("logit", 9.99, -1.5, { thresholdPenalty: 0.1, shareAtRef: 0.5 });
    const smooth = (p: number) => priceResponse(r, p, DAY, 9.99, true);
    const jump = (a: number, b: number) =>
      priceResponse(r, b, DAY, 9.99) / smooth(b) / (priceResponse(r, a, DAY, 9.99) / smooth(a));
    // WHEN / THEN
    expect(jump(9.99, 10.0)).toBeCloseTo(0.9, 12);
    expect(jump(19.99, 20.0)).toBeCloseTo(0.9, 12);
    expect(jump(10.49, 10.5)).toBeCloseTo(1, 12);
    expect(jump(10.99, 11.0)).toBeCloseTo(1, 12);
    expect(thresholdsBelow(9.99)).toBe(9);
    expect(thresholdsBelow(10)).toBe(10);
    expect(thresholdsBelow(27.5)).toBe(11);
    expect(thresholdsBelow(100)).toBe(19);
  });

  it("GIVEN a drifting variant WHEN the elasticity is compared at its yearly peak and half a year away THEN it is more price-sensitive off-peak", () => {
    // GIVEN
    const s = shop();
    const o = s.days;
    const drifting = variantsWhere(
      (v) => v.response.driftKappa > 0 && v.response.family !== "reference" && v.response.thresholdPenalty === 0,
    );
    for (const v of drifting.slice(0, 10)) {
      const dayOf = (doy: number) => {
        for (let d = o; d < o + 366; d++) if (dayOfYear(s.startDay + d) === doy) return d;
        throw new Error(`no day of year ${doy}`);
      };
      const peak = dayOf(v.response.driftPeakDay);
      const off = dayOf(((v.response.driftPeakDay + 182 - 1) % 365) + 1);
      // WHEN
      const atPeak = pointElasticity(s, v, o, peak, v.response.pref);
      const offPeak = pointElasticity(s, v, o, off, v.response.pref);
      // THEN
      expect(offPeak).toBeLessThan(atPeak);
    }
  });

  it("GIVEN any variant WHEN the mean is asked at a higher price THEN it is not higher (demand slopes down)", () => {
    const s = shop();
    for (const v of s.variants.slice(0, 100)) {
      const p = v.prices.list[s.days - 1];
      expect(trueMean(s, v, s.days, s.days + 2, p * 1.05)).toBeLessThanOrEqual(
        trueMean(s, v, s.days, s.days + 2, p) + 1e-12,
      );
    }
  });
});
