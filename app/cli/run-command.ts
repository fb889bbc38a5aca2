// What every export-reading CLI command does around its own work: parse the flags (exit 2 on a bad one,
// usage on --help), load the Shopify exports with progress on stderr (exit 1 on a bad file), then write
// the JSON report to --out (atomically) or stdout.
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
}

/** Exit codes: 0 ok, 1 bad input file, 2 bad arguments. */
export async function runExportCommand<A extends { out?: string }>(command: ExportCommand<A>, argv: string[], io: CliIO): Promise<number> {
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
  const progress = createProgress(io.stderr);
  const loaded = await loadShopifyExports({ ...command.load(args), onProgress: progress.update });
  progress.done();
  if (!loaded.ok) {
    io.stderr.write(`error: ${formatCsvError(loaded.error)}\nNo output was written.\n`);
    return 1;
  }
  const output = command.report(loaded.data, args);
  const json = `${JSON.stringify(output, null, 2)}\n`;
  if (args.out) {
    await writeFileAtomic(args.out, json);
    io.stderr.write(`wrote ${output.variants.length} variants to ${args.out}\n`);
  } else {
    io.stdout.write(json);
  }
  return 0;
}
