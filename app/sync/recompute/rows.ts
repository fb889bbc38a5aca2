// Engine results to Forecast and Recommendation rows (without shopId; the scoped client stamps it).
import type { VariantDecision, VariantFacts } from "~/core/decisions/index";

const r2 = (x: number): number => Math.round(x * 100) / 100;
const r4 = (x: number): number => Math.round(x * 10000) / 10000;
const finite = (x: number): number => (Number.isFinite(x) ? x : 0);

export function toForecastRow(
  d: VariantDecision,
  asOf: string,
  computedAt: Date
) {
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
    computedAt,
  };
}

interface RowContext {
  vendor: string | null;
  productType: string | null;
  computedAt: Date;
}

/** A price row for every variant (withheld ones included, with their coded reasons) and a reorder row
 *  when the plan suggests ordering. */
export function toRecommendationRows(
  d: VariantDecision,
  facts: VariantFacts,
  ctx: RowContext
) {
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
      expectedRevenueDelta: r2(
        finite(p.expected.recommended.revenue - p.expected.current.revenue)
      ),
      expectedUnitsDelta: r4(
        finite(p.expected.recommended.units - p.expected.current.units)
      ),
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
  const r = d.replenishment;
  if (r?.ok && (r.plan.suggestedOrderQty.value ?? 0) > 0) {
    const plan = r.plan;
    rows.push({
      variantId: d.id,
      kind: "reorder",
      status: "pending",
      currentPrice: facts.price,
      proposedPrice: null,
      currentQuantity: Math.round(plan.inventoryPosition.value ?? 0),
      proposedQuantity: plan.suggestedOrderQty.value ?? 0,
      // Sort key: the margin an order placed now protects.
      expectedProfitDelta: r2(plan.marginAtRisk.value ?? 0),
      expectedRevenueDelta: null,
      expectedUnitsDelta: plan.expectedLostUnits.value ?? null,
      expectedImpact: JSON.stringify(plan),
      reasons: JSON.stringify(
        [
          plan.suggestedOrderQty,
          plan.projectedStockoutDate,
          plan.reorderPoint,
        ].map((f) => ({ code: f.code, params: f.params, text: f.explanation }))
      ),
      bounds: JSON.stringify({
        moq: facts.moq,
        casePack: facts.casePack,
        leadTime: facts.leadTime,
        serviceLevel: plan.serviceLevel,
      }),
      // A reorder's own measure: the chance of running out before the next order could arrive without it.
      confidence: plan.stockoutRisk.value ?? 0,
      vendor: ctx.vendor,
      productType: ctx.productType,
      computedAt: ctx.computedAt,
    });
  }
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
  computedAt: Date;
}
