// The app's job types and the schedules every installed shop gets. Handlers are registered by the features
// that own them (app/jobs/handlers.server.ts); these names are the contract between producers and handlers.
import { WEBHOOK_PROCESS_JOB } from "~/sync/webhooks/job-type";
import type { JobQueue, Lane, ScheduleSpec } from "./types";

export const JOB_TYPES = {
  /** payload { variantId }: recompute one variant's forecast and recommendation (coalesced per variant). */
  recomputeVariant: "recompute.variant",
  /** payload {}: the nightly full recompute of a shop (on BullMQ: context part jobs, then chunk jobs). */
  recomputeShop: "recompute.shop",
  /** payload { version, index }: one part of a chunked full recompute's context pass (docs/decisions/0028). */
  recomputeContext: "recompute.context",
  /** payload { version }: merges the context parts, then enqueues the chunks. */
  recomputeContextFinish: "recompute.context-finish",
  /** payload { version, index }: one chunk of a full recompute's variants (docs/decisions/0022). */
  recomputeChunk: "recompute.chunk",
  /** payload { version }: publishes a chunked full recompute once its chunks are written. */
  recomputeFinish: "recompute.finish",
  /** payload {}: the daily inventory snapshot (stockout mask for censored demand). */
  inventorySnapshot: "inventory.snapshot",
  /** payload {}: re-enqueues webhook deliveries stored but never processed (app/sync/webhooks/redelivery.server.ts). */
  webhookSweep: "webhook.sweep",
  /** payload {}: the nightly incremental re-sync that repairs what webhooks missed (app/sync/import/reconcile.server.ts). */
  reconcileShop: "sync.reconcile",
} as const;

/**
 * Webhook processing has slots (and on BullMQ a queue) of its own, so stored deliveries are applied at full speed
 * while Admin API jobs back off and retry (docs/decisions/0016-timeouts-and-webhook-lane.md).
 */
export const WEBHOOK_LANE = "webhooks";
export const JOB_LANES: readonly Lane[] = [
  { name: WEBHOOK_LANE, types: [WEBHOOK_PROCESS_JOB], priority: 10, batches: true },
];

export const SHOP_SCHEDULES: { name: string; type: string; spec: ScheduleSpec }[] = [
  // Before the nightly recompute, so it sees what the reconciliation repaired.
  { name: "nightly-reconcile", type: JOB_TYPES.reconcileShop, spec: { dailyAtUtc: "01:00" } },
  { name: "nightly-recompute", type: JOB_TYPES.recomputeShop, spec: { dailyAtUtc: "02:00" } },
  { name: "daily-inventory-snapshot", type: JOB_TYPES.inventorySnapshot, spec: { dailyAtUtc: "23:55" } },
  { name: "webhook-sweep", type: JOB_TYPES.webhookSweep, spec: { everyMs: 5 * 60_000 } },
];

/** At install (idempotent: scheduling again replaces). */
export async function scheduleShopJobs(queue: JobQueue, shopId: string): Promise<void> {
  for (const s of SHOP_SCHEDULES) await queue.schedule({ shopId, name: s.name, type: s.type, spec: s.spec });
}

/** After an order, refund or inventory change: a burst for one variant gives one recompute. */
export function enqueueVariantRecompute(queue: JobQueue, shopId: string, variantId: string) {
  return queue.enqueue({ shopId, type: JOB_TYPES.recomputeVariant, payload: { variantId }, coalesceKey: variantId });
}

/** The same for several variants (a batch of webhook deliveries), in fewer round trips. */
export function enqueueVariantRecomputes(queue: JobQueue, shopId: string, variantIds: string[]) {
  return queue.enqueueMany(
    variantIds.map((variantId) => ({
      shopId,
      type: JOB_TYPES.recomputeVariant,
      payload: { variantId },
      coalesceKey: variantId,
    })),
  );
}
