// `npm run worker`: a standalone worker process. With REDIS_URL several can run side by side; without it
// it works the database queue (several processes are safe too). SIGTERM/SIGINT stop it gracefully.
// Environment: JOBS_CONCURRENCY (4), JOBS_WEBHOOK_CONCURRENCY (webhook deliveries applied at once, in their own
// lane, 16), JOBS_GRACE_MS (25000), JOBS_POLL_MS (database polling, 1000),
// JOBS_LOCK_MS (visibility timeout / BullMQ lock, default 5 min / 30 s), JOBS_HANDLER_MODULES (extra
// comma-separated modules that call defineJobHandler, e.g. for tests), JOBS_QUEUE (queue name).
import path from "node:path";
import { pathToFileURL } from "node:url";
import { readTimeouts } from "~/env.server";
import { log } from "~/logger.server";
import { exitOnStartupError } from "~/server/fatal.server";
import { registerAppHandlers } from "./handlers.server";
import { createJobQueue } from "./index.server";
import { WEBHOOK_LANE } from "./standard";

const num = (name: string): number | undefined => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a non-negative number, got ${JSON.stringify(raw)}`);
  return value;
};

try {
  readTimeouts(); // DATABASE_TIMEOUT_MS, REDIS_TIMEOUT_MS, ...: a bad value stops the worker with its name
} catch (err) {
  exitOnStartupError(err);
}
const concurrency = num("JOBS_CONCURRENCY") ?? 4;
const webhookConcurrency = num("JOBS_WEBHOOK_CONCURRENCY") ?? 16;
const graceMs = num("JOBS_GRACE_MS") ?? 25_000;
const lockMs = num("JOBS_LOCK_MS");
for (const module of (process.env.JOBS_HANDLER_MODULES ?? "").split(",").filter(Boolean)) {
  await import(pathToFileURL(path.resolve(module)).href);
}
const queueName = process.env.JOBS_QUEUE || undefined;
const queue = createJobQueue({
  database: { queue: queueName, pollMs: num("JOBS_POLL_MS"), visibilityTimeoutMs: lockMs },
  redis: { queueName, lockDurationMs: lockMs },
});
// Handlers enqueue their follow-up jobs (e.g. a full recompute's chunks) with getJobQueue(): the queue this worker runs.
globalThis.__pilotageJobs ??= queue;
const types = registerAppHandlers(queue);
if (types.length === 0) {
  // A BullMQ worker takes every job type: without handlers it would only fail other workers' jobs.
  log.error("jobs: no job handlers are registered (app/jobs/handlers.server.ts); the worker does not start");
  await queue.close();
  process.exit(1);
}
await queue.start({ concurrency, lanes: { [WEBHOOK_LANE]: webhookConcurrency } });
log.info("jobs: worker started", { adapter: queue.kind, concurrency, webhookConcurrency, types, pid: process.pid });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info("jobs: worker stopping", { signal });
  await queue.stop({ graceMs });
  await queue.close();
  log.info("jobs: worker stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
