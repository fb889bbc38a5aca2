// The per-variant pipeline: prepare (censoring), classify, backtest candidates, choose or combine,
// refit with a fallback chain, count quantiles, lost sales, explanation.

import {
  addCombinations,
  Failures,
  makeOrigins,
  reasonOf,
  runBacktest,
  type CandidateScore,
  type Origin,
} from "./backtest";
import { addDays, dayNumber, weekday } from "./calendar";
import { classifyDemand, type Classification } from "./classify";
import { uncensoredDays } from "./censoring";
import { countQuantilesSorted, dispersionFromResiduals, nbVariance } from "./distribution";
import type { ForecastModel, ModelResult, SeriesInput } from "./models/contract";
import { adida, censoredMean, ets, etsYearly, pooled, sba, seasonalNaive, tsb } from "./models/index";
import { profileFor, yearlyIndex } from "./pool";
import {
  type BacktestMetrics,
  type DailySeries,
  type DemandClass,
  type ForecastOptions,
  type PoolProfiles,
  type SumError,
  type VariantForecast,
  DEFAULT_HORIZON,
  DEFAULT_LEVELS,
  levelKey,
} from "./types";

/** Thrown for input that breaks the DailySeries contract; forecastBatch turns it into a zero forecast. */
export class ForecastInputError extends Error {
  readonly code = "FORECAST.INVALID_SERIES";
  constructor(
    readonly seriesId: string,
    message: string,
  ) {
    super(`series ${JSON.stringify(seriesId)}: ${message}`);
    this.name = "ForecastInputError";
  }
}

interface Resolved {
  h: number;
  levels: number[];
  origins: number;
  period: number;
  newDays: number;
  trimLeadingZeros: boolean;
}

/** Central interval coverages reported by the backtest (from the quantiles (1 -/+ c) / 2). */
export const COVERAGE_LEVELS = [0.8, 0.9];

export function resolveOptions(o: ForecastOptions = {}): Resolved {
  const h = o.horizon ?? DEFAULT_HORIZON;
  if (!Number.isInteger(h) || h < 1) throw new RangeError(`horizon must be a positive integer, got ${h}`);
  const levels = [...(o.levels ?? DEFAULT_LEVELS)];
  for (const l of levels) if (!(l > 0 && l < 1)) throw new RangeError(`levels must be in (0, 1), got ${l}`);
  const period = o.seasonPeriod ?? 7;
  if (!Number.isInteger(period) || period < 0)
    throw new RangeError(`seasonPeriod must be a non-negative integer, got ${period}`);
  const origins = o.backtestOrigins ?? 3;
  if (!Number.isInteger(origins) || origins < 0)
    throw new RangeError(`backtestOrigins must be a non-negative integer, got ${origins}`);
  return {
    h,
    levels,
    origins,
    period: Math.max(1, period),
    newDays: o.newVariantDays ?? (Math.max(1, period) === 7 ? 28 : Math.max(6, period)),
    trimLeadingZeros: o.leadingZerosUnavailable ?? false,
  };
}

interface Prepared {
  input: SeriesInput;
  /** false on censored days (out of stock, or the day the stock ran out). */
  demandDay: boolean[];
  n: number;
  day0: number;
  censored: number;
  invalid: number;
}

