// Argument parsing for `forecast`: every error names the flag at fault.
import { ENGINE_DEFAULTS, SHOP_DEFAULTS, VENDOR_DEFAULTS } from "../core/defaults";
import { DEFAULT_LEVELS } from "../core/forecast/types";
import { ArgError, asOfDay, numberFlag, numberIn, parseFlags, type ParsedArgs } from "./flags";

export const FORECAST_USAGE = `Usage: npm run cli -- forecast --orders <orders_export.csv> [options]

Forecast daily demand per SKU from Shopify's "Export orders" CSV, and suggest replenishment
when stock is known (products export with inventory, or an inventory history).

Options:
  --orders <file>             Shopify orders export (required)
  --products <file>           Shopify products export (names, prices, cost per item, inventory qty)
  --inventory-history <file>  CSV date,sku,available (days with available <= 0 are out of stock)
  --vendors <file>            CSV vendor,lead_time_days,lead_time_sd_days,moq,case_pack
  --events <file>             CSV name,kind,start,end,scope,scope_value,effect,value: campaigns, promotions,
                              launches and closures (docs/cli-events.md); their past days are left out of
                              the fits and the forecast is adjusted on their future days
  --as-of YYYY-MM-DD          last day of history; later orders are ignored (default: last order day)
  --horizon <days>            forecast horizon, 1-366 (default ${ENGINE_DEFAULTS.horizonDays})
  --levels <list>             quantile levels in (0,1), comma separated (default ${DEFAULT_LEVELS.join(",")})
  --service-level <p>         replenishment target service level in (0,1) (default ${SHOP_DEFAULTS.serviceLevel})
  --review-days <days>        days between order reviews (default ${SHOP_DEFAULTS.reviewPeriodDays})
  --lead-time-days <days>     lead time for vendors not in --vendors (default ${VENDOR_DEFAULTS.leadTimeMeanDays}, spread ${VENDOR_DEFAULTS.leadTimeSdDays})
  --target-cover-days <days>  stock beyond this cover counts as overstock (default ${SHOP_DEFAULTS.targetCoverDays})
  --out <file>                write JSON here (atomically); default stdout
  -h, --help                  show this help
`;

export interface ForecastArgs {
  orders: string;
  products?: string;
  inventoryHistory?: string;
  vendors?: string;
  events?: string;
  asOf?: string;
  horizon: number;
  levels: number[];
  serviceLevel: number;
  reviewDays: number;
  leadTimeDays: number;
  targetCoverDays: number;
  out?: string;
}

export type ArgsResult = ParsedArgs<ForecastArgs>;

const FLAGS = new Set([
  "orders",
  "products",
  "inventory-history",
  "vendors",
  "events",
  "as-of",
  "horizon",
  "levels",
  "service-level",
  "review-days",
  "lead-time-days",
  "target-cover-days",
  "out",
]);

export function parseForecastArgs(argv: string[]): ArgsResult {
  return parseFlags(argv, FLAGS, (values) => {
    const orders = values.get("orders");
    if (!orders) throw new ArgError("--orders", "is required (Shopify's orders export CSV)");
    const asOf = asOfDay(values);
    const levelsRaw = values.get("levels");
    const levels =
      levelsRaw === undefined
        ? [...DEFAULT_LEVELS]
        : levelsRaw.split(",").map((s) => numberIn("--levels", s.trim(), 0, 1, { open: true }));
    const num = (flag: string, def: number, lo: number, hi: number, opts?: { integer?: boolean; open?: boolean }) =>
      numberFlag(values, flag, def, lo, hi, opts);
    return {
      orders,
      products: values.get("products"),
      inventoryHistory: values.get("inventory-history"),
      vendors: values.get("vendors"),
      events: values.get("events"),
      asOf,
      horizon: num("horizon", ENGINE_DEFAULTS.horizonDays, 1, 366, { integer: true }),
      levels: [...new Set(levels)].sort((a, b) => a - b),
      serviceLevel: num("service-level", SHOP_DEFAULTS.serviceLevel, 0, 1, { open: true }),
      reviewDays: num("review-days", SHOP_DEFAULTS.reviewPeriodDays, 0, 365),
      leadTimeDays: num("lead-time-days", VENDOR_DEFAULTS.leadTimeMeanDays, 0, 365),
      targetCoverDays: num("target-cover-days", SHOP_DEFAULTS.targetCoverDays, 0, 3650),
      out: values.get("out"),
    };
  });
}
