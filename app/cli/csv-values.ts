// Value parsers for Shopify CSV cells; a bad value fails naming the row's line and the column.
import type { CsvRow } from "./csv-stream";

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)$/;
const DECIMAL_COMMA = /^-?\d+,\d+$/;
// Shopify: "2024-01-15 10:23:45 +0100"; also accept ISO "2024-01-15T10:23:45+01:00" and a bare date.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?)?$/;
const DAY_FIRST = /^\d{1,2}\/\d{1,2}\/\d{2,4}/;

/** Plausible days for a shop's history, YYYY-MM-DD: a date outside is a typo, never data. */
export interface DayBounds {
  earliest: string;
  latest: string;
}

export function isCalendarDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Local calendar day (YYYY-MM-DD) of a timestamp as written, i.e. in the order's own UTC offset. */
export function localDay(row: CsvRow, column: string, bounds?: DayBounds, raw = row.get(column)): string {
  const m = DATE_TIME.exec(raw);
  if (
    !m ||
    !isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3])) ||
    (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59))
  ) {
    const hint = DAY_FIRST.test(raw)
      ? "; day-first dates are how Excel saves the file in some languages: export it again from Shopify"
      : "";
    row.fail("CSV.BAD_DATE", column, `cannot read date "${raw}" (expected like 2024-01-15 10:23:45 +0100${hint})`);
  }
  const day = `${m![1]}-${m![2]}-${m![3]}`;
  if (bounds && day > bounds.latest)
    row.fail("CSV.BAD_DATE", column, `date ${day} is in the future (after ${bounds.latest}): a typo?`);
  if (bounds && day < bounds.earliest)
    row.fail("CSV.BAD_DATE", column, `date ${day} is before ${bounds.earliest}: a typo?`);
  return day;
}

/** A number; `fallback` when the cell is empty (undefined fallback = required). */
export function num(row: CsvRow, column: string, fallback?: number | null): number | null {
  let raw = row.get(column).replace(/^'/, "");
  if (raw === "") {
    if (fallback === undefined) row.fail("CSV.BAD_NUMBER", column, "a number is required here but the cell is empty");
    return fallback ?? null;
  }
  if (row.decimalComma && DECIMAL_COMMA.test(raw)) raw = raw.replace(",", ".");
  if (!NUMBER.test(raw)) row.fail("CSV.BAD_NUMBER", column, `cannot read number "${raw}"`);
  return Number(raw);
}

export function requiredNum(row: CsvRow, column: string): number {
  return num(row, column) as number;
}

/** A price or cost: a number, 0 or more; `fallback` when the cell is empty (undefined = required). */
export function amount(row: CsvRow, column: string, fallback?: number | null): number | null {
  const v = num(row, column, fallback);
  if (v !== null && v < 0) row.fail("CSV.BAD_NUMBER", column, `a price or cost cannot be negative (${v})`);
  return v;
}
