// Database-shaped history (daily sales rows, run-length stock snapshots) to the forecast engine's DailySeries.
import type { DailySeries } from "../forecast/types";
import { dayToEpoch as dayNumber } from "../days";

export interface SalesDay {
  day: string;
  units: number;
  /** Realised unit price after discounts; null when unknown. */
  avgPrice: number | null;
}

/** Run-length stock row: `available` holds from `day` until the next row of the same location. */
export interface StockRow {
  locationId: string;
  day: string;
  available: number;
}

export interface SeriesInput {
  id: string;
  group?: string;
  /** First and last day of the series, YYYY-MM-DD (inclusive). */
  start: string;
  end: string;
  sales: SalesDay[];
  snapshots: StockRow[];
}

/**
 * One variant's daily series. A day is censored (available = false) when every location with a known
 * level holds 0 or less that day; before a location's first row its level is unknown and it does not vote.
 * Without any snapshot row the mask is omitted (all days available).
 */
export function toDailySeries(input: SeriesInput): DailySeries {
  const n = dayNumber(input.end) - dayNumber(input.start) + 1;
  if (!(n > 0)) throw new RangeError(`series ${input.id}: end ${input.end} is before start ${input.start}`);
  const units = new Array<number>(n).fill(0);
  const prices = new Array<number | null>(n).fill(null);
  const base = dayNumber(input.start);
  for (const s of input.sales) {
    const i = dayNumber(s.day) - base;
    if (i < 0 || i >= n) continue;
    units[i] += Math.max(0, s.units);
    if (s.avgPrice != null && s.units > 0) prices[i] = s.avgPrice;
  }
  const series: DailySeries = { id: input.id, start: input.start, units, prices };
  if (input.group !== undefined) series.group = input.group;
  if (input.snapshots.length > 0) series.available = availabilityMask(input.snapshots, base, n);
  return series;
}

function availabilityMask(rows: StockRow[], base: number, n: number): boolean[] {
  const byLocation = new Map<string, StockRow[]>();
  for (const r of rows) {
    const list = byLocation.get(r.locationId) ?? [];
    list.push(r);
    byLocation.set(r.locationId, list);
  }
  // known[i]: some location has a known level on day i; inStock[i]: some location has stock on day i.
  const known = new Array<boolean>(n).fill(false);
  const inStock = new Array<boolean>(n).fill(false);
  for (const list of byLocation.values()) {
    list.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    for (let k = 0; k < list.length; k++) {
      const from = Math.max(0, dayNumber(list[k].day) - base);
      const to = k + 1 < list.length ? Math.min(n, dayNumber(list[k + 1].day) - base) : n;
      for (let i = from; i < to; i++) {
        known[i] = true;
        if (list[k].available > 0) inStock[i] = true;
      }
    }
  }
  return known.map((k, i) => !k || inStock[i]);
}
