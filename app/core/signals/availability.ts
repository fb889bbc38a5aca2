// Storefront availability signal of one variant: what a shopper may be told, and nothing when the data
// cannot back it. Plain data in, plain data out; the same rules run in the app (stored signal, metafield)
// and in the app proxy, and the theme app extension only renders the result.
import { addDays, daysBetween } from "../days";

export type SignalState = "in_stock" | "low_stock" | "selling_fast" | "back_soon" | "ships_by" | "sold_out" | "none";

export interface SignalInput {
  /** Today in the shop's time zone, YYYY-MM-DD. */
  today: string;
  /** Shopify tracks the variant's inventory. Untracked: always purchasable, nothing to forecast. */
  tracked: boolean;
  /** Units available to sell now, summed over the locations that fulfil online orders. */
  available: number;
  /** Expected daily demand over the next days (forecast mean); null when there is no usable forecast. */
  dailyDemand: number | null;
  /** The forecast is trustworthy enough to make claims about the future (enough history, tested model). */
  forecastConfident: boolean;
  /** When the inventory level was last confirmed (webhook or import), ISO date-time; null = never. */
  inventoryUpdatedAt: string | null;
  /** Now, ISO date-time (for the staleness check). */
  now: string;
  /** Earliest expected arrival of open purchase-order units, or today + lead time of an approved reorder. */
  restockDate: string | null;
  /** Shopify keeps selling at zero stock (inventory policy "continue"). */
  continueSelling: boolean;
  /** Handling days before dispatch of an order placed today; null = the shop does not promise a date. */
  handlingDays: number | null;
}

/** Block settings (theme editor) and shop rules. */
export interface SignalRules {
  /** "Only N left" below this many days of cover. */
  lowStockCoverDays: number;
  /** "Selling fast" when the projected stockout is within this many days. */
  sellingFastDays: number;
  /** Show the exact count in "Only N left" (else "Only a few left"). */
  showExactCount: boolean;
  /** Inventory older than this is not trusted (hours). */
  maxInventoryAgeHours: number;
  /** A restock date further away than this is not promised (days). */
  maxRestockHorizonDays: number;
  show: { lowStock: boolean; sellingFast: boolean; backInStock: boolean; shipsBy: boolean; inStock: boolean };
}

export const DEFAULT_SIGNAL_RULES: SignalRules = {
  lowStockCoverDays: 7,
  sellingFastDays: 21,
  showExactCount: true,
  maxInventoryAgeHours: 48,
  maxRestockHorizonDays: 90,
  show: { lowStock: true, sellingFast: true, backInStock: true, shipsBy: true, inStock: true },
};

export interface Signal {
  state: SignalState;
  /** Units left, only when the state is low_stock and the merchant shows exact counts. */
  unitsLeft: number | null;
  /** back_soon: restock date; ships_by: dispatch date; selling_fast: projected stockout day. */
  date: string | null;
  daysOfCover: number | null;
  /** Why this state (for the admin and the tests), never shown to shoppers. */
  reason: string;
}

const none = (reason: string, daysOfCover: number | null = null): Signal => ({
  state: "none",
  unitsLeft: null,
  date: null,
  daysOfCover,
  reason,
});

/** Days the available units last at the expected demand; null when demand is unknown or zero. */
export function daysOfCover(available: number, dailyDemand: number | null): number | null {
  if (dailyDemand === null || !(dailyDemand > 0) || !Number.isFinite(dailyDemand)) return null;
  return Math.max(0, available) / dailyDemand;
}

function inventoryIsFresh(input: SignalInput, rules: SignalRules): boolean {
  if (!input.inventoryUpdatedAt) return false;
  const age = Date.parse(input.now) - Date.parse(input.inventoryUpdatedAt);
  return Number.isFinite(age) && age <= rules.maxInventoryAgeHours * 3_600_000;
}

/**
 * The rules, in order:
 * 1. stale or unknown inventory -> nothing (a wrong "in stock" is worse than silence);
 * 2. untracked -> "in stock";
 * 3. nothing available (oversold included) -> "back around <date>" when a restock is expected within the horizon,
 *    else "ships by <restock + handling>" when the shop keeps selling; without a dependable date "sold out",
 *    unless the shop keeps selling (then nothing: the variant can still be bought);
 * 4. available -> by days of cover from the forecast (not a fixed count): below lowStockCoverDays "only N left",
 *    projected stockout within sellingFastDays "selling fast"; an unconfident forecast makes no such claim;
 * 5. otherwise "ships by <today + handling>" when the shop promises dispatch, else "in stock".
 */
