// The elasticity fit's IRLS (app/core/pricing/elasticity-fit.ts) sums X'WX cell by cell as dot products over the
// rows, with the day-of-week dummies apart: the same products in the same order as the plain triple loop that skips
// zeros, so the fitted coefficients and the Cholesky factor must be equal to the last bit (decision 0034).
import { describe, expect, it } from "vitest";
import { irls } from "~/core/pricing/elasticity-fit";
import { cholesky, choleskySolve } from "~/core/pricing/linalg";
import { mulberry32 } from "~/core/random";

/** The plain IRLS of before: every row, every pair of its non-zero columns. */
function plainIrls(
  X: Float64Array,
  m: number,
  k: number,
  y: number[],
  beta: number[],
  penalise: (xtwx: number[][]) => void,
): number[][] | null {
  let chol: number[][] | null = null;
  for (let iter = 0; iter < 50; iter++) {
    const xtwx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    const xtwz = new Array<number>(k).fill(0);
    for (let r = 0; r < m; r++) {
      let eta = 0;
      for (let j = 0; j < k; j++) eta += X[r * k + j] * beta[j];
      eta = Math.max(-20, Math.min(20, eta));
      const mu = Math.exp(eta);
      const z = eta + (y[r] - mu) / mu;
      for (let a = 0; a < k; a++) {
        if (X[r * k + a] === 0) continue;
        const wa = mu * X[r * k + a];
        xtwz[a] += wa * z;
        for (let b = 0; b <= a; b++) if (X[r * k + b] !== 0) xtwx[a][b] += wa * X[r * k + b];
      }
    }
    for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) xtwx[b][a] = xtwx[a][b];
    penalise(xtwx);
    chol = cholesky(xtwx);
    if (!chol) break;
    const next = choleskySolve(chol, xtwz);
    const delta = Math.max(...next.map((v, j) => Math.abs(v - beta[j])));
    for (let j = 0; j < k; j++) beta[j] = next[j];
    if (delta < 1e-6) break;
  }
  return chol;
}

/** A design like the fit's: 1, log price (piecewise, 0 at the current price), trend, dummies, Fourier, curvature. */
function design(rand: () => number, m: number, useDow: boolean, useSeason: boolean, useCurve: boolean) {
  const k = 3 + (useDow ? 6 : 0) + (useSeason ? 4 : 0) + (useCurve ? 1 : 0);
  const X = new Float64Array(m * k);
  const y: number[] = [];
  const cut1 = Math.floor(m * rand());
  const cut2 = cut1 + Math.floor((m - cut1) * rand());
  for (let r = 0; r < m; r++) {
    const x = r < cut1 ? Math.log(1.2) : r < cut2 ? Math.log(0.9) : 0;
    const o = r * k;
    let c = 0;
    X[o + c++] = 1;
    X[o + c++] = x;
    X[o + c++] = (r - (m - 1) / 2) / 365;
    if (useDow) for (let d = 1; d < 7; d++) X[o + c++] = r % 7 === d ? 1 : 0;
    if (useSeason)
      for (let f = 1; f <= 2; f++) {
        X[o + c++] = Math.sin((2 * Math.PI * f * r) / 365.25);
        X[o + c++] = Math.cos((2 * Math.PI * f * r) / 365.25);
      }
    if (useCurve) X[o + c++] = x * x;
    y.push(Math.floor(-Math.log(1 - rand()) * (0.2 + 3 * rand()) * Math.exp(-1.5 * x)));
  }
  return { X, y, k };
}

describe("irls", () => {
  it("GIVEN fit-like designs of every shape WHEN fitted THEN the coefficients and the factor equal the plain loop's to the last bit", () => {
    const rand = mulberry32(34);
    let compared = 0;
    for (const m of [20, 60, 300, 730])
      for (const useDow of [false, true])
        for (const useSeason of [false, true])
          for (const useCurve of [false, true])
            for (let rep = 0; rep < 3; rep++) {
              // GIVEN
              const { X, y, k } = design(rand, m, useDow, useSeason, useCurve);
              const start = Math.log(y.reduce((a, b) => a + b, 0) / m + 1e-3);
              const penalise = (xtwx: number[][]) => {
                for (let a = 1; a < k; a++) xtwx[a][a] += 1e-4 * m;
                if (useCurve) xtwx[k - 1][k - 1] += 1;
                else xtwx[1][1] += 1e6;
              };
              const plainBeta = [start, ...new Array<number>(k - 1).fill(0)];
              const fastBeta = [...plainBeta];
              // WHEN
              const plain = plainIrls(X, m, k, y, plainBeta, penalise);
              const fast = irls(X, m, k, useDow, y, fastBeta, penalise);
              // THEN
              expect(fastBeta).toEqual(plainBeta);
              fastBeta.forEach((b, j) => expect(Object.is(b, plainBeta[j]), `beta[${j}]`).toBe(true));
              expect(fast).toEqual(plain);
              compared++;
            }
    expect(compared).toBe(96);
  });
});
