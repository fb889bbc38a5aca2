// Public API of the forecast engine (issue 3). Pure TypeScript, no I/O.
export * from "./types";
export { forecastVariant, ForecastInputError, COVERAGE_LEVELS, type PipelineOverrides } from "./engine";
export { forecastBatch } from "./batch";
export { buildPoolProfiles, PoolBuilder, profileFor, type PoolBuilderState } from "./pool";
export { demandOutlook } from "./outlook";
export {
  periodDemandQuantiles,
  periodLaw,
  periodMixture,
  probabilityDemandExceeds,
  type PeriodDemand,
  type PeriodLength,
  type PeriodMixture,
} from "./period";
export {
  buildCalibration,
  calibratedForecast,
  backtestServiceLevel,
  calibrationFor,
  quantileOfTotal,
  EMPTY_CALIBRATION,
  type CalibrationTable,
} from "./calibration";
export { classifyDemand, ADI_CUTOFF, CV2_CUTOFF, type Classification } from "./classify";
export { mase, rmsse, wape, bias, pinball, coverage, type Mask, type ScaleOptions } from "./metrics";
export { countCdf, countQuantile, dispersionFromResiduals, sizeFromMoments } from "./distribution";
export {
  ALL_MODELS,
  adida,
  censoredMean,
  croston,
  ets,
  etsYearly,
  pooled,
  sba,
  seasonalNaive,
  tsb,
  type FitRequest,
  type ForecastModel,
  type ModelResult,
  type SeriesInput,
} from "./models/index";
export { toSeriesInput } from "./input";
export {
  EVENT_KINDS,
  MAX_EVENT_DAYS,
  adjustedMean,
  applyEvents,
  describeScope,
  eventDayMask,
  eventMatches,
  eventsFor,
  lessonFor,
  similarEvents,
  validateEvent,
  type EventEffect,
  type EventError,
  type EventErrorCode,
  type EventKind,
  type EventResult,
  type EventScope,
  type ForecastEvent,
  type Lesson,
  type ScopedVariant,
} from "./events";
export { MIN_DAYS_BEFORE_EVENT, evaluateEvent, type EventOutcome } from "./event-outcome";