function prepare(series: DailySeries, period: number, trimLeadingZeros: boolean): Prepared {
  const id = typeof series?.id === "string" ? series.id : "?";
  if (!series || typeof series !== "object") throw new ForecastInputError(id, "is not an object");
  if (!Array.isArray(series.units)) throw new ForecastInputError(id, "units must be an array");
  const day0 = dayNumber(series.start);
  if (Number.isNaN(day0))
    throw new ForecastInputError(id, `start must be a YYYY-MM-DD date, got ${JSON.stringify(series.start)}`);
  const n = series.units.length;
  if (series.available !== undefined && (!Array.isArray(series.available) || series.available.length !== n)) {
    throw new ForecastInputError(id, `available must be an array as long as units (${n})`);
  }
  const y = new Float64Array(n);
  const ok = new Uint8Array(n);
  let censored = 0,
    invalid = 0;
  const demandDay = uncensoredDays(series.available, n);
  for (let i = 0; i < n; i++) {
    const v = series.units[i];
    if (!demandDay[i]) {
      // Out of stock all day; the day the stock ran out is left out too but is not an out-of-stock day.
      if (series.available?.[i] === false) censored++;
      continue;
    }
    // A merchant's event day measures the event, not the baseline (forecast/events.ts): left out, not censored.
    if (series.eventDays?.[i]) continue;
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      invalid++;
      continue;
    }
    y[i] = v;
    ok[i] = 1;
  }
  if (trimLeadingZeros) {
    // Days before the first sale are treated as "not yet on sale", not as zero demand. A series
    // without any sale keeps its days: a long run of zeros is then real "no-demand".
    let firstSale = 0;
    while (firstSale < n && !(ok[firstSale] && y[firstSale] > 0)) firstSale++;
    if (firstSale < n) for (let i = 0; i < firstSale; i++) ok[i] = 0;
  }
  return { input: { y, ok, period, phase: period === 7 ? weekday(day0) : 0 }, demandDay, n, day0, censored, invalid };
}

function candidatesFor(cls: DemandClass, hasYearly: boolean, hasPrior: boolean): ForecastModel[] {
  switch (cls) {
    case "new":
      return hasPrior ? [pooled] : [censoredMean];
    case "no-demand":
      return [censoredMean];
    // Croston is left out of the candidates: SBA is its bias-corrected form and never did worse in
    // our backtests (online-retail, carparts). A short list also means less selection noise.
    case "smooth":
    case "erratic":
      return hasYearly ? [ets, etsYearly, seasonalNaive, adida, sba] : [ets, seasonalNaive, adida, sba];
    default:
      return hasYearly ? [ets, etsYearly, adida, tsb, sba] : [ets, adida, tsb, sba];
  }
}

/** Input for a fit on the first n steps: the yearly index must only use those n steps. */
function withYearly(
  p: Prepared,
  n: number,
  h: number,
  groupYearly: number[] | null,
  prior: SeriesInput["prior"],
): SeriesInput {
  const yearly = p.input.period === 7 ? yearlyIndex(p.input.y, p.input.ok, n, h, p.day0, groupYearly) : null;
  return { ...p.input, yearly, prior };
}

const MODEL_WORDS: Record<string, string> = {
  ets: "exponential smoothing with a weekly pattern",
  "ets-yearly": "exponential smoothing with weekly and yearly patterns",
  snaive: "last week's sales repeated",
  adida: "weekly totals smoothed and spread over the week",
  croston: "Croston's method for occasional sales",
  sba: "Croston's method (bias-corrected) for occasional sales",
  tsb: "a method for occasional sales that fades when sales stop",
  pooled: "the typical pattern of similar products, scaled to its first sales",
  "censored-mean": "the average of its in-stock days",
};

const CLASS_WORDS: Record<DemandClass, string> = {
  smooth: "Sells steadily",
  erratic: "Sells most days, in varying amounts",
  intermittent: "Sells occasionally",
  lumpy: "Sells occasionally, in varying amounts",
  "no-demand": "Has not sold yet",
  new: "Is new",
};

function explain(
  cls: DemandClass,
  names: string[],
  meanPerStep: number,
  h: number,
  censored: number,
  lost: number,
): string {
  const how = names.map((m) => MODEL_WORDS[m] ?? m).join(" averaged with ");
  let s = `${CLASS_WORDS[cls]}; forecast by ${how}: about ${meanPerStep.toFixed(meanPerStep < 10 ? 1 : 0)} a day over the next ${h} days.`;
  if (censored > 0)
    s += ` ${censored} out-of-stock days were left out; about ${Math.round(lost)} units were likely lost on them.`;
  return s;
}

/**
 * Largest believable daily mean: 3x the largest available value plus 1. A model beyond it has
 * diverged (e.g. a multiplicative state blown up by near-zero data) and is skipped.
 */
export function plausibleMax(input: SeriesInput, n: number): number {
  let mx = 0;
  for (let i = 0; i < n; i++) if (input.ok[i] && input.y[i] > mx) mx = input.y[i];
  return 3 * mx + 1;
}

