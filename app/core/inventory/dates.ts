// Calendar-day arithmetic on YYYY-MM-DD strings (UTC, so no daylight-saving surprises).

import { addDays, dayToEpoch, daysBetween, epochToDay } from "../days";

export { addDays, dayToEpoch, daysBetween, epochToDay };

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDay(s: string): boolean {
  const m = ISO_DAY.exec(s);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === s;
}
