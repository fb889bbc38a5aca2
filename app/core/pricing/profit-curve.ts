// Expected profit against price, for the variant page and the price editor: the engine's own objective
// (objective.ts, the model a recommendation stored) averaged over the same scenarios (uncertainty.ts), on a
// grid spanning the guardrail range, the current and the recommended price.
import { interval } from "./guardrails";
import { expectedOutcome, type ObjectiveModel, type PriceOutcome } from "./objective";
import { scenarios } from "./uncertainty";
import type { Bound, BoundCode } from "./types";

export interface ProfitCurveInput {
  model: ObjectiveModel;
  uncertainty: { elasticity: number; se: number; levelCv2: number };
  bounds: Bound[];
  recommendedPrice: number | null;
  /** Grid points, default 41. */
  points?: number;
}

export interface CurvePoint extends PriceOutcome {
  price: number;
}

export interface ProfitCurve {
  windowDays: number;
  /** The guardrail range (lo, hi); hi is null when nothing bounds the price from above. */
  range: { low: number; high: number | null };
  points: CurvePoint[];
  current: CurvePoint;
  recommended: CurvePoint | null;
  /** The grid point with the highest expected profit inside the guardrail range. */
  best: CurvePoint | null;
}

/** Bounds set by the merchant's guardrails; ROUNDING is the engine's own choice, not a limit. */
const GUARDRAIL_CODES: ReadonlySet<BoundCode> = new Set([
  "MAX_CHANGE",
  "MIN_MARGIN",
  "UNIT_COST",
  "FLOOR",
  "CEILING",
  "OBSERVED_RANGE",
  "COMPARE_AT",
  "COOLDOWN",
  "OVERSOLD",
]);

/** Expected outcome of any price under a stored model: the function the price editor calls. */
export function expectedAt(model: ObjectiveModel, u: ProfitCurveInput["uncertainty"], price: number): CurvePoint {
  return {
    price: round2(price),
    ...expectedOutcome(model, price, scenarios(u.elasticity, u.se, u.levelCv2, model.stock != null)),
  };
}

export function profitCurve(input: ProfitCurveInput): ProfitCurve {
  const m = input.model;
  const p0 = m.currentPrice;
  if (!(p0 > 0) || !Number.isFinite(input.uncertainty.elasticity)) {
    throw new RangeError(
      `profitCurve: price ${p0} and elasticity ${input.uncertainty.elasticity} must be finite, price > 0`,
    );
  }
  const { lo, hi } = interval(input.bounds.filter((b) => GUARDRAIL_CODES.has(b.code)));
  const high = Number.isFinite(hi) ? hi : null;
  const anchors = [p0, lo, high ?? p0 * 1.2, input.recommendedPrice ?? p0];
  const minP = Math.min(...anchors);
  const maxP = Math.max(...anchors);
  const pad = Math.max((maxP - minP) * 0.25, p0 * 0.05);
  const from = Math.max(0.01, minP - pad);
  const to = maxP + pad;
  const n = Math.max(3, input.points ?? 41);
  const at = (price: number): CurvePoint => expectedAt(m, input.uncertainty, price);
  const points = Array.from({ length: n }, (_, i) => at(from + ((to - from) * i) / (n - 1)));
  const inside = points.filter((p) => p.price >= lo - 1e-9 && (high == null || p.price <= high + 1e-9));
  const best = inside.length ? inside.reduce((a, b) => (b.profit > a.profit ? b : a)) : null;
  return {
    windowDays: m.windowDays,
    range: { low: lo, high },
    points,
    current: at(p0),
    recommended: input.recommendedPrice == null ? null : at(input.recommendedPrice),
    best,
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
