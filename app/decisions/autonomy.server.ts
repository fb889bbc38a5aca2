// Automatic actions after a recompute (contract: issue 6, section B). Reads the pending recommendations,
// the shop's autonomy rules, settings and today's automatic decisions, lets the pure core choose, and
// approves the chosen ones through the decisions service as "pilotage". The global pause stops it here,
// in approveRecommendations (DECISIONS.PAUSED) and again in the push job before anything reaches Shopify.
import { findByIds } from "./shared.server";
import { createHash } from "node:crypto";
import { selectAutomaticActions, type AutonomyCandidate, type AutonomyRule } from "~/core/decisions/autonomy";
import { dayInZone } from "~/lib/days";
import type { ShopContext } from "~/services/shop.server";
import { shopSettingsOf } from "~/services/shop-settings.server";
import { approveRecommendations, type ApproveDeps } from "./decide.server";
import type { DecisionItem } from "./types";
import { decimal, decimalOrNull } from "~/core/money";

export const AUTONOMY_ACTOR = "pilotage";

export interface AutonomyReport {
  approved: number;
  /** Candidates not applied, by code (AUTONOMY.* from the core, DECISIONS.* from the service). */
  skipped: Record<string, number>;
}

export async function runAutonomy(shop: ShopContext, deps: ApproveDeps & { now?: Date } = {}): Promise<AutonomyReport> {
  const settings = await shopSettingsOf(shop.db);
  if (settings.paused) return { approved: 0, skipped: { "AUTONOMY.PAUSED": 1 } };
  const ruleRows = await shop.db.autonomyRule.findMany({});
  const rules: Partial<Record<"price" | "reorder", AutonomyRule>> = {};
  for (const r of ruleRows) {
    if (r.actionType !== "price" && r.actionType !== "reorder") continue;
    rules[r.actionType] = {
      mode: r.mode,
      maxChangePct: r.maxChangePct,
      minMarginPct: r.minMarginPct,
      maxPerDay: r.maxPerDay,
      maxOrderValue: decimalOrNull(r.maxOrderValue),
    };
  }
  const autoKinds = Object.entries(rules)
    .filter(([, r]) => r?.mode === "auto")
    .map(([k]) => k);
  if (autoKinds.length === 0) return { approved: 0, skipped: {} };

  const recs = await shop.db.recommendation.findMany({
    where: { status: "pending", kind: { in: autoKinds } },
    select: {
      id: true,
      kind: true,
      variantId: true,
      proposedPrice: true,
      proposedQuantity: true,
      expectedProfitDelta: true,
      computedAt: true,
    },
  });
  // In slices: SQLite refuses more than 999 bound parameters.
  const variants = await findByIds([...new Set(recs.map((r) => r.variantId))], (slice) =>
    shop.db.variant.findMany({
      where: { id: { in: slice }, deletedAt: null },
      select: { id: true, price: true, unitCost: true },
    }),
  );
  const variantById = new Map(variants.map((v) => [v.id, v]));
  const candidates: AutonomyCandidate[] = [];
  for (const r of recs) {
    const v = variantById.get(r.variantId);
    if (!v) continue;
    // The variant's price now (not the one at recompute time) is what the change is measured from.
    candidates.push({
      id: r.id,
      kind: r.kind,
      currentPrice: decimal(v.price),
      proposedPrice: decimalOrNull(r.proposedPrice),
      unitCost: decimalOrNull(v.unitCost),
      quantity: r.proposedQuantity,
      expectedProfitDelta: Number(r.expectedProfitDelta),
    });
  }

  const plan = selectAutomaticActions({
    candidates,
    rules,
    marginFloorPct: settings.minMarginPct,
    doneToday: await automaticToday(shop, deps.now ?? new Date()),
    paused: false,
  });
  const skipped: Record<string, number> = {};
  const count = (code: string) => (skipped[code] = (skipped[code] ?? 0) + 1);
  plan.skipped.forEach((s) => count(s.code));
  if (plan.selected.length === 0) return { approved: 0, skipped };

  const computedAt = new Map(recs.map((r) => [r.id, r.computedAt.toISOString()]));
  const items: DecisionItem[] = plan.selected.map((c) =>
    c.kind === "price"
      ? { recommendationId: c.id, price: c.proposedPrice! }
      : { recommendationId: c.id, quantity: c.quantity! },
  );
  const result = await approveRecommendations(
    shop,
    {
      actor: AUTONOMY_ACTOR,
      automatic: true,
      idempotencyKey: idempotencyKey(plan.selected.map((c) => `${c.id}@${computedAt.get(c.id)}`)),
      items,
    },
    deps,
  );
  let approved = 0;
  for (const o of result.outcomes) {
    if (o.ok) approved++;
    else count(o.code ?? "DECISIONS.REFUSED");
  }
  return { approved, skipped };
}

/** Stable per set of (recommendation, computedAt): a retried run replays the same batch. */
function idempotencyKey(parts: string[]): string {
  return (
    "autonomy:" +
    createHash("sha256")
      .update([...parts].sort().join("\n"))
      .digest("hex")
      .slice(0, 32)
  );
}

/** Automatic decisions created today in the shop's time zone, per kind. */
async function automaticToday(shop: ShopContext, now: Date): Promise<{ price: number; reorder: number }> {
  const today = dayInZone(now, shop.timezone);
  const recent = await shop.db.decision.findMany({
    where: { automatic: true, createdAt: { gte: new Date(now.getTime() - 50 * 3_600_000) } },
    select: { kind: true, createdAt: true },
  });
  const done = { price: 0, reorder: 0 };
  for (const d of recent) {
    if ((d.kind === "price" || d.kind === "reorder") && dayInZone(d.createdAt, shop.timezone) === today) done[d.kind]++;
  }
  return done;
}
