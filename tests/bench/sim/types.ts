// Plain-data shapes of the benchmark simulator (tests/bench/sim). Day index i of every array is the
// calendar day start + i; day numbers elsewhere are whole days since 1970-01-01.
import type { BaseDemand } from "./base-demand";
import type { PriceResponse } from "./demand-curves";
import type { LeadTimeLaw } from "./inventory";
import type { DemandClass, OrderSizes } from "./order-sizes";
import type { PricePlan } from "./prices";

export interface BenchVendor {
  name: string;
  /** The true lead-time law (what really happens). */
  leadTime: LeadTimeLaw;
  /** What the merchant typed into the vendor settings: the law's mean and sd rounded to whole days. */
  entered: { meanDays: number; sdDays: number };
  reviewDays: number;
}

export interface BenchVariant {
  id: string;
  productId: string;
  sku: string;
  /** The product type the engine pools by; unrelated to the latent segment. */
  productType: string;
  /** Latent segment (the true source of the price response); the engine never sees it. */
  segment: number;
  vendor: number;
  demandClass: DemandClass;
  response: PriceResponse;
  base: BaseDemand;
  sizes: OrderSizes;
  /** Unit cost in the books (always known to the simulator), and as entered in the shop (null = missing). */
  trueUnitCost: number;
  unitCost: number | null;
  compareAtPrice: number | null;
  prices: PricePlan;
  /** True demand each day (also on censored days), units sold = min(demand, stock), opening stock. */
  demand: Int32Array;
  units: Int32Array;
  opening: Int32Array;
  /** Expected units each day given that day's latent state and offered price. */
  meanPath: Float64Array;
  /** Latent state used on day i (AR(1) log level x, sum of log shifts j). */
  latentX: Float64Array;
  latentJ: Float64Array;
  /** Reference price at the start of each day; length days + 1 (the last is the day after the history). */
  reference: Float64Array;
  onHandEnd: number;
  inTransitEnd: number;
}

export interface BenchShop {
  seed: number;
  /** First and last simulated day (YYYY-MM-DD) and the first one's day number. */
  start: string;
  end: string;
  startDay: number;
  days: number;
  vendors: BenchVendor[];
  variants: BenchVariant[];
  /** Elasticity at the reference price of each latent segment. */
  segments: number[];
}
