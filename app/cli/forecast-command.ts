// `forecast`: Shopify CSV exports in, per-SKU forecasts (and replenishment when stock is known) out as JSON.
import { basename } from "node:path";
import {
  applyEvents,
  buildCalibration,
  buildPoolProfiles,
  calibratedForecast,
  evaluateEvent,
  eventDayMask,
  eventsFor,
  forecastBatch,
  lessonFor,
  MIN_DAYS_BEFORE_EVENT,
  type DailySeries,
  type EventOutcome,
  type ForecastEvent,
  type ScopedVariant,
} from "../core/forecast/index";
import { readEventsFile } from "./events-csv";
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
      prepare: readEvents,
    },
    argv,
    io,
  );
}

const scoped = (data: ShopifyExports): ScopedVariant[] =>
  data.skus.map((s) => ({ id: s.sku, sku: s.sku, productType: s.productType, vendor: s.vendor }));

/** --events: read and checked against the loaded SKUs (every bad line named). */
async function readEvents(data: ShopifyExports, args: ForecastArgs) {
  if (!args.events) return { ok: true as const, data };
  const read = await readEventsFile(args.events, scoped(data));
  return read.ok ? { ok: true as const, data: { ...data, events: read.events } } : read;
}

/** The forecast report on loaded exports (no I/O). */
function buildForecastReport(data: ShopifyExports, args: ForecastArgs) {
  const events = data.events ?? [];
  const skus = scoped(data);
  // Event days are left out of the fits (forecast/events.ts), as the app does.
  const series = data.skus.map((s, i) => {
    const mask = events.length
      ? eventDayMask(eventsFor(events, skus[i]), s.series.start, s.series.units.length)
      : undefined;
    return mask ? { ...s.series, eventDays: mask } : s.series;
  });
  const raw = forecastBatch(series, { horizon: args.horizon, levels: args.levels });
  // Protection-period quantiles calibrated on these SKUs' own backtests (forecast/calibration.ts).
  const calibration = buildCalibration(raw);
  const forecasts = raw.map((fc, i) => applyEvents(calibratedForecast(fc, calibration), eventsFor(events, skus[i])));
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
    settings: {
      serviceLevel: args.serviceLevel,
      reviewDays: args.reviewDays,
      defaultLeadTimeDays: args.leadTimeDays,
      targetCoverDays: args.targetCoverDays,
    },
    stats: data.stats,
    ...(args.events ? { events: eventsReport(events, series, skus, data.asOf) } : {}),
    variants: data.skus.map((sku, i) => variantOutput(sku, forecasts[i], data, args, calibration)),
  };
}

/** Each event with what it did (past events, measured on up to 60 of its SKUs) or what similar past ones did. */
function eventsReport(events: ForecastEvent[], series: DailySeries[], skus: ScopedVariant[], asOf: string) {
  const pool = buildPoolProfiles(series);
  const measured = events.map((event) => {
    let outcome: EventOutcome | null = null;
    if (event.start <= asOf) {
      const covered = series
        .filter((_, i) => eventsFor([event], skus[i]).length > 0 && series[i].units.length > MIN_DAYS_BEFORE_EVENT)
        .slice(0, 60);
      // This event's own days are measured, not masked.
      const own = covered.map((s) => ({
        ...s,
        eventDays: eventDayMask(
          eventsFor(
            events,
            skus.find((k) => k.id === s.id)!,
          ).filter((e) => e.id !== event.id),
          s.start,
          s.units.length,
        ),
      }));
      outcome = evaluateEvent(event, own, pool);
    }
    return { event, outcome };
  });
  return measured.map(({ event, outcome }) => ({
    line: Number(event.id.replace("line-", "")),
    name: event.name,
    kind: event.kind,
    start: event.start,
    end: event.end,
    scope: event.scope,
    effect: event.effect,
    variants: skus.filter((v) => eventsFor([event], v).length > 0).length,
    ...(event.end <= asOf ? { outcome } : { lesson: lessonFor(event, measured, asOf) }),
  }));
}
