// Plain-text reasons with magnitudes, and the number formats they use.
import type { Bound, PricingInput, Reason } from "./types";

export function addDriverReasons(input: PricingInput, reasons: Reason[]): void {
  const d = input.elasticity.drivers;
  if (d.seasonRatio != null && Math.abs(d.seasonRatio - 1) >= 0.05) {
    reasons.push({
      code: "PRICING.SEASON",
      text: `Seasonal demand over the next weeks is ${pct(Math.abs(d.seasonRatio - 1))} ${d.seasonRatio > 1 ? "above" : "below"} the last 28 days.`,
      magnitude: d.seasonRatio,
    });
  }
  if (Math.abs(d.trendPer28) >= 0.02) {
    reasons.push({
      code: "PRICING.TREND",
      text: `Underlying demand is ${d.trendPer28 > 0 ? "growing" : "shrinking"} by ${pct(Math.abs(d.trendPer28))} per 4 weeks.`,
      magnitude: d.trendPer28,
    });
  }
}

export function elasticityReason(input: PricingInput): Reason {
  const el = input.elasticity;
  const own = el.raw ? ` (own fit ${el.raw.estimate.toFixed(2)} from ${el.raw.distinctPrices} price points over ${el.raw.days} days)` : "";
  return {
    code: "PRICING.ELASTICITY",
    text: `Price elasticity ${el.estimate.toFixed(2)} ± ${el.se.toFixed(2)}, mostly from the ${el.source} level${own}: a 1% price rise changes units by about ${el.estimate.toFixed(1)}%.`,
    magnitude: el.estimate,
  };
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

