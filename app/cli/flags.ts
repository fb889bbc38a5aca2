// Flag parsing shared by the CLI commands: `--name value` or `--name=value`, each flag at most once,
// `-h`/`--help` anywhere; every error names the flag at fault.
import { isIsoDay } from "../core/inventory/dates";

/** What a command's argument parser returns: help, the parsed arguments, or the flag at fault. */
export type ParsedArgs<T> =
  { ok: true; help: true } | { ok: true; help: false; args: T } | { ok: false; flag: string; message: string };

export class ArgError extends Error {
  constructor(
    readonly flag: string,
    message: string,
  ) {
    super(message);
  }
}

/** `raw` as a number in [lo, hi] (or strictly between with `open`), whole with `integer`; throws ArgError. */
export function numberIn(
  flag: string,
  raw: string,
  lo: number,
  hi: number,
  opts: { integer?: boolean; open?: boolean } = {},
): number {
  const v = Number(raw);
  const inRange = opts.open ? v > lo && v < hi : v >= lo && v <= hi;
  if (raw.trim() === "" || !Number.isFinite(v) || !inRange || (opts.integer && !Number.isInteger(v))) {
    const kind = opts.integer ? "a whole number" : "a number";
    throw new ArgError(flag, `expected ${kind} ${opts.open ? "strictly " : ""}between ${lo} and ${hi}, got "${raw}"`);
  }
  return v;
}

/** The value of `--{flag}` as numberIn reads it, or `def` when the flag is absent. */
export function numberFlag(
  values: ReadonlyMap<string, string>,
  flag: string,
  def: number,
  lo: number,
  hi: number,
  opts?: { integer?: boolean; open?: boolean },
): number {
  const raw = values.get(flag);
  return raw === undefined ? def : numberIn(`--${flag}`, raw, lo, hi, opts);
}

/** The value of `--as-of`, checked to be a YYYY-MM-DD calendar day; throws ArgError. */
export function asOfDay(values: ReadonlyMap<string, string>): string | undefined {
  const asOf = values.get("as-of");
  if (asOf !== undefined && !isIsoDay(asOf)) throw new ArgError("--as-of", `expected a date YYYY-MM-DD, got "${asOf}"`);
  return asOf;
}

/**
 * Reads `argv` against the known flag names (without `--`), then hands the values to `build`, which
 * may throw ArgError. An ArgError becomes `{ ok: false }`; any other error is rethrown.
 */
export function parseFlags<T>(
  argv: string[],
  flags: ReadonlySet<string>,
  build: (values: Map<string, string>) => T,
): ParsedArgs<T> {
  const values = new Map<string, string>();
  try {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a === "-h" || a === "--help") return { ok: true, help: true };
      if (!a.startsWith("--")) throw new ArgError(a, `unexpected argument "${a}"`);
      const eq = a.indexOf("=");
      const name = a.slice(2, eq === -1 ? undefined : eq);
      if (!flags.has(name)) throw new ArgError(`--${name}`, "unknown option");
      let value: string | undefined;
      if (eq !== -1) value = a.slice(eq + 1);
      else {
        value = argv[i + 1];
        if (value === undefined || value.startsWith("--")) throw new ArgError(`--${name}`, "needs a value");
        i++;
      }
      if (values.has(name)) throw new ArgError(`--${name}`, "given more than once");
      values.set(name, value);
    }
    return { ok: true, help: false, args: build(values) };
  } catch (err) {
    if (err instanceof ArgError) return { ok: false, flag: err.flag, message: err.message };
    throw err;
  }
}
