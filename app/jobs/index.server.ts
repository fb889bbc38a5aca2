// createJobQueue(): the adapter comes from configuration. REDIS_URL set = BullMQ on Redis (several worker
// processes: `npm run worker`); unset = the embedded queue over the database (docs/decisions/0007-job-queue.md).
import { getDb, type Db } from "~/db.server";
import { BullJobQueue, type BullQueueOptions } from "./bullmq-queue.server";
import { DbJobQueue, type DbQueueOptions } from "./db-queue.server";
import type { JobQueue } from "./types";

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
}

export function createJobQueue(options: CreateJobQueueOptions = {}): JobQueue {
  const redisUrl = (options.redisUrl ?? process.env.REDIS_URL ?? "").trim();
  if (redisUrl !== "") return new BullJobQueue({ ...options.redis, redisUrl });
  return new DbJobQueue({ ...options.database, db: options.db ?? getDb() });
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
