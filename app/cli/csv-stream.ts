// Streaming CSV reader: one record at a time, with its header-keyed accessor and starting line number.
import { createReadStream, statSync } from "node:fs";
import { basename } from "node:path";
import { parse } from "csv-parse";
import { CsvInputFailure, type CsvErrorCode } from "./csv-errors";

export interface CsvRow {
  /** 1-based line where this record starts (quoted newlines make records span lines). */
  line: number;
  /** Trimmed value of a column, "" when the column is absent or empty. */
  get(column: string): string;
  has(column: string): boolean;
  fail(code: CsvErrorCode, column: string | null, message: string): never;
}

export interface CsvReadOptions {
  /** Columns that must be in the header. */
  required: string[];
  /** Called with (bytesRead, totalBytes) as the file streams. */
  onProgress?: (bytes: number, total: number) => void;
}

/** Stream `path` record by record; never holds more than one record in memory. */
export async function* readCsv(path: string, opts: CsvReadOptions): AsyncGenerator<CsvRow> {
  const file = basename(path);
  const failAt = (code: CsvErrorCode, line: number | null, column: string | null, message: string): never => {
    throw new CsvInputFailure({ code, file, line, column, message });
  };
  let total = 0;
  try {
    total = statSync(path).size;
  } catch {
    failAt("CSV.FILE_NOT_FOUND", null, null, `cannot read file ${path}`);
  }
  const source = createReadStream(path);
  let bytes = 0;
  if (opts.onProgress) {
    const report = opts.onProgress;
    source.on("data", (chunk) => {
      bytes += chunk.length;
      report(bytes, total);
    });
  }
  const parser = source.pipe(parse({ bom: true, info: true, skip_empty_lines: true, relax_quotes: false }));
  source.on("error", (err) => parser.destroy(err));

  let index: Map<string, number> | null = null;
  let prevLines = 0;
  let prevEmpty = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; empty_lines: number } }>) {
      const line = prevLines + 1 + (info.empty_lines - prevEmpty);
      prevLines = info.lines;
      prevEmpty = info.empty_lines;
      if (index === null) {
        index = new Map(record.map((h, i) => [h.trim(), i]));
        for (const col of opts.required) {
          if (!index.has(col)) failAt("CSV.MISSING_COLUMN", 1, col, `required column "${col}" is missing from the header`);
        }
        continue;
      }
      const cols = index;
      yield {
        line,
        get: (column) => {
          const i = cols.get(column);
          return i === undefined ? "" : (record[i] ?? "").trim();
        },
        has: (column) => cols.has(column),
        fail: (code, column, message) => failAt(code, line, column, message),
      };
    }
  } catch (err) {
    if (err instanceof CsvInputFailure) throw err;
    const e = err as { code?: string; lines?: number; message?: string };
    if (e.code === "ENOENT" || e.code === "EISDIR" || e.code === "EACCES") failAt("CSV.FILE_NOT_FOUND", null, null, `cannot read file ${path}`);
    failAt("CSV.MALFORMED", e.lines ?? null, null, (e.message ?? String(err)).replace(/\s+/g, " "));
  } finally {
    source.destroy();
  }
  if (index === null) failAt("CSV.EMPTY", 1, null, "the file is empty (no header row)");
}