interface FinalFit {
  input: SeriesInput;
  /** History length and horizon. */
  n: number;
  h: number;
  /** Members of the candidate (one model, or an equal-weight combination). */
  names: string[];
  models: Map<string, ForecastModel>;
  /** Parameters each model chose in the backtest. */
  params: Map<string, unknown>;
  failures: Failures;
  /** Largest believable daily mean (plausibleMax). */
  cap: number;
}

/** Fits the members on the whole history and averages them; null when one fails (it is recorded). */
function fitFinal({
  input,
  n,
  h,
  names,
  models,
  params,
  failures,
  cap,
}: FinalFit): { mean: Float64Array; fitted: Float64Array; first: ModelResult } | null {
  const mean = new Float64Array(h);
  const fitted = new Float64Array(n);
  let first: ModelResult | null = null;
  for (const name of names) {
    const model = models.get(name)!;
    try {
      const r = model.forecast(input, { n, h, params: params.get(name), wantFitted: true });
      if (r.mean.length !== h) throw new Error(`returned ${r.mean.length} values for horizon ${h}`);
      for (let t = 0; t < h; t++) {
        if (!Number.isFinite(r.mean[t]) || r.mean[t] < 0) throw new Error("returned a non-finite or negative mean");
        if (r.mean[t] > cap) throw new Error(`returned an implausible mean (${r.mean[t].toPrecision(3)} > ${cap})`);
        mean[t] += r.mean[t] / names.length;
      }
      if (r.fitted)
        for (let i = 0; i < n; i++)
          fitted[i] += (Number.isFinite(r.fitted[i]) ? Math.max(0, r.fitted[i]) : 0) / names.length;
      first ??= r;
    } catch (err) {
      failures.add(name, reasonOf(err));
      return null;
    }
  }
  return { mean, fitted, first: first! };
}

function backtestMetrics(
  input: SeriesInput,
  origins: Origin[],
  best: CandidateScore,
  size: number,
  levels: number[],
): BacktestMetrics {
  const qLevels = [...new Set([...levels, ...COVERAGE_LEVELS.flatMap((c) => [(1 - c) / 2, (1 + c) / 2])])].sort(
    (a, b) => a - b,
  );
  const qv = new Array<number>(qLevels.length);
  const levelIdx = levels.map((l) => qLevels.indexOf(l));
  const loIdx = COVERAGE_LEVELS.map((c) => qLevels.indexOf((1 - c) / 2));
  const hiIdx = COVERAGE_LEVELS.map((c) => qLevels.indexOf((1 + c) / 2));
  const pin = new Float64Array(levels.length);
  const inside = new Float64Array(COVERAGE_LEVELS.length);
  let mase = 0,
    rmsse = 0,
    absErr = 0,
    sumA = 0,
    sumE = 0,
    count = 0;
  for (let o = 0; o < origins.length; o++) {
    const { n, h, scaleSq, scaleAbs } = origins[o];
    const p = best.preds[o];
    let ae = 0,
      se = 0,
      c = 0;
    for (let t = 0; t < h; t++) {
      if (!input.ok[n + t]) continue;
      const a = input.y[n + t];
      const e = a - p[t];
      ae += Math.abs(e);
      se += e * e;
      c++;
      sumA += a;
      sumE += -e;
      countQuantilesSorted(p[t], size, qLevels, qv);
      for (let j = 0; j < levels.length; j++) {
        const q = qv[levelIdx[j]];
        const d = a - q;
        pin[j] += d >= 0 ? levels[j] * d : (levels[j] - 1) * d;
      }
      for (let j = 0; j < COVERAGE_LEVELS.length; j++) {
        if (a >= qv[loIdx[j]] && a <= qv[hiIdx[j]]) inside[j]++;
      }
    }
    absErr += ae;
    count += c;
    mase += ae / Math.max(1, c) / scaleAbs;
    rmsse += Math.sqrt(se / Math.max(1, c) / scaleSq);
  }
  const pinball: Record<string, number> = {};
  levels.forEach((l, j) => (pinball[levelKey(l)] = count > 0 ? pin[j] / count : 0));
  const coverage: Record<string, number> = {};
  COVERAGE_LEVELS.forEach((c, j) => (coverage[levelKey(c)] = count > 0 ? inside[j] / count : 0));
  return {
    mase: mase / origins.length,
    rmsse: rmsse / origins.length,
    wape: sumA > 0 ? absErr / sumA : absErr > 0 ? 1 : 0,
    bias: sumA > 0 ? sumE / sumA : count > 0 ? sumE / count : 0,
    pinball,
    coverage,
  };
}

