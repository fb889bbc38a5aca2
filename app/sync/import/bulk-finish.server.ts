// bulk_operations/finish: wakes the shop's history import when its bulk operation ends. In this process the
// waiting import continues at once; otherwise a resume job is queued (a no-op when no import is in progress).
import { getDb, type Db } from "~/db.server";
import { getJobQueue } from "~/jobs/index.server";
import type { JobQueue } from "~/jobs/types";
import type { Json } from "~/sync/webhooks/payload";
import { parseCursor } from "./cursor";
import { enqueueImport } from "./jobs.server";
import { wakeImport } from "./wake.server";

export type BulkFinishOutcome = "processed" | "ignored";

/** Called by webhook processing for a bulk_operations/finish delivery. */
export async function handleBulkOperationFinish(
  shop: { id: string; domain: string },
  payload: Json,
  deps: { db?: Db; queue?: JobQueue } = {},
): Promise<BulkFinishOutcome> {
  const opId = typeof payload.admin_graphql_api_id === "string" ? payload.admin_graphql_api_id : null;
  if (!opId) return "ignored";
  const db = deps.db ?? getDb();
  const row = await db.shop.findUnique({ where: { id: shop.id }, select: { importCursor: true } });
  const cursor = parseCursor(row?.importCursor);
  if (!cursor?.op || cursor.op.id !== opId) return "ignored";
  if (!wakeImport(shop.id))
    await enqueueImport(deps.queue ?? getJobQueue(), shop.id, { mode: cursor.mode, resume: true });
  return "processed";
}
