// Forecast many variants: pool the group profiles once, then forecast each series. A series that
// cannot be forecast (invalid input) gets a zero forecast naming the problem; the batch goes on.

import { addDays, dayNumber } from "./calendar";
import { forecastVariant, resolveOptions } from "./engine";
import { buildPoolProfiles } from "./pool";
import { type DailySeries, type ForecastOptions, type PoolProfiles, type VariantForecast, levelKey } from "./types";

export function forecastBatch(
  series: DailySeries[],
  options?: ForecastOptions,
  pool?: PoolProfiles,
): VariantForecast[] {
  const o = resolveOptions(options);
  const profiles = pool ?? buildPoolProfiles(series);
  return series.map((s) => {
    try {
      return forecastVariant(s, options, profiles);
    } catch (err) {
      const h = o.h;
      const quantiles: Record<string, number[]> = {};
      for (const l of o.levels) quantiles[levelKey(l)] = new Array<number>(h).fill(0);
      const n = Array.isArray(s?.units) ? s.units.length : 0;
      const start = typeof s?.start === "string" && !Number.isNaN(dayNumber(s.start)) ? addDays(s.start, n) : "";
      const msg = err instanceof Error ? err.message : String(err);
      return {
        id: typeof s?.id === "string" ? s.id : "",
        start,
        mean: new Array<number>(h).fill(0),
        quantiles,
        model: "none",
        demandClass: "no-demand",
        adi: 0,
        cv2: 0,
        dispersion: Infinity,
        backtest: null,
        lostSales: { censoredDays: 0, estimatedUnits: 0 },
        fallbacks: [`input: ${msg}`],
        explanation: `Could not be forecast: ${msg}`,
        seasonPeriod: o.period,
      };
    }
  });
}