/** NB size from the backtest errors of the chosen forecast (multi-step, so it includes level error). */
function backtestDispersion(input: SeriesInput, origins: Origin[], best: CandidateScore): number {
  let sse = 0,
    s = 0,
    s2 = 0;
  for (let o = 0; o < origins.length; o++) {
    const { n, h } = origins[o];
    for (let t = 0; t < h; t++) {
      if (!input.ok[n + t]) continue;
      const mu = best.preds[o][t];
      const e = input.y[n + t] - mu;
      sse += e * e;
      s += mu;
      s2 += mu * mu;
    }
  }
  return dispersionFromResiduals(sse, s, s2);
}

/** Window lengths (days) whose backtest totals are recorded for calibrating protection-period quantiles. */
export const SUM_WINDOWS = [7, 14, 21, 28];
/** The same for other periods (e.g. months): short totals too, as protection periods are a few steps. */
const SUM_STEPS_OTHER = [1, 2, 3, 6, 12];

/**
 * Totals of the chosen forecast and of the actuals over the first d days of every backtest window (d in
 * SUM_WINDOWS for daily data, SUM_STEPS_OTHER otherwise), with the model's own standard deviation of the total.
 * A window with stockout days is kept with its sales so far and marked censored (its demand was at least that).
 * See calibration.ts.
 */
function backtestSums(
  input: SeriesInput,
  origins: Origin[],
  best: CandidateScore,
  size: number,
  levelCv2: number,
  outOfStock: ArrayLike<boolean>,
  sales: ArrayLike<number>,
  eventDay?: ArrayLike<boolean>,
): SumError[] {
  const out: SumError[] = [];
  const lengths = input.period === 7 ? SUM_WINDOWS : SUM_STEPS_OTHER;
  for (let o = 0; o < origins.length; o++) {
    const { n, h } = origins[o];
    let f = 0,
      a = 0,
      v = 0,
      t = 0;
    let censored = false;
    for (const len of lengths) {
      const d = Math.min(len, h);
      if (d < t) break;
      for (; t < d; t++) {
        const mu = best.preds[o][t];
        if (eventDay?.[n + t]) continue; // an event day says nothing about the baseline's error
        if (!input.ok[n + t]) {
          // Demand hidden by a stockout: at least what the model expected (a lower bound, see calibration.ts).
          censored = true;
          a += outOfStock[n + t] ? 0 : Number(sales[n + t]) || 0;
        } else a += input.y[n + t];
        f += mu;
        v += nbVariance(mu, size);
      }
      const sd = Math.sqrt(v + levelCv2 * f * f);
      if (sd > 0)
        out.push({
          days: d,
          forecast: f,
          actual: a,
          sd,
          afterStockout: stockoutBefore(outOfStock, n),
          ...(censored ? { censored: true } : {}),
        });
      if (d === h) break;
    }
  }
  return out;
}

/** Days before a forecast origin in which a stockout makes the variant "recently out of stock". */
export const RECENT_STOCKOUT_DAYS = 60;

/** Whether any of the RECENT_STOCKOUT_DAYS days before step n was out of stock. */
function stockoutBefore(outOfStock: ArrayLike<boolean>, n: number): boolean {
  for (let i = Math.max(0, n - RECENT_STOCKOUT_DAYS); i < n; i++) if (outOfStock[i]) return true;
  return false;
}

