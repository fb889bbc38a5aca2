// The job that applies one stored webhook delivery (app/sync/webhooks/process.server.ts).
// Kept apart so the intake route can enqueue it without loading the processing code.
import type { JobQueue } from "~/jobs/types";
export const WEBHOOK_PROCESS_JOB = "webhook.process";

export interface WebhookProcessPayload {
  deliveryId: string;
}

/**
 * The sweep (./redelivery.server.ts) enqueues coalesced on the delivery id, so repeated sweeps give one job.
 * The intake (`fresh`: the delivery was inserted a moment ago, no job can exist for it) skips the coalescing
 * lookup: one insert on the acknowledgement path. A sweep job created beside it finds the delivery processed.
 */
export function enqueueDelivery(
  queue: JobQueue,
  shopId: string,
  deliveryId: string,
  options: { fresh?: boolean } = {},
) {
  return queue.enqueue<WebhookProcessPayload>({
    shopId,
    type: WEBHOOK_PROCESS_JOB,
    payload: { deliveryId },
    coalesceKey: options.fresh ? undefined : deliveryId,
  });
}
