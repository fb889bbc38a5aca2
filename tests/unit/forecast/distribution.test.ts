// Count quantiles (Poisson / negative binomial) and the method-of-moments dispersion.
import { describe, expect, it } from "vitest";
import { countQuantile, dispersionFromResiduals, sizeFromMoments } from "../../../app/core/forecast/index";

describe("count distributions", () => {
  it("GIVEN Poisson(2) WHEN quantiles THEN median 2 and 95% quantile 5", () => {
    // P(X<=1) = 0.406, P(X<=2) = 0.677, P(X<=4) = 0.947, P(X<=5) = 0.983
    expect(countQuantile(2, Infinity, 0.5)).toBe(2);
    expect(countQuantile(2, Infinity, 0.95)).toBe(5);
  });

  it("GIVEN NB(mean 2, size 1) (geometric) WHEN the 90% quantile THEN 5", () => {
    // CDF(x) = 1 - (2/3)^(x+1): CDF(4) = 0.868, CDF(5) = 0.912
    expect(countQuantile(2, 1, 0.9)).toBe(5);
  });

  it("GIVEN a huge mean WHEN quantile THEN the normal approximation stays close to the mean", () => {
    const q = countQuantile(5000, Infinity, 0.5);
    expect(Math.abs(q - 5000)).toBeLessThanOrEqual(1);
  });

  it("GIVEN errors no larger than Poisson WHEN dispersion THEN Infinity (Poisson)", () => {
    expect(dispersionFromResiduals(10, 10, 20)).toBe(Infinity);
  });

  it("GIVEN over-dispersed errors WHEN dispersion THEN the moment estimate mu^2 / (var - mu)", () => {
    // sum e^2 = 30, sum mu = 10, sum mu^2 = 40: 1/k = 20/40, k = 2
    expect(dispersionFromResiduals(30, 10, 40)).toBeCloseTo(2, 12);
    expect(sizeFromMoments(10, 60)).toBeCloseTo(2, 12);
    expect(sizeFromMoments(10, 8)).toBe(Infinity);
  });
});
