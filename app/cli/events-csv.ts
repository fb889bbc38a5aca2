// `--events events.csv`: the merchant's events for the `forecast` command (docs/cli-events.md has the format).
//   name,kind,start,end,scope,scope_value,effect,value
//   Spring sale,promotion,2026-03-01,2026-03-07,product_type,Mugs,percent,40
//   Launch,launch,2026-04-01,2026-04-14,skus,MUG-1|MUG-2,units,5
//   Closed,closure,2026-08-01,2026-08-15,shop,,stop,
// Each line is checked like an event entered in the app (core/forecast/events.ts validateEvent); every bad line
// is reported with its number and the error's code, and then nothing is written.
import { validateEvent, type EventError, type ForecastEvent, type ScopedVariant } from "../core/forecast/index";
import { CsvInputFailure, formatCsvError } from "./csv-errors";
import { readCsv } from "./csv-stream";

export const EVENTS_COLUMNS = ["name", "kind", "start", "end", "scope", "scope_value", "effect", "value"] as const;

export interface EventLineError extends EventError {
  file: string;
  line: number;
}

/** Errors as lines a merchant reads, each with the file, line and code. */
export type EventsFileResult = { ok: true; events: ForecastEvent[] } | { ok: false; errors: string[] };

const SCOPES: Record<string, ForecastEvent["scope"]["type"]> = {
  shop: "shop",
  product_type: "productType",
  vendor: "vendor",
  skus: "variants",
  sku: "variants",
};

export async function readEventsFile(path: string, catalogue: readonly ScopedVariant[]): Promise<EventsFileResult> {
  const file = path.split(/[\\/]/).pop() ?? path;
  const events: ForecastEvent[] = [];
  const errors: EventLineError[] = [];
  try {
    for await (const row of readCsv(path, { required: ["name", "start", "end", "scope", "effect"] })) {
      const scopeType = SCOPES[row.get("scope").toLowerCase()];
      const scopeValue = row.get("scope_value");
      const effectType = row.get("effect").toLowerCase();
      const raw = row.get("value");
      const value = raw === "" ? NaN : Number(row.decimalComma ? raw.replace(",", ".") : raw);
      const draft = {
        id: `line-${row.line}`,
        name: row.get("name"),
        kind: (row.get("kind") || "other").toLowerCase(),
        start: row.get("start"),
        end: row.get("end"),
        scope:
          scopeType === "variants"
            ? { type: "variants", ids: scopeValue.split(/[|;\s]+/).filter(Boolean) }
            : scopeType === "shop"
              ? { type: "shop" }
              : scopeType
                ? { type: scopeType, value: scopeValue }
                : { type: row.get("scope") },
        effect:
          effectType === "stop"
            ? { type: "stop" }
            : effectType === "units"
              ? { type: "units", perDay: value }
              : effectType === "percent"
                ? { type: "percent", percent: value }
                : { type: effectType },
      } as ForecastEvent;
      const checked = validateEvent(draft, catalogue);
      if (checked.ok) events.push(checked.event);
      else for (const e of checked.errors) errors.push({ ...e, file, line: row.line });
    }
  } catch (err) {
    // A file that cannot be read as CSV (missing, a required column absent): its own typed error.
    if (err instanceof CsvInputFailure) return { ok: false, errors: [formatCsvError(err.error)] };
    throw err;
  }
  return errors.length ? { ok: false, errors: errors.map(formatEventLineError) } : { ok: true, events };
}

export function formatEventLineError(e: EventLineError): string {
  return `${e.file} (line ${e.line}, ${e.field}): ${e.message} [${e.code}]`;
}
