// The `webhook.sweep` job (every few minutes per shop, app/jobs/standard.ts): a delivery stored but never
// enqueued (the process died between the insert and the enqueue) is still "received" after the grace
// period; it is enqueued again. Processing is idempotent and the enqueue coalesces on the delivery id.
import { getDb, type Db } from "~/db.server";
import { forShop } from "~/db/scoped.server";
import { getJobQueue } from "~/jobs/index.server";
import { defineJobHandler } from "~/jobs/registry";
import { JOB_TYPES } from "~/jobs/standard";
import type { JobQueue } from "~/jobs/types";
import { log } from "~/logger.server";
import { enqueueDelivery } from "./job-type";

/** A delivery younger than this is left to the job enqueued by the intake. */
export const SWEEP_GRACE_MS = 2 * 60_000;
const BATCH = 500;

/** Enqueues webhook.process for the shop's deliveries still "received" and older than the grace period. */
export async function sweepDeliveries(
  db: Db,
  queue: JobQueue,
  shopId: string,
  now: Date = new Date(),
  graceMs: number = SWEEP_GRACE_MS
): Promise<{ enqueued: number }> {
  const rows = await forShop(db, shopId).webhookDelivery.findMany({
    where: { status: "received", receivedAt: { lt: new Date(now.getTime() - graceMs) } },
    orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
    select: { id: true },
    take: BATCH, // the next sweep takes the rest
  });
  for (const r of rows) await enqueueDelivery(queue, shopId, r.id);
  if (rows.length > 0) log.warn("webhook deliveries re-enqueued", { shopId, count: rows.length });
  return { enqueued: rows.length };
}

defineJobHandler(JOB_TYPES.webhookSweep, async (job) => sweepDeliveries(getDb(), getJobQueue(), job.shopId));