/** Backtest windows whose origin followed a stockout: forecast and actual totals over their in-stock days. */
function windowsAfterStockout(
  input: SeriesInput,
  origins: Origin[],
  best: CandidateScore,
  outOfStock: ArrayLike<boolean>,
): { forecast: number; actual: number }[] {
  const out: { forecast: number; actual: number }[] = [];
  for (let o = 0; o < origins.length; o++) {
    const { n, h } = origins[o];
    if (!stockoutBefore(outOfStock, n)) continue;
    let f = 0,
      a = 0;
    for (let t = 0; t < h; t++) {
      if (!input.ok[n + t]) continue;
      f += best.preds[o][t];
      a += input.y[n + t];
    }
    if (f > 0) out.push({ forecast: f, actual: a });
  }
  return out;
}

/** Prior squared CV of the level error and its weight in origins (shrinks the per-variant estimate). */
const LEVEL_CV2_PRIOR = 0.15;
const LEVEL_CV2_WEIGHT = 3;

/**
 * Squared coefficient of variation of the forecast's level error, from the backtest window totals:
 * the part of (actual total - forecast total)^2 that independent daily NB noise does not explain,
 * relative to the forecast total squared, shrunk towards a prior. Errors shared by all the days of
 * a period (a level that is off) do not average out over a lead time.
 */
function levelErrorCv2(input: SeriesInput, origins: Origin[], best: CandidateScore, size: number): number {
  let excess = 0,
    f2 = 0;
  for (let o = 0; o < origins.length; o++) {
    const { n, h } = origins[o];
    let a = 0,
      f = 0,
      v = 0;
    for (let t = 0; t < h; t++) {
      if (!input.ok[n + t]) continue;
      const mu = best.preds[o][t];
      a += input.y[n + t];
      f += mu;
      v += nbVariance(mu, size);
    }
    excess += (a - f) * (a - f) - v;
    f2 += f * f;
  }
  const own = f2 > 0 ? Math.max(0, excess / f2) : LEVEL_CV2_PRIOR;
  const k = origins.length;
  return (k * Math.min(own, 4) + LEVEL_CV2_WEIGHT * LEVEL_CV2_PRIOR) / (k + LEVEL_CV2_WEIGHT);
}

/** Hook for tests: replace the class-based candidate list. */
export interface PipelineOverrides {
  candidates?: readonly ForecastModel[];
}

