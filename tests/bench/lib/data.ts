// Loaders for the public data sets in ../shared/data (benchmarks only; see its README).
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import { parse } from "csv-parse/sync";

const DAY_MS = 86_400_000;
export const dayNumber = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
export const isoDay = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Rows as objects keyed by the header; plain split where a line has no quote (fast), csv-parse otherwise. */
function readCsv(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/);
  const head = lines[0].split(",");
  const out: Record<string, string>[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.length === 0) continue;
    const cells = line.includes('"') ? (parse(line) as string[][])[0] : line.split(",");
    if (cells.length !== head.length)
      throw new Error(`line ${i + 1}: expected ${head.length} columns, got ${cells.length}`);
    const r: Record<string, string> = {};
    for (let j = 0; j < head.length; j++) r[head[j]] = cells[j];
    out.push(r);
  }
  return out;
}

/** One SKU of the online-retail data, summed over countries, zero-filled from its first sale to the last day of the data. */
export interface RetailSku {
  sku: string;
  description: string;
  start: string;
  /** Units per day. */
  units: number[];
  /** Revenue per day (after the cleaning's price), for the realised average price. */
  revenue: number[];
  totalUnits: number;
}

export interface RetailData {
  first: string;
  last: string;
  skus: RetailSku[];
  /** Rows per (sku, country, day), for market-level views. */
  rows: { day: number; sku: string; country: string; quantity: number; revenue: number }[];
}

export function loadOnlineRetail(dataDir: string): RetailData {
  const file = join(dataDir, "online-retail/daily_sku_country.csv.gz");
  const records = readCsv(gunzipSync(readFileSync(file)).toString("utf8"));
  const rows: RetailData["rows"] = [];
  let lastDay = -Infinity,
    firstDay = Infinity;
  const desc = new Map<string, string>();
  for (const [i, r] of records.entries()) {
    const day = dayNumber(r.date);
    const quantity = Number(r.quantity);
    const revenue = Number(r.revenue);
    if (Number.isNaN(day) || !Number.isFinite(quantity) || !Number.isFinite(revenue)) {
      throw new Error(`${file}: line ${i + 2}: unparsable date, quantity or revenue`);
    }
    rows.push({ day, sku: r.sku, country: r.country, quantity, revenue });
    if (!desc.has(r.sku)) desc.set(r.sku, r.description);
    if (day > lastDay) lastDay = day;
    if (day < firstDay) firstDay = day;
  }
  const bySku = new Map<string, { first: number; q: Map<number, number>; rev: Map<number, number> }>();
  for (const r of rows) {
    let s = bySku.get(r.sku);
    if (!s) bySku.set(r.sku, (s = { first: r.day, q: new Map(), rev: new Map() }));
    if (r.day < s.first) s.first = r.day;
    s.q.set(r.day, (s.q.get(r.day) ?? 0) + r.quantity);
    s.rev.set(r.day, (s.rev.get(r.day) ?? 0) + r.revenue);
  }
  const skus: RetailSku[] = [];
  for (const [sku, s] of bySku) {
    const n = lastDay - s.first + 1;
    const units = new Array<number>(n).fill(0);
    const revenue = new Array<number>(n).fill(0);
    let total = 0;
    for (const [d, q] of s.q) {
      units[d - s.first] = q;
      revenue[d - s.first] = s.rev.get(d) ?? 0;
      total += q;
    }
    skus.push({ sku, description: desc.get(sku) ?? "", start: isoDay(s.first), units, revenue, totalUnits: total });
  }
  // Most units first; ties by SKU so the selection is deterministic.
  skus.sort((a, b) => b.totalUnits - a.totalUnits || (a.sku < b.sku ? -1 : 1));
  return { first: isoDay(firstDay), last: isoDay(lastDay), skus, rows };
}

/** One car-parts series: leading and trailing missing months trimmed; interior missing = null (censored). */
export interface CarPart {
  id: string;
  /** Month index of values[0] (0 = Jan 1998). */
  firstMonth: number;
  values: (number | null)[];
}

export function loadCarparts(dataDir: string): { months: string[]; parts: CarPart[] } {
  const file = join(dataDir, "carparts/carparts.csv");
  const lines = readFileSync(file, "utf8")
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const months = lines[0].split(",").slice(1);
  const parts: CarPart[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split(",");
    const vals = months.map((_, j) => {
      const c = (cells[j + 1] ?? "").trim();
      if (c === "" || c === "NA") return null;
      const v = Number(c);
      if (!Number.isFinite(v) || v < 0)
        throw new Error(`${file}: line ${i + 1}, column ${months[j]}: not a count: ${JSON.stringify(c)}`);
      return v;
    });
    let a = 0,
      b = vals.length - 1;
    while (a <= b && vals[a] === null) a++;
    while (b >= a && vals[b] === null) b--;
    if (a > b) continue;
    parts.push({ id: cells[0], firstMonth: a, values: vals.slice(a, b + 1) });
  }
  return { months, parts };
}
