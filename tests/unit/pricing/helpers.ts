import {
  priorElasticity,
  resolveGuardrails,
  type ElasticityEstimate,
  type GuardrailOverrides,
  type Guardrails,
  type PricingInput,
} from "~/core/pricing";

/** A well-identified variant elasticity. */
export function variantElasticity(
  estimate: number,
  se = 0.1,
  extra: Partial<ElasticityEstimate> = {},
): ElasticityEstimate {
  return {
    ...priorElasticity(),
    estimate,
    se,
    source: "variant",
    weights: { variant: 1, product: 0, group: 0, shop: 0, prior: 0 },
    raw: { estimate, se, days: 300, distinctPrices: 5 },
    observedRange: { min: 15, max: 25 },
    ...extra,
  };
}

/** Guardrails for hand-checked arithmetic: the shop defaults without rounding. */
export function rails(over: GuardrailOverrides = {}): Guardrails {
  return resolveGuardrails({ rounding: "none", ...over });
}

/** GIVEN-style input: price 20, cost 8, 5 units/day for 28 days, elasticity -2 +/- 0.1, no fees, no rounding. */
export function pricingInput(over: Partial<PricingInput> = {}): PricingInput {
  return {
    sku: "SKU-1",
    asOf: "2025-06-01",
    currentPrice: 20,
    unitCost: 8,
    elasticity: variantElasticity(-2),
    forecast: { mean: Array(28).fill(5), quantiles: { "0.9": Array(28).fill(8) } },
    guardrails: rails(),
    fees: { paymentFeePct: 0, fulfilmentCost: 0 },
    ...over,
  };
}
