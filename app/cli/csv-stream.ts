// Streaming CSV reader: one record at a time, with its header-keyed accessor and starting line number.
// Bounded: a record over MAX_RECORD_BYTES fails at once (csv-parse max_record_size), whatever the file holds.
// A file whose header is separated by semicolons (Excel in French and other locales) is read with ";" and
// decimal commas. Parser errors name the line where the faulty record starts (an unclosed quote's line).
import { closeSync, createReadStream, openSync, readSync, statSync } from "node:fs";
import { basename } from "node:path";
import { parse } from "csv-parse";
import { CsvInputFailure, type CsvErrorCode } from "./csv-errors";

/** 4 MiB: far above any Shopify export row (a long product description), far below a runaway field. */
export const MAX_RECORD_BYTES = 4 * 1024 * 1024;

export interface CsvRow {
  /** 1-based line where this record starts (quoted newlines make records span lines). */
  line: number;
  /** The file separates columns with ";" (Excel's CSV in French and other locales): numbers may use "12,50". */
  decimalComma: boolean;
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

/** ";" when the first line has more semicolons than commas outside quotes, else ",". */
export function sniffDelimiter(path: string): "," | ";" {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    let commas = 0;
    let semicolons = 0;
    let quoted = false;
    for (const ch of buf.subarray(0, n).toString("utf8")) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && (ch === "\n" || ch === "\r")) break;
      else if (!quoted && ch === ",") commas++;
      else if (!quoted && ch === ";") semicolons++;
    }
    return semicolons > commas ? ";" : ",";
  } finally {
    closeSync(fd);
  }
}

/** The header's column index by name; a name given twice is an error naming it. */
function headerIndex(record: string[], fail: (column: string, message: string) => never): Map<string, number> {
  const index = new Map<string, number>();
  for (const [i, raw] of record.entries()) {
    const name = raw.trim();
    if (name === "") continue;
    const first = index.get(name);
    if (first !== undefined)
      fail(name, `column "${name}" appears twice in the header (columns ${first + 1} and ${i + 1}): keep one`);
    index.set(name, i);
  }
  return index;
}

/** A csv-parse error as a typed failure at the line where the faulty record starts. */
function parserFailure(
  err: { code?: string; lines?: number; message?: string },
  recordStart: number,
): { code: CsvErrorCode; line: number | null; message: string } {
  const stopped =
    err.lines !== undefined && err.lines !== recordStart ? ` (the parser stopped at line ${err.lines})` : "";
  switch (err.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return {
        code: "CSV.UNCLOSED_QUOTE",
        line: recordStart,
        message: `a quoted field that starts in this record is never closed${stopped}`,
      };
    case "CSV_INVALID_CLOSING_QUOTE":
    case "INVALID_OPENING_QUOTE":
      return {
        code: "CSV.UNCLOSED_QUOTE",
        line: recordStart,
        message: `unbalanced quote: a quote inside a field must be doubled ("")${stopped}`,
      };
    case "CSV_MAX_RECORD_SIZE":
      return {
        code: "CSV.RECORD_TOO_LARGE",
        line: recordStart,
        message: `this record is over ${MAX_RECORD_BYTES} bytes (an unclosed quote, or a field that never ends?)`,
      };
    default:
      return {
        code: "CSV.MALFORMED",
        line: err.lines ?? null,
        message: (err.message ?? String(err)).replace(/\s+/g, " "),
      };
  }
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
  let delimiter: "," | ";" = ",";
  try {
    delimiter = sniffDelimiter(path);
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
  // Where the parser (which reads ahead of this loop) ended its last record: a parse error is in the next one.
  const parsed = { lines: 0, empty: 0 };
  const onRecord = (record: string[], context: { lines: number; empty_lines: number }) => {
    parsed.lines = context.lines;
    parsed.empty = context.empty_lines;
    return record;
  };
  const parser = source.pipe(
    parse({
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_quotes: false,
      delimiter,
      max_record_size: MAX_RECORD_BYTES,
      on_record: onRecord,
    }),
  );
  source.on("error", (err) => parser.destroy(err));

  let index: Map<string, number> | null = null;
  let prevLines = 0;
  let prevEmpty = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number; empty_lines: number };
    }>) {
      const line = prevLines + 1 + (info.empty_lines - prevEmpty);
      prevLines = info.lines;
      prevEmpty = info.empty_lines;
      if (index === null) {
        index = headerIndex(record, (column, message) => failAt("CSV.DUPLICATE_COLUMN", line, column, message));
        for (const col of opts.required) {
          if (!index.has(col))
            failAt("CSV.MISSING_COLUMN", 1, col, `required column "${col}" is missing from the header`);
        }
        continue;
      }
      const cols = index;
      yield {
        line,
        decimalComma: delimiter === ";",
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
    const e = err as { code?: string; lines?: number; empty_lines?: number; message?: string };
    if (e.code === "ENOENT" || e.code === "EISDIR" || e.code === "EACCES")
      failAt("CSV.FILE_NOT_FOUND", null, null, `cannot read file ${path}`);
    const f = parserFailure(e, parsed.lines + 1 + Math.max(0, (e.empty_lines ?? parsed.empty) - parsed.empty));
    failAt(f.code, f.line, null, f.message);
  } finally {
    source.destroy();
  }
  if (index === null) failAt("CSV.EMPTY", 1, null, "the file is empty (no header row)");
}
