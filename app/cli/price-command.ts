// `price`: Shopify CSV exports in, one price recommendation per variant out as JSON (issue 4).
// Elasticities come from the shop's own history (app/core/pricing), baseline demand from the
// forecast engine, customer value from pseudonymised order history (app/core/customers).
import { basename } from "node:path";
import { acquisitionValue, customerValueByProduct, type CustomerOrder } from "../core/customers/index";
import { ENGINE_DEFAULTS, SHOP_DEFAULTS } from "../core/defaults";
import {
  buildCalibration,
  buildPoolProfiles,
  calibratedForecast,
  demandOutlook,
  forecastBatch,
  profileFor,
} from "../core/forecast/index";
import {
  estimateElasticities,
  DEFAULT_FEES,
  recommendPrices,
  resolveGuardrails,
  toRounding,
  toPriceHistory,
  type PricingInput,
  type PricingRecommendation,
  type Rounding,
} from "../core/pricing/index";
import { ArgError, asOfDay, numberFlag, parseFlags, type ParsedArgs } from "./flags";
import { processIO, runExportCommand, type CliIO } from "./run-command";
import type { ShopifyExports } from "./shopify-csv";

export const PRICE_USAGE = `Usage: npm run cli -- price --orders <orders_export.csv> --products <products_export.csv> [options]

Recommend a price per variant that maximises expected gross profit within the guardrails.
Unit cost comes from the product export's "Cost per item"; a variant without it is withheld.

Options:
  --orders <file>             Shopify orders export (required)
  --products <file>           Shopify products export: prices, compare-at, cost per item, stock (required)
  --inventory-history <file>  CSV date,sku,available (out-of-stock days are left out of the elasticity fit)
  --as-of YYYY-MM-DD          last day of history (default: last order day)
  --horizon <days>            days of expected profit, 1-366 (default ${ENGINE_DEFAULTS.horizonDays})
  --max-change <share>        maximum change per recommendation, 0-1 (default ${SHOP_DEFAULTS.maxPriceChangePct})
  --min-margin <share>        minimum gross margin (price - cost) / price, 0-0.95 (default ${SHOP_DEFAULTS.minMarginPct})
  --min-confidence <p>        probability a change raises profit needed to suggest it, 0.5-0.99 (default ${SHOP_DEFAULTS.minConfidence})
  --rounding <mode>           none | 0.99 | 0.95 | whole (default ${toRounding(SHOP_DEFAULTS.priceRounding)})
  --clv-weight <w>            weight 0-1 on the future margin of customers a product acquires (default 0)
  --clv-model <model>         empirical | bgnbd (BG/NBD + Gamma-Gamma) customer value (default empirical)
  --payment-fee <share>       payment fee as a share of price, 0-0.5 (default ${SHOP_DEFAULTS.paymentFeePct})
  --fulfilment-cost <amount>  per-unit fulfilment and fixed payment cost (default ${DEFAULT_FEES.fulfilmentCost})
  --holding-cost <share>      yearly cost of holding stock, share of unit cost, 0-1 (default ${SHOP_DEFAULTS.holdingCostPct})
  --sell-through-days <days>  stock unsold after this many days is at risk, 28-730 (default ${SHOP_DEFAULTS.sellThroughDays})
  --out <file>                write JSON here (atomically); default stdout
  -h, --help                  show this help
`;

export interface PriceArgs {
  orders: string;
  products: string;
  inventoryHistory?: string;
  asOf?: string;
  horizon: number;
  maxChange: number;
  minMargin: number;
  rounding: Rounding;
  clvWeight: number;
  clvModel: "empirical" | "bgnbd";
  paymentFee: number;
  fulfilmentCost: number;
  minConfidence: number;
  holdingCost: number;
  sellThroughDays: number;
  out?: string;
}

export type PriceArgsResult = ParsedArgs<PriceArgs>;

