// Approve and reject recommendations (contract: issue 6, section A). Validation happens on the server; every
// approved item becomes a Decision with an AuditEvent, written in one transaction with the recommendation's
// status. The request's idempotency key names the batch: a replay returns the first result, never a second
// Decision or push. Price decisions go out through one "price.push" job per batch (./push.server.ts).
import type { Prisma } from "@prisma/client";
import { createId } from "~/db/ids";
import { createPurchaseOrderDrafts } from "~/replenishment/purchase-orders.server";
import { createStockTransfers } from "~/replenishment/stock-transfers.server";
import type { ShopContext } from "~/services/shop.server";
import type { PriceState } from "./price-state";
import type { ApproveInput, ApproveResult, DecisionItem, ItemOutcome } from "./types";
import {
  batchIdOf,
  enqueuePush,
  enqueueSummary,
  findByIds,
  shopPolicy,
  type DecisionDeps,
  type ShopPolicy,
} from "./shared.server";
import { checkMargin, checkPrice, checkQuantity, parseBounds, type Refusal } from "./validate";
import { cents, decimalOrNull } from "~/core/money";
import { isUniqueViolation } from "~/db/unique-violation";

export type { DecisionErrorCode } from "./errors";
export type { ApproveInput, ApproveResult, DecisionItem, ItemOutcome } from "./types";
export { rollbackDecision } from "./rollback.server";

export interface ApproveDeps extends DecisionDeps {
  createPurchaseOrderDrafts?: typeof createPurchaseOrderDrafts;
  createStockTransfers?: typeof createStockTransfers;
}

interface Planned {
  recommendationId: string;
  variantId: string;
  kind: "price" | "reorder" | "transfer";
  before: object;
  after: object;
  expectedImpact: string;
  overrideReason: string | null;
}

interface BatchRecord {
  outcomes: ItemOutcome[];
  pushJobId: string | null;
}

const BATCH_ACTION = "decisions.batch_approved";

class ConcurrentReplay extends Error {}
const refused = (recommendationId: string, r: Refusal): ItemOutcome => ({ recommendationId, ok: false, ...r });

