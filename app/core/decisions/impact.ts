// Measured impact of an executed price change: difference in differences (DiD) between the changed
// variant and a control group of comparable unchanged variants, per day, for units, revenue and gross
// profit, with a moving-block bootstrap interval over days. Pure and seeded.
//   DiD: Angrist & Pischke, "Mostly Harmless Econometrics" (2009), ch. 5.
//   Serial correlation makes day-level iid intervals too narrow: Bertrand, Duflo & Mullainathan (2004),
//   "How much should we trust differences-in-differences estimates?"; days are resampled in blocks of a
//   week (moving-block bootstrap, Künsch 1989), which keeps the weekly pattern and short-run dependence.
import { addDays, daysBetween } from "../days";
import { mulberry32 } from "../random";

export const IMPACT_METRICS = ["units", "revenue", "grossProfit"] as const;
export type ImpactMetric = (typeof IMPACT_METRICS)[number];
export type Triple = Record<ImpactMetric, number>;

/** One variant's daily outcomes; a day missing from the map had no sales (all zero). */
export interface OutcomeSeries {
  variantId: string;
  productType: string | null;
  vendor: string | null;
  days: Map<string, Triple>;
}

export interface ImpactOptions {
  /** Days before the change compared with the days after. */
  preDays: number;
  /** Post-period length measured (at most). */
  postDays: number;
  /** Fewer days after the change than this: not enough data yet. */
  minPostDays: number;
  minControls: number;
  maxControls: number;
  /** Control pre-period mean units within [treated / ratio, treated x ratio] (after adding 0.1/day). */
  salesRatio: number;
  bootstrap: number;
  blockDays: number;
  level: number;
  seed: number;
}

export const DEFAULT_IMPACT_OPTIONS: ImpactOptions = {
  preDays: 28,
  postDays: 28,
  minPostDays: 14,
  minControls: 3,
  maxControls: 10,
  salesRatio: 2,
  bootstrap: 1000,
  blockDays: 7,
  level: 0.9,
  seed: 6,
};

export interface ImpactInput {
  decisionId: string;
  treated: OutcomeSeries;
  /** First day at the new price (shop time zone). */
  changeDay: string;
  /** Last complete day of data (the day before a later change of this variant, if any). */
  asOf: string;
  /** First day of sales history; a pre-period starting earlier is incomplete. */
  historyStart?: string;
  /** Unchanged candidates: the caller excludes variants whose price changed in the window. */
  pool: OutcomeSeries[];
  /** Expected change per day stored on the decision, when known. */
  expectedPerDay: Triple | null;
}

export interface Estimate {
  /** DiD effect per day, with its interval. */
  perDay: number;
  low: number;
  high: number;
  /** perDay x measured post days. */
  total: number;
}

export type MissingData =
  | { code: "IMPACT.DAYS_AFTER"; have: number; need: number }
  | { code: "IMPACT.DAYS_BEFORE"; have: number; need: number }
  | { code: "IMPACT.CONTROL_SIZE"; have: number; need: number };

export interface ImpactMeasured {
  status: "MEASURED";
  decisionId: string;
  variantId: string;
  changeDay: string;
  postDays: number;
  controlIds: string[];
  level: number;
  effect: Record<ImpactMetric, Estimate>;
  expectedPerDay: Triple | null;
  /** Expected per-day change inside the measured interval, per metric (null when no expectation). */
  expectedWithin: Record<ImpactMetric, boolean> | null;
  /** Daily units, treated vs control mean, pre and post (for the chart). */
  chart: { days: string[]; treated: number[]; control: number[] };
}

export interface ImpactInsufficient {
  status: "INSUFFICIENT_DATA";
  decisionId: string;
  variantId: string;
  changeDay: string;
  missing: MissingData[];
}

export type ImpactResult = ImpactMeasured | ImpactInsufficient;

const ZERO: Triple = { units: 0, revenue: 0, grossProfit: 0 };
const valueOn = (s: OutcomeSeries, day: string): Triple => s.days.get(day) ?? ZERO;
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

function dayRange(from: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(from, i));
}

/**
 * Control matching rule: same product type, else same vendor (a non-empty one); pre-period mean units
 * within a factor `salesRatio` of the treated variant's (0.1 a day added to both so slow sellers
 * match slow sellers); the `maxControls` closest on log pre-period sales, ties by id.
 */
export function matchControls(
  treated: OutcomeSeries,
  pool: OutcomeSeries[],
  preDays: string[],
  o: ImpactOptions,
): OutcomeSeries[] {
  const preUnits = (s: OutcomeSeries) => mean(preDays.map((d) => valueOn(s, d).units)) + 0.1;
  const t = preUnits(treated);
  const sameType = (s: OutcomeSeries) =>
    treated.productType != null && treated.productType !== "" && s.productType === treated.productType;
  const sameVendor = (s: OutcomeSeries) =>
    treated.vendor != null && treated.vendor !== "" && s.vendor === treated.vendor;
  const scored = pool
    .filter((s) => s.variantId !== treated.variantId && (sameType(s) || sameVendor(s)))
    .map((s) => ({ s, distance: Math.abs(Math.log(preUnits(s) / t)) }))
    .filter((x) => x.distance <= Math.log(o.salesRatio) + 1e-12);
  scored.sort((a, b) => a.distance - b.distance || (a.s.variantId < b.s.variantId ? -1 : 1));
  return scored.slice(0, o.maxControls).map((x) => x.s);
}

