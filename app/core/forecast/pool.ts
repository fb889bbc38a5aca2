// Group-level profiles pooled across variants (product type or category): weekday shape, yearly
// (week-of-year) shape and typical level. Pooling shrinks noisy per-variant shapes towards the group,
// in the spirit of hierarchical/empirical-Bayes seasonal indices (Dekker, van Donselaar &
// Ouwehand 2004, "Forecasting seasonal demand using aggregate information").

import { dayNumber, fillWeekOfYear, weekday } from "./calendar";
import type { DailySeries, GroupProfile, PoolProfiles } from "./types";

export const ALL_GROUP = "*";
/** Observations (series-days) of prior weight pulling each yearly bin towards 1. */
const YEARLY_PRIOR = 14;
/** A group needs this many available days in some series to get a yearly shape (> 1 year). */
export const YEARLY_MIN_DAYS = 366;
const WEEKS = 53;

interface Acc {
  series: number;
  wSum: Float64Array;
  wCnt: Float64Array;
  ySum: Float64Array;
  yCnt: Float64Array;
  longest: number;
  levels: number[];
}

function newAcc(): Acc {
  return {
    series: 0,
    wSum: new Float64Array(7),
    wCnt: new Float64Array(7),
    ySum: new Float64Array(WEEKS),
    yCnt: new Float64Array(WEEKS),
    longest: 0,
    levels: [],
  };
}

/** An accumulator as plain data. */
export interface AccState {
  series: number;
  wSum: number[];
  wCnt: number[];
  ySum: number[];
  yCnt: number[];
  longest: number;
  levels: number[];
}

export interface PoolBuilderState {
  all: AccState;
  groups: [string, AccState][];
}

function accState(acc: Acc): AccState {
  return {
    series: acc.series,
    wSum: [...acc.wSum],
    wCnt: [...acc.wCnt],
    ySum: [...acc.ySum],
    yCnt: [...acc.yCnt],
    longest: acc.longest,
    levels: acc.levels.slice(),
  };
}

function mergeAcc(acc: Acc, part: AccState): void {
  if (part.wSum.length !== 7 || part.ySum.length !== WEEKS)
    throw new Error(`pool part has ${part.wSum.length} weekday and ${part.ySum.length} week bins`);
  acc.series += part.series;
  for (let d = 0; d < 7; d++) {
    acc.wSum[d] += part.wSum[d];
    acc.wCnt[d] += part.wCnt[d];
  }
  for (let w = 0; w < WEEKS; w++) {
    acc.ySum[w] += part.ySum[w];
    acc.yCnt[w] += part.yCnt[w];
  }
  acc.longest = Math.max(acc.longest, part.longest);
  for (const level of part.levels) acc.levels.push(level);
}

function valid(v: number): boolean {
  return Number.isFinite(v) && v >= 0;
}

function addSeries(acc: Acc, s: DailySeries, day0: number): void {
  const u = s.units;
  let tot = 0,
    c = 0,
    first = -1,
    last = -1;
  for (let i = 0; i < u.length; i++) {
    if ((s.available && s.available[i] === false) || s.eventDays?.[i] || !valid(u[i])) continue;
    tot += u[i];
    c++;
    if (first < 0) first = i;
    last = i;
  }
  if (c === 0) return;
  const mean = tot / c;
  acc.series++;
  acc.levels.push(mean);
  if (mean <= 0) return;
  acc.longest = Math.max(acc.longest, last - first + 1);
  // Each series contributes shape ratios (value / its own mean), so big sellers do not dominate.
  const woy = new Uint8Array(u.length);
  fillWeekOfYear(day0, woy);
  for (let i = 0; i < u.length; i++) {
    if ((s.available && s.available[i] === false) || s.eventDays?.[i] || !valid(u[i])) continue;
    const r = u[i] / mean;
    const d = day0 + i;
    const wd = weekday(d);
    acc.wSum[wd] += r;
    acc.wCnt[wd]++;
    const wy = woy[i];
    acc.ySum[wy] += r;
    acc.yCnt[wy]++;
  }
}

/** Circular [1,2,3,2,1] smoothing of week-of-year ratios, then normalised to mean 1. */
export function smoothYearly(
  sum: Float64Array,
  cnt: Float64Array,
  prior: ArrayLike<number> | null,
  priorWeight = YEARLY_PRIOR,
): number[] {
  const raw = new Float64Array(WEEKS);
  for (let w = 0; w < WEEKS; w++) {
    const p = prior ? prior[w] : 1;
    raw[w] = (sum[w] + priorWeight * p) / (cnt[w] + priorWeight);
  }
  const k = [1, 2, 3, 2, 1];
  const out = new Array<number>(WEEKS);
  let tot = 0;
  for (let w = 0; w < WEEKS; w++) {
    let s = 0;
    for (let j = -2; j <= 2; j++) s += k[j + 2] * raw[(w + j + WEEKS) % WEEKS];
    out[w] = s / 9;
    tot += out[w];
  }
  for (let w = 0; w < WEEKS; w++) out[w] *= WEEKS / tot;
  return out;
}

