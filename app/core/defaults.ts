// Every default a merchant's decisions depend on, in one place (issue 11, docs/decisions/0012).
// The engines, the services, the settings form, the Prisma schema's @default values, the demo and the CLI
// all read these. tests/unit/app/defaults.test.ts compares the schema with them and fails when one of
// these values is restated elsewhere in app/.

/** A shop that never saved its settings. Percentages are fractions (0.2 = 20 %). */
export const SHOP_DEFAULTS = Object.freeze({
  // Pricing guardrails
  minMarginPct: 0.2,
  maxPriceChangePct: 0.1,
  /** none | 0.99 | 0.95 | 0.90 | 1.00 */
  priceRounding: "0.99",
  cooldownDays: 14,
  /** keep | clear | set-on-decrease */
  compareAtPolicy: "keep",
  observedRangeDistance: 0.1,
  /** Probability that a price change raises expected profit below which it is not suggested. */
  minConfidence: 0.75,
  // Replenishment
  serviceLevel: 0.95,
  reviewPeriodDays: 7,
  /** Stock beyond this many days of expected sales counts as overstock (dashboard, replenishment). */
  targetCoverDays: 30,
  // ABC classes by gross profit over the last 12 months (app/core/inventory/abc.ts): the variants making the
  // first 80 % of it are A, up to 95 % B, the rest C; each class has its own cycle service level.
  abcShareA: 0.8,
  abcShareB: 0.95,
  serviceLevelA: 0.97,
  serviceLevelB: 0.95,
  serviceLevelC: 0.9,
  // Economics
  longTermValueWeight: 0,
  paymentFeePct: 0.029,
  paymentFeeFixed: 0.3,
  fulfilmentCostPerUnit: 0,
  /** Yearly cost of holding stock, as a share of its unit cost (capital, storage). */
  holdingCostPct: 0.2,
  /** Stock still unsold after this many days (at the expected sales rate) is at risk of never selling. */
  sellThroughDays: 180,
});

/** A vendor without saved terms. */
export const VENDOR_DEFAULTS = Object.freeze({
  leadTimeMeanDays: 14,
  leadTimeSdDays: 3,
  moq: 1,
  casePack: 1,
  documentLocale: "en",
});

/** Limits proposed when a merchant first turns autonomy on. */
export const AUTONOMY_DEFAULTS = Object.freeze({
  price: { maxChangePct: 0.03, maxPerDay: 20 },
  reorder: { maxOrderValue: 1000, maxPerDay: 5 },
});

/** Engine constants a merchant does not set. */
export const ENGINE_DEFAULTS = Object.freeze({
  /** Days the forecast and the price objective look ahead. */
  horizonDays: 28,
  /** An elasticity SE at or below this, from the variant itself, lifts the observed-range rule. */
  highConfidenceSe: 0.25,
  /** Smallest expected gain worth a price change, relative to the current expected profit. */
  minGainPct: 0.005,
  /** Days between markdown steps (at least the cooldown). */
  markdownStepDays: 7,
  /** Days a transfer between two locations takes (a suggested transfer must arrive before a supplier order). */
  transferLeadTimeDays: 2,
  /** Days of sales the ABC classification and the locations' demand shares look back on. */
  abcWindowDays: 365,
});
