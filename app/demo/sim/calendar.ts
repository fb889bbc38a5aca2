// Calendar helpers on "day numbers" (whole days since 1970-01-01). The simulated shop lives in
// Europe/Paris; order timestamps carry the Paris UTC offset of their day (EU summer time rules).

import { DAY_MS, epochToDay as formatDay, weekday } from "../../core/days";

export { formatDay, weekday };

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const parsed = new Map<string, number>();

/** "YYYY-MM-DD" -> day number. Throws on a malformed day (a programming error in the caller). */
export function parseDay(day: string): number {
  const hit = parsed.get(day);
  if (hit !== undefined) return hit;
  const n = parseDayUncached(day);
  if (parsed.size < 100_000) parsed.set(day, n);
  return n;
}

function parseDayUncached(day: string): number {
  const m = DAY_RE.exec(day);
  if (!m) throw new Error(`simulator: day must be YYYY-MM-DD, got "${day}"`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const n = ms / DAY_MS;
  if (formatDay(n) !== day) throw new Error(`simulator: "${day}" is not a calendar day`);
  return n;
}

/** Day of the year, 1 = 1 January. */
export function dayOfYear(dayNumber: number): number {
  const d = new Date(dayNumber * DAY_MS);
  return dayNumber - Date.UTC(d.getUTCFullYear(), 0, 1) / DAY_MS + 1;
}

const formatted = new Map<number, string>();

/** formatDay with a cache, for hot loops over the same few hundred days. */
export function formatDayCached(dayNumber: number): string {
  let s = formatted.get(dayNumber);
  if (s === undefined) {
    s = formatDay(dayNumber);
    if (formatted.size < 100_000) formatted.set(dayNumber, s);
  }
  return s;
}

/** parseDay for a named option: the error names the option and the bad value. */
export function parseOptionDay(name: string, day: string): number {
  try {
    return parseDay(day);
  } catch {
    throw new Error(`simulator: ${name} must be a YYYY-MM-DD calendar day, got "${day}"`);
  }
}

export function addDays(day: string, n: number): string {
  return formatDay(parseDay(day) + n);
}

/** The `count` consecutive days ending with `endDay` (included). */
export function dayRange(endDay: string, count: number): string[] {
  const end = parseDay(endDay);
  const out: string[] = new Array(count);
  for (let i = 0; i < count; i++) out[i] = formatDay(end - count + 1 + i);
  return out;
}

function lastSunday(year: number, monthIndex: number): number {
  const lastDay = Date.UTC(year, monthIndex + 1, 0) / DAY_MS;
  return lastDay - ((weekday(lastDay) + 1) % 7);
}

/** Paris offset in minutes for a local day (daytime hours): +120 in summer time, else +60. */
export function parisOffsetMinutes(dayNumber: number): number {
  const year = new Date(dayNumber * DAY_MS).getUTCFullYear();
  return dayNumber >= lastSunday(year, 2) && dayNumber < lastSunday(year, 9) ? 120 : 60;
}

const offsets = new Map<number, number>();

function parisOffsetCached(dayNumber: number): number {
  let o = offsets.get(dayNumber);
  if (o === undefined) {
    o = parisOffsetMinutes(dayNumber);
    if (offsets.size < 100_000) offsets.set(dayNumber, o);
  }
  return o;
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Local Paris time of a day as ISO 8601 with offset, e.g. "2025-03-15T19:23:45+01:00". On the two
 * switch days the offset follows the hour (02:00 winter -> 03:00 summer in March, 03:00 -> 02:00 in
 * October); the missing March hour maps to 03:00:00, so later seconds never give an earlier instant.
 */
export function parisTimestamp(dayNumber: number, secondOfDay: number): string {
  let s = Math.max(0, Math.min(86_399, Math.floor(secondOfDay)));
  let off = parisOffsetCached(dayNumber);
  if (off !== parisOffsetCached(dayNumber - 1)) {
    if (off === 120 && s < 7200) off = 60;
    else if (off === 120 && s < 10_800) s = 10_800;
    else if (off === 60 && s < 10_800) off = 120;
  }
  const hh = pad(Math.floor(s / 3600));
  const mm = pad(Math.floor((s % 3600) / 60));
  const ss = pad(s % 60);
  return `${formatDayCached(dayNumber)}T${hh}:${mm}:${ss}+${pad(off / 60)}:00`;
}