export function availabilitySignal(input: SignalInput, rules: SignalRules = DEFAULT_SIGNAL_RULES): Signal {
  if (!input.tracked) {
    return rules.show.inStock
      ? { state: "in_stock", unitsLeft: null, date: null, daysOfCover: null, reason: "untracked" }
      : none("untracked, in-stock hidden");
  }
  if (!inventoryIsFresh(input, rules)) return none("inventory stale or unknown");
  const available = Math.max(0, Math.floor(input.available));
  if (available <= 0) {
    const restock =
      input.restockDate &&
      input.restockDate > input.today &&
      daysBetween(input.today, input.restockDate) <= rules.maxRestockHorizonDays
        ? input.restockDate
        : null;
    if (restock && input.continueSelling && input.handlingDays !== null && rules.show.shipsBy) {
      return {
        state: "ships_by",
        unitsLeft: null,
        date: addDays(restock, input.handlingDays),
        daysOfCover: 0,
        reason: "backorder until restock",
      };
    }
    if (restock && rules.show.backInStock)
      return { state: "back_soon", unitsLeft: null, date: restock, daysOfCover: 0, reason: "restock expected" };
    if (!input.continueSelling && rules.show.backInStock)
      return {
        state: "sold_out",
        unitsLeft: null,
        date: null,
        daysOfCover: 0,
        reason: "sold out, no dependable restock date",
      };
    return none("sold out, no dependable restock date", 0);
  }
  const cover = daysOfCover(available, input.dailyDemand);
  if (input.forecastConfident && cover !== null) {
    if (cover < rules.lowStockCoverDays && rules.show.lowStock) {
      return {
        state: "low_stock",
        unitsLeft: rules.showExactCount ? available : null,
        date: null,
        daysOfCover: cover,
        reason: `cover ${cover.toFixed(1)} d < ${rules.lowStockCoverDays} d`,
      };
    }
    if (cover < rules.sellingFastDays && rules.show.sellingFast) {
      const stockout = addDays(input.today, Math.floor(cover));
      return {
        state: "selling_fast",
        unitsLeft: null,
        date: stockout,
        daysOfCover: cover,
        reason: `projected stockout in ${Math.floor(cover)} d < ${rules.sellingFastDays} d`,
      };
    }
  }
  if (input.handlingDays !== null && rules.show.shipsBy) {
    return {
      state: "ships_by",
      unitsLeft: null,
      date: addDays(input.today, input.handlingDays),
      daysOfCover: cover,
      reason: "in stock, dispatch promised",
    };
  }
  if (rules.show.inStock)
    return { state: "in_stock", unitsLeft: null, date: null, daysOfCover: cover, reason: "in stock" };
  return none("in stock, hidden by the block settings", cover);
}

/**
 * What the storefront receives (app-owned metafield and app proxy): facts enough for the block to apply its own
 * thresholds, and nothing personal. The unit count is only included where it could be shown ("only N left"
 * range), so the page source never reveals deep stock levels.
 */
export interface SignalFacts {
  variant: string;
  state: SignalState;
  tracked: boolean;
  sold_out: boolean;
  confident: boolean;
  cover_days: number | null;
  units: number | null;
  /** back_soon / ships_by (sold out) date, or the projected stockout day when selling fast. */
  date: string | null;
  /** Dispatch date for in-stock orders when the shop promises one. */
  ships_by: string | null;
  /** Epoch seconds after which the block shows nothing (stale data). */
  expires_at: number;
}

/** The longest low-stock threshold a block can choose (its range setting's max), in days. */
export const MAX_LOW_STOCK_DAYS = 30;

export function signalFacts(
  variant: string,
  input: SignalInput,
  signal: Signal,
  rules: SignalRules = DEFAULT_SIGNAL_RULES,
): SignalFacts {
  const cover = signal.daysOfCover;
  const soldOut = input.tracked && Math.floor(input.available) <= 0;
  const showable = input.forecastConfident && cover !== null && cover < MAX_LOW_STOCK_DAYS && !soldOut;
  const confirmed = input.inventoryUpdatedAt ? Date.parse(input.inventoryUpdatedAt) : Date.parse(input.now);
  return {
    variant,
    state: signal.state,
    tracked: input.tracked,
    sold_out: soldOut,
    confident: input.forecastConfident,
    cover_days: cover === null ? null : Math.round(cover * 10) / 10,
    units: showable ? Math.floor(input.available) : null,
    date:
      signal.state === "back_soon" || signal.state === "ships_by" || signal.state === "selling_fast"
        ? signal.date
        : null,
    ships_by: !soldOut && input.handlingDays !== null ? addDays(input.today, input.handlingDays) : null,
    expires_at: Math.floor((confirmed + rules.maxInventoryAgeHours * 3_600_000) / 1000),
  };
}

/** The neutral answer for a variant the app knows nothing about. */
export function unknownVariantFacts(variant: string): SignalFacts {
  return {
    variant,
    state: "none",
    tracked: true,
    sold_out: false,
    confident: false,
    cover_days: null,
    units: null,
    date: null,
    ships_by: null,
    expires_at: 0,
  };
}
