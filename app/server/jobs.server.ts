import { performance, type EventLoopUtilization } from "node:perf_hooks";
import { getJobQueue } from "~/jobs/index.server";
import { registerAppHandlers } from "~/jobs/handlers.server";
import { WEBHOOK_LANE } from "~/jobs/standard";
import { log } from "~/logger.server";
import { startDeliverySweeper } from "~/sync/webhooks/redelivery.server";
import { closeSqliteIntake, sqliteIntake } from "~/webhooks/intake.server";

export interface ClaimGateOptions {
  /** Event loop utilization (0..1, over the last windowMs) above which new jobs wait. Default 0.5. */
  maxUtilization?: number;
  windowMs?: number;
  /** No webhook for this long: claim whatever the utilization (the jobs alone fill the loop). Default 500 ms. */
  quietMs?: number;
  /** Under sustained load, still one claim per this interval, so jobs never starve. Default 1 s. */
  minIntervalMs?: number;
  now?: () => number;
  /** Utilization of the last window; default measured with performance.eventLoopUtilization(). */
  utilization?: () => number;
  lastWebhookAt?: () => number | undefined;
}

/** Utilization over the last `windowMs`, from snapshots taken every windowMs / 5 (timer unref'd). */
function eventLoopUtilization(windowMs: number): { read: () => number; stop: () => void } {
  const ring: EventLoopUtilization[] = [performance.eventLoopUtilization()];
  const timer = setInterval(
    () => {
      ring.push(performance.eventLoopUtilization());
      if (ring.length > 6) ring.shift();
    },
    Math.max(10, windowMs / 5),
  );
  timer.unref();
  return {
    read: () => performance.eventLoopUtilization(performance.eventLoopUtilization(), ring[0]).utilization,
    stop: () => clearInterval(timer),
  };
}

/**
 * Decides, before each claim of the in-process database queue, whether the web process has room for a new job:
 * yes when no webhook arrived for quietMs, or the event loop was busy less than maxUtilization of the last
 * windowMs, or no claim was allowed for minIntervalMs. So a burst of webhooks is acknowledged first and applied
 * right after; under sustained overload jobs still progress at one claim per minIntervalMs (run `npm run worker`).
 */
export function createClaimGate(options: ClaimGateOptions = {}): { shouldClaim: () => boolean; stop: () => void } {
  const maxUtilization = options.maxUtilization ?? 0.5;
  const quietMs = options.quietMs ?? 500;
  const minIntervalMs = options.minIntervalMs ?? 1000;
  const now = options.now ?? (() => performance.now());
  const lastWebhookAt = options.lastWebhookAt ?? (() => globalThis.__pilotageLastWebhookAt);
  const sampler = options.utilization ? null : eventLoopUtilization(options.windowMs ?? 500);
  const utilization = options.utilization ?? sampler!.read;
  let lastAllowed = now();
  const shouldClaim = () => {
    const t = now();
    const webhookAt = lastWebhookAt();
    const allowed =
      webhookAt === undefined ||
      t - webhookAt >= quietMs ||
      t - lastAllowed >= minIntervalMs ||
      utilization() < maxUtilization;
    if (allowed) lastAllowed = t;
    return allowed;
  };
  return { shouldClaim, stop: () => sampler?.stop() };
}

/** JOBS_IN_WEB (app/env.server.ts): "false" = this process only enqueues. Default true. */
export function jobsRunInWeb(env: Record<string, string | undefined> = process.env): boolean {
  return env.JOBS_IN_WEB !== "false";
}

/** Webhook deliveries applied at once by a worker (they are applied in batches of up to this many). */
export const WEBHOOK_CONCURRENCY = 16;

/**
 * The web process's side of the job queue. Embedded default (no REDIS_URL): it runs the jobs itself, over the
 * database, claiming new ones only while the event loop has room (createClaimGate), webhook processing in a lane of
 * its own. With REDIS_URL or JOBS_IN_WEB=false it only enqueues, and `npm run worker` processes do the work. Either
 * way it sweeps every shop's stored but unqueued deliveries once a minute (the safety net of the intake's enqueue).
 */
export async function startJobs() {
  const queue = getJobQueue();
  const handlers = registerAppHandlers(queue);
  const runsHere = queue.kind === "database" && jobsRunInWeb();
  const gate = runsHere ? createClaimGate() : null;
  if (gate)
    await queue.start({
      concurrency: 2,
      lanes: { [WEBHOOK_LANE]: WEBHOOK_CONCURRENCY },
      shouldClaim: gate.shouldClaim,
    });
  const sweeper = startDeliverySweeper({ queue });
  // SQLite: the webhook intake's own connection, opened now so that deliveries a crash left in its journal are moved.
  sqliteIntake();
  log.info("jobs ready", { queue: queue.kind, runsHere, handlers });
  const stop = async () => {
    sweeper.stop();
    gate?.stop();
    await closeSqliteIntake();
    if (runsHere) await queue.stop({ graceMs: 5000 });
    else await queue.close();
  };
  return { queue, stop };
}
