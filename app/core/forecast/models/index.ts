// Every forecast model, one file each, behind the ForecastModel contract.
export { type ForecastModel, type FitRequest, type ModelResult, type SeriesInput } from "./contract";
export { seasonalNaive } from "./seasonal-naive";
export { ets, etsYearly, etsLabel } from "./ets";
export { croston, sba } from "./croston";
export { tsb } from "./tsb";
export { adida } from "./adida";
export { censoredMean } from "./censored-mean";
export { pooled } from "./pooled";

import { adida } from "./adida";
import { censoredMean } from "./censored-mean";
import type { ForecastModel } from "./contract";
import { croston, sba } from "./croston";
import { ets, etsYearly } from "./ets";
import { pooled } from "./pooled";
import { seasonalNaive } from "./seasonal-naive";
import { tsb } from "./tsb";

/** All models, for property tests and the benchmark. */
export const ALL_MODELS: readonly ForecastModel[] = [
  seasonalNaive,
  ets,
  etsYearly,
  croston,
  sba,
  tsb,
  adida,
  censoredMean,
  pooled,
];