const FLAGS = new Set([
  "orders",
  "products",
  "inventory-history",
  "as-of",
  "horizon",
  "max-change",
  "min-margin",
  "rounding",
  "clv-weight",
  "clv-model",
  "payment-fee",
  "fulfilment-cost",
  "min-confidence",
  "holding-cost",
  "sell-through-days",
  "out",
]);
const ROUNDINGS: Rounding[] = ["none", "0.99", "0.95", "whole"];

export function parsePriceArgs(argv: string[]): PriceArgsResult {
  return parseFlags(argv, FLAGS, (values) => {
    const orders = values.get("orders");
    if (!orders) throw new ArgError("--orders", "is required (Shopify's orders export CSV)");
    const products = values.get("products");
    if (!products)
      throw new ArgError("--products", "is required (Shopify's products export CSV, for prices and unit costs)");
    const asOf = asOfDay(values);
    const rounding = (values.get("rounding") ?? toRounding(SHOP_DEFAULTS.priceRounding)) as Rounding;
    if (!ROUNDINGS.includes(rounding))
      throw new ArgError("--rounding", `expected one of ${ROUNDINGS.join(", ")}, got "${rounding}"`);
    const num = (flag: string, def: number, lo: number, hi: number, integer = false): number =>
      numberFlag(values, flag, def, lo, hi, { integer });
    const clvModel = values.get("clv-model") ?? "empirical";
    if (clvModel !== "empirical" && clvModel !== "bgnbd")
      throw new ArgError("--clv-model", `expected empirical or bgnbd, got "${clvModel}"`);
    return {
      orders,
      products,
      inventoryHistory: values.get("inventory-history"),
      asOf,
      horizon: num("horizon", ENGINE_DEFAULTS.horizonDays, 1, 366, true),
      maxChange: num("max-change", SHOP_DEFAULTS.maxPriceChangePct, 0, 1),
      minMargin: num("min-margin", SHOP_DEFAULTS.minMarginPct, 0, 0.95),
      rounding,
      clvWeight: num("clv-weight", 0, 0, 1),
      clvModel,
      paymentFee: num("payment-fee", SHOP_DEFAULTS.paymentFeePct, 0, 0.5),
      fulfilmentCost: num("fulfilment-cost", DEFAULT_FEES.fulfilmentCost, 0, 1e6),
      minConfidence: num("min-confidence", SHOP_DEFAULTS.minConfidence, 0.5, 0.99),
      holdingCost: num("holding-cost", SHOP_DEFAULTS.holdingCostPct, 0, 1),
      sellThroughDays: num("sell-through-days", SHOP_DEFAULTS.sellThroughDays, 28, 730, true),
      out: values.get("out"),
    };
  });
}

export type PriceIO = CliIO;

/** Exit codes: 0 ok, 1 bad input file, 2 bad arguments. */
export function runPriceCommand(argv: string[], io: PriceIO = processIO): Promise<number> {
  return runExportCommand(
    {
      parse: parsePriceArgs,
      usage: PRICE_USAGE,
      load: (args) => ({
        orders: args.orders,
        products: args.products,
        inventoryHistory: args.inventoryHistory,
        asOf: args.asOf,
      }),
      report: buildPriceReport,
    },
    argv,
    io,
  );
}

