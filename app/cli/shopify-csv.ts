// Loading Shopify's CSV exports (orders, products) plus the optional inventory-history and vendors CSVs.
// Everything streams record by record (csv-parse); only per-SKU daily totals and the order list are kept.
// Shared by the `forecast` and `price` commands: `loadShopifyExports` is the one entry point.
import type { DailySeries } from "../core/forecast/types";
import type { ForecastEvent } from "../core/forecast/events";
import { addDays, daysBetween, isIsoDay } from "../core/inventory/dates";
import { CsvInputFailure, type CsvInputError } from "./csv-errors";
import type { DayBounds } from "./csv-values";
import { readInventoryHistory, readVendors, type InventoryHistory, type VendorTerms } from "./extra-csv";
import { readOrders, type OrderRecord } from "./shopify-orders";
import { readProducts, type ProductVariant } from "./shopify-products";

export type { CsvInputError } from "./csv-errors";
export { formatCsvError } from "./csv-errors";
export type { OrderLine, OrderRecord } from "./shopify-orders";
export type { VendorTerms } from "./extra-csv";

export interface LoadShopifyOptions {
  /** Path of Shopify's "Export orders" CSV (required). */
  orders: string;
  /** Path of Shopify's product export CSV. */
  products?: string;
  /** Path of a `date,sku,available` CSV (end-of-day stock; available <= 0 marks a censored day). */
  inventoryHistory?: string;
  /** Path of a `vendor,lead_time_days,lead_time_sd_days,moq,case_pack` CSV. */
  vendors?: string;
  /** Last day of history (YYYY-MM-DD). Orders after it are ignored. Default: the last order day. */
  asOf?: string;
  /** Salt for hashing customer emails. Default: env PILOTAGE_CUSTOMER_SALT, else a fixed string. */
  salt?: string;
  /** Today, YYYY-MM-DD (default: the current UTC day): dates over MAX_FUTURE_DAYS after it are refused. */
  today?: string;
  /** Keep the per-order list (default true; the forecast command passes false to save memory). */
  keepOrders?: boolean;
  /** Streaming progress, per file. */
  onProgress?: (file: string, bytes: number, total: number) => void;
}

/** One SKU (variant) with its history and catalogue facts. */
export interface SkuData {
  /** Lineitem sku; the line-item name when the SKU is empty (products: "Title - Opt1 / Opt2"). */
  sku: string;
  name: string;
  handle: string | null;
  vendor: string | null;
  productType: string | null;
  /**
   * Daily history from the SKU's first sale (or first inventory-history day) to `asOf`, both included.
   * `units`: units sold, cancelled and voided orders excluded. `prices`: realised net unit price that day
   * (sum of quantity x price - line discount, over units; null on days without a sale). `available`: present
   * only when the inventory history covers the SKU (false where available <= 0). `group`: product type.
   * A product-file SKU that never sold gets zeros over the whole export period.
   */
  series: DailySeries;
  /** Current price: product export's Variant Price, else the last line-item price in the orders. */
  price: number | null;
  compareAtPrice: number | null;
  /** Cost per item; null when missing (never 0 by default). */
  unitCost: number | null;
  /** Current stock: Variant Inventory Qty, else the last inventory-history value up to asOf; null = unknown. */
  inventoryQty: number | null;
  stockSource: "products" | "inventory-history" | null;
  totalUnits: number;
  totalNetRevenue: number;
}

export interface ShopifyExports {
  /** Last history day; forecasts start the day after. */
  asOf: string;
  /** First order day kept. */
  firstDay: string;
  /** Sorted by sku. */
  skus: SkuData[];
  /**
   * Orders up to asOf, cancelled (`Cancelled at` set) and voided orders excluded, in file order. Each line's
   * netRevenue = quantity x price - line discount; `refundedAmount` is order-level and not spread over lines.
   * `customerKey` is a salted SHA-256 of the email (never the email itself) or null.
   * Empty when `keepOrders: false`.
   */
  orders: OrderRecord[];
  vendors: Map<string, VendorTerms>;
  /** The merchant's events (--events), checked against the SKUs; absent without the flag. */
  events?: ForecastEvent[];
  stats: {
    orderRows: number;
    orders: number;
    cancelledOrders: number;
    voidedOrders: number;
    afterAsOfOrders: number;
    /** Lines whose SKU was empty and fell back to the line-item name. */
    skuFromName: number;
    /** Lines without SKU and name, or with quantity <= 0. */
    skippedLines: number;
    productVariants: number;
  };
}

export type LoadShopifyResult = { ok: true; data: ShopifyExports } | { ok: false; error: CsvInputError };

const DEFAULT_SALT = "pilotage-cli-v1";
/** A date more than this after today is a typo (2199, 9999-12-31): it would stretch every SKU's history to it. */
export const MAX_FUTURE_DAYS = 7;
/** Before Shopify existed: a typo too (0001-01-01 would stretch history backwards). */
export const EARLIEST_DAY = "2000-01-01";

export function plausibleDays(today = new Date().toISOString().slice(0, 10)): DayBounds {
  return { earliest: EARLIEST_DAY, latest: addDays(today, MAX_FUTURE_DAYS) };
}

