import { DbJobQueue, getJobQueue } from "~/jobs/index.server";
import { registerAppHandlers } from "~/jobs/handlers.server";
import { WEBHOOK_LANE } from "~/jobs/standard";
import { log } from "~/logger.server";
import { startDeliverySweeper } from "~/sync/webhooks/redelivery.server";
import { closeSqliteIntake, sqliteIntake } from "~/webhooks/intake.server";
import { createClaimGate, shareWebThreadSignals } from "./claim-gate.server";
import { startJobThread, type JobThreadOptions } from "./job-thread.server";

export { createClaimGate, type ClaimGateOptions } from "./claim-gate.server";

/**
 * JOBS_IN_WEB (app/env.server.ts), for the database queue: "true" (the default) = this process runs the jobs on
 * this event loop, behind the claim gate; "thread" = in a worker thread of its own (./job-thread.server.ts), behind
 * the same gate fed from this thread; "false" = this process only enqueues (`npm run worker` processes run them).
 * With REDIS_URL it only enqueues. The default stays "true": on the shared 2-core machine the thread was not better
 * under load (docs/decisions/0029-job-thread.md).
 */
export type JobsInWeb = "thread" | "loop" | "off";
export const DEFAULT_JOBS_IN_WEB = "true";

export function jobsInWeb(env: Record<string, string | undefined> = process.env): JobsInWeb {
  const value = env.JOBS_IN_WEB || DEFAULT_JOBS_IN_WEB;
  return value === "false" ? "off" : value === "thread" ? "thread" : "loop";
}

/** Whether this process runs the database queue's jobs (on its event loop or in its job thread). */
export function jobsRunInWeb(env: Record<string, string | undefined> = process.env): boolean {
  return jobsInWeb(env) !== "off";
}

/** Webhook deliveries applied at once by a worker (they are applied in batches of up to this many). */
export const WEBHOOK_CONCURRENCY = 16;

/**
 * The web process's side of the job queue. Embedded default (no REDIS_URL): it runs the jobs itself, over the
 * database, on this event loop, claiming new ones only while the loop has room (createClaimGate), or with
 * JOBS_IN_WEB=thread in a worker thread (./job-thread.server.ts) behind the same gate; webhook processing in a lane
 * of its own either way. With REDIS_URL or JOBS_IN_WEB=false it only enqueues, and `npm run worker` processes do the work.
 * Always, it sweeps every shop's stored but unqueued deliveries once a minute (the safety net of the intake's
 * enqueue), and the SQLite webhook intake stays on this thread.
 */
export async function startJobs(options: { thread?: JobThreadOptions } = {}) {
  const queue = getJobQueue();
  const handlers = registerAppHandlers(queue);
  const mode: JobsInWeb = queue.kind === "database" ? jobsInWeb() : "off";
  const gate = mode === "loop" ? createClaimGate() : null;
  if (gate)
    await queue.start({
      concurrency: 2,
      lanes: { [WEBHOOK_LANE]: WEBHOOK_CONCURRENCY },
      shouldClaim: gate.shouldClaim,
    });
  // The thread claims behind the same gate, reading this thread's last webhook and event loop from shared memory.
  const signals = mode === "thread" ? shareWebThreadSignals() : null;
  const thread = signals
    ? startJobThread({
        concurrency: 2,
        webhookConcurrency: WEBHOOK_CONCURRENCY,
        signals: signals.buffer,
        ...options.thread,
      })
    : null;
  // Jobs enqueued here (the intake's, the sweeper's, an admin action's) are claimed by the thread at once.
  if (thread && queue instanceof DbJobQueue) queue.forwardNewJobs(() => thread.wake());
  const sweeper = startDeliverySweeper({ queue });
  // SQLite: the webhook intake's own connection, opened now so that deliveries a crash left in its journal are moved.
  sqliteIntake();
  log.info("jobs ready", { queue: queue.kind, runsHere: mode !== "off", mode, handlers });
  const stop = async () => {
    sweeper.stop();
    gate?.stop();
    signals?.stop();
    await closeSqliteIntake();
    if (queue instanceof DbJobQueue) queue.forwardNewJobs(null);
    if (thread) await thread.stop({ graceMs: 5000 });
    if (mode === "loop") await queue.stop({ graceMs: 5000 });
    else await queue.close();
  };
  return { queue, thread, stop };
}