/** The whole pipeline on loaded exports (no I/O): elasticities, forecasts, customer value, recommendations. */
export function buildPriceReport(data: ShopifyExports, args: PriceArgs) {
  const productOf = new Map(data.skus.map((s) => [s.sku, s.handle ?? s.sku]));
  const costOf = new Map(data.skus.map((s) => [s.sku, s.unitCost]));
  const histories = data.skus.map((s) => toPriceHistory(s.series, productOf.get(s.sku)));
  const elasticities = estimateElasticities(histories, { horizon: args.horizon });
  const series = data.skus.map((s) => s.series);
  const pool = buildPoolProfiles(series);
  const raw = forecastBatch(series, { horizon: args.horizon }, pool);
  const calibration = buildCalibration(raw);
  const forecasts = raw.map((fc) => calibratedForecast(fc, calibration));
  const orders: CustomerOrder[] = data.orders.map((o) => ({
    customerKey: o.customerKey,
    date: o.day,
    lines: o.lines.map((l) => ({
      sku: l.sku,
      productId: productOf.get(l.sku),
      quantity: l.quantity,
      unitPrice: l.quantity > 0 ? l.netRevenue / l.quantity : 0,
      unitCost: costOf.get(l.sku) ?? null,
    })),
  }));
  const customers = customerValueByProduct(orders, { asOf: data.asOf, by: "product", model: args.clvModel });
  const guardrails = resolveGuardrails({
    maxChangePct: args.maxChange,
    minMarginPct: args.minMargin,
    rounding: args.rounding,
    minConfidence: args.minConfidence,
  });
  const inputs: PricingInput[] = data.skus.map((s, i) => ({
    sku: s.sku,
    asOf: data.asOf,
    currentPrice: s.price,
    unitCost: s.unitCost,
    compareAtPrice: s.compareAtPrice,
    elasticity: elasticities.get(s.sku)!,
    forecast: forecasts[i],
    horizon: args.horizon,
    guardrails,
    fees: { paymentFeePct: args.paymentFee, fulfilmentCost: args.fulfilmentCost },
    stock: s.inventoryQty != null ? { onHand: Math.max(0, s.inventoryQty) } : undefined,
    holdingCostPct: args.holdingCost,
    sellThroughDays: args.sellThroughDays,
    outlook:
      s.inventoryQty != null
        ? demandOutlook(
            forecasts[i],
            Math.max(args.horizon, args.sellThroughDays),
            profileFor(pool, s.series.group)?.yearly ?? null,
          )
        : undefined,
    levelCv2: forecasts[i].levelCv2,
    dispersion: forecasts[i].dispersion,
    customerValue: acquisitionValue(customers.products.get(productOf.get(s.sku) as string)),
    clvWeight: args.clvWeight,
  }));
  const recs = recommendPrices(inputs);
  return {
    asOf: data.asOf,
    horizon: args.horizon,
    generatedBy: "pilotage price",
    inputs: {
      orders: basename(args.orders),
      products: basename(args.products),
      inventoryHistory: args.inventoryHistory ? basename(args.inventoryHistory) : null,
      firstDay: data.firstDay,
    },
    settings: {
      maxChange: args.maxChange,
      minMargin: args.minMargin,
      rounding: args.rounding,
      clvWeight: args.clvWeight,
      clvModel: args.clvModel,
      paymentFee: args.paymentFee,
      fulfilmentCost: args.fulfilmentCost,
      minConfidence: args.minConfidence,
      holdingCost: args.holdingCost,
      sellThroughDays: args.sellThroughDays,
    },
    customers: {
      method: customers.method,
      newCustomers: customers.newCustomers,
      linesWithoutCost: customers.linesWithoutCost,
      value180: round(customers.shop.value180.mean, 2),
      value365: round(customers.shop.value365.mean, 2),
    },
    variants: recs.map((r, i) => variantJson(r, data.skus[i].name)),
  };
}

function variantJson(r: PricingRecommendation, name: string) {
  return {
    sku: r.sku,
    name,
    currentPrice: r.currentPrice,
    recommendedPrice: r.recommendedPrice,
    unitCost: r.unitCost,
    action: r.action,
    compareAtPrice: r.compareAtPrice,
    elasticity: {
      estimate: round(r.elasticity.estimate, 3),
      se: round(r.elasticity.se, 3),
      source: r.elasticity.source,
    },
    expected: r.expected,
    confidence: round(r.confidence, 3),
    reasons: r.reasons.map((x) => ({
      code: x.code,
      text: x.text,
      ...(x.magnitude !== undefined ? { magnitude: round(x.magnitude, 4) } : {}),
    })),
    bounds: r.bounds,
    situation: r.situation,
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
