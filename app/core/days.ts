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
  // Digits read directly (Date.parse took most of a history's reading); anything else goes to Date.parse, which
  // also lets a day 29..31 run into the next month, as this does.
  if (typeof day === "string" && day.length === 10 && day.charCodeAt(4) === 45 && day.charCodeAt(7) === 45) {
    const y = digits(day, 0, 4);
    const m = digits(day, 5, 2);
    const d = digits(day, 8, 2);
    if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31) return daysFromCivil(y, m) + d - 1;
  }
  return Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

/** The number written by `length` ASCII digits from `from`, or -1. */
function digits(s: string, from: number, length: number): number {
  let n = 0;
  for (let i = from; i < from + length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Day number of the first of month m (1..12) of year y (proleptic Gregorian; Hinnant, "chrono-Compatible
 *  Low-Level Date Algorithms", days_from_civil). */
function daysFromCivil(y: number, m: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
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
