// Rollback: pushes a price decision's previous price as a new Decision (kind "rollback", rollbackOfId) and marks
// the original rolled back, in one transaction; audited like any decision. A decision is rolled back once.
// Shopify's current price is read first: when it is no longer the decision's (the merchant, another app or a
// later change set it), nothing is pushed and the result is DECISIONS.ROLLBACK_CONFLICT with both prices, unless
// the merchant confirmed overwriting exactly that price (`overwrite`), audited as such (docs/decisions/0018).
import type { ShopContext } from "~/services/shop.server";
import { appliedDecision, recordConflict, shopifyPriceOf, type ConflictDeps } from "./conflict.server";
import type { PriceConflict, PriceState } from "./price-state";
import type { RollbackResult } from "./types";
import { holds } from "./price-state";
import { batchIdOf, enqueuePush } from "./shared.server";
import { isUniqueViolation } from "~/db/unique-violation";

const ROLLBACK_ACTION = "price.rolled_back";
/** A rollback the merchant confirmed over a price changed in Shopify since the decision. */
const OVERWRITE_ACTION = "price.rolled_back_over_change";

export interface RollbackInput {
  actor: string;
  decisionId: string;
  idempotencyKey: string;
  /** "Restore anyway": the Shopify price the merchant saw in the conflict and confirmed to overwrite. */
  overwrite?: PriceState;
}

export async function rollbackDecision(
  shop: ShopContext,
  input: RollbackInput,
  deps: ConflictDeps = {},
): Promise<RollbackResult> {
  const key = `rollback:${input.idempotencyKey}`;
  const replay = await shop.db.decision.findFirst({
    where: { idempotencyKey: key },
    select: { id: true, batchId: true, rollbackOfId: true, pushStatus: true },
  });
  if (replay) {
    if (replay.rollbackOfId !== input.decisionId) {
      return {
        ok: false,
        code: "DECISIONS.NOT_ROLLBACKABLE",
        message: "this idempotency key was used for another rollback",
      };
    }
    const event = await shop.db.auditEvent.findFirst({
      where: { decisionId: replay.id, action: { in: [ROLLBACK_ACTION, OVERWRITE_ACTION] } },
      select: { data: true },
    });
    const stored = event ? (JSON.parse(event.data) as { pushJobId?: string }).pushJobId : undefined;
    const open = replay.pushStatus === "pending" || replay.pushStatus === "pushing";
    return {
      ok: true,
      decisionId: replay.id,
      pushJobId: stored && !open ? stored : await enqueuePush(shop, replay.batchId!, deps),
    };
  }
  const applied = await appliedDecision(shop, input.decisionId);
  if (!applied.ok) return applied;
  const { decision: original, before, after } = applied.value;
  const now = await shopifyPriceOf(shop, original.variantId!, deps);
  if (!now.ok) return now;
  // Compare-and-set: Shopify must hold the price the decision set, or the one the merchant confirmed overwriting.
  const plain = holds(now.price, after, before);
  const forced = !plain && input.overwrite !== undefined && holds(now.price, input.overwrite, before);
  if (!plain && !forced) {
    const conflict: PriceConflict = { decisionId: original.id, shopify: now.price, decided: after, before };
    await recordConflict(shop, input.actor, conflict, original.variantId!);
    return {
      ok: false,
      code: "DECISIONS.ROLLBACK_CONFLICT",
      message: "the price was changed in Shopify since this decision",
      conflict,
    };
  }
  const replaced: PriceState = forced ? now.price : after;
  const action = forced ? OVERWRITE_ACTION : ROLLBACK_ACTION;
  const batchId = batchIdOf(shop.id, key);
  let decisionId: string;
  try {
    decisionId = await shop.db
      .$transaction(async (tx) => {
        const claimed = await tx.decision.updateMany({
          where: { id: original.id, rolledBackAt: null, supersededAt: null },
          data: { rolledBackAt: new Date() },
        });
        if (claimed.count === 0) return null;
        const created = await tx.decision.create({
          data: {
            shopId: shop.id,
            idempotencyKey: key,
            variantId: original.variantId,
            kind: "rollback",
            actor: input.actor,
            automatic: false,
            before: JSON.stringify(replaced),
            after: JSON.stringify(before),
            expectedImpact: "{}",
            pushStatus: "pending",
            batchId,
            rollbackOfId: original.id,
          },
          select: { id: true },
        });
        await tx.auditEvent.create({
          data: {
            shopId: shop.id,
            actor: input.actor,
            action,
            entityType: "decision",
            entityId: original.id,
            decisionId: created.id,
            data: JSON.stringify({
              variantId: original.variantId,
              before: replaced,
              after: before,
              batchId,
              ...(forced ? { decided: after, shopify: now.price } : {}),
            }),
          },
        });
        return created.id;
      })
      .then((id) => {
        if (id === null) throw new AlreadyRolledBack();
        return id;
      });
  } catch (error) {
    if (error instanceof AlreadyRolledBack)
      return { ok: false, code: "DECISIONS.NOT_ROLLBACKABLE", message: "already rolled back" };
    if (isUniqueViolation(error)) return rollbackDecision(shop, input, deps); // same key, concurrent: replay
    throw error;
  }
  const pushJobId = await enqueuePush(shop, batchId, deps);
  const event = await shop.db.auditEvent.findFirst({ where: { decisionId, action }, select: { id: true, data: true } });
  if (event)
    await shop.db.auditEvent.update({
      where: { id: event.id },
      data: { data: JSON.stringify({ ...JSON.parse(event.data), pushJobId }) },
    });
  return { ok: true, decisionId, pushJobId };
}

class AlreadyRolledBack extends Error {}
