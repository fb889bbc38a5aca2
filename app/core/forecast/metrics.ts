// Forecast accuracy metrics. Every function skips censored points: a point counts only where its
// mask entry is truthy (no mask = all points count).
// MASE: Hyndman & Koehler (2006), "Another look at measures of forecast accuracy".
// RMSSE: the M5 competition's scaled error (Makridakis, Spiliotis & Assimakopoulos 2022).
// Pinball loss: Koenker & Bassett (1978) quantile loss.
// Scale of MASE / RMSSE: in-sample naive differences at `lag` (1 = naive, 7 = seasonal naive)
// over training pairs where both days are available. A zero scale (constant history) falls back
// to the mean absolute (squared) training value, then to 1, so the metric stays finite.

export type Mask = ArrayLike<boolean | number>;

const on = (mask: Mask | undefined, i: number): boolean => !mask || Boolean(mask[i]);

export interface ScaleOptions {
  /** Differencing lag of the scale. Default 1. */
  lag?: number;
  actualMask?: Mask;
  trainMask?: Mask;
}

function scale(train: ArrayLike<number>, lag: number, mask: Mask | undefined, squared: boolean): number {
  let s = 0,
    c = 0,
    abs = 0,
    ac = 0;
  for (let i = 0; i < train.length; i++) {
    if (!on(mask, i)) continue;
    const v = train[i];
    abs += squared ? v * v : Math.abs(v);
    ac++;
    if (i >= lag && on(mask, i - lag)) {
      const d = v - train[i - lag];
      s += squared ? d * d : Math.abs(d);
      c++;
    }
  }
  if (c > 0 && s > 0) return s / c;
  if (ac > 0 && abs > 0) return abs / ac;
  return 1;
}

/** Mean absolute scaled error. NaN when no point is available. */
export function mase(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  train: ArrayLike<number>,
  opts: ScaleOptions = {},
): number {
  let s = 0,
    c = 0;
  for (let i = 0; i < actual.length; i++) {
    if (!on(opts.actualMask, i)) continue;
    s += Math.abs(actual[i] - forecast[i]);
    c++;
  }
  if (c === 0) return NaN;
  return s / c / scale(train, opts.lag ?? 1, opts.trainMask, false);
}

/** Root mean squared scaled error. NaN when no point is available. */
export function rmsse(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  train: ArrayLike<number>,
  opts: ScaleOptions = {},
): number {
  let s = 0,
    c = 0;
  for (let i = 0; i < actual.length; i++) {
    if (!on(opts.actualMask, i)) continue;
    const e = actual[i] - forecast[i];
    s += e * e;
    c++;
  }
  if (c === 0) return NaN;
  return Math.sqrt(s / c / scale(train, opts.lag ?? 1, opts.trainMask, true));
}

/** Weighted absolute percentage error: sum |a - f| / sum a. 0 when both are zero, Infinity when only the actuals are. */
export function wape(actual: ArrayLike<number>, forecast: ArrayLike<number>, mask?: Mask): number {
  let e = 0,
    a = 0;
  for (let i = 0; i < actual.length; i++) {
    if (!on(mask, i)) continue;
    e += Math.abs(actual[i] - forecast[i]);
    a += Math.abs(actual[i]);
  }
  if (a > 0) return e / a;
  return e > 0 ? Infinity : 0;
}

/**
 * Relative bias: sum (f - a) / sum a (positive = over-forecast). When the actuals sum to zero,
 * the mean error per point instead.
 */
export function bias(actual: ArrayLike<number>, forecast: ArrayLike<number>, mask?: Mask): number {
  let d = 0,
    a = 0,
    c = 0;
  for (let i = 0; i < actual.length; i++) {
    if (!on(mask, i)) continue;
    d += forecast[i] - actual[i];
    a += actual[i];
    c++;
  }
  if (c === 0) return NaN;
  return a > 0 ? d / a : d / c;
}

/** Mean pinball (quantile) loss of quantile forecasts q at `level`. */
export function pinball(actual: ArrayLike<number>, q: ArrayLike<number>, level: number, mask?: Mask): number {
  let s = 0,
    c = 0;
  for (let i = 0; i < actual.length; i++) {
    if (!on(mask, i)) continue;
    const d = actual[i] - q[i];
    s += d >= 0 ? level * d : (level - 1) * d;
    c++;
  }
  return c === 0 ? NaN : s / c;
}

/** Share of actuals with lower <= actual <= upper. */
export function coverage(
  actual: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  mask?: Mask,
): number {
  let inside = 0,
    c = 0;
  for (let i = 0; i < actual.length; i++) {
    if (!on(mask, i)) continue;
    if (actual[i] >= lower[i] && actual[i] <= upper[i]) inside++;
    c++;
  }
  return c === 0 ? NaN : inside / c;
}
