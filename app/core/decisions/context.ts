// The shop context of a recompute (pool, calibration, elasticities) built from series given one at a time, so
// a recompute can stream the shop's histories in batches and keep, per variant, only its elasticity fit (a few
// numbers) instead of its series. Same inputs in the same order as buildPoolProfiles + shopCalibration +
// estimateElasticities over the whole list, hence the same context (tests/unit/decisions/context-builder.test.ts).
import {
  buildCalibration,
  forecastBatch,
  PoolBuilder,
  type CalibrationTable,
  type DailySeries,
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
import { ModelErrorBuilder } from "../pricing/stability";
import { calibrationSampleIds, type DecisionSettings } from "./decide";

export interface BuiltShopContext {
  pool: PoolProfiles;
  calibration: CalibrationTable;
  elasticities: Map<string, ElasticityEstimate>;
}

export class ShopContextBuilder {
  private readonly pool = new PoolBuilder();
  private readonly modelError: ModelErrorBuilder;
  private readonly fitted: FittedHistory[] = [];
  /** The calibration sample's series, kept until the pool is complete (at most `calibrationMax`). */
  private readonly sample = new Map<string, DailySeries | null>();
  private next = 0;

  /**
   * @param ids every variant's id in the order their series will be added (the calibration sample and the model
   * error's sample depend on the whole list).
   */
  constructor(
    private readonly ids: string[],
    private readonly settings: Pick<DecisionSettings, "horizon">,
    calibrationMax = 2000,
  ) {
    this.modelError = new ModelErrorBuilder(ids.length, settings.horizon);
    for (const id of calibrationSampleIds(ids, calibrationMax)) this.sample.set(id, null);
  }

  /** The next series (ids[k] for the k-th call). */
  add(series: DailySeries, productId: string): void {
    const index = this.next++;
    if (this.ids[index] !== series.id)
      throw new Error(`series ${series.id} added at position ${index}, expected ${this.ids[index]}`);
    this.pool.add(series);
    const history = toPriceHistory(series, productId);
    this.modelError.add(history, index);
    this.fitted.push({
      id: series.id,
      productId,
      group: series.group,
      fit: fitVariantElasticity(history, this.settings.horizon),
    });
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
