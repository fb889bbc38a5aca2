// The seeded demo-shop simulator (issues 2 and 4). Pure TypeScript, no I/O, deterministic given a
// seed. Reused by the demo seed, the test factories (tests/factories) and the forecast and pricing
// benchmarks, which score against the true demand it exposes. Implementation lives in ./sim/.
//
// Model, per variant and day d at effective price p (see DemandTruth):
//   mean = baseRate x weekly[weekday] x (1 + A cos(2π(dayOfYear - peak)/365.25)) x (1 + trend)^(t/365)
//          x (p / referencePrice)^elasticity,   units ~ NegBin(mean, dispersion) (Poisson when Infinity).
// - Catalogue: 7 product types with true elasticities -0.8 ... -4, 7 vendors (lead time, spread, MOQ,
//   case pack); 10% fast movers, 55% middle, 35% intermittent tail; ~4% new variants; ~3% no cost.
// - Prices: 1-3 permanent changes of +-5..20% and up to 3 promotions (-10..30%, 7-21 days), shown
//   either as a compare-at sale or as an automatic discount on the order lines.
// - Stock: two locations (72% / 28% of demand), weekly (R, s, S) reviews with a biased estimate that
//   ignores seasons, stochastic lead times, skipped reviews: stockouts censor sales.
// - Customers: return on a schedule; gateway products go to new customers and their customers come
//   back more often (RETURN_RATES). Cancelled orders are extra orders, never demand.
// - Size: the default shop (600 variants x 730 days) gives ~100k orders, ~160k lines, ~125k
//   run-length snapshot rows, in about 2 s of CPU. simulateSeries makes 100k x 730-day series in
//   about 20 s of CPU when streamed with iterateSeries.
export { generateShop, DEFAULT_END_DATE, LOCATIONS, type GenerateShopOptions } from "./sim/shop";
export { withBundles } from "./sim/bundles";
export { simulateSeries, iterateSeries, type SimulateSeriesOptions } from "./sim/series";
export { expandSnapshots, shopSeries, type ShopSeries } from "./sim/extract";
export { truthMean, priceFactor } from "./sim/demand";
export { CATEGORIES, VENDORS } from "./sim/catalog";
export { RETURN_RATES } from "./sim/orders";
export { ELASTICITY_RANGE, type DemandTier } from "./sim/truth";
export { mulberry32, subSeed } from "./sim/rng";
export type * from "./sim/types";