export async function approveRecommendations(
  shop: ShopContext,
  input: ApproveInput,
  deps: ApproveDeps = {},
): Promise<ApproveResult> {
  if (!input.idempotencyKey) throw new Error("approveRecommendations: idempotencyKey is required");
  const batchId = batchIdOf(shop.id, input.idempotencyKey);
  const replay = await readBatch(shop, batchId);
  if (replay) return complete(shop, batchId, replay, deps);

  const automatic = input.automatic === true;
  const policy = await shopPolicy(shop);
  const outcomes = new Map<string, ItemOutcome>();
  const planned: Planned[] = [];
  const seen = new Set<string>();
  const plans = await planItems(shop, input.items, policy, automatic);
  for (const [index, item] of input.items.entries()) {
    const id = item.recommendationId;
    if (seen.has(id)) continue; // the first occurrence decides
    seen.add(id);
    const plan = plans[index];
    if ("code" in plan) outcomes.set(id, refused(id, plan));
    else planned.push(plan);
  }

  if (planned.length > 0) {
    try {
      await shop.db.$transaction(
        async (tx) => {
          const now = new Date();
          const decisionRows: Prisma.DecisionCreateManyInput[] = [];
          const auditRows: Prisma.AuditEventCreateManyInput[] = [];
          for (const p of planned) {
            const claimed = await tx.recommendation.updateMany({
              where: { id: p.recommendationId, status: "pending" },
              data: { status: "approved", decidedAt: now },
            });
            if (claimed.count === 0) {
              // Claimed by a concurrent request with the same key: its result is ours.
              const mine = await tx.decision.findFirst({
                where: { idempotencyKey: `${input.idempotencyKey}:${p.recommendationId}` },
                select: { id: true },
              });
              if (mine) throw new ConcurrentReplay();
              outcomes.set(p.recommendationId, {
                recommendationId: p.recommendationId,
                ok: false,
                code: "DECISIONS.NOT_PENDING",
                message: "already decided",
              });
              continue;
            }
            const decisionId = createId();
            decisionRows.push({
              id: decisionId,
              shopId: shop.id,
              idempotencyKey: `${input.idempotencyKey}:${p.recommendationId}`,
              recommendationId: p.recommendationId,
              variantId: p.variantId,
              kind: p.kind,
              actor: input.actor,
              automatic,
              before: JSON.stringify(p.before),
              after: JSON.stringify(p.after),
              expectedImpact: p.expectedImpact,
              overrideReason: p.overrideReason,
              // Transfers reach Shopify as drafts (job transfer.create); reorders become purchase orders.
              pushStatus: p.kind === "reorder" ? "not-applicable" : "pending",
              batchId,
            });
            auditRows.push({
              shopId: shop.id,
              actor: input.actor,
              action: "decision.approved",
              entityType: "recommendation",
              entityId: p.recommendationId,
              decisionId,
              data: JSON.stringify({
                kind: p.kind,
                before: p.before,
                after: p.after,
                automatic,
                overrideReason: p.overrideReason,
                batchId,
              }),
            });
            outcomes.set(p.recommendationId, { recommendationId: p.recommendationId, ok: true, decisionId });
          }
          // Written in slices: SQLite binds at most 999 parameters per statement.
          for (let i = 0; i < decisionRows.length; i += 40)
            await tx.decision.createMany({ data: decisionRows.slice(i, i + 40) });
          for (let i = 0; i < auditRows.length; i += 80)
            await tx.auditEvent.createMany({ data: auditRows.slice(i, i + 80) });
          const record: BatchRecord = { outcomes: orderedOutcomes(input.items, outcomes), pushJobId: null };
          await tx.auditEvent.create({
            data: {
              shopId: shop.id,
              actor: input.actor,
              action: BATCH_ACTION,
              entityType: "batch",
              entityId: batchId,
              data: JSON.stringify(record),
            },
          });
        },
        { maxWait: 10_000, timeout: 30_000 + planned.length * 100 },
      );
    } catch (error) {
      // A concurrent request with the same key won the race: return its result.
      if (!isUniqueViolation(error) && !(error instanceof ConcurrentReplay)) throw error;
      const winner = await readBatch(shop, batchId);
      if (!winner) throw error;
      return complete(shop, batchId, winner, deps);
    }
    const record = await readBatch(shop, batchId);
    if (record) return complete(shop, batchId, record, deps);
  }
  return { batchId, outcomes: orderedOutcomes(input.items, outcomes), pushJobId: null, purchaseOrderIds: [] };
}

export async function rejectRecommendations(
  shop: ShopContext,
  input: { actor: string; recommendationIds: string[]; reason?: string },
): Promise<{ outcomes: ItemOutcome[] }> {
  const outcomes: ItemOutcome[] = [];
  const reason = input.reason?.trim() || null;
  for (const id of [...new Set(input.recommendationIds)]) {
    const outcome = await shop.db.$transaction(async (tx): Promise<ItemOutcome> => {
      const rec = await tx.recommendation.findFirst({
        where: { id },
        select: { status: true, kind: true, variantId: true },
      });
      if (!rec)
        return { recommendationId: id, ok: false, code: "DECISIONS.NOT_FOUND", message: "recommendation not found" };
      const claimed = await tx.recommendation.updateMany({
        where: { id, status: "pending" },
        data: { status: "rejected", decidedAt: new Date() },
      });
      if (claimed.count === 0)
        return { recommendationId: id, ok: false, code: "DECISIONS.NOT_PENDING", message: `already ${rec.status}` };
      await tx.auditEvent.create({
        data: {
          shopId: shop.id,
          actor: input.actor,
          action: "recommendation.rejected",
          entityType: "recommendation",
          entityId: id,
          data: JSON.stringify({ kind: rec.kind, variantId: rec.variantId, reason }),
        },
      });
      return { recommendationId: id, ok: true };
    });
    outcomes.push(outcome);
  }
  if (outcomes.some((o) => o.ok)) await enqueueSummary(shop.id);
  return { outcomes };
}

