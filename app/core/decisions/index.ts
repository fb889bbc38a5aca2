// Decision chain shared by the recompute job (and usable by the CLI): series building, settings mapping,
// forecast -> replenishment -> price per variant.
export { toDailySeries, type SalesDay, type StockRow, type SeriesInput } from "./series";
export {
  decideVariant,
  shopCalibration,
  calibrationSample,
  calibrationSampleIds,
  type DecisionSettings,
  type ShopContext,
  type VariantDecision,
  type VariantFacts,
} from "./decide";
export {
  decideLocations,
  type LocationDecision,
  type LocationFacts,
  type LocationPlan,
  type SuggestedTransfer,
} from "./locations";
export {
  guardrailsFrom,
  feesFrom,
  toRounding,
  toCompareAtPolicy,
  DEFAULT_SHOP_SETTINGS,
  DEFAULT_VENDOR_TERMS,
  type StoredShopSettings,
} from "./settings";
export {
  selectAutomaticActions,
  autonomyCheck,
  AUTONOMY_SKIP_CODES,
  type AutonomyCandidate,
  type AutonomyInput,
  type AutonomyPlan,
  type AutonomyRule,
  type AutonomySkipCode,
  type AutonomyActionType,
} from "./autonomy";
export {
  measureImpact,
  matchControls,
  didEstimate,
  summariseImpact,
  DEFAULT_IMPACT_OPTIONS,
  IMPACT_METRICS,
  type ImpactInput,
  type ImpactResult,
  type ImpactMeasured,
  type ImpactInsufficient,
  type ImpactOptions,
  type ImpactTotals,
  type OutcomeSeries,
  type Estimate,
  type MissingData,
  type Triple,
  type ImpactMetric,
} from "./impact";
export {
  CONTEXT_PART_VARIANTS,
  partRanges,
  ShopContextBuilder,
  ShopContextPart,
  type BuiltShopContext,
  type ShopContextPartState,
} from "./context";
