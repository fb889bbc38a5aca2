// Expected gross profit against price, for the variant page: the engine's own demand model
// (objective.ts: constant elasticity around the forecast at the current price, capped by the stock on hand)
// evaluated on a grid spanning the guardrail range, the current and the recommended price.
import { outcomeAt, type DemandModel } from "./objective";
import { interval } from "./guardrails";
import { demandUntil } from "./stock";
import type { Bound, BoundCode, Fees, Outcome } from "./types";

export interface ProfitCurveInput {
  currentPrice: number;
  unitCost: number;
  fees: Fees;
  /** Daily forecast mean at the current price. */
  mean: number[];
  /** Days of the objective, default mean.length. */
  horizon?: number;
  /** Units available to sell; null = stock is not a constraint. */
  onHand: number | null;
  elasticity: number;
  bounds: Bound[];
  recommendedPrice: number | null;
  /** Grid points, default 41. */
  points?: number;
}

export interface CurvePoint extends Outcome {
  price: number;
}

export interface ProfitCurve {
  /** The guardrail range (lo, hi); hi is null when nothing bounds the price from above. */
  range: { low: number; high: number | null };
  points: CurvePoint[];
  current: CurvePoint;
  recommended: CurvePoint | null;
  /** The grid point with the highest expected gross profit inside the guardrail range. */
  best: CurvePoint | null;
}

/** Bounds set by the merchant's guardrails; ROUNDING and STOCK_* are the engine's own choices, not limits. */
const GUARDRAIL_CODES: ReadonlySet<BoundCode> = new Set(["MAX_CHANGE", "MIN_MARGIN", "UNIT_COST", "FLOOR", "CEILING", "OBSERVED_RANGE", "COMPARE_AT", "COOLDOWN"]);

export function profitCurve(input: ProfitCurveInput): ProfitCurve {
  const p0 = input.currentPrice;
  if (!(p0 > 0) || !Number.isFinite(input.elasticity)) throw new RangeError(`profitCurve: price ${p0} and elasticity ${input.elasticity} must be finite, price > 0`);
  const H = Math.max(1, input.horizon ?? input.mean.length);
  // Same model as recommendPrice without a restock date: the whole horizon is "before the restock".
  const model: DemandModel = {
    currentPrice: p0,
    unitCost: input.unitCost,
    fees: input.fees,
    baseBefore: demandUntil(input.mean.map((x) => (Number.isFinite(x) && x > 0 ? x : 0)), H),
    baseAfter: 0,
    stockCap: input.onHand == null ? Infinity : Math.max(0, input.onHand),
    clvPerUnit: 0,
  };
  const { lo, hi } = interval(input.bounds.filter((b) => GUARDRAIL_CODES.has(b.code)));
  const high = Number.isFinite(hi) ? hi : null;
  const anchors = [p0, lo, high ?? p0 * 1.2, input.recommendedPrice ?? p0];
  const minP = Math.min(...anchors);
  const maxP = Math.max(...anchors);
  const pad = Math.max((maxP - minP) * 0.25, p0 * 0.05);
  const from = Math.max(0.01, minP - pad);
  const to = maxP + pad;
  const n = Math.max(3, input.points ?? 41);
  const at = (price: number): CurvePoint => ({ price: round2(price), ...outcomeAt(model, price, input.elasticity) });
  const points = Array.from({ length: n }, (_, i) => at(from + ((to - from) * i) / (n - 1)));
  const inside = points.filter((p) => p.price >= lo - 1e-9 && (high == null || p.price <= high + 1e-9));
  const best = inside.length ? inside.reduce((a, b) => (b.grossProfit > a.grossProfit ? b : a)) : null;
  return {
    range: { low: lo, high },
    points,
    current: at(p0),
    recommended: input.recommendedPrice == null ? null : at(input.recommendedPrice),
    best,
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
