// The scenarios the engine averages over (docs/decisions/0013): the elasticity's posterior N(e, se^2) on a
// deterministic normal grid, times the forecast's level error as a lognormal factor with mean 1 and squared
// CV levelCv2 (the backtest's own measure, forecast/engine.ts). Expected profit, the probability that a change
// pays and its interval are all read off the same weighted grid, so they agree with each other.
import { normalGrid } from "./normal";
import type { Scenario } from "./objective";

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
