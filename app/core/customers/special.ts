// Numerical helpers for the customer models: log-gamma, Gauss hypergeometric 2F1, Nelder-Mead.

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Gamma(x), x > 0 (Lanczos approximation, g = 7). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  x -= 1;
  let a = 0.99999999999980993;
  const t = x + 7.5;
  for (let i = 0; i < 8; i++) a += LANCZOS[i] / (x + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** 2F1(a, b; c; z) by its power series, |z| < 1. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 10_000; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (Math.abs(term) < 1e-12 * Math.abs(sum)) break;
  }
  return sum;
}

/** Minimise f by Nelder-Mead from x0 (deterministic). */
export function nelderMead(
  objective: (x: number[]) => number,
  x0: number[],
  opts: { iterations?: number; step?: number } = {},
): number[] {
  // NaN (a parameter region where the objective is undefined) counts as +Infinity.
  const f = (x: number[]): number => {
    const v = objective(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  const n = x0.length;
  const step = opts.step ?? 0.5;
  let simplex = [x0, ...x0.map((_, i) => x0.map((v, j) => (i === j ? v + step : v)))];
  let values = simplex.map(f);
  for (let it = 0; it < (opts.iterations ?? 2000); it++) {
    const order = values.map((v, i) => i).sort((a, b) => values[a] - values[b]);
    simplex = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    if (Math.abs(values[n] - values[0]) < 1e-9 * (1 + Math.abs(values[0]))) break;
    const centroid = Array.from({ length: n }, (_, j) => simplex.slice(0, n).reduce((s, p) => s + p[j], 0) / n);
    const along = (t: number): number[] => centroid.map((c, j) => c + t * (simplex[n][j] - c));
    const xr = along(-1);
    const fr = f(xr);
    if (fr < values[0]) {
      const xe = along(-2);
      const fe = f(xe);
      [simplex[n], values[n]] = fe < fr ? [xe, fe] : [xr, fr];
    } else if (fr < values[n - 1]) {
      [simplex[n], values[n]] = [xr, fr];
    } else {
      const xc = along(0.5);
      const fc = f(xc);
      if (fc < values[n]) [simplex[n], values[n]] = [xc, fc];
      else {
        simplex = simplex.map((p, i) => (i === 0 ? p : p.map((v, j) => simplex[0][j] + 0.5 * (v - simplex[0][j]))));
        values = simplex.map((p, i) => (i === 0 ? values[0] : f(p)));
      }
    }
  }
  const best = values.indexOf(Math.min(...values));
  return simplex[best];
}