export async function loadShopifyExports(opts: LoadShopifyOptions): Promise<LoadShopifyResult> {
  try {
    return { ok: true, data: await load(opts) };
  } catch (err) {
    if (err instanceof CsvInputFailure) return { ok: false, error: err.error };
    throw err;
  }
}

async function load(opts: LoadShopifyOptions): Promise<ShopifyExports> {
  if (opts.asOf !== undefined && !isIsoDay(opts.asOf)) {
    throw new CsvInputFailure({
      code: "CSV.BAD_DATE",
      file: "--as-of",
      line: null,
      column: null,
      message: `"${opts.asOf}" is not a YYYY-MM-DD date`,
    });
  }
  const days = plausibleDays(opts.today);
  if (opts.asOf !== undefined && (opts.asOf > days.latest || opts.asOf < days.earliest)) {
    throw new CsvInputFailure({
      code: "CSV.BAD_DATE",
      file: "--as-of",
      line: null,
      column: null,
      message: `${opts.asOf} is not a plausible last day of history (${days.earliest} to ${days.latest})`,
    });
  }
  const progress = (file: string) =>
    opts.onProgress ? (b: number, t: number) => opts.onProgress!(file, b, t) : undefined;
  const salt = opts.salt ?? process.env.PILOTAGE_CUSTOMER_SALT ?? DEFAULT_SALT;
  const agg = await readOrders(opts.orders, {
    asOf: opts.asOf,
    salt,
    keepOrders: opts.keepOrders,
    days,
    onProgress: progress(opts.orders),
  });
  const products = opts.products
    ? await readProducts(opts.products, progress(opts.products))
    : new Map<string, ProductVariant>();
  const history: InventoryHistory = opts.inventoryHistory
    ? await readInventoryHistory(opts.inventoryHistory, days)
    : new Map();
  const vendors = opts.vendors ? await readVendors(opts.vendors) : new Map<string, VendorTerms>();

  if (agg.firstDay === null || agg.lastDay === null) {
    throw new CsvInputFailure({
      code: "CSV.EMPTY",
      file: opts.orders,
      line: null,
      column: null,
      message: opts.asOf ? `no orders on or before ${opts.asOf}` : "no usable orders in the file",
    });
  }
  const asOf = opts.asOf ?? agg.lastDay;
  const firstDay = agg.firstDay;

  const allSkus = new Set<string>([...agg.skus.keys(), ...products.keys()]);
  const skus: SkuData[] = [];
  for (const sku of [...allSkus].sort()) {
    const sold = agg.skus.get(sku);
    const product = products.get(sku);
    const hist = history.get(sku);
    let start = firstDay;
    if (sold) start = [...sold.units.keys()].reduce((a, b) => (b < a ? b : a));
    if (hist) for (const d of hist.keys()) if (d < start && d >= firstDay) start = d;
    const n = daysBetween(start, asOf) + 1;
    const units = new Array<number>(n).fill(0);
    const prices = new Array<number | null>(n).fill(null);
    let totalUnits = 0;
    let totalNetRevenue = 0;
    if (sold) {
      for (const [day, u] of sold.units) {
        const i = daysBetween(start, day);
        const rev = sold.revenue.get(day) ?? 0;
        units[i] = u;
        prices[i] = u > 0 ? Math.round((rev / u) * 100) / 100 : null;
        totalUnits += u;
        totalNetRevenue += rev;
      }
    }
    let available: boolean[] | undefined;
    let histStock: number | null = null;
    if (hist) {
      available = new Array<boolean>(n).fill(true);
      let lastDay = "";
      for (const [day, a] of hist) {
        if (day <= asOf && day > lastDay) {
          lastDay = day;
          histStock = a;
        }
        const i = daysBetween(start, day);
        if (i >= 0 && i < n && a <= 0) available[i] = false;
      }
    }
    const productType = product?.productType ?? null;
    const series: DailySeries = {
      id: sku,
      start,
      units,
      prices,
      ...(available ? { available } : {}),
      ...(productType ? { group: productType } : {}),
    };
    const inventoryQty = product?.inventoryQty ?? histStock;
    skus.push({
      sku,
      name: product?.name ?? sold?.name ?? sku,
      handle: product?.handle ?? null,
      vendor: product?.vendor ?? sold?.vendor ?? null,
      productType,
      series,
      price: product?.price ?? sold?.lastPrice ?? null,
      compareAtPrice: product ? product.compareAtPrice : (sold?.lastCompareAt ?? null),
      unitCost: product?.unitCost ?? null,
      inventoryQty,
      stockSource: product?.inventoryQty != null ? "products" : histStock !== null ? "inventory-history" : null,
      totalUnits,
      totalNetRevenue: Math.round(totalNetRevenue * 100) / 100,
    });
  }
  return {
    asOf,
    firstDay,
    skus,
    orders: agg.orders,
    vendors,
    stats: {
      orderRows: agg.stats.rows,
      orders: agg.stats.orders,
      cancelledOrders: agg.stats.cancelledOrders,
      voidedOrders: agg.stats.voidedOrders,
      afterAsOfOrders: agg.stats.afterAsOfOrders,
      skuFromName: agg.stats.skuFromName,
      skippedLines: agg.stats.skippedLines,
      productVariants: products.size,
    },
  };
}

/** First forecast day for a load (the day after asOf). */
export function forecastStart(data: ShopifyExports): string {
  return addDays(data.asOf, 1);
}
