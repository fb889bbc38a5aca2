// Builders for daily unit series (the forecast engine's input), from the fast series simulator.
import { simulateSeries, type SimulateSeriesOptions } from "../../app/demo/simulator";
import type { DemandTruth, SimSeries } from "../../app/demo/simulator";

export type SeriesOverrides = Partial<Omit<SimulateSeriesOptions, "count" | "truth">> & {
  truth?: Partial<DemandTruth>;
  /** Which series of the seeded stream (default 0). */
  index?: number;
  /** Hand-made units: replaces the simulated ones (days = units.length; all days available unless given). */
  units?: number[];
  available?: boolean[];
  prices?: (number | null)[];
  id?: string;
  group?: string;
};

/** One simulated daily series: 365 days by default, deterministic for the same overrides. */
export function buildDailySeries(overrides: SeriesOverrides = {}): SimSeries {
  const { index = 0, units, available, prices, id, group, truth, ...opts } = overrides;
  const days = units?.length ?? opts.days ?? 365;
  const [series] = simulateSeries({
    seed: 11,
    ...opts,
    days,
    offset: index,
    count: 1,
    truth,
    ...(units ? { stockouts: false } : {}),
  });
  const out: SimSeries = { ...series };
  if (units) {
    out.units = units.slice();
    out.available = available ?? units.map(() => true);
    out.prices = prices ?? units.map((u, d) => (u > 0 ? series.offeredPrice[d] : null));
  } else {
    if (available) out.available = available;
    if (prices) out.prices = prices;
  }
  if (id !== undefined) out.id = id;
  if (group !== undefined) out.group = group;
  if (out.available.length !== out.units.length || out.prices.length !== out.units.length) {
    throw new Error("buildDailySeries: units, available and prices must have the same length");
  }
  return out;
}

/** `count` simulated series (small defaults: 180 days). */
export function buildSeriesSet(
  count: number,
  overrides: Partial<Omit<SimulateSeriesOptions, "count">> = {},
): SimSeries[] {
  return simulateSeries({ seed: 11, days: 180, ...overrides, count });
}
