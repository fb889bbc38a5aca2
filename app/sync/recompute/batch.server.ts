// Decide one batch of variants against a run's context and write its rows in one transaction: the Forecast row
// is replaced and the PENDING recommendations are replaced; approved, rejected, applied (and any other
// non-pending) rows are never touched. Nothing of the batch is kept after it (idempotent: running it again
// writes the same rows).
import { forEachYielding } from "~/lib/yield";
import { decideVariant, DEFAULT_VENDOR_TERMS, type VariantDecision, type VariantFacts } from "~/core/decisions/index";
import { serviceLevelOf, type AbcClass } from "~/core/inventory/index";
import { oneOf, type BulkUpserter, type SqlStep, type WriteStep } from "~/db/bulk-upsert.server";
import type { ShopDb } from "~/db/scoped.server";
import { acrossLocations, incomingByVariantLocation } from "~/replenishment/incoming.server";
import { batchLocationFacts } from "./locations.server";
import { toForecastRow, toRecommendationRows } from "./rows";
import { groupBy, readSeries, type VariantRow } from "./history.server";
import { loadVariantContexts, shopContextFor, type RunContext } from "./context.server";
import { eventsFor } from "~/core/forecast/index";
import { decimal, decimalOrNull, type DecimalLike } from "~/core/money";
import { bundleAwareDecision, bundleAwareFacts } from "./bundles.server";
import { engineSeries, NO_EXTRAS, type RunExtras } from "./extras.server";

export interface BatchCounts {
  variants: number;
  forecasts: number;
  priceRecommendations: number;
  reorderRecommendations: number;
  transferRecommendations: number;
  withheld: number;
  /** Variants left out: no per-variant context in this version (created after the run's context was built). */
  skipped: number;
  loadMs: number;
}

export interface BatchWindow {
  /** Last history day and first; computedAt and the cooldown's end. */
  asOf: string;
  start: string;
  computedAt: Date;
  changesUntil: Date;
}

/** Numbers as Prisma's client writes them (16 significant digits), so rows equal those the client wrote before. */
const asPrismaWrites = (row: object): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      typeof v === "number" && Number.isFinite(v) ? Number(v.toPrecision(16)) : v,
    ]),
  );

/** The statements that clear the variants' forecast and PENDING recommendations before a batch's rows are
 *  written (approved, rejected and applied ones stay). */
export function clearSteps(up: BulkUpserter, ids: string[]): [SqlStep, SqlStep] {
  const these = oneOf(up.dialect, `"variantId"`, ids);
  return [
    { sql: `DELETE FROM "Forecast" WHERE "shopId" = ? AND ${these.sql}`, params: [up.shopId, ...these.params] },
    {
      sql: `DELETE FROM "Recommendation" WHERE "shopId" = ? AND "status" = 'pending' AND ${these.sql}`,
      params: [up.shopId, ...these.params],
    },
  ];
}

/**
 * Decides `variants` with the run's context and writes their rows; `extra` steps (e.g. marking the chunk done)
 * join the same transaction.
 */
