// Decision chain shared by the recompute job (and usable by the CLI): series building, settings mapping,
// forecast -> replenishment -> price per variant.
export { toDailySeries, type SalesDay, type StockRow, type SeriesInput } from "./series";
export { decideVariant, type DecisionSettings, type ShopContext, type VariantDecision, type VariantFacts } from "./decide";
export { guardrailsFrom, feesFrom, toRounding, toCompareAtPolicy, type StoredShopSettings } from "./settings";
