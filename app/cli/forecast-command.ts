// `forecast`: Shopify CSV exports in, per-SKU forecasts (and replenishment when stock is known) out as JSON.
import { basename } from "node:path";
import { forecastBatch } from "../core/forecast/index";
import { FORECAST_USAGE, parseForecastArgs } from "./args";
import { writeFileAtomic } from "./atomic-write";
import { variantOutput } from "./forecast-report";
import { createProgress, type ProgressSink } from "./progress";
import { formatCsvError, loadShopifyExports } from "./shopify-csv";

export interface CliIO {
  stdout: { write(s: string): unknown };
  stderr: ProgressSink;
}

const processIO: CliIO = { stdout: process.stdout, stderr: process.stderr };

/** Exit codes: 0 ok, 1 bad input file, 2 bad arguments. */
export async function runForecastCommand(argv: string[], io: CliIO = processIO): Promise<number> {
  const parsed = parseForecastArgs(argv);
  if (!parsed.ok) {
    io.stderr.write(`error: ${parsed.flag}: ${parsed.message}\nRun with --help for usage.\n`);
    return 2;
  }
  if (parsed.help) {
    io.stdout.write(FORECAST_USAGE);
    return 0;
  }
  const args = parsed.args;
  const progress = createProgress(io.stderr);
  const loaded = await loadShopifyExports({
    orders: args.orders,
    products: args.products,
    inventoryHistory: args.inventoryHistory,
    vendors: args.vendors,
    asOf: args.asOf,
    keepOrders: false,
    onProgress: progress.update,
  });
  progress.done();
  if (!loaded.ok) {
    io.stderr.write(`error: ${formatCsvError(loaded.error)}\nNo output was written.\n`);
    return 1;
  }
  const data = loaded.data;
  const forecasts = forecastBatch(
    data.skus.map((s) => s.series),
    { horizon: args.horizon, levels: args.levels, seed: args.seed },
  );
  const output = {
    asOf: data.asOf,
    horizon: args.horizon,
    levels: args.levels,
    generatedBy: "pilotage forecast",
    inputs: {
      orders: basename(args.orders),
      products: args.products ? basename(args.products) : null,
      inventoryHistory: args.inventoryHistory ? basename(args.inventoryHistory) : null,
      vendors: args.vendors ? basename(args.vendors) : null,
      firstDay: data.firstDay,
    },
    settings: { serviceLevel: args.serviceLevel, reviewDays: args.reviewDays, defaultLeadTimeDays: args.leadTimeDays, targetCoverDays: args.targetCoverDays, seed: args.seed },
    stats: data.stats,
    variants: data.skus.map((sku, i) => variantOutput(sku, forecasts[i], data, args)),
  };
  const json = `${JSON.stringify(output, null, 2)}\n`;
  if (args.out) {
    await writeFileAtomic(args.out, json);
    io.stderr.write(`wrote ${output.variants.length} variants to ${args.out}\n`);
  } else {
    io.stdout.write(json);
  }
  return 0;
}
