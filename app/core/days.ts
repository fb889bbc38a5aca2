// Calendar days as "YYYY-MM-DD" strings and day numbers (whole days since 1970-01-01), in UTC so no
// daylight-saving surprises. Parsing here is lenient (no validation); callers that must reject bad input
// validate first (see app/core/pricing/dates.ts, app/core/forecast/calendar.ts, app/demo/sim/calendar.ts).

export const DAY_MS = 86_400_000;

/** "YYYY-MM-DD" -> day number, without validation (an invalid day gives NaN). */
export function dayToEpoch(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

/** Day number -> "YYYY-MM-DD". */
export function epochToDay(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return epochToDay(dayToEpoch(day) + n);
}

/** Whole days from `a` to `b` (b - a). */
export function daysBetween(a: string, b: string): number {
  return dayToEpoch(b) - dayToEpoch(a);
}

/** Weekday of a day number, 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}
