// Which pending recommendations Pilotage may apply on its own, within the merchant's limits. Pure.
// Every limit is a hard cap: a candidate that cannot be shown to respect one is skipped with a code.

export type AutonomyActionType = "price" | "reorder";

export interface AutonomyRule {
  mode: "suggest" | "auto" | string;
  /** |proposed / current - 1| limit (fraction). Required for automatic price changes. */
  maxChangePct: number | null;
  /** Margin floor for automatic actions (fraction); the shop floor applies too (the higher wins). */
  minMarginPct: number | null;
  /** At most this many automatic actions of this type per shop day; null = no daily cap. */
  maxPerDay: number | null;
  /** Reorder: cap on quantity x unit cost. Required for automatic reorders. */
  maxOrderValue: number | null;
}

export interface AutonomyCandidate {
  id: string;
  kind: AutonomyActionType | string;
  currentPrice: number | null;
  proposedPrice: number | null;
  unitCost: number | null;
  /** Reorder quantity. */
  quantity: number | null;
  /** Ranking: the highest expected gross-profit change goes first when the daily cap binds. */
  expectedProfitDelta: number;
}

export interface AutonomyInput {
  candidates: AutonomyCandidate[];
  rules: Partial<Record<AutonomyActionType, AutonomyRule>>;
  /** The shop's margin floor from settings (fraction). */
  marginFloorPct: number;
  /** Automatic actions already done today (shop time zone), per type. */
  doneToday: Partial<Record<AutonomyActionType, number>>;
  paused: boolean;
}

export const AUTONOMY_SKIP_CODES = [
  "AUTONOMY.PAUSED",
  "AUTONOMY.SUGGEST_ONLY",
  "AUTONOMY.UNKNOWN_KIND",
  "AUTONOMY.NO_CHANGE",
  "AUTONOMY.INVALID",
  "AUTONOMY.LIMIT_MISSING",
  "AUTONOMY.COST_MISSING",
  "AUTONOMY.MAX_CHANGE",
  "AUTONOMY.MARGIN_FLOOR",
  "AUTONOMY.ORDER_VALUE",
  "AUTONOMY.DAILY_LIMIT",
] as const;
export type AutonomySkipCode = (typeof AUTONOMY_SKIP_CODES)[number];

export interface AutonomyPlan {
  selected: AutonomyCandidate[];
  skipped: { id: string; code: AutonomySkipCode }[];
}

const EPS = 1e-9;
const finitePositive = (x: number | null): x is number => x != null && Number.isFinite(x) && x > 0;

/** The limit a single candidate breaks (ignoring the daily cap), or null when it may go automatically. */
export function autonomyCheck(
  c: AutonomyCandidate,
  rule: AutonomyRule | undefined,
  marginFloorPct: number,
): AutonomySkipCode | null {
  if (c.kind !== "price" && c.kind !== "reorder") return "AUTONOMY.UNKNOWN_KIND";
  if (!rule || rule.mode !== "auto") return "AUTONOMY.SUGGEST_ONLY";
  if (rule.maxPerDay != null && !(rule.maxPerDay >= 1)) return "AUTONOMY.DAILY_LIMIT";
  if (c.kind === "price") {
    if (!finitePositive(c.currentPrice) || !finitePositive(c.proposedPrice)) return "AUTONOMY.INVALID";
    if (Math.abs(c.proposedPrice - c.currentPrice) < 0.005) return "AUTONOMY.NO_CHANGE";
    if (rule.maxChangePct == null || !Number.isFinite(rule.maxChangePct)) return "AUTONOMY.LIMIT_MISSING";
    if (c.unitCost == null || !Number.isFinite(c.unitCost) || c.unitCost < 0) return "AUTONOMY.COST_MISSING";
    if (Math.abs(c.proposedPrice / c.currentPrice - 1) > rule.maxChangePct + EPS) return "AUTONOMY.MAX_CHANGE";
    const floor = Math.max(marginFloorPct, rule.minMarginPct ?? -Infinity);
    if ((c.proposedPrice - c.unitCost) / c.proposedPrice < floor - EPS) return "AUTONOMY.MARGIN_FLOOR";
    return null;
  }
  if (c.quantity == null || !Number.isInteger(c.quantity) || c.quantity <= 0) return "AUTONOMY.NO_CHANGE";
  if (rule.maxOrderValue == null || !Number.isFinite(rule.maxOrderValue)) return "AUTONOMY.LIMIT_MISSING";
  if (c.unitCost == null || !Number.isFinite(c.unitCost) || c.unitCost < 0) return "AUTONOMY.COST_MISSING";
  if (c.quantity * c.unitCost > rule.maxOrderValue + EPS) return "AUTONOMY.ORDER_VALUE";
  if (rule.minMarginPct != null && finitePositive(c.currentPrice)) {
    // A reorder at a price already under the automatic margin floor is left to the merchant.
    if ((c.currentPrice - c.unitCost) / c.currentPrice < rule.minMarginPct - EPS) return "AUTONOMY.MARGIN_FLOOR";
  }
  return null;
}

/**
 * Selects the candidates to apply automatically. Nothing when paused; per type, eligible candidates
 * by expected profit (highest first, id as tie-break) until the day's remaining allowance is used.
 */
export function selectAutomaticActions(input: AutonomyInput): AutonomyPlan {
  const skipped: AutonomyPlan["skipped"] = [];
  if (input.paused)
    return { selected: [], skipped: input.candidates.map((c) => ({ id: c.id, code: "AUTONOMY.PAUSED" })) };
  const eligible: AutonomyCandidate[] = [];
  for (const c of input.candidates) {
    const code = autonomyCheck(c, input.rules[c.kind as AutonomyActionType], input.marginFloorPct);
    if (code) skipped.push({ id: c.id, code });
    else eligible.push(c);
  }
  eligible.sort((a, b) => b.expectedProfitDelta - a.expectedProfitDelta || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const left: Record<string, number> = {};
  for (const kind of ["price", "reorder"] as const) {
    const cap = input.rules[kind]?.maxPerDay;
    left[kind] = cap == null ? Infinity : Math.max(0, Math.floor(cap) - Math.max(0, input.doneToday[kind] ?? 0));
  }
  const selected: AutonomyCandidate[] = [];
  for (const c of eligible) {
    if (left[c.kind] > 0) {
      left[c.kind]--;
      selected.push(c);
    } else skipped.push({ id: c.id, code: "AUTONOMY.DAILY_LIMIT" });
  }
  return { selected, skipped };
}
