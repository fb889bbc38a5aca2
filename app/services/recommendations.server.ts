// The Recommendations table: pending suggestions sorted by expected profit change, paginated with a
// keyset on (expectedProfitDelta desc, id asc) so a deep page costs the same as the first one
// (index (shopId, status[, kind], expectedProfitDelta)); no OFFSET, and the totals are one aggregate.
import type { Prisma } from "@prisma/client";
import { databaseUrlOf } from "~/db.server";
import { parseDatabaseUrl } from "~/db/url.server";
import type { ObjectiveModel } from "~/core/pricing/objective";
import { variantName } from "~/lib/variant-label";
import type { ShopContext } from "./shop.server";
import { decimal, decimalOrNull, sumOrZero } from "~/core/money";

export type RecommendationKind = "price" | "reorder";

export interface RecommendationFilters {
  kind?: RecommendationKind;
  vendor?: string;
  productType?: string;
  /** Minimum confidence, 0..1. */
  minConfidence?: number;
  /** Minimum expected profit change, shop currency. */
  minImpact?: number;
  /** Words of the product title or the SKU. */
  search?: string;
}

/** Position of a row in the sort order; opaque to the client. */
export interface Cursor {
  delta: number;
  id: string;
}

export interface ListInput {
  filters?: RecommendationFilters;
  after?: string | null;
  before?: string | null;
  pageSize?: number;
  /** Totals of the filtered set (count and expected profit change); one aggregate query. */
  withTotals?: boolean;
}

/** What the one-sentence headline and the live profit of an edited price need (app/i18n/reasons.ts). */
export interface RowSummary {
  action: string | null;
  elasticity: number | null;
  situation: string | null;
  windowDays: number | null;
  /** The reasons the headline may pick from (code + params). */
  reasons: { code: string; params?: Record<string, number | string | null>; text?: string }[];
  /** Price rows: the stored objective, so any price is evaluated with expectedAt() in the browser. */
  model: ObjectiveModel | null;
  uncertainty: { elasticity: number; se: number; levelCv2: number } | null;
  /** Reorder rows: projected stockout, the days an order covers, its cost (null without a unit cost). */
  stockoutDate: string | null;
  protectionDays: number | null;
  orderCost: number | null;
}

export interface RecommendationListRow {
  id: string;
  kind: RecommendationKind;
  variantId: string;
  productTitle: string;
  /** null for a product's only variant ("Default Title" in Shopify). */
  variantTitle: string | null;
  sku: string | null;
  vendor: string | null;
  productType: string | null;
  currentPrice: number | null;
  proposedPrice: number | null;
  currentQuantity: number | null;
  proposedQuantity: number | null;
  expectedProfitDelta: number;
  expectedRevenueDelta: number | null;
  confidence: number;
  unitCost: number | null;
  summary: RowSummary;
}

export interface RecommendationPage {
  rows: RecommendationListRow[];
  /** Cursor of the next page (after the last row), null on the last page. */
  next: string | null;
  /** Cursor of the previous page (before the first row), null on the first page. */
  previous: string | null;
  totals: { count: number; expectedProfitDelta: number } | null;
}

export const PAGE_SIZE = 25;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.delta, c.id])).toString("base64url");
}

/** null for anything that is not a cursor this service wrote. */
export function decodeCursor(value: string | null | undefined): Cursor | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [delta, id] = parsed as unknown[];
    if (typeof delta !== "number" || !Number.isFinite(delta) || typeof id !== "string" || id.length > 64) return null;
    return { delta, id };
  } catch {
    return null;
  }
}

/**
 * Pending rows the merchant can act on: reorders, and price rows with a non-zero expected change. A "keep"
 * (proposes the current price) and a withheld row (proposes none) carry a zero change by construction
 * (app/core/pricing/recommend.ts sets the change only once a new price is chosen), so the test needs only
 * columns of the index (shopId, status, kind, expectedProfitDelta): the totals are an index-only scan.
 */
