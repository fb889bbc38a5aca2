// Measured impact of executed price decisions (contract: issue 6, section B): loads the daily sales of
// each changed variant and of its unchanged comparable variants, and lets the pure core measure the
// difference in differences (app/core/decisions/impact.ts). Read-only.
import {
  DEFAULT_IMPACT_OPTIONS,
  measureImpact,
  missingDays,
  summariseImpact,
  type ImpactResult,
  type ImpactTotals,
  type OutcomeSeries,
  type Triple,
} from "~/core/decisions/impact";
import { addDays } from "~/core/days";
import { dayInZone } from "~/lib/days";
import type { ShopContext } from "~/services/shop.server";
import { variantLabel } from "~/lib/variant-label";
import { decimal, decimalOrNull } from "~/core/money";

export interface ImpactRow {
  decisionId: string;
  variantId: string;
  title: string;
  automatic: boolean;
  decidedAt: string;
  priceBefore: number | null;
  priceAfter: number | null;
  /** The change the recommendation expected per day (shown for waiting decisions too). */
  expectedPerDay: Triple | null;
  result: ImpactResult;
}

export interface ImpactSummary {
  currency: string;
  asOf: string | null;
  level: number;
  totals: ImpactTotals;
  decisions: ImpactRow[];
}

/** Executed = pushed or verified in Shopify. The most recent ones are measured. */
const EXECUTED = ["pushed", "verified"];
const MAX_DECISIONS = 50;
/** Horizon of the expected outcomes stored by the recompute (its default forecast horizon). */
const EXPECTED_HORIZON_DAYS = 28;

export async function impactSummary(shop: ShopContext): Promise<ImpactSummary> {
  const decisions = await shop.db.decision.findMany({
    where: { kind: "price", pushStatus: { in: EXECUTED }, variantId: { not: null } },
    orderBy: { createdAt: "desc" },
    take: MAX_DECISIONS,
  });
  // Two index seeks on (shopId, day): Prisma's aggregate would scan every daily row of the shop (100+ ms).
  const [firstDay, lastDay] = await Promise.all([
    shop.db.dailySales.findFirst({ orderBy: { day: "asc" }, select: { day: true } }),
    shop.db.dailySales.findFirst({ orderBy: { day: "desc" }, select: { day: true } }),
  ]);
  const range = { _min: { day: firstDay?.day ?? null }, _max: { day: lastDay?.day ?? null } };
  const asOf = range._max.day ?? null;
  const rows: ImpactRow[] = [];
  if (asOf) {
    for (const d of decisions) {
      const row = await measureDecision(shop, d, asOf, range._min.day ?? asOf);
      if (row) rows.push(row);
    }
  }
  return {
    currency: shop.currency,
    asOf,
    level: DEFAULT_IMPACT_OPTIONS.level,
    totals: summariseImpact(rows.map((r) => r.result)),
    decisions: rows,
  };
}

type DecisionRow = Awaited<ReturnType<ShopContext["db"]["decision"]["findMany"]>>[number];

/** null for a decision that will never be measured: its window ended (rollback, kept Shopify price, later change)
 *  before enough days passed, so it leaves the waiting list. */
