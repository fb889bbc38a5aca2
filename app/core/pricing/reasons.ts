// Reasons as codes with typed parameters; `text` is the English rendering for the CLI and logs (the admin
// renders code + params through app/i18n). Money is rounded to cents, shares to 0.1 %.
import type { Bound, PricingInput, Reason, ReasonCode, ReasonParams } from "./types";
import type { PriceOutcome } from "./objective";

export function reason(code: ReasonCode, text: string, params: ReasonParams = {}, magnitude?: number): Reason {
  return magnitude === undefined ? { code, text, params } : { code, text, params, magnitude };
}

export function addDriverReasons(input: PricingInput, reasons: Reason[]): void {
  const d = input.elasticity.drivers;
  if (d.seasonRatio != null && Math.abs(d.seasonRatio - 1) >= 0.05) {
    reasons.push(
      reason(
        "PRICING.SEASON",
        `Seasonal demand over the next weeks is ${pct(Math.abs(d.seasonRatio - 1))} ${d.seasonRatio > 1 ? "above" : "below"} the last 28 days.`,
        { ratio: round4(d.seasonRatio) },
        d.seasonRatio,
      ),
    );
  }
  if (Math.abs(d.trendPer28) >= 0.02) {
    reasons.push(
      reason(
        "PRICING.TREND",
        `Underlying demand is ${d.trendPer28 > 0 ? "growing" : "shrinking"} by ${pct(Math.abs(d.trendPer28))} per 4 weeks.`,
        { per28Days: round4(d.trendPer28) },
        d.trendPer28,
      ),
    );
  }
}

export function elasticityReason(input: PricingInput): Reason {
  const el = input.elasticity;
  const own = el.raw
    ? ` (own fit ${el.raw.estimate.toFixed(2)} from ${el.raw.distinctPrices} price points over ${el.raw.days} days)`
    : "";
  return reason(
    "PRICING.ELASTICITY",
    `Price elasticity ${el.estimate.toFixed(2)} ± ${el.se.toFixed(2)}, mostly from the ${el.source} level${own}: a 1% price rise changes units by about ${el.estimate.toFixed(1)}%.`,
    {
      elasticity: round4(el.estimate),
      se: round4(el.se),
      source: el.source,
      ownElasticity: el.raw ? round4(el.raw.estimate) : null,
      pricePoints: el.raw?.distinctPrices ?? null,
      days: el.raw?.days ?? null,
    },
    el.estimate,
  );
}

/** The money side of a stock decision: keeping the price against the recommended one, over the same days. */
export function tradeoffParams(window: number, keep: PriceOutcome, rec: PriceOutcome, price: number): ReasonParams {
  return {
    windowDays: window,
    price: round2(price),
    keepProfit: round2(keep.profit),
    keepGrossProfit: round2(keep.grossProfit),
    keepUnitsLeft: round1(keep.unitsLeft),
    keepLeftValue: round2(keep.leftValue),
    keepHoldingCost: round2(keep.holdingCost),
    newProfit: round2(rec.profit),
    newGrossProfit: round2(rec.grossProfit),
    newUnitsLeft: round1(rec.unitsLeft),
    newLeftValue: round2(rec.leftValue),
    newHoldingCost: round2(rec.holdingCost),
  };
}

export function tradeoffText(p: ReasonParams): string {
  return (
    `Over ${p.windowDays} days, keeping the price: ${fmt(p.keepProfit as number)} profit, ${p.keepUnitsLeft} units left worth ${fmt(p.keepLeftValue as number)} at cost, ` +
    `carrying the stock costs ${fmt(p.keepHoldingCost as number)}; at ${fmt(p.price as number)}: ${fmt(p.newProfit as number)} profit, ${p.newUnitsLeft} units left worth ${fmt(p.newLeftValue as number)}, carrying ${fmt(p.newHoldingCost as number)}.`
  );
}

export function fmt(x: number): string {
  return Number.isFinite(x) ? x.toFixed(2) : String(x);
}

export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export function boundText(b: Bound): string {
  return `${b.code.toLowerCase()} ${b.side} ${b.value.toFixed(2)}`;
}

export const round1 = (x: number): number => Math.round(x * 10) / 10;
export const round2 = (x: number): number => Math.round(x * 100) / 100;
export const round4 = (x: number): number => Math.round(x * 10000) / 10000;