export function actionableWhere(filters: RecommendationFilters = {}): Prisma.RecommendationWhereInput {
  const where: Prisma.RecommendationWhereInput = {
    status: "pending",
    // Transfers between locations are approved on the Replenishment page, not here.
    OR: [{ kind: "reorder" }, { kind: "price", expectedProfitDelta: { not: 0 } }],
  };
  if (filters.kind) where.kind = filters.kind;
  if (filters.vendor) where.vendor = filters.vendor;
  if (filters.productType) where.productType = filters.productType;
  if (filters.minConfidence != null) where.confidence = { gte: filters.minConfidence };
  if (filters.minImpact != null) where.expectedProfitDelta = { gte: filters.minImpact };
  return where;
}

/** Product title or SKU containing the words (case-insensitive; on SQLite for ASCII letters). */
export function searchWhere(search: string, db: object): Prisma.RecommendationWhereInput {
  const postgres = parseDatabaseUrl(databaseUrlOf(db)).provider !== "sqlite";
  const contains = (value: string) =>
    (postgres ? { contains: value, mode: "insensitive" } : { contains: value }) as Prisma.StringFilter;
  return { variant: { OR: [{ sku: contains(search) }, { product: { title: contains(search) } }] } };
}

/**
 * Rows strictly after (or before) the cursor in (delta desc, id asc) order. The plain range on the delta
 * comes first so the database seeks the index to the cursor (an OR alone made it scan from the top:
 * 550 ms at row 45,000 of 90,000 vs a few ms, tests/bench/loaders.ts).
 */
function keyset(c: Cursor, direction: "after" | "before"): Prisma.RecommendationWhereInput {
  return direction === "after"
    ? { expectedProfitDelta: { lte: c.delta }, OR: [{ expectedProfitDelta: { lt: c.delta } }, { id: { gt: c.id } }] }
    : { expectedProfitDelta: { gte: c.delta }, OR: [{ expectedProfitDelta: { gt: c.delta } }, { id: { lt: c.id } }] };
}

export async function listRecommendations(shop: ShopContext, input: ListInput = {}): Promise<RecommendationPage> {
  const size = Math.min(Math.max(Math.trunc(input.pageSize ?? PAGE_SIZE), 1), 100);
  const search = input.filters?.search?.trim();
  const base = search
    ? { AND: [actionableWhere(input.filters), searchWhere(search, shop.db)] }
    : actionableWhere(input.filters);
  const after = decodeCursor(input.after);
  const before = after ? null : decodeCursor(input.before);
  const cursor = after ?? before;
  const backwards = before != null;
  const where: Prisma.RecommendationWhereInput = cursor
    ? { AND: [base, keyset(cursor, backwards ? "before" : "after")] }
    : base;
  const order: Prisma.SortOrder = backwards ? "asc" : "desc";

  const [found, totals] = await Promise.all([
    shop.db.recommendation.findMany({
      where,
      orderBy: [{ expectedProfitDelta: order }, { id: backwards ? "desc" : "asc" }],
      take: size + 1,
      select: {
        id: true,
        kind: true,
        variantId: true,
        vendor: true,
        productType: true,
        currentPrice: true,
        proposedPrice: true,
        currentQuantity: true,
        proposedQuantity: true,
        expectedProfitDelta: true,
        expectedRevenueDelta: true,
        confidence: true,
        reasons: true,
        expectedImpact: true,
        variant: { select: { title: true, sku: true, unitCost: true, product: { select: { title: true } } } },
      },
    }),
    // groupBy rather than aggregate: Prisma's aggregate wraps a subquery selecting `id`, which is not in the
    // index and costs a table lookup per row (measured 130 ms vs 10 ms at 100k rows, tests/bench/loaders.ts).
    input.withTotals
      ? shop.db.recommendation.groupBy({
          by: ["kind"],
          where: base,
          orderBy: { kind: "asc" },
          _count: { _all: true },
          _sum: { expectedProfitDelta: true },
        })
      : null,
  ]);

  const more = found.length > size;
  const page = found.slice(0, size);
  if (backwards) page.reverse();
  const rows: RecommendationListRow[] = page.map((r) => ({
    id: r.id,
    kind: r.kind === "reorder" ? "reorder" : "price",
    variantId: r.variantId,
    productTitle: r.variant.product.title,
    variantTitle: variantName(r.variant.title),
    sku: r.variant.sku,
    vendor: r.vendor,
    productType: r.productType,
    currentPrice: decimalOrNull(r.currentPrice),
    proposedPrice: decimalOrNull(r.proposedPrice),
    currentQuantity: r.currentQuantity,
    proposedQuantity: r.proposedQuantity,
    expectedProfitDelta: decimal(r.expectedProfitDelta),
    expectedRevenueDelta: decimalOrNull(r.expectedRevenueDelta),
    confidence: r.confidence,
    unitCost: decimalOrNull(r.variant.unitCost),
    summary: summaryOf(r.kind, r.reasons, r.expectedImpact, r.proposedQuantity, decimalOrNull(r.variant.unitCost)),
  }));
  const first = rows[0];
  const last = rows[rows.length - 1];
  const at = (r: RecommendationListRow) => encodeCursor({ delta: r.expectedProfitDelta, id: r.id });
  return {
    rows,
    // Going forwards there is a next page when one more row exists; going backwards, the page we came from.
    next: last && (backwards || more) ? at(last) : null,
    previous: first && (backwards ? more : cursor != null) ? at(first) : null,
    totals: totals
      ? {
          count: totals.reduce((a, g) => a + g._count._all, 0),
          expectedProfitDelta:
            Math.round(totals.reduce((a, g) => a + sumOrZero(g._sum.expectedProfitDelta), 0) * 100) / 100,
        }
      : null,
  };
}

