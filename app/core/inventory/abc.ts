// ABC classification by gross-profit contribution (Pareto analysis; Silver, Pyke & Thomas 1998, sec. 3.5):
// variants sorted by gross profit over the window, the first ones making `shareA` of the total are A, up to
// `shareB` B, the rest C. A variant without positive gross profit in the window (no sales, or sold at a loss)
// is not classified (null): it keeps the shop's default service level.
export type AbcClass = "A" | "B" | "C";

export interface AbcItem {
  id: string;
  /** Net revenue over the window. */
  revenue: number;
  /** Units sold over the window. */
  units: number;
  /** Unit cost; null when unknown. */
  unitCost: number | null;
}

export interface AbcThresholds {
  /** Cumulative share of gross profit covered by class A, in (0, 1). */
  shareA: number;
  /** Cumulative share covered by classes A and B, in [shareA, 1]. */
  shareB: number;
}

export interface AbcResult {
  classes: Map<string, AbcClass>;
  /** Gross profit per classified variant (estimated for those without a unit cost). */
  grossProfit: Map<string, number>;
  /** Variants whose gross profit was estimated from revenue at the shop's margin (no unit cost). */
  estimated: Set<string>;
  total: number;
}

/**
 * Gross profit = revenue - units x unit cost. A variant without a unit cost gets its revenue times the margin
 * rate of the variants with one (so it is ranked, not dropped); it is listed in `estimated`.
 */
export function classifyAbc(items: readonly AbcItem[], t: AbcThresholds): AbcResult {
  if (!(t.shareA > 0 && t.shareA < 1 && t.shareB >= t.shareA && t.shareB <= 1)) {
    throw new RangeError(`ABC thresholds need 0 < shareA < 1 and shareA <= shareB <= 1, got ${t.shareA} / ${t.shareB}`);
  }
  let costedRevenue = 0;
  let costedProfit = 0;
  for (const it of items) {
    if (it.unitCost === null || !(it.revenue > 0)) continue;
    costedRevenue += it.revenue;
    costedProfit += it.revenue - it.units * it.unitCost;
  }
  const marginRate = costedRevenue > 0 ? Math.max(0, costedProfit / costedRevenue) : 0;
  const grossProfit = new Map<string, number>();
  const estimated = new Set<string>();
  for (const it of items) {
    const gp = it.unitCost === null ? it.revenue * marginRate : it.revenue - it.units * it.unitCost;
    if (!(gp > 0)) continue;
    grossProfit.set(it.id, gp);
    if (it.unitCost === null) estimated.add(it.id);
  }
  const ranked = [...grossProfit].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const total = ranked.reduce((s, [, gp]) => s + gp, 0);
  const classes = new Map<string, AbcClass>();
  let before = 0;
  for (const [id, gp] of ranked) {
    // A variant belongs to the class in which its contribution starts: the one that crosses 80 % is still A.
    const start = before / total;
    classes.set(id, start < t.shareA ? "A" : start < t.shareB ? "B" : "C");
    before += gp;
  }
  return { classes, grossProfit, estimated, total };
}

export interface ClassServiceLevels {
  A: number;
  B: number;
  C: number;
  /** Unclassified variants (no gross profit in the window). */
  none: number;
}

export function serviceLevelOf(cls: AbcClass | null | undefined, levels: ClassServiceLevels): number {
  return cls ? levels[cls] : levels.none;
}
