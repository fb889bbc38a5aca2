// Engine results to Forecast and Recommendation rows (without shopId; the scoped client stamps it).
import type { SuggestedTransfer, VariantDecision, VariantFacts } from "~/core/decisions/index";
import type { ReplenishmentPlan } from "~/core/inventory/index";

const r2 = (x: number): number => Math.round(x * 100) / 100;
const r4 = (x: number): number => Math.round(x * 10000) / 10000;
const finite = (x: number): number => (Number.isFinite(x) ? x : 0);

export function toForecastRow(d: VariantDecision, asOf: string, computedAt: Date, abcClass: string | null = null) {
  const fc = d.forecast;
  const quantiles: Record<string, number[]> = {};
  for (const [k, q] of Object.entries(fc.quantiles)) quantiles[k] = q.map(r4);
  return {
    variantId: d.id,
    model: fc.model,
    demandClass: fc.demandClass,
    start: fc.start,
    horizon: fc.mean.length,
    mean: JSON.stringify(fc.mean.map(r4)),
    quantiles: JSON.stringify(quantiles),
    metrics: fc.backtest ? JSON.stringify({ ...fc.backtest, serviceLevelMet: d.serviceLevelMet }) : null,
    historyEnd: asOf,
    abcClass,
    computedAt,
    statisticalMean: fc.statistical ? JSON.stringify(fc.statistical.mean.map(r4)) : null,
  };
}

interface RowContext {
  vendor: string | null;
  productType: string | null;
  computedAt: Date;
}

/** A price row for every variant (withheld ones included, with their coded reasons) and a reorder row
 *  when the plan suggests ordering. */
export function toRecommendationRows(d: VariantDecision, facts: VariantFacts, ctx: RowContext) {
  const p = d.price;
  const rows = [
    {
      variantId: d.id,
      kind: "price",
      status: "pending",
      currentPrice: p.currentPrice,
      proposedPrice: p.recommendedPrice,
      // The objective's change (profit net of holding cost and of stock left unsold), never gross profit alone.
      expectedProfitDelta: r2(finite(p.expected.change.profit)),
      expectedRevenueDelta: r2(finite(p.expected.recommended.revenue - p.expected.current.revenue)),
      expectedUnitsDelta: r4(finite(p.expected.recommended.units - p.expected.current.units)),
      expectedImpact: JSON.stringify({
        action: p.action,
        expected: p.expected,
        elasticity: p.elasticity,
        compareAtPrice: p.compareAtPrice,
        situation: p.situation,
        unitCost: p.unitCost,
        model: p.model,
        uncertainty: p.uncertainty,
      }),
      reasons: JSON.stringify(p.reasons),
      bounds: JSON.stringify(p.bounds),
      confidence: finite(p.confidence),
      vendor: ctx.vendor,
      productType: ctx.productType,
      computedAt: ctx.computedAt,
    } as RecommendationRow,
  ];
  const common = {
    currentPrice: facts.price,
    proposedPrice: null,
    vendor: ctx.vendor,
    productType: ctx.productType,
    computedAt: ctx.computedAt,
  };
  if (d.locations) {
    // Plans per location: one reorder per location that needs one, and the suggested transfers.
    for (const p of d.locations.plans) {
      if (p.result.ok && (p.result.plan.suggestedOrderQty.value ?? 0) > 0) {
        rows.push(
          reorderRow(d.id, p.result.plan, facts, common, {
            locationId: p.locationId,
            share: p.share,
            shareSource: d.locations.shares.source,
          }),
        );
      }
    }
    for (const t of d.locations.transfers) rows.push(transferRow(d.id, t, facts, common));
    return rows;
  }
  const r = d.replenishment;
  if (r?.ok && (r.plan.suggestedOrderQty.value ?? 0) > 0) rows.push(reorderRow(d.id, r.plan, facts, common, null));
  return rows;
}

export interface RecommendationRow {
  variantId: string;
  kind: "price" | "reorder" | string;
  status: string;
  currentPrice: number | null;
  proposedPrice: number | null;
  currentQuantity?: number | null;
  proposedQuantity?: number | null;
  expectedProfitDelta: number;
  expectedRevenueDelta: number | null;
  expectedUnitsDelta: number | null;
  expectedImpact: string;
  reasons: string;
  bounds: string;
  confidence: number;
  vendor: string | null;
  productType: string | null;
  locationId?: string | null;
  sourceLocationId?: string | null;
  computedAt: Date;
}

type Common = Pick<RecommendationRow, "currentPrice" | "proposedPrice" | "vendor" | "productType" | "computedAt">;

function reorderRow(
  variantId: string,
  plan: ReplenishmentPlan,
  facts: VariantFacts,
  common: Common,
  at: { locationId: string; share: number; shareSource: string } | null,
): RecommendationRow {
  return {
    ...common,
    variantId,
    kind: "reorder",
    status: "pending",
    locationId: at?.locationId ?? null,
    currentQuantity: Math.round(plan.inventoryPosition.value ?? 0),
    proposedQuantity: plan.suggestedOrderQty.value ?? 0,
    // Sort key: the margin an order placed now protects.
    expectedProfitDelta: r2(plan.marginAtRisk.value ?? 0),
    expectedRevenueDelta: null,
    expectedUnitsDelta: plan.expectedLostUnits.value ?? null,
    expectedImpact: JSON.stringify(
      at ? { ...plan, demandShare: { value: r4(at.share), source: at.shareSource } } : plan,
    ),
    reasons: JSON.stringify(
      [plan.suggestedOrderQty, plan.projectedStockoutDate, plan.reorderPoint].map((f) => ({
        code: f.code,
        params: f.params,
        text: f.explanation,
      })),
    ),
    bounds: JSON.stringify({
      moq: facts.moq,
      casePack: facts.casePack,
      leadTime: facts.leadTime,
      serviceLevel: plan.serviceLevel,
    }),
    // A reorder's own measure: the chance of running out before the next order could arrive without it.
    confidence: plan.stockoutRisk.value ?? 0,
  };
}

/** A transfer: kind "transfer", to `locationId` from `sourceLocationId`, `proposedQuantity` units. */
function transferRow(variantId: string, t: SuggestedTransfer, facts: VariantFacts, common: Common): RecommendationRow {
  return {
    ...common,
    variantId,
    kind: "transfer",
    status: "pending",
    locationId: t.to,
    sourceLocationId: t.from,
    currentQuantity: null,
    proposedQuantity: t.units,
    expectedProfitDelta: r2(t.marginAtRisk ?? 0),
    expectedRevenueDelta: null,
    expectedUnitsDelta: null,
    expectedImpact: JSON.stringify({
      from: t.from,
      to: t.to,
      units: t.units,
      stockoutDate: t.stockoutDate,
      stockoutRisk: t.stockoutRisk,
      marginAtRisk: t.marginAtRisk,
      supplierLeadTimeDays: facts.leadTime.meanDays,
    }),
    reasons: JSON.stringify([
      {
        code: "INVENTORY.TRANSFER",
        text: `Runs out on ${t.stockoutDate}, before an order from the vendor could arrive (${facts.leadTime.meanDays} days): move ${t.units} units from a location holding more than it needs.`,
      },
    ]),
    bounds: JSON.stringify({ leadTime: facts.leadTime }),
    confidence: t.stockoutRisk,
  };
}
