// Replenishment planning: periodic-review order-up-to policy per variant and location.
export { planReplenishment, roundOrder, DEFAULTS } from "./plan";
export { planLocations, scaleForecast } from "./locations";
export type { LocationStock, MultiLocationPlan } from "./locations";
export { windowDemand, windowDemandWithLeadTimeSpread, dailyMean } from "./demand";
export { normalQuantile, normalCdf, expectedShortage } from "./normal";
export type * from "./types";
export {
  classifyAbc,
  serviceLevelOf,
  type AbcClass,
  type AbcItem,
  type AbcResult,
  type AbcThresholds,
  type ClassServiceLevels,
} from "./abc";
export { demandShares, PRIOR_UNITS, type DemandShares, type ShareSource } from "./shares";
export { suggestTransfers, type TransferCandidate, type TransferOptions, type TransferSuggestion } from "./transfers";
