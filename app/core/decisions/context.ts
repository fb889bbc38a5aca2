// The shop context of a recompute (pool, calibration, elasticities) built from series given one at a time, so
// a recompute can stream the shop's histories in batches and keep, per variant, only its elasticity fit (a few
// numbers) instead of its series. The variants are taken in fixed parts of CONTEXT_PART_VARIANTS: each part sums
// its own series (ShopContextPart) and the parts are merged in order, so a part built by another worker (a chunk
// job) gives exactly the context of a one-process run. A shop of at most one part gets the same context as
// buildPoolProfiles + shopCalibration + estimateElasticities over the whole list
// (tests/unit/decisions/context-builder.test.ts); a larger one the same up to the rounding of its part sums.
import {
  buildCalibration,
  forecastBatch,
  PoolBuilder,
  type CalibrationTable,
  type DailySeries,
  type PoolBuilderState,
  type PoolProfiles,
  type VariantForecast,
} from "../forecast/index";
import {
  fitVariantElasticity,
  shrinkElasticities,
  toPriceHistory,
  type ElasticityEstimate,
  type FittedHistory,
} from "../pricing/index";
import { ModelErrorBuilder, type ModelErrorState } from "../pricing/stability";
import { calibrationSampleIds, type DecisionSettings } from "./decide";

/** Variants per part of the context pass (a chunked run's context jobs take one part each). */
export const CONTEXT_PART_VARIANTS = 2000;

/** `count` items cut into [from, to) ranges of `size` consecutive items, in order (the last one shorter). */
export function partRanges(count: number, size = CONTEXT_PART_VARIANTS): [number, number][] {
  const step = Math.max(1, size);
  const out: [number, number][] = [];
  for (let from = 0; from < count; from += step) out.push([from, Math.min(count, from + step)]);
  return out;
}

export interface BuiltShopContext {
  pool: PoolProfiles;
  calibration: CalibrationTable;
  elasticities: Map<string, ElasticityEstimate>;
}

/** What a part of the shop's variants contributes to its context, as plain data (stored between jobs). */
export interface ShopContextPartState {
  /** Position of the part's first variant in the run's ids. */
  from: number;
  pool: PoolBuilderState;
  modelError: ModelErrorState;
  /** One per variant, in id order. */
  fitted: FittedHistory[];
}

/** The sums and elasticity fits of consecutive variants `from .. from + ids.length - 1` of a shop of `total`. */
export class ShopContextPart {
  private readonly pool = new PoolBuilder();
  private readonly modelError: ModelErrorBuilder;
  private readonly fitted: FittedHistory[] = [];

  constructor(
    private readonly ids: string[],
    readonly from: number,
    total: number,
    private readonly horizon: number,
  ) {
    this.modelError = new ModelErrorBuilder(total, horizon);
  }

  get complete(): boolean {
    return this.fitted.length === this.ids.length;
  }

  /** The next series of the part (ids[k] for the k-th call). */
  add(series: DailySeries, productId: string): void {
    const k = this.fitted.length;
    if (this.ids[k] !== series.id)
      throw new Error(`series ${series.id} added at position ${this.from + k}, expected ${this.ids[k]}`);
    this.pool.add(series);
    const history = toPriceHistory(series, productId);
    this.modelError.add(history, this.from + k);
    this.fitted.push({
      id: series.id,
      productId,
      group: series.group,
      fit: fitVariantElasticity(history, this.horizon),
    });
  }

  state(): ShopContextPartState {
    if (!this.complete) throw new Error(`context part built from ${this.fitted.length} series of ${this.ids.length}`);
    return { from: this.from, pool: this.pool.state(), modelError: this.modelError.state(), fitted: this.fitted };
  }
}

export class ShopContextBuilder {
  private readonly pool = new PoolBuilder();
  private readonly modelError: ModelErrorBuilder;
  private readonly fitted: FittedHistory[] = [];
  /** The calibration sample's series, kept until the pool is complete (at most `calibrationMax`). */
  private readonly sample = new Map<string, DailySeries | null>();
  private part: ShopContextPart | null = null;
  /** Variants added (add) or merged (merge). */
  private next = 0;