async function measureDecision(
  shop: ShopContext,
  d: DecisionRow,
  lastDay: string,
  historyStart: string,
): Promise<ImpactRow | null> {
  const o = DEFAULT_IMPACT_OPTIONS;
  const variantId = d.variantId!;
  // The day the new price reached Shopify is the first post day (a partial day: biases towards 0).
  const changeDay = dayInZone(d.pushedAt ?? d.createdAt, shop.timezone);
  // A rollback, the merchant keeping a price changed in Shopify, or any later price change of this variant (not
  // the push's own row) ends the window the day before.
  const pushed = d.pushedAt ?? d.createdAt;
  const next = await shop.db.priceHistory.findFirst({
    where: { variantId, effectiveAt: { gt: pushed }, OR: [{ decisionId: null }, { decisionId: { not: d.id } }] },
    orderBy: { effectiveAt: "asc" },
    select: { effectiveAt: true },
  });
  const ends = [d.rolledBackAt, d.supersededAt, next?.effectiveAt]
    .filter((x): x is Date => x != null)
    .map((x) => addDays(dayInZone(x, shop.timezone), -1));
  const asOf = [lastDay, ...ends].sort()[0];
  const ended = asOf < lastDay;
  const variant = await shop.db.variant.findFirst({
    where: { id: variantId },
    select: {
      id: true,
      title: true,
      sku: true,
      vendor: true,
      productType: true,
      unitCost: true,
      product: { select: { title: true } },
    },
  });
  const row = (result: ImpactResult): ImpactRow => ({
    decisionId: d.id,
    variantId,
    title: variant ? variantLabel(variant.product.title, variant.title) : variantId,
    automatic: d.automatic,
    decidedAt: d.createdAt.toISOString(),
    priceBefore: parsePrice(d.before),
    priceAfter: parsePrice(d.after),
    expectedPerDay: expectedPerDay(d.expectedImpact),
    result,
  });
  // Too few days after the change: no sales need reading (the first load of a shop with many recent decisions).
  const early = missingDays(changeDay, asOf, historyStart);
  if (early.some((m) => m.code === "IMPACT.DAYS_AFTER")) {
    if (ended) return null;
    return row({ status: "INSUFFICIENT_DATA", decisionId: d.id, variantId, changeDay, missing: early });
  }
  const from = addDays(changeDay, -o.preDays);
  const to = addDays(changeDay, o.postDays - 1);

  const groupFilters = [
    ...(variant?.productType ? [{ productType: variant.productType }] : []),
    ...(variant?.vendor ? [{ vendor: variant.vendor }] : []),
  ];
  const peers = groupFilters.length
    ? await shop.db.variant.findMany({
        where: { deletedAt: null, id: { not: variantId }, OR: groupFilters },
        select: { id: true, vendor: true, productType: true, unitCost: true },
      })
    : [];
  const windowStart = new Date(`${from}T00:00:00Z`);
  const windowEnd = new Date(`${addDays(to, 2)}T00:00:00Z`); // a day's margin for time zones
  const peerIds = peers.map((p) => p.id);
  const changedHistory = await shop.db.priceHistory.findMany({
    where: { variantId: { in: peerIds }, effectiveAt: { gte: windowStart, lt: windowEnd } },
    select: { variantId: true },
  });
  const changedDecisions = await shop.db.decision.findMany({
    where: {
      variantId: { in: peerIds },
      kind: { in: ["price", "rollback"] },
      createdAt: { gte: windowStart, lt: windowEnd },
    },
    select: { variantId: true },
  });
  const changed = new Set([...changedHistory, ...changedDecisions].map((r) => r.variantId));
  const unchanged = peers.filter((p) => !changed.has(p.id));

  const sales = await shop.db.dailySales.findMany({
    where: { variantId: { in: [variantId, ...unchanged.map((p) => p.id)] }, day: { gte: from, lte: to } },
    select: { variantId: true, day: true, units: true, refundedUnits: true, netRevenue: true },
  });
  const series = new Map<string, OutcomeSeries>();
  const cost = new Map<string, number | null>([[variantId, decimalOrNull(variant?.unitCost)]]);
  for (const p of unchanged) cost.set(p.id, decimalOrNull(p.unitCost));
  const seriesOf = (id: string, productType: string | null, vendor: string | null) => {
    let s = series.get(id);
    if (!s) series.set(id, (s = { variantId: id, productType, vendor, days: new Map() }));
    return s;
  };
  seriesOf(variantId, variant?.productType ?? null, variant?.vendor ?? null);
  for (const p of unchanged) seriesOf(p.id, p.productType, p.vendor);
  for (const r of sales) {
    const units = r.units - r.refundedUnits;
    const revenue = decimal(r.netRevenue);
    const unitCost = cost.get(r.variantId) ?? 0; // unknown cost: gross profit counts revenue only
    series.get(r.variantId)?.days.set(r.day, { units, revenue, grossProfit: revenue - units * unitCost });
  }

  const result = measureImpact({
    decisionId: d.id,
    treated: series.get(variantId)!,
    changeDay,
    asOf,
    historyStart,
    pool: unchanged.map((p) => series.get(p.id)!),
    expectedPerDay: expectedPerDay(d.expectedImpact),
  });
  if (result.status !== "MEASURED" && ended && result.missing.some((m) => m.code === "IMPACT.DAYS_AFTER")) return null;
  return row(result);
}

function parsePrice(json: string): number | null {
  try {
    const p = (JSON.parse(json) as { price?: unknown }).price;
    return typeof p === "number" && Number.isFinite(p) ? p : null;
  } catch {
    return null;
  }
}

/** The recommendation's expected outcomes (recommended minus current, over the horizon) per day. */
export function expectedPerDay(json: string): Triple | null {
  try {
    const e =
      (JSON.parse(json) as {
        expected?: { current?: Partial<Triple>; recommended?: Partial<Triple>; windowDays?: number };
        horizon?: number;
      }) ?? {};
    const cur = e.expected?.current;
    const rec = e.expected?.recommended;
    if (!cur || !rec) return null;
    // The days the expected outcomes cover: the objective's window (longer for excess stock), else the horizon.
    const window = e.expected?.windowDays;
    const h =
      typeof window === "number" && window > 0
        ? window
        : typeof e.horizon === "number" && e.horizon > 0
          ? e.horizon
          : EXPECTED_HORIZON_DAYS;
    const delta = (k: keyof Triple) => (Number(rec[k]) - Number(cur[k])) / h;
    const out = { units: delta("units"), revenue: delta("revenue"), grossProfit: delta("grossProfit") };
    return Object.values(out).every(Number.isFinite) ? out : null;
  } catch {
    return null;
  }
}
