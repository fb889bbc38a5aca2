// simulateSeries: daily unit series straight from the demand truth, without orders or customers.
// Series i depends only on (seed, i), so a benchmark can stream 100,000 series in chunks
// (iterateSeries or offset/count) and get the same data as one big call.
import { dayRange, formatDay, parseDay, parseOptionDay, weekday } from "./calendar";
import { baselineProfile, effectivePrice, planPrices, retailPrice, round2, runStock, trendFactor } from "./demand";
import { pickCategory } from "./products";
import { mulberry32, negBinomial, normal, randInt, subSeed, uniform } from "./rng";
import { clampElasticity, drawBaseRate, drawTier, drawTruth, type DemandTier } from "./truth";
import type { DemandTruth, SimSeries } from "./types";
import { DEFAULT_END_DATE } from "./shop";

export interface SimulateSeriesOptions {
  seed: number;
  count: number;
  /** History length (default 730) ending with endDate (default "2026-11-25"). */
  days?: number;
  endDate?: string;
  /** Index of the first series (for chunked generation). Default 0. */
  offset?: number;
  /** Days after the history with true means and uncensored draws (default 0). */
  horizon?: number;
  /** Run the reorder policy so stockouts censor sales (default true). */
  stockouts?: boolean;
  /** Past price changes and promotions (default true). */
  priceChanges?: boolean;
  /** Force a tier for every series ("head" = fast movers, "tail" = intermittent). */
  tier?: DemandTier;
  /** Overrides applied to every drawn truth (e.g. { elasticity: -2 }). */
  truth?: Partial<DemandTruth>;
}

interface Prepared {
  seed: number;
  days: number;
  firstDay: number;
  start: string;
  horizon: number;
  stockouts: boolean;
  priceChanges: boolean;
  tier?: DemandTier;
  truth?: Partial<DemandTruth>;
}

function prepare(opts: SimulateSeriesOptions): Prepared {
  const days = opts.days ?? 730;
  const horizon = opts.horizon ?? 0;
  for (const [name, v, min] of [
    ["seed", opts.seed, 0],
    ["count", opts.count, 0],
    ["days", days, 1],
    ["offset", opts.offset ?? 0, 0],
    ["horizon", horizon, 0],
  ] as const) {
    if (!Number.isInteger(v) || v < min) throw new Error(`simulator: ${name} must be an integer >= ${min}, got ${v}`);
  }
  const endDate = opts.endDate ?? DEFAULT_END_DATE;
  parseOptionDay("endDate", endDate);
  const start = dayRange(endDate, days)[0];
  return {
    seed: opts.seed,
    days,
    firstDay: parseDay(start),
    start,
    horizon,
    stockouts: opts.stockouts ?? true,
    priceChanges: opts.priceChanges ?? true,
    tier: opts.tier,
    truth: opts.truth,
  };
}

function oneSeries(p: Prepared, index: number): SimSeries {
  const rng = mulberry32(subSeed(p.seed, "series", index));
  const category = pickCategory(rng);
  const tier = p.tier ?? drawTier(rng);
  const referencePrice = retailPrice(uniform(rng, category.priceRange[0], category.priceRange[1]));
  const drawn = drawTruth(rng, {
    category,
    productElasticity: clampElasticity(category.elasticity + 0.25 * normal(rng)),
    referencePrice,
    baseRate: drawBaseRate(rng, tier),
    tier,
    trendOrigin: p.start,
    gateway: false,
    locationShares: [1],
  });
  const truth: DemandTruth = { ...drawn, ...p.truth };
  const total = p.days + p.horizon;
  const path = planPrices(rng, p.days, truth.referencePrice, {
    changes: p.priceChanges ? (tier === "tail" ? [0, 2] : [1, 3]) : [0, 0],
    promotions: p.priceChanges ? (tier === "tail" ? [0, 1] : [0, 3]) : [0, 0],
  });
  const base = baselineProfile(truth, p.firstDay, total);
  const demand = new Int32Array(total);
  const truthMean: number[] = new Array(total);
  const offered: number[] = new Array(p.days);
  let lastPrice = -1;
  let factor = 1;
  for (let d = 0; d < total; d++) {
    const price = d < p.days ? effectivePrice(path, d) : offered[p.days - 1];
    if (d < p.days) offered[d] = round2(price);
    if (price !== lastPrice) {
      factor = Math.pow(price / truth.referencePrice, truth.elasticity);
      lastPrice = price;
    }
    const mean = base[d] * factor;
    truthMean[d] = mean;
    demand[d] = negBinomial(rng, mean, truth.dispersion);
  }
  const history = demand.subarray(0, p.days);
  let sold: ArrayLike<number> = history;
  let available: boolean[];
  if (p.stockouts) {
    const bias = Math.exp(0.25 * normal(rng));
    const run = runStock(
      rng,
      {
        leadTimeDays: randInt(rng, 4, 45),
        leadTimeSdDays: randInt(rng, 1, 8),
        moq: randInt(rng, 1, 24),
        casePack: randInt(rng, 1, 12),
        reviewWeekday: randInt(rng, 0, 4),
        estimate: (i) => truth.baseRate * trendFactor(truth, p.firstDay + i, p.firstDay) * bias,
        safety: uniform(rng, 0.8, 1.6),
        coverDays: randInt(rng, 14, 42),
        skipReview: 0.06,
        initialFill: uniform(rng, 0.4, 1),
      },
      history,
      weekday(p.firstDay),
    );
    sold = run.sold;
    available = new Array<boolean>(p.days);
    for (let d = 0; d < p.days; d++) available[d] = run.opening[d] > 0;
  } else {
    available = new Array(p.days).fill(true);
  }
  const units = new Array<number>(p.days);
  const prices = new Array<number | null>(p.days);
  for (let d = 0; d < p.days; d++) {
    units[d] = sold[d];
    prices[d] = sold[d] > 0 ? offered[d] : null;
  }
  return {
    id: `S${String(index).padStart(6, "0")}`,
    start: p.start,
    units,
    available,
    prices,
    group: category.productType,
    offeredPrice: offered,
    truthMean: truthMean.slice(0, p.days),
    truth,
    future: {
      start: formatDay(p.firstDay + p.days),
      mean: truthMean.slice(p.days),
      units: Array.from(demand.subarray(p.days)),
    },
  };
}

/** Streams series offset .. offset+count-1 one at a time (constant memory). */
export function* iterateSeries(opts: SimulateSeriesOptions): Generator<SimSeries> {
  const p = prepare(opts);
  const offset = opts.offset ?? 0;
  for (let i = 0; i < opts.count; i++) yield oneSeries(p, offset + i);
}

/** Series offset .. offset+count-1 as an array. For 100k x 730 days stream with iterateSeries instead. */
export function simulateSeries(opts: SimulateSeriesOptions): SimSeries[] {
  return [...iterateSeries(opts)];
}
