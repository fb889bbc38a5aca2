// THE adapter between bench:pricing and the pricing engine: every engine call of the bench is here, so a
// change of the engine's inputs (a holding-cost rate, a confidence threshold, ...) is made in one place.
import { SHOP_DEFAULTS } from "../../../app/core/defaults";
import { buildPoolProfiles, demandOutlook, forecastBatch, profileFor } from "../../../app/core/forecast/index";
import {
  DEFAULT_GUARDRAILS,
  estimateElasticities,
  recommendPrice,
  type ElasticityEstimate,
  type Fees,
  type GuardrailContext,
  type Guardrails,
  type PricingRecommendation,
} from "../../../app/core/pricing/index";
import { daysBetween } from "../../../app/core/days";
import type { PricingCase } from "./cases";

/** The merchant's guardrails in the bench: the defaults with the shop's default rounding (.99). */
export const BENCH_GUARDRAILS: Readonly<Guardrails> = Object.freeze({ ...DEFAULT_GUARDRAILS, rounding: "0.99" });
/** Fees given to the engine and used for the true profit alike. */
export const BENCH_FEES: Readonly<Fees> = Object.freeze({ paymentFeePct: 0.029, fulfilmentCost: 0 });

export interface EngineResult {
  rec: PricingRecommendation;
  elasticity: ElasticityEstimate;
  /** The guardrail context the engine decided in (its own observed range and confidence exemption). */
  ctx: GuardrailContext | null;
}

export interface EngineRuns {
  /** Without a stock position (profit over the horizon, uncapped demand). */
  plain: Map<string, EngineResult>;
  /** With the stock on hand at the end and the cover target. */
  stock: Map<string, EngineResult>;
}

export function runPricingEngine(cases: PricingCase[], horizon: number): EngineRuns {
  const pool = buildPoolProfiles(cases.map((c) => c.series));
  const forecasts = forecastBatch(
    cases.map((c) => c.series),
    { horizon },
    pool,
  );
  const elasticities = estimateElasticities(
    cases.map((c) => c.history),
    { horizon },
  );
  const plain = new Map<string, EngineResult>();
  const stock = new Map<string, EngineResult>();
  const guardrails = { ...BENCH_GUARDRAILS };
  cases.forEach((c, k) => {
    const elasticity = elasticities.get(c.series.id)!;
    const input = {
      sku: c.id,
      asOf: c.asOf,
      currentPrice: c.price,
      unitCost: c.unitCost,
      compareAtPrice: c.compareAtPrice,
      elasticity,
      forecast: forecasts[k],
      horizon,
      guardrails,
      fees: { ...BENCH_FEES },
      lastPriceChange: c.lastPriceChange,
      levelCv2: forecasts[k].levelCv2,
      dispersion: forecasts[k].dispersion,
    };
    const ctx: GuardrailContext | null =
      c.unitCost == null
        ? null
        : {
            currentPrice: c.price,
            unitCost: c.unitCost,
            guardrails,
            compareAtPrice: c.compareAtPrice,
            observedRange: elasticity.observedRange,
            highConfidence: elasticity.source === "variant" && elasticity.se <= guardrails.highConfidenceSe,
            inCooldown: c.lastPriceChange != null && daysBetween(c.lastPriceChange, c.asOf) < guardrails.cooldownDays,
          };
    plain.set(c.id, { rec: recommendPrice(input), elasticity, ctx });
    const outlook = demandOutlook(
      forecasts[k],
      Math.max(horizon, SHOP_DEFAULTS.sellThroughDays),
      profileFor(pool, c.series.group)?.yearly ?? null,
    );
    stock.set(c.id, { rec: recommendPrice({ ...input, stock: { onHand: c.stockOnHand }, outlook }), elasticity, ctx });
  });
  return { plain, stock };
}
