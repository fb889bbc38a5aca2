// bulk_operations/finish: wakes the shop's history import when its bulk operation ends.
import type { Json } from "~/sync/webhooks/payload";

export type BulkFinishOutcome = "processed" | "ignored";

/** Called by webhook processing for a bulk_operations/finish delivery (implemented by the import). */
export async function handleBulkOperationFinish(_shop: { id: string; domain: string }, _payload: Json): Promise<BulkFinishOutcome> {
  return "ignored";
}
