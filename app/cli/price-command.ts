// `price`: Shopify CSV exports in, one price recommendation per variant out as JSON (issue 4).
// Elasticities come from the shop's own history (app/core/pricing), baseline demand from the
// forecast engine, customer value from pseudonymised order history (app/core/customers).
import { basename } from "node:path";
import { acquisitionValue, customerValueByProduct, type CustomerOrder } from "../core/customers/index";
import { forecastBatch } from "../core/forecast/index";
import {
  estimateElasticities,
  recommendPrices,
  resolveGuardrails,
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
  --horizon <days>            days of expected profit, 1-366 (default 28)
  --max-change <share>        maximum change per recommendation, 0-1 (default 0.10)
  --min-margin <share>        minimum gross margin (price - cost) / price, 0-0.95 (default 0.20)
  --rounding <mode>           none | 0.99 | 0.95 | whole (default none)
  --clv-weight <w>            weight 0-1 on the future margin of customers a product acquires (default 0)
  --clv-model <model>         empirical | bgnbd (BG/NBD + Gamma-Gamma) customer value (default empirical)
  --payment-fee <share>       payment fee as a share of price, 0-0.5 (default 0)
  --fulfilment-cost <amount>  per-unit fulfilment cost (default 0)
  --target-cover-days <days>  propose a markdown path when stock covers more than this (default: off)
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
  targetCoverDays?: number;
  out?: string;
}

export type PriceArgsResult = ParsedArgs<PriceArgs>;

const FLAGS = new Set([
  "orders", "products", "inventory-history", "as-of", "horizon", "max-change", "min-margin", "rounding",
  "clv-weight", "clv-model", "payment-fee", "fulfilment-cost", "target-cover-days", "out",
]);
const ROUNDINGS: Rounding[] = ["none", "0.99", "0.95", "whole"];

export function parsePriceArgs(argv: string[]): PriceArgsResult {
  return parseFlags(argv, FLAGS, (values) => {
    const orders = values.get("orders");
    if (!orders) throw new ArgError("--orders", "is required (Shopify's orders export CSV)");
    const products = values.get("products");
    if (!products) throw new ArgError("--products", "is required (Shopify's products export CSV, for prices and unit costs)");
    const asOf = asOfDay(values);
    const rounding = (values.get("rounding") ?? "none") as Rounding;
    if (!ROUNDINGS.includes(rounding)) throw new ArgError("--rounding", `expected one of ${ROUNDINGS.join(", ")}, got "${rounding}"`);
    const num = (flag: string, def: number, lo: number, hi: number, integer = false): number =>
      numberFlag(values, flag, def, lo, hi, { integer });
    const clvModel = values.get("clv-model") ?? "empirical";
    if (clvModel !== "empirical" && clvModel !== "bgnbd") throw new ArgError("--clv-model", `expected empirical or bgnbd, got "${clvModel}"`);
    const cover = values.has("target-cover-days") ? num("target-cover-days", 0, 1, 3650, true) : undefined;
    return {
      orders,
      products,
      inventoryHistory: values.get("inventory-history"),
      asOf,
      horizon: num("horizon", 28, 1, 366, true),
      maxChange: num("max-change", 0.1, 0, 1),
      minMargin: num("min-margin", 0.2, 0, 0.95),
      rounding,
      clvWeight: num("clv-weight", 0, 0, 1),
      clvModel,
      paymentFee: num("payment-fee", 0, 0, 0.5),
      fulfilmentCost: num("fulfilment-cost", 0, 0, 1e6),
      targetCoverDays: cover,
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
      load: (args) => ({ orders: args.orders, products: args.products, inventoryHistory: args.inventoryHistory, asOf: args.asOf }),
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
  const forecasts = forecastBatch(
    data.skus.map((s) => s.series),
    { horizon: args.horizon, seed: 1 },
  );
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
  const guardrails = resolveGuardrails({ maxChangePct: args.maxChange, minMarginPct: args.minMargin, rounding: args.rounding });
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
    stock:
      s.inventoryQty != null
        ? { onHand: Math.max(0, s.inventoryQty), ...(args.targetCoverDays ? { targetCoverDays: args.targetCoverDays } : {}) }
        : undefined,
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
      targetCoverDays: args.targetCoverDays ?? null,
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
    elasticity: { estimate: round(r.elasticity.estimate, 3), se: round(r.elasticity.se, 3), source: r.elasticity.source },
    expected: r.expected,
    confidence: round(r.confidence, 3),
    reasons: r.reasons.map((x) => ({ code: x.code, text: x.text, ...(x.magnitude !== undefined ? { magnitude: round(x.magnitude, 4) } : {}) })),
    bounds: r.bounds,
    markdown: r.markdown,
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
