// Rolling-origin evaluation (Tashman 2000, "Out-of-sample tests of forecasting accuracy") used to
// choose or combine models per variant. Each candidate searches its parameters once, at the earliest
// origin, and reuses them at later origins, so a backtest costs about one fit per origin.
// Censored days are left out of both the scale and the errors.

import type { ForecastModel, SeriesInput } from "./models/contract";

/** Models that failed, by name, and the messages VariantForecast.fallbacks lists ("name: reason"). */
export class Failures {
  private readonly failed = new Set<string>();
  readonly messages: string[] = [];

  /** A model failed (it is skipped from now on); `model` null = a note about the input. */
  add(model: string | null, reason: string): void {
    if (model !== null) this.failed.add(model);
    this.messages.push(`${model ?? "input"}: ${reason}`);
  }

  has(model: string): boolean {
    return this.failed.has(model);
  }
}

export const reasonOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export interface Origin {
  /** Training length (the test window starts at step n). */
  n: number;
  /** Test window length. */
  h: number;
  /** Mean squared lag-1 difference of the training data (RMSSE scale). */
  scaleSq: number;
  /** Mean absolute lag-1 difference of the training data (MASE scale). */
  scaleAbs: number;
}

export interface CandidateScore {
  names: string[];
  /** Test-window means per origin. */
  preds: Float64Array[];
  /** Mean RMSSE over the origins. */
  rmsse: number;
}

function scales(input: SeriesInput, n: number): { scaleSq: number; scaleAbs: number } {
  const { y, ok } = input;
  let sq = 0,
    ab = 0,
    c = 0,
    lvl = 0,
    lc = 0;
  for (let i = 0; i < n; i++) {
    if (!ok[i]) continue;
    lvl += y[i] * y[i];
    lc++;
    if (i > 0 && ok[i - 1]) {
      const d = y[i] - y[i - 1];
      sq += d * d;
      ab += Math.abs(d);
      c++;
    }
  }
  if (c > 0 && sq > 0) return { scaleSq: sq / c, scaleAbs: ab / c };
  const f = lc > 0 && lvl > 0 ? lvl / lc : 1;
  return { scaleSq: f, scaleAbs: Math.sqrt(f) };
}

/** Origins for a history of n steps: up to k windows of up to h steps, each after minTrain steps. */
export function makeOrigins(input: SeriesInput, n: number, h: number, k: number, minTrain: number): Origin[] {
  if (k < 1 || n - minTrain < 1) return [];
  let kk = k;
  let hh = Math.min(h, Math.floor((n - minTrain) / kk));
  if (hh < Math.min(h, 7)) {
    kk = 1;
    hh = Math.min(h, n - minTrain);
  }
  if (hh < 1) return [];
  const out: Origin[] = [];
  for (let j = kk; j >= 1; j--) {
    const start = n - j * hh;
    let avail = 0,
      train = 0;
    for (let i = start; i < start + hh; i++) avail += input.ok[i];
    for (let i = 0; i < start; i++) train += input.ok[i];
    if (avail === 0 || train === 0) continue;
    out.push({ n: start, h: hh, ...scales(input, start) });
  }
  return out;
}

/** Mean over origins of the RMSSE of the given test-window predictions. */
export function scorePreds(input: SeriesInput, origins: Origin[], preds: Float64Array[]): number {
  let tot = 0;
  for (let o = 0; o < origins.length; o++) {
    const { n, h, scaleSq } = origins[o];
    const p = preds[o];
    let s = 0,
      c = 0;
    for (let t = 0; t < h; t++) {
      if (!input.ok[n + t]) continue;
      const e = input.y[n + t] - p[t];
      s += e * e;
      c++;
    }
    tot += Math.sqrt(s / Math.max(1, c) / scaleSq);
  }
  return tot / origins.length;
}

function finite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]) || a[i] < 0) return false;
  return true;
}

/**
 * Runs every candidate over the origins. A candidate that throws or returns a non-finite or
 * negative mean is dropped and named in `failures`.
 */
export function runBacktest(
  input: SeriesInput,
  origins: Origin[],
  models: readonly ForecastModel[],
  failures: Failures,
): { scores: CandidateScore[]; params: Map<string, unknown> } {
  const scores: CandidateScore[] = [];
  const params = new Map<string, unknown>();
  for (const model of models) {
    const preds: Float64Array[] = [];
    let p: unknown = model.paramsFrom ? params.get(model.paramsFrom) : undefined;
    let failed = false;
    for (const o of origins) {
      try {
        const r = model.forecast(input, { n: o.n, h: o.h, params: p });
        if (r.mean.length !== o.h || !finite(r.mean)) throw new Error("returned a non-finite or negative mean");
        preds.push(r.mean);
        p = r.params;
      } catch (err) {
        failures.add(model.name, `${reasonOf(err)} (backtest)`);
        failed = true;
        break;
      }
    }
    if (failed) continue;
    params.set(model.name, p);
    scores.push({ names: [model.name], preds, rmsse: scorePreds(input, origins, preds) });
  }
  return { scores, params };
}

/** Adds equal-weight combinations of the best two and three candidates (forecast combination, Bates & Granger 1969). */
export function addCombinations(input: SeriesInput, origins: Origin[], scores: CandidateScore[]): CandidateScore[] {
  const sorted = scores.slice().sort((a, b) => a.rmsse - b.rmsse);
  const out = sorted.slice();
  for (const size of [2, 3]) {
    if (sorted.length < size) break;
    const members = sorted.slice(0, size);
    const preds = origins.map((o, oi) => {
      const a = new Float64Array(o.h);
      for (const m of members) for (let t = 0; t < o.h; t++) a[t] += m.preds[oi][t] / size;
      return a;
    });
    out.push({ names: members.map((m) => m.names[0]), preds, rmsse: scorePreds(input, origins, preds) });
  }
  return out.sort((a, b) => a.rmsse - b.rmsse);
}
