// Value parsers for Shopify CSV cells; a bad value fails naming the row's line and the column.
import type { CsvRow } from "./csv-stream";

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)$/;
// Shopify: "2024-01-15 10:23:45 +0100"; also accept ISO "2024-01-15T10:23:45+01:00" and a bare date.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?)?$/;

export function isCalendarDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Local calendar day (YYYY-MM-DD) of a timestamp as written, i.e. in the order's own UTC offset. */
export function localDay(row: CsvRow, column: string, raw = row.get(column)): string {
  const m = DATE_TIME.exec(raw);
  if (!m || !isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3])) || (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59))) {
    row.fail("CSV.BAD_DATE", column, `cannot read date "${raw}" (expected like 2024-01-15 10:23:45 +0100)`);
  }
  return `${m![1]}-${m![2]}-${m![3]}`;
}

/** A number; `fallback` when the cell is empty (undefined fallback = required). */
export function num(row: CsvRow, column: string, fallback?: number | null): number | null {
  const raw = row.get(column).replace(/^'/, "");
  if (raw === "") {
    if (fallback === undefined) row.fail("CSV.BAD_NUMBER", column, "a number is required here but the cell is empty");
    return fallback ?? null;
  }
  if (!NUMBER.test(raw)) row.fail("CSV.BAD_NUMBER", column, `cannot read number "${raw}"`);
  return Number(raw);
}

export function requiredNum(row: CsvRow, column: string): number {
  return num(row, column) as number;
}