function finish(acc: Acc): GroupProfile {
  const weekly = new Array<number>(7);
  let tot = 0;
  for (let d = 0; d < 7; d++) {
    weekly[d] = acc.wCnt[d] > 0 ? (acc.wSum[d] + 7) / (acc.wCnt[d] + 7) : 1;
    tot += weekly[d];
  }
  for (let d = 0; d < 7; d++) weekly[d] *= 7 / tot;
  const yearly = acc.longest >= YEARLY_MIN_DAYS ? smoothYearly(acc.ySum, acc.yCnt, null) : null;
  const lv = acc.levels.slice().sort((a, b) => a - b);
  const level =
    lv.length === 0 ? 0 : lv.length % 2 ? lv[(lv.length - 1) >> 1] : (lv[lv.length / 2 - 1] + lv[lv.length / 2]) / 2;
  return { series: acc.series, weekly, yearly, level };
}

/**
 * Pools weekday and yearly shapes and the typical daily level per group (and over all series as
 * "*"). Series with an invalid start date are skipped (forecastVariant reports them).
 */
export function buildPoolProfiles(series: DailySeries[]): PoolProfiles {
  const builder = new PoolBuilder();
  for (const s of series) builder.add(s);
  return builder.finish();
}

/**
 * buildPoolProfiles one series at a time (a recompute streams the shop's histories in batches): the same
 * sums in the same order, so the same profiles, while it keeps one mean per series instead of the series.
 */
export class PoolBuilder {
  private readonly accs = new Map<string, Acc>();
  private readonly all = newAcc();

  add(s: DailySeries): void {
    if (!s || !Array.isArray(s.units)) return;
    const day0 = dayNumber(s.start);
    if (Number.isNaN(day0)) return;
    addSeries(this.all, s, day0);
    if (s.group) {
      let acc = this.accs.get(s.group);
      if (!acc) {
        acc = newAcc();
        this.accs.set(s.group, acc);
      }
      addSeries(acc, s, day0);
    }
  }

  /** The sums so far as plain data (JSON-safe), for a part of a shop built elsewhere (a chunk job). */
  state(): PoolBuilderState {
    return { all: accState(this.all), groups: [...this.accs].map(([g, acc]) => [g, accState(acc)]) };
  }

  /**
   * Adds another builder's sums (its series come after this one's). Groups keep their first-seen order; the sums
   * are added as totals, so a shop built part by part in a fixed partition gives the same profiles every time.
   */
  merge(state: PoolBuilderState): void {
    mergeAcc(this.all, state.all);
    for (const [g, part] of state.groups) {
      let acc = this.accs.get(g);
      if (!acc) {
        acc = newAcc();
        this.accs.set(g, acc);
      }
      mergeAcc(acc, part);
    }
  }

  finish(): PoolProfiles {
    const groups: Record<string, GroupProfile> = { [ALL_GROUP]: finish(this.all) };
    for (const [g, acc] of this.accs) groups[g] = finish(acc);
    return { groups };
  }
}

/** The group's profile, else the all-series profile, else null. */
export function profileFor(pool: PoolProfiles | undefined, group: string | undefined): GroupProfile | null {
  if (!pool) return null;
  const g = group !== undefined ? pool.groups[group] : undefined;
  if (g && g.series > 0) return g;
  const all = pool.groups[ALL_GROUP];
  return all && all.series > 0 ? all : null;
}

/**
 * Yearly multiplicative index for steps 0 .. n + h - 1 of a daily series. With more than a year of
 * own history, the variant's own week-of-year ratios shrunk towards the group shape; otherwise the
 * group's shape; null when neither exists.
 */
export function yearlyIndex(
  y: Float64Array,
  ok: Uint8Array,
  n: number,
  h: number,
  day0: number,
  groupYearly: number[] | null,
): Float64Array | null {
  let first = -1,
    last = -1,
    tot = 0,
    c = 0;
  for (let i = 0; i < n; i++)
    if (ok[i]) {
      if (first < 0) first = i;
      last = i;
      tot += y[i];
      c++;
    }
  const ownLong = first >= 0 && last - first + 1 >= YEARLY_MIN_DAYS && tot > 0;
  let shape: number[] | null = groupYearly;
  if (!shape && !ownLong) return null;
  const woy = new Uint8Array(n + h);
  fillWeekOfYear(day0, woy);
  if (ownLong) {
    const mean = tot / c;
    const sum = new Float64Array(WEEKS);
    const cnt = new Float64Array(WEEKS);
    for (let i = 0; i < n; i++) {
      if (!ok[i]) continue;
      const w = woy[i];
      sum[w] += y[i] / mean;
      cnt[w]++;
    }
    shape = smoothYearly(sum, cnt, groupYearly);
  }
  if (!shape) return null;
  const out = new Float64Array(n + h);
  for (let i = 0; i < n + h; i++) out[i] = shape[woy[i]];
  return out;
}