export interface FilterOptions {
  vendors: string[];
  productTypes: string[];
}

// The option lists change only with a recompute; a short per-process cache keeps two distinct scans of the
// index (about 25 ms each at 100k rows) off most page loads.
const OPTIONS_TTL_MS = 30_000;
const optionsCache = new Map<string, { at: number; value: FilterOptions }>();

/** Vendors and product types that have pending recommendations (cached for 30 s per shop). */
export async function recommendationFilterOptions(shop: ShopContext, now = Date.now()): Promise<FilterOptions> {
  const hit = optionsCache.get(shop.id);
  if (hit && now - hit.at < OPTIONS_TTL_MS) return hit.value;
  const value = await readFilterOptions(shop);
  if (optionsCache.size > 1000) optionsCache.clear();
  optionsCache.set(shop.id, { at: now, value });
  return value;
}

/** The distinct query behind the options (index (shopId, status, vendor|productType)). */
export async function readFilterOptions(shop: ShopContext): Promise<FilterOptions> {
  const [vendors, types] = await Promise.all([
    shop.db.recommendation.groupBy({ by: ["vendor"], where: { status: "pending" }, orderBy: { vendor: "asc" } }),
    shop.db.recommendation.groupBy({
      by: ["productType"],
      where: { status: "pending" },
      orderBy: { productType: "asc" },
    }),
  ]);
  return {
    vendors: vendors.map((v) => v.vendor).filter((v): v is string => !!v),
    productTypes: types.map((t) => t.productType).filter((t): t is string => !!t),
  };
}

