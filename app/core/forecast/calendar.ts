// Calendar helpers on YYYY-MM-DD strings (UTC arithmetic, no time zones involved).

import { dayToEpoch, epochToDay, isIsoDay, weekday } from "../days";

export { epochToDay as dateFromDayNumber, weekday };

/** Days since 1970-01-01, or NaN when `date` is not a valid YYYY-MM-DD. */
export function dayNumber(date: string): number {
  return isIsoDay(date) ? dayToEpoch(date) : NaN;
}

export function addDays(date: string, days: number): string {
  return epochToDay(dayNumber(date) + days);
}

/** Week of the year, 0..52, from the day of the year. */
export function weekOfYear(day: number): number {
  const d = new Date(day * 86_400_000);
  const jan1 = Date.UTC(d.getUTCFullYear(), 0, 1) / 86_400_000;
  return Math.min(52, Math.floor((day - jan1) / 7));
}

/** Fills out[i] with weekOfYear(day0 + i), computing the date only once. */
export function fillWeekOfYear(day0: number, out: Uint8Array): void {
  const d = new Date(day0 * 86_400_000);
  let year = d.getUTCFullYear();
  let doy = day0 - Date.UTC(year, 0, 1) / 86_400_000;
  let yearLen = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
  for (let i = 0; i < out.length; i++) {
    out[i] = Math.min(52, Math.floor(doy / 7));
    doy++;
    if (doy >= yearLen) {
      doy = 0;
      year++;
      yearLen = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
    }
  }
}
