// `forecast`: Shopify CSV exports in, per-SKU forecasts (and replenishment when stock is known) out as JSON.
import { basename } from "node:path";
import { buildCalibration, calibratedForecast, forecastBatch } from "../core/forecast/index";
import { FORECAST_USAGE, parseForecastArgs, type ForecastArgs } from "./args";
import { variantOutput } from "./forecast-report";
import { processIO, runExportCommand, type CliIO } from "./run-command";
import type { ShopifyExports } from "./shopify-csv";

export type { CliIO };

/** Exit codes: 0 ok, 1 bad input file, 2 bad arguments. */
export function runForecastCommand(argv: string[], io: CliIO = processIO): Promise<number> {
  return runExportCommand(
    {
      parse: parseForecastArgs,
      usage: FORECAST_USAGE,
      load: (args) => ({
        orders: args.orders,
        products: args.products,
        inventoryHistory: args.inventoryHistory,
        vendors: args.vendors,
        asOf: args.asOf,
        keepOrders: false,
      }),
      report: buildForecastReport,
    },
    argv,
    io,
  );
}

/** The forecast report on loaded exports (no I/O). */
function buildForecastReport(data: ShopifyExports, args: ForecastArgs) {
  const raw = forecastBatch(
    data.skus.map((s) => s.series),
    { horizon: args.horizon, levels: args.levels },
  );
  // Protection-period quantiles calibrated on these SKUs' own backtests (forecast/calibration.ts).
  const calibration = buildCalibration(raw);
  const forecasts = raw.map((fc) => calibratedForecast(fc, calibration));
  return {
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
    settings: { serviceLevel: args.serviceLevel, reviewDays: args.reviewDays, defaultLeadTimeDays: args.leadTimeDays, targetCoverDays: args.targetCoverDays },
    stats: data.stats,
    variants: data.skus.map((sku, i) => variantOutput(sku, forecasts[i], data, args, calibration)),
  };
}