  /**
   * @param ids every variant's id in the order their series will be added (the calibration sample and the model
   * error's sample depend on the whole list).
   * @param partSize variants per part; a chunked run and a one-process run of the same shop must use the same.
   */
  constructor(
    private readonly ids: string[],
    private readonly settings: Pick<DecisionSettings, "horizon">,
    calibrationMax = 2000,
    private readonly partSize = CONTEXT_PART_VARIANTS,
  ) {
    if (!Number.isInteger(partSize) || partSize < 1) throw new Error(`context part size ${partSize}`);
    this.modelError = new ModelErrorBuilder(ids.length, settings.horizon);
    for (const id of calibrationSampleIds(ids, calibrationMax)) this.sample.set(id, null);
  }

  /** The calibration sample's ids (a chunked run reads their series again for sampleSeries). */
  sampleIds(): string[] {
    return [...this.sample.keys()];
  }

  /** The next series (ids[k] for the k-th call). */
  add(series: DailySeries, productId: string): void {
    if (!this.part) {
      const to = Math.min(this.ids.length, this.next + this.partSize);
      this.part = new ShopContextPart(this.ids.slice(this.next, to), this.next, this.ids.length, this.settings.horizon);
    }
    this.part.add(series, productId);
    this.sampleSeries(series);
    if (this.part.complete) {
      const part = this.part.state();
      this.part = null;
      this.merge(part);
    }
  }

  /** A part built elsewhere; parts are merged in order and must be the ones `partRanges()` cuts. */
  merge(part: ShopContextPartState): void {
    const to = Math.min(this.ids.length, this.next + this.partSize);
    if (part.from !== this.next || part.fitted.length !== to - this.next)
      throw new Error(
        `context part at ${part.from} with ${part.fitted.length} variants, expected ${this.next} with ${to - this.next}`,
      );
    for (let k = 0; k < part.fitted.length; k++)
      if (part.fitted[k].id !== this.ids[this.next + k])
        throw new Error(
          `context part variant ${part.fitted[k].id} at ${this.next + k}, expected ${this.ids[this.next + k]}`,
        );
    this.pool.merge(part.pool);
    this.modelError.merge(part.modelError);
    for (const f of part.fitted) this.fitted.push(f);
    this.next = to;
  }

  /** A calibration sample series (others are ignored): merged parts need their sample's series given again. */
  sampleSeries(series: DailySeries): void {
    if (this.sample.has(series.id)) this.sample.set(series.id, series);
  }

  finish(): BuiltShopContext {
    const { pool, sample } = this.prepare();
    return this.complete(pool, forecastBatch(sample, { horizon: this.settings.horizon }, pool));
  }

  /**
   * finish() with the calibration forecasts made `slice` series at a time and `pause` awaited between slices (each
   * series is forecast on its own against the finished pool, so the result is the same).
   */
  async finishInSlices(pause: () => Promise<void>, slice = 25): Promise<BuiltShopContext> {
    const { pool, sample } = this.prepare();
    const forecasts: VariantForecast[] = [];
    for (let i = 0; i < sample.length; i += slice) {
      forecasts.push(...forecastBatch(sample.slice(i, i + slice), { horizon: this.settings.horizon }, pool));
      await pause();
    }
    return this.complete(pool, forecasts);
  }

  private prepare(): { pool: PoolProfiles; sample: DailySeries[] } {
    if (this.next !== this.ids.length) throw new Error(`context built from ${this.next} series of ${this.ids.length}`);
    const missing = [...this.sample].find(([, s]) => s === null);
    if (missing) throw new Error(`calibration sample series ${missing[0]} was not given`);
    return { pool: this.pool.finish(), sample: [...this.sample.values()] as DailySeries[] };
  }

  private complete(pool: PoolProfiles, forecasts: VariantForecast[]): BuiltShopContext {
    const calibration = buildCalibration(forecasts);
    const elasticities = shrinkElasticities(this.fitted, this.modelError.finish().extraVariance, {
      horizon: this.settings.horizon,
    });
    return { pool, calibration, elasticities };
  }
}