// --- internals ---------------------------------------------------------------------------------------------

function orderedOutcomes(items: DecisionItem[], outcomes: Map<string, ItemOutcome>): ItemOutcome[] {
  const out: ItemOutcome[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.recommendationId)) continue;
    seen.add(item.recommendationId);
    const o = outcomes.get(item.recommendationId);
    if (o) out.push(o);
  }
  return out;
}

async function readBatch(shop: ShopContext, batchId: string): Promise<(BatchRecord & { eventId: string }) | null> {
  const event = await shop.db.auditEvent.findFirst({
    where: { action: BATCH_ACTION, entityType: "batch", entityId: batchId },
    select: { id: true, data: true },
  });
  if (!event) return null;
  return { ...(JSON.parse(event.data) as BatchRecord), eventId: event.id };
}

/** After the batch is stored (first call or replay): the push job and the purchase-order drafts, both idempotent. */
async function complete(
  shop: ShopContext,
  batchId: string,
  record: BatchRecord & { eventId: string },
  deps: ApproveDeps,
): Promise<ApproveResult> {
  const decisions = await shop.db.decision.findMany({
    where: { batchId },
    select: {
      id: true,
      kind: true,
      recommendationId: true,
      variantId: true,
      after: true,
      pushStatus: true,
      actor: true,
    },
  });
  let pushJobId = record.pushJobId;
  const prices = decisions.filter((d) => d.kind === "price");
  const waiting = prices.some((d) => d.pushStatus === "pending" || d.pushStatus === "pushing");
  if (prices.length > 0 && (pushJobId === null || waiting)) {
    pushJobId = await enqueuePush(shop, batchId, deps);
    if (pushJobId !== record.pushJobId) {
      await shop.db.auditEvent.update({
        where: { id: record.eventId },
        data: { data: JSON.stringify({ outcomes: record.outcomes, pushJobId }) },
      });
    }
  }
  const reorders = decisions.filter((d) => d.kind === "reorder" && d.recommendationId && d.variantId);
  let purchaseOrderIds: string[] = [];
  if (reorders.length > 0) {
    const create = deps.createPurchaseOrderDrafts ?? createPurchaseOrderDrafts;
    const result = await create(shop, {
      actor: reorders[0].actor,
      decisionIdByRecommendation: new Map(reorders.map((d) => [d.recommendationId!, d.id])),
      lines: reorders.map((d) => ({
        recommendationId: d.recommendationId!,
        variantId: d.variantId!,
        quantity: (JSON.parse(d.after) as { quantity: number }).quantity,
        locationId: (JSON.parse(d.after) as { locationId?: string | null }).locationId ?? null,
      })),
    });
    purchaseOrderIds = result.purchaseOrderIds;
  }
  const transfers = decisions.filter((d) => d.kind === "transfer");
  if (transfers.length > 0) await (deps.createStockTransfers ?? createStockTransfers)(shop, transfers);
  if (reorders.length > 0 || transfers.length > 0) await enqueueSummary(shop.id, deps);
  return { batchId, outcomes: record.outcomes, pushJobId, purchaseOrderIds };
}

