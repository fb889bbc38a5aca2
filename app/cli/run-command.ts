// What every export-reading CLI command does around its own work: parse the flags (exit 2 on a bad one,
// usage on --help), check --out can be written before any work, load the Shopify exports with progress on
// stderr (exit 1 on a bad file), then write the JSON report to --out (atomically) or stdout.
import { accessSync, constants, realpathSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { writeFileAtomic } from "./atomic-write";
import type { ParsedArgs } from "./flags";
import { createProgress, type ProgressSink } from "./progress";
import { formatCsvError, loadShopifyExports, type LoadShopifyOptions, type ShopifyExports } from "./shopify-csv";

export interface CliIO {
  stdout: { write(s: string): unknown };
  stderr: ProgressSink;
}

export const processIO: CliIO = { stdout: process.stdout, stderr: process.stderr };

export interface ExportCommand<A extends { out?: string }> {
  parse(argv: string[]): ParsedArgs<A>;
  usage: string;
  /** The loader options for these arguments (progress is added here). */
  load(args: A): Omit<LoadShopifyOptions, "onProgress">;
  /** The report for the loaded exports: a JSON object with one entry per variant. */
  report(data: ShopifyExports, args: A): { variants: readonly unknown[] };
  /** Reads what depends on the loaded exports (e.g. --events against the SKUs); errors are lines to print (exit 1). */
  prepare?(
    data: ShopifyExports,
    args: A,
  ): Promise<{ ok: true; data: ShopifyExports } | { ok: false; errors: string[] }>;
}

const INPUT_FLAGS = {
  orders: "--orders",
  products: "--products",
  inventoryHistory: "--inventory-history",
  vendors: "--vendors",
} as const;

/** The real path of `path`, or its absolute path when it does not exist (yet). */
function realOrAbsolute(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Why `out` cannot receive the report, or null: its folder must exist and be writable, and it must not be an input. */
export function outProblem(out: string, inputs: Partial<Record<keyof typeof INPUT_FLAGS, string>>): string | null {
  const dir = dirname(resolve(out));
  try {
    if (!statSync(dir).isDirectory()) return `${dir} is not a directory`;
  } catch {
    return `the directory ${dir} does not exist`;
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    return `the directory ${dir} is not writable`;
  }
  try {
    if (statSync(out).isDirectory()) return `${out} is a directory; give a file name`;
  } catch {
    // a new file: fine
  }
  const target = realOrAbsolute(out);
  for (const [key, flag] of Object.entries(INPUT_FLAGS)) {
    const input = inputs[key as keyof typeof INPUT_FLAGS];
    if (input && realOrAbsolute(input) === target)
      return `is the same file as ${flag}: the report would overwrite that export`;
  }
  return null;
}

/** Exit codes: 0 ok, 1 bad input file, 2 bad arguments. */
export async function runExportCommand<A extends { out?: string }>(
  command: ExportCommand<A>,
  argv: string[],
  io: CliIO,
): Promise<number> {
  const parsed = command.parse(argv);
  if (!parsed.ok) {
    io.stderr.write(`error: ${parsed.flag}: ${parsed.message}\nRun with --help for usage.\n`);
    return 2;
  }
  if (parsed.help) {
    io.stdout.write(command.usage);
    return 0;
  }
  const args = parsed.args;
  const inputs = command.load(args);
  const problem = args.out === undefined ? null : outProblem(args.out, inputs);
  if (problem) {
    io.stderr.write(`error: --out: ${problem}\nNothing was read or written.\n`);
    return 2;
  }
  const progress = createProgress(io.stderr);
  const loaded = await loadShopifyExports({ ...inputs, onProgress: progress.update });
  progress.done();
  if (!loaded.ok) {
    io.stderr.write(`error: ${formatCsvError(loaded.error)}\nNo output was written.\n`);
    return 1;
  }
  const prepared = command.prepare
    ? await command.prepare(loaded.data, args)
    : { ok: true as const, data: loaded.data };
  if (!prepared.ok) {
    for (const e of prepared.errors) io.stderr.write(`error: ${e}\n`);
    io.stderr.write("No output was written.\n");
    return 1;
  }
  const output = command.report(prepared.data, args);
  const json = `${JSON.stringify(output, null, 2)}\n`;
  if (args.out) {
    try {
      await writeFileAtomic(args.out, json);
    } catch (err) {
      io.stderr.write(`error: --out: cannot write ${args.out}: ${(err as Error).message}\n`);
      return 1;
    }
    io.stderr.write(`wrote ${output.variants.length} variants to ${args.out}\n`);
  } else {
    io.stdout.write(json);
  }
  return 0;
}
