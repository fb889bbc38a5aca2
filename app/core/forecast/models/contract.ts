// The one contract every forecast model implements (statsforecast style): given the fitting history
// and a horizon, return the mean path and count quantiles. Models never see censored days as zeros.

import { levelKey } from "../types";
import { countQuantile, dispersionFromResiduals } from "../distribution";

/** Prepared history. Index i is one step (a day, or a month for monthly data). */
export interface SeriesInput {
  /** Observed values; the value where ok[i] === 0 is meaningless. */
  y: Float64Array;
  /** 1 = available (observed), 0 = censored. */
  ok: Uint8Array;
  /** Seasonal period in steps (7 daily, 12 monthly, 1 = none). */
  period: number;
  /** Position of step 0 in the seasonal cycle (for daily data: weekday of day 0, 0 = Monday). */
  phase: number;
  /** Optional multiplicative yearly index for steps 0 .. y.length + horizon - 1 (daily data only). */
  yearly?: Float64Array | null;
  /** Optional prior shape for new variants (pooled group profile). */
  prior?: { weekly: number[]; level: number } | null;
}

export interface ModelResult {
  /** Mean forecast for steps n .. n + h - 1. */
  mean: Float64Array;
  /** Count quantiles keyed by levelKey(level); empty when no levels were asked. */
  quantiles: Record<string, number[]>;
  /** One-step in-sample fitted values (index i = expectation for step i before seeing it), if asked. */
  fitted?: Float64Array;
  /** Sum of squared one-step in-sample errors and their count (for the in-sample dispersion). */
  sse: number;
  nres: number;
  /** Sum of the one-step fitted means over the scored points (for the in-sample dispersion). */
  fitSum: number;
  fitSqSum: number;
  /** Parameters chosen, so a refit at a later origin can skip the search. */
  params?: unknown;
}

export interface FitRequest {
  /** Use the first n steps of the input as history. */
  n: number;
  h: number;
  levels?: readonly number[];
  /** Reuse parameters from an earlier fit (skip the search). */
  params?: unknown;
  /** Return in-sample one-step fitted values (used for the lost-sales estimate). */
  wantFitted?: boolean;
}

export interface ForecastModel {
  name: string;
  /** Start from the parameters another model chose in the same backtest (skips a search). */
  paramsFrom?: string;
  forecast(input: SeriesInput, req: FitRequest): ModelResult;
}

/** Accumulates one-step errors during a filter pass without allocating. */
export class ResidualStats {
  sse = 0;
  nres = 0;
  fitSum = 0;
  fitSqSum = 0;
  add(actual: number, fitted: number): void {
    const e = actual - fitted;
    this.sse += e * e;
    this.nres++;
    this.fitSum += fitted;
    this.fitSqSum += fitted * fitted;
  }
}

/** Builds a ModelResult, adding count quantiles from the in-sample residual dispersion. */
export function finishResult(
  mean: Float64Array,
  stats: ResidualStats,
  req: FitRequest,
  fitted?: Float64Array,
  params?: unknown,
): ModelResult {
  // Demand cannot be negative. NaN is left in place on purpose: the pipeline treats it as a
  // failed model and moves down the fallback chain.
  for (let i = 0; i < mean.length; i++) if (mean[i] < 0) mean[i] = 0;
  const quantiles: Record<string, number[]> = {};
  if (req.levels && req.levels.length > 0) {
    const size = dispersionFromResiduals(stats.sse, stats.fitSum, stats.fitSqSum);
    for (const level of req.levels) {
      const q = new Array<number>(mean.length);
      for (let i = 0; i < mean.length; i++) q[i] = countQuantile(mean[i], size, level);
      quantiles[levelKey(level)] = q;
    }
  }
  return {
    mean,
    quantiles,
    fitted: req.wantFitted ? fitted : undefined,
    sse: stats.sse,
    nres: stats.nres,
    fitSum: stats.fitSum,
    fitSqSum: stats.fitSqSum,
    params,
  };
}

/** Mean of the available values among the first n steps; 0 when none. */
export function availableMean(input: SeriesInput, n: number): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    if (input.ok[i]) {
      s += input.y[i];
      c++;
    }
  }
  return c > 0 ? s / c : 0;
}

export function availableCount(input: SeriesInput, n: number): number {
  let c = 0;
  for (let i = 0; i < n; i++) c += input.ok[i];
  return c;
}
