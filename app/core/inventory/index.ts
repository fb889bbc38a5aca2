// Replenishment planning: periodic-review order-up-to policy per variant and location.
export { planReplenishment, roundOrder, DEFAULTS } from "./plan";
export { planLocations, scaleForecast } from "./locations";
export type { LocationStock, MultiLocationPlan } from "./locations";
export { windowDemand, windowDemandWithLeadTimeSpread, dailyMean } from "./demand";
export { normalQuantile, normalCdf, expectedShortage } from "./normal";
export type * from "./types";
