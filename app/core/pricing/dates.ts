// Calendar helpers on YYYY-MM-DD strings (UTC day arithmetic, no time zones).

import { DAY_MS, epochToDay } from "../days";

export function toDayNumber(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`invalid date "${date}" (expected YYYY-MM-DD)`);
  return Math.round(ms / DAY_MS);
}

export { epochToDay as fromDayNumber };

export function addDays(date: string, days: number): string {
  return epochToDay(toDayNumber(date) + days);
}

export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Fraction of the year, 0..1, for yearly Fourier terms. */
export function yearPhase(day: number): number {
  const p = (day % 365.25) / 365.25;
  return p < 0 ? p + 1 : p;
}

export { isIsoDay as isIsoDate } from "../days";