export async function decideAndWriteBatch(
  s: ShopDb,
  up: BulkUpserter,
  run: RunContext,
  window: BatchWindow,
  variants: VariantRow[],
  extra: WriteStep[] = [],
  extras: RunExtras = NO_EXTRAS,
): Promise<BatchCounts> {
  const t0 = Date.now();
  const contexts = await loadVariantContexts(
    up,
    run.version,
    variants.map((v) => v.id),
  );
  const batch = variants.filter((v) => contexts.has(v.id));
  const ids = batch.map((v) => v.id);
  const [series, levels, lastPrices, onOrderByLocation] = await Promise.all([
    readSeries(up, batch, window.start, window.asOf).then((read) => engineSeries(read, batch, extras)),
    s.inventoryLevel.findMany({
      where: { variantId: { in: ids } },
      select: { variantId: true, locationId: true, onHand: true, committed: true, available: true, incoming: true },
    }),
    s.priceHistory.groupBy({
      by: ["variantId"],
      where: { variantId: { in: ids }, effectiveAt: { lte: window.changesUntil } },
      _max: { effectiveAt: true },
    }),
    incomingByVariantLocation({ db: s, timezone: run.timezone }, ids),
  ]);
  const onOrder = acrossLocations(onOrderByLocation);
  const levelsOf = groupBy(levels, (r) => r.variantId);
  const located = await batchLocationFacts(s, run.locations, ids, levels, {
    timezone: run.timezone,
    reviewPeriodDays: run.settings.reviewPeriodDays,
    now: window.computedAt,
    onOrder: onOrderByLocation,
  });
  const loadMs = Date.now() - t0;
  const lastChange = new Map(
    lastPrices.map((r) => [r.variantId, r._max.effectiveAt ? r._max.effectiveAt.toISOString().slice(0, 10) : null]),
  );
  const ctx = shopContextFor(run, window.asOf, contexts, new Map(batch.map((v) => [v.id, v.productId])));
  const decisions: {
    facts: VariantFacts;
    decision: VariantDecision;
    vendor: string | null;
    productType: string | null;
  }[] = [];
  await forEachYielding(batch, (v, i) => {
    const lv = levelsOf.get(v.id);
    const terms = (v.vendor && run.vendorTerms.get(v.vendor)) || DEFAULT_VENDOR_TERMS;
    const facts: VariantFacts = {
      id: v.id,
      productId: v.productId,
      series: series[i],
      price: decimal(v.price as DecimalLike, "price"),
      compareAtPrice: decimalOrNull(v.compareAtPrice as DecimalLike | null, "compareAtPrice"),
      unitCost: decimalOrNull(v.unitCost as DecimalLike | null, "unitCost"),
      stock:
        lv && lv.length
          ? {
              onHand: lv.reduce((a, r) => a + r.onHand, 0),
              // inventory_levels/update carries only `available`: units an order took since on-hand was last
              // read are committed (Shopify: on hand = available + committed), so on hand - committed = available.
              committed: lv.reduce((a, r) => a + Math.max(r.committed, r.onHand - r.available), 0),
              incoming: lv.reduce((a, r) => a + r.incoming, 0),
            }
          : null,
      leadTime: { meanDays: terms.leadTimeMeanDays, sdDays: terms.leadTimeSdDays },
      moq: terms.moq,
      casePack: terms.casePack,
      lastPriceChange: lastChange.get(v.id) ?? null,
      onOrder: onOrder.get(v.id) ?? [],
      serviceLevel: serviceLevelOf(contexts.get(v.id)!.abcClass as AbcClass | null, run.levelsByClass),
      locations: located.get(v.id),
      events: eventsFor(extras.events, v),
    };
    // Bundles: decided on the stock their components allow, never reordered (docs/decisions/0024).
    const decided = bundleAwareFacts(facts, extras.bundles);
    decisions.push({
      facts: decided,
      decision: bundleAwareDecision(decideVariant(decided, ctx, run.settings), extras.bundles),
      vendor: v.vendor,
      productType: v.productType,
    });
  });
  const forecastRows = decisions.map((d) =>
    toForecastRow(d.decision, window.asOf, window.computedAt, contexts.get(d.decision.id)!.abcClass),
  );
  const recRows = decisions.flatMap((d) =>
    toRecommendationRows(d.decision, d.facts, {
      vendor: d.vendor,
      productType: d.productType,
      computedAt: window.computedAt,
    }),
  );
  const [dropForecasts, dropPending] = clearSteps(up, ids);
  await up.write([
    ...(ids.length
      ? [
          dropForecasts,
          { upsert: "Forecast" as const, rows: forecastRows, key: ["shopId", "variantId"] },
          dropPending,
          { upsert: "Recommendation" as const, rows: recRows.map(asPrismaWrites), key: ["id"] },
        ]
      : []),
    ...extra,
  ]);
  return {
    variants: batch.length,
    forecasts: forecastRows.length,
    priceRecommendations: recRows.filter((r) => r.kind === "price").length,
    reorderRecommendations: recRows.filter((r) => r.kind === "reorder").length,
    transferRecommendations: recRows.filter((r) => r.kind === "transfer").length,
    withheld: decisions.filter((d) => d.decision.price.action === "withheld").length,
    skipped: variants.length - batch.length,
    loadMs,
  };
}
