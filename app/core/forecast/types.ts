// Public contract of the forecast engine. Other modules (inventory, pricing, CLI, jobs) depend on
// these shapes only; model internals stay private to app/core/forecast.

/** One variant's daily history. Index i of every array is calendar day `start + i` (shop time zone). */
export interface DailySeries {
  id: string;
  /** YYYY-MM-DD of units[0]. */
  start: string;
  /** Units sold per day (non-negative). The value on an unavailable day is ignored. */
  units: number[];
  /** false = the variant could not be sold that day (out of stock, unpublished): censored, not zero demand. */
  available?: boolean[];
  /** Realised average unit price after discounts; null on days without a sale. */
  prices?: (number | null)[];
  /** Pooling key (product type, else category) for yearly profiles and new variants. */
  group?: string;
  /** true = a merchant's event ran that day (forecast/events.ts): left out of the fits, like a censored day. */
  eventDays?: boolean[];
}

/** Syntetos-Boylan classes, plus the two cases the classification cannot cover. */
export type DemandClass = "smooth" | "intermittent" | "erratic" | "lumpy" | "no-demand" | "new";

export interface ForecastOptions {
  /** Days to forecast, starting the day after the last history day. Default 28. */
  horizon?: number;
  /** Quantile levels in (0, 1). Default [0.5, 0.8, 0.9, 0.95]. */
  levels?: number[];
  /** Rolling origins used for model selection. Default 3. */
  backtestOrigins?: number;
  /**
   * Seasonal period in steps: 7 for daily data (default), 12 for monthly data, 1 or 0 for none.
   * Yearly (day-of-year) seasonality is only modelled when the period is 7 (daily data).
   */
  seasonPeriod?: number;
  /** Fewer available steps than this makes a variant "new" (pooled profile). Default 28 for daily data, else max(6, seasonPeriod). */
  newVariantDays?: number;
  /**
   * Treat the days before a variant's first sale as not yet on sale (censored) rather than zero
   * demand. Use when the history starts before the variant existed. Default false.
   */
  leadingZerosUnavailable?: boolean;
}

/** Group-level shapes used for yearly seasonality and for new variants (see buildPoolProfiles). */
export interface GroupProfile {
  /** Number of series pooled. */
  series: number;
  /** Multiplicative weekday index, 7 values averaging 1, index 0 = Monday. */
  weekly: number[];
  /** Multiplicative week-of-year index, 53 values averaging about 1; null without > 1 year of data. */
  yearly: number[] | null;
  /** Typical (median) daily units of a series in the group over its available days. */
  level: number;
}

/** Profiles keyed by group; "*" pools every series and serves groups that are missing. */
export interface PoolProfiles {
  groups: Record<string, GroupProfile>;
}

/** Quantiles are keyed by `levelKey(level)`, e.g. "0.9". */
export interface PointForecast {
  mean: number[];
  quantiles: Record<string, number[]>;
}

export interface BacktestMetrics {
  mase: number;
  rmsse: number;
  wape: number;
  bias: number;
  /** Mean pinball loss per level. */
  pinball: Record<string, number>;
  /** Share of actuals inside each central interval, keyed by nominal coverage, e.g. "0.9". */
  coverage: Record<string, number>;
}

export interface VariantForecast extends PointForecast {
  id: string;
  /** First forecast day, YYYY-MM-DD. */
  start: string;
  /** Model or combination used, e.g. "ets", "ets-yearly", "tsb", "combo(ets,snaive)". */
  model: string;
  demandClass: DemandClass;
  /** Average inter-demand interval and squared coefficient of variation of non-zero demand. */
  adi: number;
  cv2: number;
  /** Negative-binomial size used for count quantiles; Infinity means Poisson. */
  dispersion: number;
  /** Rolling-origin backtest of the chosen model; null when history is too short. */
  backtest: BacktestMetrics | null;
  /** Days left out as censored, and the demand estimated lost on them. */
  lostSales: { censoredDays: number; estimatedUnits: number };
  /** Models tried and skipped, with the reason (the fallback chain at work). */
  fallbacks: string[];
  /** One or two sentences a merchant can read. */
  explanation: string;
  /** Seasonal period used (7 daily, 12 monthly, 1 none); periodDemandQuantiles repeats the last season past the horizon. */
  seasonPeriod?: number;
  /**
   * Squared coefficient of variation of the level error (an error shared by every day of a period),
   * estimated from the backtest window totals; periodDemandQuantiles adds levelCv2 x mean^2 to the
   * variance of a total. 0 or absent = days independent.
   */
  levelCv2?: number;
  /**
   * Backtest window totals of the chosen model (engine.ts backtestSums): what protection-period quantiles are
   * calibrated on (calibration.ts). Empty when there was no backtest.
   */
  sumErrors?: SumError[];
  /** Out of stock on one of the last RECENT_STOCKOUT_DAYS days: the mean may be lifted (calibration.ts). */
  recentStockout?: boolean;
  /** Backtest windows that followed a stockout: totals over their in-stock days (calibration.ts's lift). */
  stockoutWindows?: { forecast: number; actual: number }[];
  /**
   * Set when merchant events changed this forecast (forecast/events.ts applyEvents): `mean` and `quantiles` are
   * then the adjusted forecast and this is the statistical one, side by side.
   */
  statistical?: PointForecast;
  /** The events that changed the forecast, with the forecast days they touch. */
  eventsApplied?: { id: string; days: number }[];
}

/** One backtest window total: the forecast, the actual demand and the model's standard deviation of the total. */
export interface SumError {
  days: number;
  forecast: number;
  actual: number;
  sd: number;
  /** The window's origin followed a stockout (in the RECENT_STOCKOUT_DAYS days before it). */
  afterStockout?: boolean;
  /** The window had stockout days: `actual` is a lower bound of its demand (right-censored). */
  censored?: boolean;
}

export const DEFAULT_LEVELS = [0.5, 0.8, 0.9, 0.95] as const;
export const DEFAULT_HORIZON = 28;

export function levelKey(level: number): string {
  return String(Number(level.toFixed(6)));
}
