// Rolls back every price of a batch (decisions approved together) that can still be: each one through
// rollbackDecision, so each reads Shopify's price first and a price changed there since is left alone (counted
// as a conflict, for the merchant to decide on its own row). Idempotent per decision.
import type { ShopContext } from "~/services/shop.server";
import type { ConflictDeps } from "./conflict.server";
import { rollbackDecision } from "./rollback.server";

/** At most this many rollbacks per request (a batch holds at most 250 approvals). */
const MAX_BATCH = 250;

export interface BatchRollback {
  sent: number;
  conflicts: number;
  failed: number;
}

export async function rollbackBatch(
  shop: ShopContext,
  input: { actor: string; batchId: string; idempotencyKey: string },
  deps: ConflictDeps = {},
): Promise<BatchRollback> {
  const decisions = await shop.db.decision.findMany({
    where: {
      batchId: input.batchId,
      kind: "price",
      rolledBackAt: null,
      supersededAt: null,
      pushStatus: { in: ["verified", "pushed"] },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true },
    take: MAX_BATCH,
  });
  const out: BatchRollback = { sent: 0, conflicts: 0, failed: 0 };
  for (const d of decisions) {
    const r = await rollbackDecision(
      shop,
      { actor: input.actor, decisionId: d.id, idempotencyKey: `${input.idempotencyKey}:${d.id}` },
      deps,
    );
    if (r.ok) out.sent += 1;
    else if (r.code === "DECISIONS.ROLLBACK_CONFLICT") out.conflicts += 1;
    else out.failed += 1;
  }
  return out;
}
