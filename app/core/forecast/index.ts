// Public API of the forecast engine (issue 3). Pure TypeScript, no I/O.
export * from "./types";
export { forecastVariant, ForecastInputError, COVERAGE_LEVELS, type PipelineOverrides } from "./engine";
export { forecastBatch } from "./batch";
export { buildPoolProfiles, profileFor } from "./pool";
export { demandOutlook } from "./outlook";
export { periodDemandQuantiles, type PeriodDemand, type PeriodLength } from "./period";
export { classifyDemand, ADI_CUTOFF, CV2_CUTOFF, type Classification } from "./classify";
export { mase, rmsse, wape, bias, pinball, coverage, type Mask, type ScaleOptions } from "./metrics";
export { countQuantile, dispersionFromResiduals, sizeFromMoments } from "./distribution";
export {
  ALL_MODELS, adida, censoredMean, croston, ets, etsYearly, pooled, sba, seasonalNaive, tsb,
  type FitRequest, type ForecastModel, type ModelResult, type SeriesInput,
} from "./models/index";
export { toSeriesInput } from "./input";
