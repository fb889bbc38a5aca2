// Calendar days as "YYYY-MM-DD" strings and day numbers (whole days since 1970-01-01), in UTC so no
// daylight-saving surprises. `isIsoDay` is the one validator of the code base (2024-02-30 is not a day);
// the arithmetic below is lenient, so callers that must reject bad input check with it first.

export const DAY_MS = 86_400_000;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD. */
export function isIsoDay(s: string): boolean {
  const m = typeof s === "string" ? ISO_DAY.exec(s) : null;
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

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
