// The webhook intake's answer never waits for Redis and never waits long for the database (issue 18,
// docs/decisions/0016-timeouts-and-webhook-lane.md):
// - The delivery must be stored before it is acknowledged: if the database does not store it within
//   WEBHOOK_ACK_TIMEOUT_MS the answer is 503 and Shopify sends it again later (a late insert is still enqueued,
//   and the re-sent one is then a duplicate).
// - The job is enqueued in the background once the delivery is stored. A failed enqueue goes to a retry list that
//   is worked every 2 s in arrival order; after a crash, or beyond the list's bound, the sweep enqueues it.
import { readTimeouts } from "~/env.server";
import { getJobQueue } from "~/jobs/index.server";
import { isTransientInfraError } from "~/jobs/transient";
import type { JobQueue } from "~/jobs/types";
import { DeadlineError, withDeadline } from "~/lib/deadline";
import { log } from "~/logger.server";
import { enqueueDelivery } from "~/sync/webhooks/job-type";

export interface StoredDelivery {
  shopId: string;
  deliveryId: string;
  /** true: inserted by this request (no job can exist yet); false: a duplicate still waiting to be processed. */
  fresh: boolean;
  /** true: its job was inserted with it, in the same commit (the SQLite intake): nothing to enqueue. */
  queued?: boolean;
}

const MAX_RETRIES_KEPT = 10_000;
const RETRY_EVERY_MS = 2000;
const waiting = new Map<string, StoredDelivery>();
let retryTimer: NodeJS.Timeout | null = null;
let draining = false;

function enqueue(queue: JobQueue, d: StoredDelivery) {
  // A duplicate coalesces on the delivery id: however many times Shopify re-sends it, one job waits.
  return enqueueDelivery(queue, d.shopId, d.deliveryId, { fresh: d.fresh });
}

/** Enqueues the delivery's job without the caller waiting; a failure is retried later. */
export function enqueueInBackground(d: StoredDelivery, queue: JobQueue = getJobQueue()): void {
  if (d.queued) return;
  if (waiting.size > 0) {
    // The queue failed moments ago: join the retry list (in order) rather than wait for another timeout.
    keep(d, queue);
    return;
  }
  enqueue(queue, d).catch((err) => {
    log.warn("webhook enqueue failed; retrying in the background", {
      shopId: d.shopId,
      deliveryId: d.deliveryId,
      err: String(err),
    });
    keep(d, queue);
  });
}

function keep(d: StoredDelivery, queue: JobQueue): void {
  if (waiting.size >= MAX_RETRIES_KEPT) return; // the sweep enqueues it (app/sync/webhooks/redelivery.server.ts)
  waiting.set(d.deliveryId, d);
  retryTimer ??= setInterval(() => void drain(queue), RETRY_EVERY_MS);
  retryTimer.unref();
}

/** Works the retry list in order; stops at the first failure (the queue is still down) until the next tick. */
async function drain(queue: JobQueue): Promise<void> {
  if (draining) return;
  draining = true;
  try {
    for (const d of [...waiting.values()]) {
      try {
        await enqueue(queue, d);
      } catch {
        return;
      }
      waiting.delete(d.deliveryId);
    }
    if (waiting.size === 0 && retryTimer) {
      clearInterval(retryTimer);
      retryTimer = null;
      log.info("webhook enqueues caught up");
    }
  } finally {
    draining = false;
  }
}

/** Deliveries whose enqueue waits for a retry (tests and /healthz). */
export function pendingEnqueues(): number {
  return waiting.size;
}

/**
 * Answers a verified webhook: `store` inserts the delivery (or finds the duplicate). 200 once stored, then the job is
 * enqueued in the background; 503 when the database did not answer within the acknowledgement deadline.
 */
export async function acknowledgeStored(
  store: Promise<StoredDelivery | null>,
  context: { shop: string; topic: string; webhookId: string },
): Promise<Response> {
  const ackMs = readTimeouts().webhookAckMs;
  let stored: StoredDelivery | null;
  try {
    stored = await withDeadline(store, ackMs, "storing the webhook", (late) => {
      if (late) enqueueInBackground(late);
    });
  } catch (err) {
    if (!(err instanceof DeadlineError) && !isTransientInfraError(err)) throw err;
    log.warn("webhook not stored in time; answering 503 so Shopify sends it again", {
      ...context,
      reason: err instanceof DeadlineError ? err.message : String(err).split("\n")[0],
    });
    return new Response(null, { status: 503, headers: { "Retry-After": "5" } });
  }
  if (stored) enqueueInBackground(stored);
  return new Response(null, { status: 200 });
}

/**
 * The whole answer within the acknowledgement deadline, the HMAC check and the library's session lookup included
 * (both wait for the database): past it, or when the database or Redis refuses, 503 so Shopify sends it again.
 * What the request was doing goes on (a delivery stored late is still enqueued). Thrown Responses (400, 401) pass.
 */
export async function answerInTime(answer: Promise<Response>, context: { path: string }): Promise<Response> {
  try {
    return await withDeadline(answer, readTimeouts().webhookAckMs, "answering the webhook");
  } catch (err) {
    if (!(err instanceof DeadlineError) && !isTransientInfraError(err)) throw err;
    log.warn("webhook not answered in time; answering 503 so Shopify sends it again", {
      ...context,
      reason:
        err instanceof DeadlineError
          ? err.message
          : (String(err)
              .split("\n")
              .find((l) => l.trim()) ?? ""),
    });
    return new Response(null, { status: 503, headers: { "Retry-After": "5" } });
  }
}
