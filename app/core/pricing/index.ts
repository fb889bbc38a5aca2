// Public API of the pricing engine (pure TypeScript, deterministic).
export type * from "./types";
export { REASON_CODES } from "./types";
export {
  estimateElasticities,
  shrinkElasticities,
  type FittedHistory,
  priorElasticity,
  DEFAULT_PRIOR_MEAN,
  DEFAULT_PRIOR_SD,
  TAU_FLOOR,
} from "./elasticity";
export { fitVariantElasticity, naiveLogLogElasticity, fillPrices } from "./elasticity-fit";
export {
  DEFAULT_GUARDRAILS,
  resolveGuardrails,
  toRounding,
  toCompareAtPolicy,
  guardrailBounds,
  violations,
  isRounded,
  type GuardrailContext,
} from "./guardrails";
export { recommendPrice, recommendPrices, DEFAULT_FEES } from "./recommend";
export {
  outcomeAt,
  expectedOutcome,
  expectedProfit,
  expectedSold,
  changeDistribution,
  unitMargin,
  type ObjectiveModel,
  type PriceOutcome,
  type Scenario,
} from "./objective";
export { buildModel, demandOn, demandUntil, MAX_WINDOW_DAYS } from "./model";
export { scenarios, levelFactors } from "./uncertainty";
export { toPriceHistory } from "./from-series";
