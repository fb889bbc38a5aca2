// createJobQueue(): the adapter comes from configuration. REDIS_URL set = BullMQ on Redis (several worker
// processes: `npm run worker`); unset = the embedded queue over the database (docs/decisions/0007-job-queue.md).
import { getDb, type Db } from "~/db.server";
import { readTimeouts } from "~/env.server";
import { BullJobQueue, type BullQueueOptions } from "./bullmq-queue.server";
import { DbJobQueue, type DbQueueOptions } from "./db-queue.server";
import { JOB_LANES } from "./standard";
import type { JobQueue, Lane } from "./types";

export * from "./types";
export { DbJobQueue, type DbQueueOptions } from "./db-queue.server";
export { BullJobQueue, type BullQueueOptions } from "./bullmq-queue.server";

export interface CreateJobQueueOptions {
  /** Default process.env.REDIS_URL; "" forces the database queue. */
  redisUrl?: string;
  /** Database for the embedded queue. Default the process-wide client. */
  db?: Db;
  database?: Omit<DbQueueOptions, "db">;
  redis?: Omit<BullQueueOptions, "redisUrl">;
  /** Default the app's lanes (JOB_LANES: webhook processing apart). */
  lanes?: readonly Lane[];
}

export function createJobQueue(options: CreateJobQueueOptions = {}): JobQueue {
  const redisUrl = (options.redisUrl ?? process.env.REDIS_URL ?? "").trim();
  const lanes = options.lanes ?? JOB_LANES;
  const timeouts = readTimeouts();
  if (redisUrl !== "") return new BullJobQueue({ lanes, timeoutMs: timeouts.redisMs, ...options.redis, redisUrl });
  // A claim waits at most for the pool's own timeouts, plus a margin (app/db/pg-pool.server.ts).
  return new DbJobQueue({
    lanes,
    claimTimeoutMs: timeouts.databaseMs + 5000,
    ...options.database,
    db: options.db ?? getDb(),
  });
}

declare global {
  // One queue per process (survives Vite HMR in development).
  var __pilotageJobs: JobQueue | undefined;
}

/** The process-wide queue (created on first use). */
export function getJobQueue(): JobQueue {
  globalThis.__pilotageJobs ??= createJobQueue();
  return globalThis.__pilotageJobs;
}
