// Public API of the pricing engine (pure TypeScript, deterministic).
export type * from "./types";
export { REASON_CODES } from "./types";
export { estimateElasticities, priorElasticity, DEFAULT_PRIOR_MEAN, DEFAULT_PRIOR_SD, TAU_FLOOR } from "./elasticity";
export { fitVariantElasticity, naiveLogLogElasticity, fillPrices } from "./elasticity-fit";
export { DEFAULT_GUARDRAILS, resolveGuardrails, guardrailBounds, violations, isRounded, type GuardrailContext } from "./guardrails";
export { recommendPrice, recommendPrices, DEFAULT_FEES } from "./recommend";
export { outcomeAt, objectiveAt, type DemandModel } from "./objective";
export { planMarkdown, stretchPrice } from "./stock";
export { toPriceHistory } from "./from-series";