export function forecastVariant(
  series: DailySeries,
  options?: ForecastOptions,
  pool?: PoolProfiles,
  overrides?: PipelineOverrides,
): VariantForecast {
  const o = resolveOptions(options);
  const prep = prepare(series, o.period, o.trimLeadingZeros);
  const { input, n } = prep;
  const { h } = o;
  const failures = new Failures();
  if (prep.invalid > 0) failures.add(null, `${prep.invalid} missing, negative or non-numeric values left out`);
  const cls: Classification = classifyDemand(input.y, input.ok, n, o.newDays);
  const profile = o.period === 7 ? profileFor(pool, series.group) : null;
  const prior = profile ? { weekly: profile.weekly, level: profile.level } : null;
  const groupYearly = profile?.yearly ?? null;
  const btInput = withYearly(prep, n, h, groupYearly, prior);
  const candidates = overrides?.candidates ?? candidatesFor(cls.demandClass, btInput.yearly != null, prior !== null);
  const byName = new Map<string, ForecastModel>();
  for (const m of candidates) byName.set(m.name, m);
  byName.set(censoredMean.name, censoredMean);

  // Rolling-origin backtest (skipped for new variants: too little history to judge).
  const minTrain = Math.max(2 * o.period, 14);
  let origins: Origin[] = [];
  let ranking: CandidateScore[] = [];
  let params = new Map<string, unknown>();
  if (cls.demandClass !== "new" && o.origins > 0) {
    origins = makeOrigins(btInput, n, h, o.origins, minTrain);
    if (origins.length > 0) {
      // The yearly index of the backtest uses only the history before the earliest origin (when
      // that history alone cannot give one, the full-history index is used).
      const early = btInput.yearly ? withYearly(prep, origins[0].n, n - origins[0].n + h, groupYearly, prior) : btInput;
      const bt = runBacktest(early.yearly || !btInput.yearly ? early : btInput, origins, candidates, failures);
      params = bt.params;
      ranking = addCombinations(input, origins, bt.scores);
    }
  }
  if (ranking.length === 0) {
    ranking = candidates.map((m) => ({ names: [m.name], preds: [], rmsse: NaN }));
    params = new Map();
  }
  ranking.push({ names: [censoredMean.name], preds: [], rmsse: NaN });

  // Final fit with the fallback chain: best option first, ending in the censored mean.
  let chosen: CandidateScore | null = null;
  let fit: ReturnType<typeof fitFinal> = null;
  const tried = new Set<string>();
  // New variants are judged against the group, not their own few days: no cap for them.
  const cap = cls.demandClass === "new" ? Infinity : plausibleMax(input, n);
  for (const cand of ranking) {
    const key = cand.names.join(",");
    if (tried.has(key)) continue;
    tried.add(key);
    if (cand.names.some((nm) => failures.has(nm))) continue;
    fit = fitFinal({ input: btInput, n, h, names: cand.names, models: byName, params, failures, cap });
    if (fit) {
      chosen = cand;
      break;
    }
  }
  if (!fit || !chosen) {
    // Unreachable in practice: the censored mean cannot fail. Keep the contract anyway.
    fit = { mean: new Float64Array(h), fitted: new Float64Array(n), first: censoredMean.forecast(input, { n, h }) };
    chosen = { names: [censoredMean.name], preds: [], rmsse: NaN };
  }

  const useBacktest = chosen.preds.length === origins.length && origins.length > 0;
  const size = useBacktest
    ? backtestDispersion(input, origins, chosen)
    : dispersionFromResiduals(fit.first.sse, fit.first.fitSum, fit.first.fitSqSum);

  // Daily count quantiles.
  const sortedLevels = [...new Set(o.levels)].sort((a, b) => a - b);
  const qv = new Array<number>(sortedLevels.length);
  const quantiles: Record<string, number[]> = {};
  const cols = sortedLevels.map(() => new Array<number>(h));
  for (let t = 0; t < h; t++) {
    countQuantilesSorted(fit.mean[t], size, sortedLevels, qv);
    for (let j = 0; j < sortedLevels.length; j++) cols[j][t] = qv[j];
  }
  sortedLevels.forEach((l, j) => (quantiles[levelKey(l)] = cols[j]));

  // Lost sales: what the chosen model expected on each censored day (its one-step fitted value).
  let lost = 0;
  if (prep.censored > 0 || prep.demandDay.some((d) => !d)) {
    for (let i = 0; i < n; i++) {
      if (series.available && series.available[i] === false) lost += fit.fitted[i];
      else if (!prep.demandDay[i]) lost += Math.max(0, fit.fitted[i] - series.units[i]);
    }
  }

  const levelCv2 = useBacktest ? levelErrorCv2(input, origins, chosen, size) : LEVEL_CV2_PRIOR;
  const outOfStock = series.available ? series.available.map((a) => a === false) : new Array<boolean>(n).fill(false);
  const mean = Array.from(fit.mean);
  const modelName = chosen.names.length > 1 ? `combo(${chosen.names.join(",")})` : chosen.names[0];
  const avg = mean.reduce((a, b) => a + b, 0) / Math.max(1, h);
  return {
    id: series.id,
    start: addDays(series.start, n),
    mean,
    quantiles,
    model: modelName,
    demandClass: cls.demandClass,
    adi: cls.adi,
    cv2: cls.cv2,
    dispersion: size,
    backtest: useBacktest ? backtestMetrics(input, origins, chosen, size, sortedLevels) : null,
    lostSales: { censoredDays: prep.censored, estimatedUnits: lost },
    fallbacks: failures.messages,
    explanation: explain(cls.demandClass, chosen.names, avg, h, prep.censored, lost),
    seasonPeriod: o.period,
    levelCv2,
    sumErrors: useBacktest
      ? backtestSums(input, origins, chosen, size, levelCv2, outOfStock, series.units, series.eventDays)
      : [],
    recentStockout: stockoutBefore(outOfStock, n),
    stockoutWindows: useBacktest ? windowsAfterStockout(input, origins, chosen, outOfStock) : [],
  };
}