async function planItems(
  shop: ShopContext,
  items: DecisionItem[],
  policy: ShopPolicy,
  automatic: boolean,
): Promise<(Planned | Refusal)[]> {
  const ids = [...new Set(items.map((i) => i.recommendationId).filter((id) => typeof id === "string" && id !== ""))];
  const recs = await findByIds(ids, (slice) => shop.db.recommendation.findMany({ where: { id: { in: slice } } }));
  const byId = new Map(recs.map((r) => [r.id, r]));
  const variants = await findByIds([...new Set(recs.map((r) => r.variantId))], (slice) =>
    shop.db.variant.findMany({
      where: { id: { in: slice } },
      select: { id: true, price: true, compareAtPrice: true, unitCost: true, deletedAt: true },
    }),
  );
  const variantById = new Map(variants.map((v) => [v.id, v]));
  return items.map((item): Planned | Refusal => {
    const rec = byId.get(item.recommendationId);
    const variant = rec ? variantById.get(rec.variantId) : undefined;
    if (!rec || !variant || variant.deletedAt)
      return { code: "DECISIONS.NOT_FOUND", field: "recommendationId", message: "recommendation not found" };
    if (rec.status !== "pending")
      return { code: "DECISIONS.NOT_PENDING", field: "recommendationId", message: `already ${rec.status}` };
    if (automatic && policy.paused)
      return {
        code: "DECISIONS.PAUSED",
        field: "recommendationId",
        message: "the shop is paused: no automatic action",
      };
    const overrideReason = item.overrideReason?.trim() ? item.overrideReason.trim().slice(0, 1000) : null;
    if (rec.kind === "transfer") {
      const quantity = item.quantity ?? rec.proposedQuantity ?? NaN;
      const bad = checkQuantity(quantity);
      if (bad) return bad;
      if (!rec.sourceLocationId || !rec.locationId)
        return { code: "DECISIONS.NOT_FOUND", field: "recommendationId", message: "transfer without locations" };
      return {
        recommendationId: rec.id,
        variantId: rec.variantId,
        kind: "transfer",
        before: { proposedQuantity: rec.proposedQuantity ?? null },
        after: { quantity, from: rec.sourceLocationId, to: rec.locationId },
        expectedImpact: rec.expectedImpact,
        overrideReason,
      };
    }
    if (rec.kind === "reorder") {
      const quantity = item.quantity ?? rec.proposedQuantity ?? NaN;
      const bad = checkQuantity(quantity);
      if (bad) return bad;
      return {
        recommendationId: rec.id,
        variantId: rec.variantId,
        kind: "reorder",
        before: { quantity: rec.currentQuantity ?? null, proposedQuantity: rec.proposedQuantity ?? null },
        after: { quantity, locationId: rec.locationId ?? null },
        expectedImpact: rec.expectedImpact,
        overrideReason,
      };
    }
    const before: PriceState = {
      price: cents(variant.price),
      compareAtPrice: variant.compareAtPrice === null ? null : cents(variant.compareAtPrice),
    };
    const proposed = rec.proposedPrice === null ? NaN : cents(rec.proposedPrice);
    const price = item.price ?? proposed;
    const bad = checkPrice(price, parseBounds(rec.bounds));
    if (bad) return bad;
    if (Math.round(price * 100) !== Math.round(before.price * 100)) {
      const margin = checkMargin(
        price,
        {
          unitCost: decimalOrNull(variant.unitCost),
          minMarginPct: policy.minMarginPct,
          paymentFeePct: policy.paymentFeePct,
          fixedCostPerUnit: policy.fixedCostPerUnit,
        },
        automatic ? undefined : (item.overrideReason ?? undefined),
      );
      if (margin) return margin;
    }
    return {
      recommendationId: rec.id,
      variantId: rec.variantId,
      kind: "price",
      before,
      after: {
        price,
        compareAtPrice: compareAtAfter(rec.expectedImpact, before, price === proposed),
      } satisfies PriceState,
      expectedImpact: rec.expectedImpact,
      overrideReason,
    };
  });
}

/** The engine's compare-at proposal when its own price is approved; otherwise the compare-at stays. */
function compareAtAfter(impactJson: string, before: PriceState, isProposed: boolean): number | null {
  if (!isProposed) return before.compareAtPrice;
  try {
    const impact = JSON.parse(impactJson) as { compareAtPrice?: unknown };
    if (impact.compareAtPrice === null) return null;
    if (typeof impact.compareAtPrice === "number") return cents(impact.compareAtPrice);
  } catch {
    // malformed impact: keep the compare-at price
  }
  return before.compareAtPrice;
}