/** Circular moving-block bootstrap of a mean: `n` resamples of `xs` built from blocks of `block` days. */
function blockMeans(xs: number[], block: number, n: number, rng: () => number): number[] {
  const len = xs.length;
  const b = Math.max(1, Math.min(block, len));
  const out: number[] = [];
  for (let r = 0; r < n; r++) {
    let sum = 0;
    let k = 0;
    while (k < len) {
      const start = Math.floor(rng() * len);
      for (let j = 0; j < b && k < len; j++, k++) sum += xs[(start + j) % len];
    }
    out.push(sum / len);
  }
  return out;
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** DiD of per-day gaps d_t = treated_t - mean(control)_t: mean(d | post) - mean(d | pre), with its interval. */
export function didEstimate(
  pre: number[],
  post: number[],
  o: Pick<ImpactOptions, "bootstrap" | "blockDays" | "level">,
  seed: number,
): Omit<Estimate, "total"> {
  const perDay = mean(post) - mean(pre);
  const rng = mulberry32(seed);
  const a = blockMeans(pre, o.blockDays, o.bootstrap, rng);
  const b = blockMeans(post, o.blockDays, o.bootstrap, rng);
  const diffs = b.map((x, i) => x - a[i]).sort((x, y) => x - y);
  const tail = (1 - o.level) / 2;
  return { perDay, low: quantile(diffs, tail), high: quantile(diffs, 1 - tail) };
}

/** What is missing whatever the sales say: days after the change (up to asOf) and days of history before it. */
export function missingDays(
  changeDay: string,
  asOf: string,
  historyStart: string | undefined,
  options: Partial<ImpactOptions> = {},
): MissingData[] {
  const o = { ...DEFAULT_IMPACT_OPTIONS, ...options };
  const missing: MissingData[] = [];
  const postAvailable = Math.max(0, daysBetween(changeDay, asOf) + 1);
  if (postAvailable < o.minPostDays)
    missing.push({ code: "IMPACT.DAYS_AFTER", have: postAvailable, need: o.minPostDays });
  const preHave = historyStart ? Math.min(o.preDays, Math.max(0, daysBetween(historyStart, changeDay))) : o.preDays;
  if (preHave < o.preDays) missing.push({ code: "IMPACT.DAYS_BEFORE", have: preHave, need: o.preDays });
  return missing;
}

export function measureImpact(input: ImpactInput, options: Partial<ImpactOptions> = {}): ImpactResult {
  const o = { ...DEFAULT_IMPACT_OPTIONS, ...options };
  const { treated, changeDay, asOf } = input;
  const postAvailable = Math.max(0, daysBetween(changeDay, asOf) + 1);
  const postCount = Math.min(postAvailable, o.postDays);
  const preDays = dayRange(addDays(changeDay, -o.preDays), o.preDays);
  const postDays = dayRange(changeDay, postCount);
  const controls = matchControls(treated, input.pool, preDays, o);
  const missing = missingDays(changeDay, asOf, input.historyStart, o);
  if (controls.length < o.minControls)
    missing.push({ code: "IMPACT.CONTROL_SIZE", have: controls.length, need: o.minControls });
  const base = { decisionId: input.decisionId, variantId: treated.variantId, changeDay };
  if (missing.length > 0) return { status: "INSUFFICIENT_DATA", ...base, missing };

  const controlMean = (day: string, m: ImpactMetric) => mean(controls.map((c) => valueOn(c, day)[m]));
  const gaps = (days: string[], m: ImpactMetric) => days.map((d) => valueOn(treated, d)[m] - controlMean(d, m));
  const effect = {} as Record<ImpactMetric, Estimate>;
  IMPACT_METRICS.forEach((m, i) => {
    const e = didEstimate(gaps(preDays, m), gaps(postDays, m), o, o.seed + i);
    effect[m] = { ...e, total: e.perDay * postCount };
  });
  const expected = input.expectedPerDay;
  const allDays = [...preDays, ...postDays];
  return {
    status: "MEASURED",
    ...base,
    postDays: postCount,
    controlIds: controls.map((c) => c.variantId),
    level: o.level,
    effect,
    expectedPerDay: expected,
    expectedWithin: expected
      ? {
          units: within(expected.units, effect.units),
          revenue: within(expected.revenue, effect.revenue),
          grossProfit: within(expected.grossProfit, effect.grossProfit),
        }
      : null,
    chart: {
      days: allDays,
      treated: allDays.map((d) => valueOn(treated, d).units),
      control: allDays.map((d) => Math.round(controlMean(d, "units") * 100) / 100),
    },
  };
}

const within = (x: number, e: Estimate): boolean => x >= e.low && x <= e.high;

export interface ImpactTotals {
  decisions: number;
  measured: number;
  insufficient: number;
  /** Sums over measured decisions of perDay x post days; expected likewise (over the same days). */
  measuredTotal: Triple;
  expectedTotal: Triple;
}

export function summariseImpact(results: ImpactResult[]): ImpactTotals {
  const measuredTotal = { ...ZERO };
  const expectedTotal = { ...ZERO };
  let measured = 0;
  for (const r of results) {
    if (r.status !== "MEASURED") continue;
    measured++;
    for (const m of IMPACT_METRICS) {
      measuredTotal[m] += r.effect[m].total;
      expectedTotal[m] += (r.expectedPerDay?.[m] ?? 0) * r.postDays;
    }
  }
  return { decisions: results.length, measured, insufficient: results.length - measured, measuredTotal, expectedTotal };
}
