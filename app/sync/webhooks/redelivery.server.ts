// The `webhook.sweep` job (every few minutes per shop, app/jobs/standard.ts): a delivery stored but never
// enqueued (the process died between the insert and the enqueue, or Redis was down) is still "received" after
// the grace period; it is enqueued again. Processing is idempotent and the enqueue coalesces on the delivery id.
// The web process also sweeps EVERY shop with such deliveries once a minute (startDeliverySweeper): a shop
// whose deliveries arrived without an install (so without the per-shop schedule) is swept too.
import { getDb, type Db } from "~/db.server";
import { forShop } from "~/db/scoped.server";
import { getJobQueue } from "~/jobs/index.server";
import { defineJobHandler } from "~/jobs/registry";
import { JOB_TYPES } from "~/jobs/standard";
import type { JobQueue } from "~/jobs/types";
import { withDeadline } from "~/lib/deadline";
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
  graceMs: number = SWEEP_GRACE_MS,
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

/** Sweeps every shop that has deliveries still "received" after the grace period. */
export async function sweepAllShops(
  db: Db,
  queue: JobQueue,
  now: Date = new Date(),
  graceMs: number = SWEEP_GRACE_MS,
): Promise<{ shops: number; enqueued: number }> {
  const shops = await db.webhookDelivery.groupBy({
    by: ["shopId"],
    where: { status: "received", receivedAt: { lt: new Date(now.getTime() - graceMs) } },
  });
  let enqueued = 0;
  for (const { shopId } of shops) enqueued += (await sweepDeliveries(db, queue, shopId, now, graceMs)).enqueued;
  return { shops: shops.length, enqueued };
}

/** Runs sweepAllShops every `everyMs` (default 1 min) until stopped; a failed sweep waits for the next. */
export function startDeliverySweeper(options: { db?: Db; queue?: JobQueue; everyMs?: number; graceMs?: number } = {}): {
  stop: () => void;
} {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    const everyMs = options.everyMs ?? 60_000;
    // Bounded like every other call: a sweep stuck on a dead connection must not stop the next ones.
    withDeadline(
      sweepAllShops(options.db ?? getDb(), options.queue ?? getJobQueue(), new Date(), options.graceMs),
      everyMs * 5,
      "the webhook sweep",
    )
      .catch((err) => log.warn("webhook sweep failed", { err: String(err) }))
      .finally(() => (running = false));
  }, options.everyMs ?? 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

defineJobHandler(JOB_TYPES.webhookSweep, async (job) => sweepDeliveries(getDb(), getJobQueue(), job.shopId));
