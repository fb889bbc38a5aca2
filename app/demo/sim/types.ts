// Plain-data shapes produced by the demo-shop simulator. Shopify ids are GIDs so the demo seed can
// write them as a real shop would; money is in EUR with two decimals.

/**
 * The true demand of one variant (the oracle the benchmarks score against).
 * Expected units on day d at effective price p (after automatic discounts), over all locations:
 *   baseRate * weekly[weekday(d)] * (1 + yearlyAmplitude * cos(2π (dayOfYear(d) - yearlyPeakDay) / 365.25))
 *     * (1 + trendPerYear) ^ ((d - trendOrigin) / 365) * (p / referencePrice) ^ elasticity
 * and 0 before launchDay.
 * Units are drawn from a negative binomial with that mean and size `dispersion` (Infinity = Poisson).
 */
export interface DemandTruth {
  /** Mean units per day at the reference price, on an average weekday, at trendOrigin, yearly factor 1. */
  baseRate: number;
  /** Constant price elasticity of demand (log-log slope), in [-4, -0.8]. */
  elasticity: number;
  referencePrice: number;
  /** Yearly growth: 0.1 = +10% a year, -0.2 = -20% a year. */
  trendPerYear: number;
  /** Day of the trend's origin (YYYY-MM-DD), the first simulated day. */
  trendOrigin: string;
  /** Weekday multipliers, index 0 = Monday ... 6 = Sunday; they average 1. */
  weekly: number[];
  /** Yearly seasonality: amplitude in [0, 0.85] and the day of year (1..365) of the peak. */
  yearlyAmplitude: number;
  yearlyPeakDay: number;
  /** Negative-binomial size; small for the intermittent tail (bursty), Infinity = Poisson. */
  dispersion: number;
  /** Long-tail variant: low rate, mostly zero days, bursts. */
  intermittent: boolean;
  /** Gateway product: more often in customers' first orders, and those customers come back more. */
  gateway: boolean;
  /** Share of the demand that each location serves (same order as SimShop.locations). */
  locationShares: number[];
  /** New variant: no demand and not for sale before this day (YYYY-MM-DD); null = sold from the start. */
  launchDay: string | null;
}

export interface SimVendor {
  name: string;
  leadTimeDays: number;
  leadTimeSdDays: number;
  moq: number;
  casePack: number;
}

export interface SimLocation {
  id: string;
  name: string;
}

export interface SimVariant {
  id: string;
  inventoryItemId: string;
  productId: string;
  sku: string;
  title: string;
  /** Current list price and compare-at price (the last simulated day). */
  price: number;
  compareAtPrice: number | null;
  /** Null on purpose for a few variants (pricing must withhold, never assume 0). */
  unitCost: number | null;
  truth: DemandTruth;
  /** A bundle's components (Shopify's productVariantComponents): units of each variant per bundle. */
  components?: { variantId: string; quantity: number }[];
}

export interface SimProduct {
  id: string;
  handle: string;
  title: string;
  vendor: string;
  productType: string;
  tags: string[];
  status: "ACTIVE" | "DRAFT" | "ARCHIVED";
  variants: SimVariant[];
}

export interface SimOrderLine {
  id: string;
  variantId: string;
  sku: string;
  title: string;
  quantity: number;
  /** Unit list price when ordered. */
  price: number;
  compareAtPrice: number | null;
  /** Total discount on the line (all units), in EUR. Realised unit price = price - discount / quantity. */
  discount: number;
}

export interface SimRefund {
  createdAt: string;
  lines: { lineId: string; quantity: number; amount: number }[];
}

export interface SimOrder {
  id: string;
  /** "#1001", "#1002", ... in time order. */
  name: string;
  /** ISO 8601 with the Paris offset of the day, e.g. "2025-03-15T19:23:45+01:00". */
  createdAt: string;
  /** Simulated day (YYYY-MM-DD, Paris time) of createdAt. */
  day: string;
  /** Null for anonymous point-of-sale orders. */
  customerId: string | null;
  email: string | null;
  /** Cancelled orders are extra orders that never consumed stock: they are not demand. */
  cancelledAt: string | null;
  /** Location that fulfilled the order. */
  locationId: string;
  lines: SimOrderLine[];
  refunds: SimRefund[];
}

export interface SimPriceChange {
  variantId: string;
  day: string;
  price: number;
  compareAtPrice: number | null;
}

export interface SimInventoryLevel {
  variantId: string;
  locationId: string;
  /** End of the last simulated day. */
  available: number;
  onHand: number;
  /** Units on open purchase orders, and the earliest expected arrival day. */
  incoming: number;
  incomingArrival: string | null;
}

/**
 * Run-length encoded daily snapshot: `available` is the stock at the OPENING of `day` (after that
 * morning's deliveries) and stays the same on the following days until the next row of the same
 * variant and location. A value of 0 means nothing could be sold that day (censored demand).
 * Every variant and location has a row on the first simulated day. `expandSnapshots` gives daily values.
 */
export interface SimSnapshot {
  variantId: string;
  locationId: string;
  day: string;
  available: number;
}

export interface SimShopInfo {
  domain: string;
  name: string;
  currency: "EUR";
  timezone: "Europe/Paris";
  locale: "fr";
}

export interface SimCustomer {
  id: string;
  email: string;
  /** Day of the first order, and whether that first order held a gateway product. */
  firstOrderDay: string;
  acquiredByGateway: boolean;
}

export interface SimShop {
  seed: number;
  shop: SimShopInfo;
  locations: SimLocation[];
  vendors: SimVendor[];
  products: SimProduct[];
  customers: SimCustomer[];
  /** The simulated calendar days, oldest first. */
  days: string[];
  /** Orders in time order (names ascending). */
  orders: SimOrder[];
  /** One row per change of price or compare-at price; the first row of each variant is on days[0]. */
  priceHistory: SimPriceChange[];
  inventory: SimInventoryLevel[];
  snapshots: SimSnapshot[];
  /** Expected units over all locations (uncensored) on a day at a price; any day, also future ones. */
  truthDemand(variantId: string, day: string, price: number): number;
  /** The effective price demand responded to on a simulated day (list price after automatic discounts). */
  truthPrice(variantId: string, day: string): number;
}

/** One simulated daily series; structurally a forecast `DailySeries` plus the truth. */
export interface SimSeries {
  id: string;
  start: string;
  /** Units sold (censored by stock). */
  units: number[];
  /** false = out of stock that day: nothing sold. */
  available: boolean[];
  /** Realised unit price after discounts on days with a sale, else null. */
  prices: (number | null)[];
  group: string;
  /** Effective price offered each day (list price after discounts), also on days without a sale. */
  offeredPrice: number[];
  /** True expected demand each day at the offered price, before censoring. */
  truthMean: number[];
  truth: DemandTruth;
  /** The `horizon` days after the history: true mean and uncensored draws at the last offered price. */
  future: { start: string; mean: number[]; units: number[] };
}
