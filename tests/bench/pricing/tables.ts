// The tables of bench:pricing, from the per-case scores of both simulators.
import { fmt, mean, pct, quantile } from "../lib/report";
import type { SimName } from "./cases";
import { POLICIES, type CaseScore, type Policy } from "./score";

const tol = (s: CaseScore) => 1e-9 * Math.abs(s.current) + 1e-6;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export function upliftShare(
  scores: CaseScore[],
  value: (s: CaseScore) => number,
  oracle = (s: CaseScore) => s.oracle,
  current = (s: CaseScore) => s.current,
): number {
  return sum(scores.map((s) => value(s) - current(s))) / sum(scores.map((s) => oracle(s) - current(s)));
}

export interface PolicySummary {
  uplift: number;
  changed: number;
  lowers: number;
  lowersOfChanges: number;
  violations: number;
}

export function policySummary(scores: CaseScore[], pol: Policy): PolicySummary {
  const changed = scores.filter(
    (s) => Math.round(s.price[pol] * 100) !== Math.round(s.price["keep current price"] * 100),
  );
  const lowers = scores.filter((s) => s.profit[pol] < s.current - tol(s));
  return {
    uplift: upliftShare(scores, (s) => s.profit[pol]),
    changed: changed.length / scores.length,
    lowers: lowers.length / scores.length,
    lowersOfChanges: changed.length ? lowers.length / changed.length : NaN,
    violations: pol === "engine" ? scores.filter((s) => s.engineViolations > 0).length : 0,
  };
}

export function policyRows(bySim: Map<SimName, CaseScore[]>): (string | number)[][] {
  return POLICIES.map((pol) => {
    const row: (string | number)[] = [pol];
    for (const scores of bySim.values()) {
      const p = policySummary(scores, pol);
      row.push(pct(p.uplift), pct(p.lowers), pct(p.changed), p.violations);
    }
    return row;
  });
}

export function elasticityError(
  scores: CaseScore[],
  pick: (s: CaseScore) => number | null,
  minDistinct = 3,
): { n: number; mae: number; median: number; p90: number } {
  const errs = scores
    .filter((s) => s.distinct >= minDistinct && s.truthE != null)
    .map((s) => {
      const x = pick(s);
      return x == null ? NaN : Math.abs(x - (s.truthE as number));
    })
    .filter(Number.isFinite);
  return { n: errs.length, mae: mean(errs), median: quantile(errs, 0.5), p90: quantile(errs, 0.9) };
}

export const ELASTICITY_ESTIMATES: [string, (s: CaseScore) => number | null][] = [
  ["engine (reported, shrunk)", (s) => s.engineE],
  ["engine own fit (before shrinkage)", (s) => s.rawE],
  ["naive log-log OLS", (s) => s.naiveE],
];

export function elasticityRows(bySim: Map<SimName, CaseScore[]>): (string | number)[][] {
  return ELASTICITY_ESTIMATES.map(([name, pick]) => {
    const row: (string | number)[] = [name];
    for (const scores of bySim.values()) {
      const e = elasticityError(scores, pick);
      row.push(e.n, fmt(e.mae, 3), fmt(e.median, 3), fmt(e.p90, 3));
    }
    return row;
  });
}

export const CONFIDENCE_BINS: [number, number][] = [
  [0, 0.5],
  [0.5, 0.6],
  [0.6, 0.7],
  [0.7, 0.8],
  [0.8, 0.9],
  [0.9, 1.0001],
];
export const MIN_BIN = 30;

export interface Bin {
  lo: number;
  hi: number;
  n: number;
  meanConfidence: number;
  trulyBetter: number;
}

/** Among the engine's price changes, per confidence bin: how often the change truly raises profit. */
export function reliability(scores: CaseScore[]): Bin[] {
  const changes = scores.filter((s) => s.engineAction === "raise" || s.engineAction === "lower");
  return CONFIDENCE_BINS.map(([lo, hi]) => {
    const inBin = changes.filter((s) => s.engineConfidence >= lo && s.engineConfidence < hi);
    return {
      lo,
      hi: Math.min(1, hi),
      n: inBin.length,
      meanConfidence: mean(inBin.map((s) => s.engineConfidence)),
      trulyBetter: inBin.length ? inBin.filter((s) => s.profit.engine > s.current + tol(s)).length / inBin.length : NaN,
    };
  });
}

export const calibrated = (b: Bin) => Math.abs(b.meanConfidence - b.trulyBetter) <= 0.1;

export function reliabilityRows(bins: Bin[]): (string | number)[][] {
  return bins.map((b) => [
    `${fmt(b.lo, 1)}-${fmt(b.hi, 1)}`,
    b.n,
    pct(b.meanConfidence),
    pct(b.trulyBetter),
    b.n >= MIN_BIN ? (calibrated(b) ? "yes (within 10 points)" : "NO") : "too few to judge",
  ]);
}

export interface StockSummary {
  uplift: number;
  lowers: number;
  suggestions: number;
  negativeOwn: number;
}

export function stockSummary(scores: CaseScore[]): StockSummary {
  const moves = scores.filter((s) => s.stock.engineAction === "raise" || s.stock.engineAction === "lower");
  return {
    uplift: upliftShare(
      scores,
      (s) => s.stock.engine,
      (s) => s.stock.oracle,
      (s) => s.stock.current,
    ),
    lowers:
      scores.filter((s) => s.stock.engine < s.stock.current - 1e-9 * Math.abs(s.stock.current) - 1e-6).length /
      scores.length,
    suggestions: moves.length,
    negativeOwn: moves.filter((s) => s.stock.engineOwnChange < 0).length,
  };
}

/** Independent simulator: the engine by price-response family and modifier. */
export function familyRows(scores: CaseScore[]): (string | number)[][] {
  const groups: [string, (s: CaseScore) => boolean][] = [
    ["linear", (s) => s.label.startsWith("linear")],
    ["logit", (s) => s.label.startsWith("logit")],
    ["reference price", (s) => s.label.startsWith("reference")],
    ["with thresholds", (s) => s.label.includes("threshold")],
    ["with drift", (s) => s.label.includes("drift")],
    ["none of the modifiers", (s) => !s.label.includes("+")],
  ];
  return groups.map(([name, pred]) => {
    const sub = scores.filter(pred);
    const p = policySummary(sub, "engine");
    const e = elasticityError(sub, (s) => s.engineE);
    return [name, sub.length, pct(p.uplift), pct(p.lowers), e.n, fmt(e.mae, 3)];
  });
}
