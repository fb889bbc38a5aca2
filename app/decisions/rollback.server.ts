// Rollback: pushes a price decision's previous price as a new Decision (kind "rollback", rollbackOfId) and marks
// the original rolled back, in one transaction; audited like any decision. A decision is rolled back once.
import type { ShopContext } from "~/services/shop.server";
import type { RollbackResult } from "./errors";
import { batchIdOf, enqueuePush, isUniqueViolation, parsePriceState, type DecisionDeps } from "./shared.server";

const ROLLBACKABLE = new Set(["pushed", "verified"]);
const ROLLBACK_ACTION = "price.rolled_back";

export async function rollbackDecision(
  shop: ShopContext,
  input: { actor: string; decisionId: string; idempotencyKey: string },
  deps: DecisionDeps = {},
): Promise<RollbackResult> {
  const key = `rollback:${input.idempotencyKey}`;
  const replay = await shop.db.decision.findFirst({ where: { idempotencyKey: key }, select: { id: true, batchId: true, rollbackOfId: true, pushStatus: true } });
  if (replay) {
    if (replay.rollbackOfId !== input.decisionId) {
      return { ok: false, code: "DECISIONS.NOT_ROLLBACKABLE", message: "this idempotency key was used for another rollback" };
    }
    const event = await shop.db.auditEvent.findFirst({ where: { decisionId: replay.id, action: ROLLBACK_ACTION }, select: { data: true } });
    const stored = event ? (JSON.parse(event.data) as { pushJobId?: string }).pushJobId : undefined;
    const open = replay.pushStatus === "pending" || replay.pushStatus === "pushing";
    return { ok: true, decisionId: replay.id, pushJobId: stored && !open ? stored : await enqueuePush(shop, replay.batchId!, deps) };
  }
  const original = await shop.db.decision.findFirst({ where: { id: input.decisionId } });
  if (!original) return { ok: false, code: "DECISIONS.NOT_FOUND", message: "decision not found" };
  const before = parsePriceState(original.before);
  const after = parsePriceState(original.after);
  if (original.kind !== "price" || !before || !after || !original.variantId) {
    return { ok: false, code: "DECISIONS.NOT_ROLLBACKABLE", message: "only price decisions can be rolled back" };
  }
  if (original.rolledBackAt) return { ok: false, code: "DECISIONS.NOT_ROLLBACKABLE", message: "already rolled back" };
  if (!ROLLBACKABLE.has(original.pushStatus)) {
    return { ok: false, code: "DECISIONS.NOT_ROLLBACKABLE", message: `the price was not applied (push ${original.pushStatus})` };
  }
  const batchId = batchIdOf(shop.id, key);
  let decisionId: string;
  try {
    decisionId = await shop.db.$transaction(async (tx) => {
      const now = new Date();
      const claimed = await tx.decision.updateMany({ where: { id: original.id, rolledBackAt: null }, data: { rolledBackAt: now } });
      if (claimed.count === 0) return null;
      const created = await tx.decision.create({
        data: {
          shopId: shop.id,
          idempotencyKey: key,
          variantId: original.variantId,
          kind: "rollback",
          actor: input.actor,
          automatic: false,
          before: JSON.stringify(after),
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
          action: ROLLBACK_ACTION,
          entityType: "decision",
          entityId: original.id,
          decisionId: created.id,
          data: JSON.stringify({ variantId: original.variantId, before: after, after: before, batchId }),
        },
      });
      return created.id;
    }).then((id) => {
      if (id === null) throw new AlreadyRolledBack();
      return id;
    });
  } catch (error) {
    if (error instanceof AlreadyRolledBack) return { ok: false, code: "DECISIONS.NOT_ROLLBACKABLE", message: "already rolled back" };
    if (isUniqueViolation(error)) return rollbackDecision(shop, input, deps); // same key, concurrent: replay
    throw error;
  }
  const pushJobId = await enqueuePush(shop, batchId, deps);
  const event = await shop.db.auditEvent.findFirst({ where: { decisionId, action: ROLLBACK_ACTION }, select: { id: true, data: true } });
  if (event) await shop.db.auditEvent.update({ where: { id: event.id }, data: { data: JSON.stringify({ ...JSON.parse(event.data), pushJobId }) } });
  return { ok: true, decisionId, pushJobId };
}

class AlreadyRolledBack extends Error {}