/** Headline inputs from the stored reasons and impact (price: the objective; reorder: the plan). */
export function summaryOf(
  kind: string,
  reasonsJson: string,
  impactJson: string,
  quantity: number | null,
  unitCost: number | null,
): RowSummary {
  const reasons = parse<RowSummary["reasons"]>(reasonsJson, []);
  const impact = parse<Record<string, unknown>>(impactJson, {});
  const figure = (name: string) => (impact[name] as { value?: unknown } | undefined)?.value;
  if (kind === "reorder") {
    const stockout = figure("projectedStockoutDate");
    const days = impact.protectionPeriodDays;
    return {
      action: null,
      elasticity: null,
      situation: null,
      windowDays: null,
      reasons,
      model: null,
      uncertainty: null,
      stockoutDate: typeof stockout === "string" ? stockout : null,
      protectionDays: typeof days === "number" ? days : null,
      orderCost: unitCost != null && quantity != null ? Math.round(unitCost * quantity * 100) / 100 : null,
    };
  }
  const el = impact.elasticity as { estimate?: number } | undefined;
  const expected = impact.expected as { windowDays?: number } | undefined;
  return {
    action: typeof impact.action === "string" ? impact.action : null,
    elasticity: typeof el?.estimate === "number" && Number.isFinite(el.estimate) ? el.estimate : null,
    situation: typeof impact.situation === "string" ? impact.situation : null,
    windowDays: typeof expected?.windowDays === "number" ? expected.windowDays : null,
    reasons,
    model: (impact.model as ObjectiveModel | undefined) ?? null,
    uncertainty: (impact.uncertainty as RowSummary["uncertainty"] | undefined) ?? null,
    stockoutDate: null,
    protectionDays: null,
    orderCost: null,
  };
}

// ---- Explanation ------------------------------------------------------------------------------

export interface Outcome {
  units: number;
  revenue: number;
  grossProfit: number;
  /** Objective terms (app/core/pricing/types.ts PriceOutcomeView), absent on older rows. */
  profit?: number;
  holdingCost?: number;
  unitsLeft?: number;
  leftValue?: number;
}

export interface CodedFigure {
  code: string;
  params?: Record<string, number | string | null>;
  text?: string;
}

export interface RecommendationExplanation {
  id: string;
  kind: RecommendationKind;
  status: string;
  variantId: string;
  productTitle: string;
  /** null for a product's only variant. */
  variantTitle: string | null;
  sku: string | null;
  currentPrice: number | null;
  proposedPrice: number | null;
  currentQuantity: number | null;
  proposedQuantity: number | null;
  confidence: number;
  reasons: CodedFigure[];
  summary: RowSummary;
  /** Price: the guardrail bounds. */
  bounds: { code: string; side: "lower" | "upper"; value: number; binding?: boolean }[];
  /** Reorder: the vendor terms and service level the plan used. */
  terms: {
    moq: number | null;
    casePack: number | null;
    leadTimeDays: number | null;
    leadTimeSdDays: number | null;
    serviceLevel: number | null;
  } | null;
  /** Reorder: the plan's other figures (code + params). */
  figures: CodedFigure[];
  forecast: {
    model: string;
    demandClass: string | null;
    days: number;
    meanPerDay: number;
    total: number;
    interval: { lowLevel: number; highLevel: number; low: number; high: number } | null;
    /** Backtest of the chosen model: MASE and WAPE, when known. */
    accuracy: { mase: number | null; wape: number | null } | null;
  } | null;
  elasticity: { estimate: number; se: number; low: number; high: number; source: string } | null;
  expected: {
    windowDays: number;
    current: Outcome;
    recommended: Outcome;
    change: { profit?: number; grossProfit: number; low: number; high: number };
  } | null;
  expectedProfitDelta: number;
}

function parse<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const numberOr = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** The stored forecast over the next 28 days: mean units per day, and the average daily quantiles
 *  (lowest and highest stored level, e.g. 0.5 and 0.95) as the interval. */
function forecastSummary(
  f: { model: string; demandClass: string; mean: string; quantiles: string; metrics: string | null } | null,
): RecommendationExplanation["forecast"] {
  if (!f) return null;
  const mean = parse<number[]>(f.mean, []).slice(0, 28);
  if (mean.length === 0) return null;
  const q = parse<Record<string, number[]>>(f.quantiles, {});
  const total = sum(mean);
  const levels = Object.keys(q)
    .filter((k) => Number.isFinite(Number(k)))
    .sort((a, b) => Number(a) - Number(b));
  const avg = (k: string) => sum((q[k] ?? []).slice(0, 28)) / mean.length;
  const interval =
    levels.length >= 2
      ? {
          lowLevel: Number(levels[0]),
          highLevel: Number(levels[levels.length - 1]),
          low: avg(levels[0]),
          high: avg(levels[levels.length - 1]),
        }
      : null;
  const m = parse<{ mase?: unknown; wape?: unknown } | null>(f.metrics, null);
  const accuracy = m ? { mase: numberOr(m.mase), wape: numberOr(m.wape) } : null;
  return {
    model: f.model,
    demandClass: f.demandClass,
    days: mean.length,
    meanPerDay: total / mean.length,
    total,
    interval,
    accuracy,
  };
}

