// The independent benchmark simulator (issues 11 and 12): a shop whose demand is NOT the engine's model,
// with the truth the benchmarks score against. Pure TypeScript, seeded, deterministic; it must not import
// app/demo/sim (eslint enforces it). See docs/decisions/0015-independent-benchmark-simulator.md.
export { generateBenchShop, PRODUCT_TYPES, SEGMENTS, type BenchShopOptions } from "./shop";
export { trueMean, trueTotal, pointElasticity, samplePaths, leadTimeOf, drawLeadTime } from "./truth";
export { engineView, type EngineView } from "./engine-view";
export { adiCv2, classOf } from "./classes";
export { DEMAND_CLASSES, type DemandClass } from "./order-sizes";
export { round99 } from "./prices";
export { stream, seedOf } from "./rng";
export type * from "./types";
