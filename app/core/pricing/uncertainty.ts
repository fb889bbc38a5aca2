// The scenarios the engine averages over (docs/decisions/0013): the elasticity's posterior N(e, se^2) on a
// deterministic normal grid, times the forecast's level error as a lognormal factor with mean 1 and squared
// CV levelCv2 (the backtest's own measure, forecast/engine.ts). Expected profit, the probability that a change
// pays and its interval are all read off the same weighted grid, so they agree with each other.
import { normalCdf } from "../stats/normal";
import { normalGrid } from "./normal";
import { profitAt, type ObjectiveModel, type Scenario } from "./objective";

const E_POINTS = 15;
const S_POINTS = 5;

/** Level factors: a lognormal with mean 1 and squared coefficient of variation cv2. */
export function levelFactors(cv2: number, n = S_POINTS): number[] {
  if (!(cv2 > 0) || n <= 1) return [1];
  const sigma2 = Math.log(1 + cv2);
  return normalGrid(-sigma2 / 2, Math.sqrt(sigma2), n).map(Math.exp);
}

/** `withLevel`: the level factor matters only when the objective is not linear in demand (a stock limit). */
export function scenarios(e: number, se: number, levelCv2: number, withLevel: boolean): Scenario[] {
  const es = normalGrid(e, se, E_POINTS);
  const ss = withLevel ? levelFactors(levelCv2) : [1];
  const w = 1 / (es.length * ss.length);
  const out: Scenario[] = [];
  for (const ee of es) for (const s of ss) out.push({ e: ee, s, w });
  return out;
}

export interface Uncertainty {
  e: number;
  se: number;
  levelCv2: number;
  withLevel: boolean;
}

const SIGN_POINTS = 24;
const SPAN = 6;

/**
 * P(the objective at `price` beats the current price), integrating the elasticity's normal law exactly
 * between the break-even elasticities (found by bisection where the profit difference changes sign), averaged
 * over the level factors. Continuous in its inputs, unlike a count over a grid.
 */
export function probabilityBetter(m: ObjectiveModel, price: number, u: Uncertainty): number {
  const ss = u.withLevel ? levelFactors(u.levelCv2) : [1];
  // At the current price (p0 / p0)^e is exactly 1 for every finite e: its objective depends on the level factor
  // alone, so it is evaluated once per factor (the same number the search would compute at every point).
  const once =
    u.se > 0 && Number.isFinite(u.e) && Number.isFinite(u.se) && m.currentPrice > 0 && Number.isFinite(m.currentPrice);
  let current = NaN;
  const diff = (e: number, s: number): number =>
    profitAt(m, price, e, s) - (once ? current : profitAt(m, m.currentPrice, e, s));
  if (!(u.se > 0)) return ss.reduce((a, s) => a + (diff(u.e, s) > 1e-9 ? 1 : 0), 0) / ss.length;
  let total = 0;
  for (const s of ss) {
    if (once) current = profitAt(m, m.currentPrice, u.e, s);
    const lo = u.e - SPAN * u.se;
    const step = (2 * SPAN * u.se) / SIGN_POINTS;
    let prevE = lo;
    let prevD = diff(lo, s);
    let p = 0;
    // Tails beyond the span carry the sign of the span's ends.
    if (prevD > 1e-9) p += normalCdf(-SPAN);
    for (let i = 1; i <= SIGN_POINTS; i++) {
      const e = lo + i * step;
      const d = diff(e, s);
      const a = Math.max(prevE, lo);
      if (prevD > 1e-9 && d > 1e-9) p += cdf(e, u) - cdf(a, u);
      else if (prevD > 1e-9 !== d > 1e-9) {
        const root = bisect((x) => diff(x, s), a, e, prevD > 1e-9);
        p += prevD > 1e-9 ? cdf(root, u) - cdf(a, u) : cdf(e, u) - cdf(root, u);
      }
      prevE = e;
      prevD = d;
    }
    if (prevD > 1e-9) p += 1 - normalCdf(SPAN);
    total += p;
  }
  return Math.max(0, Math.min(1, total / ss.length));
}

function cdf(e: number, u: Uncertainty): number {
  return normalCdf((e - u.e) / u.se);
}

/** The point in [a, b] where f crosses zero; `positiveAtA` says on which side f starts positive. */
function bisect(f: (x: number) => number, a: number, b: number, positiveAtA: boolean): number {
  let lo = a;
  let hi = b;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 1e-9 === positiveAtA) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
