// What a past merchant event did (issue 15): its days measured against the statistical forecast made the day
// before, and the error of both versions. Apart from events.ts so the admin UI can import that without the engine.
import { dayNumber } from "./calendar";
import { forecastVariant } from "./engine";
import { adjustedMean, type ForecastEvent } from "./events";
import type { DailySeries, PoolProfiles } from "./types";

/** What a past event did, measured on its in-stock days against the statistical forecast made the day before. */
export interface EventOutcome {
  eventId: string;
  /** Variants measured (those with enough history before the event). */
  variants: number;
  /** Variant-days measured (in stock, inside the history). */
  days: number;
  actual: number;
  statistical: number;
  adjusted: number;
  /** actual / statistical - 1; null when the statistical forecast was 0. */
  uplift: number | null;
  /** Extra units per variant and day: (actual - statistical) / days. */
  extraPerDay: number;
  /** Weighted absolute percentage error over the variant-days, sum |forecast - actual| / sum actual. */
  error: { statistical: number; adjusted: number };
}

/** Days of history a variant needs before an event for the event to be measured on it. */
export const MIN_DAYS_BEFORE_EVENT = 28;

/**
 * Measures a past event on the histories of the variants it covered (each with its other events masked in
 * `eventDays`). The baseline of each variant is the engine's forecast from the history before the event
 * (without backtest, to stay cheap) — the "baseline sales" of promotion-lift analysis (Abraham & Lodish 1993,
 * "An implemented system for improving promotion productivity using store scanner data"). Only days that are
 * in the history and in stock count; null when no variant-day could be measured.
 */
export function evaluateEvent(
  event: ForecastEvent,
  histories: readonly DailySeries[],
  pool?: PoolProfiles,
): EventOutcome | null {
  let variants = 0,
    days = 0,
    actual = 0,
    stat = 0,
    adj = 0,
    absStat = 0,
    absAdj = 0;
  for (const s of histories) {
    const from = dayNumber(event.start) - dayNumber(s.start);
    const to = Math.min(s.units.length - 1, dayNumber(event.end) - dayNumber(s.start));
    if (from < MIN_DAYS_BEFORE_EVENT || to < from) continue;
    const before: DailySeries = {
      ...s,
      units: s.units.slice(0, from),
      available: s.available?.slice(0, from),
      prices: s.prices?.slice(0, from),
      eventDays: s.eventDays?.slice(0, from),
    };
    const fc = forecastVariant(before, { horizon: to - from + 1, backtestOrigins: 0 }, pool);
    let measured = 0;
    for (let t = 0; t <= to - from; t++) {
      const i = from + t;
      // Out of stock that day or the day the stock ran out: sales are not demand (censoring.ts).
      if (s.available?.[i] === false || s.available?.[i + 1] === false) continue;
      const a = s.units[i];
      const f = fc.mean[t];
      const g = adjustedMean(f, [event.effect]);
      actual += a;
      stat += f;
      adj += g;
      absStat += Math.abs(f - a);
      absAdj += Math.abs(g - a);
      measured++;
    }
    if (measured > 0) {
      variants++;
      days += measured;
    }
  }
  if (days === 0) return null;
  const wape = (e: number) => (actual > 0 ? e / actual : e > 0 ? 1 : 0);
  return {
    eventId: event.id,
    variants,
    days,
    actual,
    statistical: stat,
    adjusted: adj,
    uplift: stat > 0 ? actual / stat - 1 : null,
    extraPerDay: (actual - stat) / days,
    error: { statistical: wape(absStat), adjusted: wape(absAdj) },
  };
}