const PLAN_FIGURES = [
  "inventoryPosition",
  "reorderPoint",
  "orderUpTo",
  "safetyStock",
  "daysOfCover",
  "stockoutRisk",
  "expectedLostUnits",
  "marginAtRisk",
];

export async function explainRecommendation(shop: ShopContext, id: string): Promise<RecommendationExplanation | null> {
  if (typeof id !== "string" || id.length === 0 || id.length > 64) return null;
  const r = await shop.db.recommendation.findFirst({
    where: { id },
    include: { variant: { select: { title: true, sku: true, unitCost: true, product: { select: { title: true } } } } },
  });
  if (!r) return null;
  const forecast = await shop.db.forecast.findFirst({
    where: { variantId: r.variantId },
    select: { model: true, demandClass: true, mean: true, quantiles: true, metrics: true },
  });
  const impact = parse<Record<string, unknown>>(r.expectedImpact, {});
  const kind: RecommendationKind = r.kind === "reorder" ? "reorder" : "price";
  const el = impact.elasticity as { estimate: number; se: number; source: string } | undefined;
  const rawBounds = parse<unknown>(r.bounds, kind === "price" ? [] : {});
  const bounds = Array.isArray(rawBounds) ? (rawBounds as RecommendationExplanation["bounds"]) : [];
  let terms: RecommendationExplanation["terms"] = null;
  if (!Array.isArray(rawBounds) && rawBounds && typeof rawBounds === "object") {
    const b = rawBounds as {
      moq?: unknown;
      casePack?: unknown;
      serviceLevel?: unknown;
      leadTime?: { meanDays?: unknown; sdDays?: unknown };
    };
    terms = {
      moq: numberOr(b.moq),
      casePack: numberOr(b.casePack),
      leadTimeDays: numberOr(b.leadTime?.meanDays),
      leadTimeSdDays: numberOr(b.leadTime?.sdDays),
      serviceLevel: numberOr(b.serviceLevel),
    };
  }
  const figures =
    kind === "reorder"
      ? PLAN_FIGURES.map((name) => impact[name] as CodedFigure | undefined).filter(
          (f): f is CodedFigure => !!f && typeof f.code === "string",
        )
      : [];
  const expected = impact.expected as RecommendationExplanation["expected"] | undefined;
  return {
    id: r.id,
    kind,
    status: r.status,
    variantId: r.variantId,
    productTitle: r.variant.product.title,
    variantTitle: variantName(r.variant.title),
    sku: r.variant.sku,
    currentPrice: decimalOrNull(r.currentPrice),
    proposedPrice: decimalOrNull(r.proposedPrice),
    currentQuantity: r.currentQuantity,
    proposedQuantity: r.proposedQuantity,
    confidence: r.confidence,
    reasons: parse(r.reasons, []),
    summary: summaryOf(r.kind, r.reasons, r.expectedImpact, r.proposedQuantity, decimalOrNull(r.variant.unitCost)),
    bounds,
    terms,
    figures,
    forecast: forecastSummary(forecast),
    // ~80% interval: estimate ± 1.28 SE (normal approximation of the shrunk estimate).
    elasticity:
      el && Number.isFinite(el.estimate)
        ? {
            estimate: el.estimate,
            se: el.se,
            low: el.estimate - 1.2816 * el.se,
            high: el.estimate + 1.2816 * el.se,
            source: el.source,
          }
        : null,
    expected: kind === "price" && expected ? { ...expected, windowDays: expected.windowDays ?? 28 } : null,
    expectedProfitDelta: decimal(r.expectedProfitDelta),
  };
}
