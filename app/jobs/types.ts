// The job queue contract. Two adapters implement it (database: db-queue.server.ts; BullMQ on Redis:
// bullmq-queue.server.ts) and pass one contract suite (tests/integration/jobs/contract.ts).
// Guarantees and coalescing semantics: docs/decisions/0007-job-queue.md.
//
// Delivery is AT LEAST ONCE: a handler may run again for the same job (a worker crashed or lost its lock
// after doing part of the work), so every handler must be idempotent (upserts keyed by natural ids,
// recomputes that overwrite, never "add one").

export type JobStatus = "queued" | "running" | "done" | "failed" | "cancelled";

export interface EnqueueInput<P = unknown> {
  shopId: string;
  type: string;
  payload?: P;
  /**
   * Jobs with the same (shopId, type, coalesceKey) coalesce while one is waiting: enqueueing again
   * does not add a second. If one is running, ONE follow-up is queued, so the latest data is processed.
   */
  coalesceKey?: string;
  /** Earliest start. Default: now. */
  runAt?: Date;
  /** Attempts before the job is `failed`. Default: the queue's `defaultMaxAttempts` (5). */
  maxAttempts?: number;
}

export interface EnqueueResult {
  id: string;
  /** false when the call coalesced into a job that was already waiting. */
  created: boolean;
}

/** What the UI reads. Dates are absolute instants. */
export interface JobRecord<P = unknown> {
  id: string;
  shopId: string;
  type: string;
  payload: P;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  /** Fraction in [0, 1], or null before the handler reports any. */
  progress: number | null;
  progressMessage: string | null;
  lastError: string | null;
  result: unknown;
  runAt: Date;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface JobContext {
  /** Reports progress (fraction clamped to [0, 1]); readable through getJob() by the UI. */
  progress(fraction: number, message?: string): Promise<void>;
  /** Aborted when the shop's jobs are cancelled, the queue stops, or the worker lost its claim. */
  signal: AbortSignal;
  /** 1 on the first run, 2 on the first retry, ... */
  attempt: number;
}

export interface RunningJob<P = unknown> {
  id: string;
  shopId: string;
  type: string;
  payload: P;
}

export type JobHandler<P = unknown> = (job: RunningJob<P>, ctx: JobContext) => Promise<unknown>;

/** Repeating jobs: every N ms, or once a day at HH:MM UTC. */
export type ScheduleSpec = { everyMs: number } | { dailyAtUtc: string };

export interface ScheduleInput<P = unknown> {
  shopId: string;
  /** Unique per shop, e.g. "nightly-recompute". Scheduling the same name again replaces it. */
  name: string;
  type: string;
  payload?: P;
  spec: ScheduleSpec;
}

export type RetryResult =
  { ok: true; id: string } | { ok: false; code: "JOBS.NOT_FOUND" | "JOBS.NOT_FAILED"; message: string };

/**
 * Job types with slots of their own (docs/decisions/0016-timeouts-and-webhook-lane.md): a lane's jobs never wait
 * behind other types' jobs, e.g. webhook processing behind Admin API jobs that back off and retry. Types in no lane
 * share the "default" lane. Database queue: claims filter by the lane's types; BullMQ: a queue of its own.
 */
export interface Lane {
  name: string;
  types: readonly string[];
  /** Database queue: the `priority` of its jobs (higher is claimed first, lower lanes yield to its backlog). Default 0. */
  priority?: number;
  /** Its handler applies jobs started together as one batch: claim when half the slots are free, not one by one. */
  batches?: boolean;
}

export const DEFAULT_LANE = "default";

/** What /healthz reads: when the worker's claim loop last completed against its backend. */
export interface Liveness {
  /** "this process": the queue runs jobs here; "workers": the newest heartbeat other processes recorded. */
  source: "this process" | "workers";
  /** ms since the epoch, or null when no loop completed yet (no worker ever ran, for "workers"). */
  lastLoopAt: number | null;
}

export interface StartOptions {
  /** Jobs of the default lane run at once by this process. Default 1. */
  concurrency?: number;
  /** Jobs run at once per named lane (the queue's `lanes` option). Default: `concurrency`. */
  lanes?: Record<string, number>;
  /**
   * Database queue: asked before each claim of a new job; while it returns false this process claims nothing
   * (running jobs continue) and asks again about every 100 ms. The web process uses it to acknowledge bursts
   * first (app/server/jobs.server.ts). Default: always claim.
   */
  shouldClaim?: () => boolean;
}

export interface StopOptions {
  /** How long running jobs may take to finish before they are aborted and released. Default 10 s. */
  graceMs?: number;
}

export interface JobQueue {
  readonly kind: "database" | "bullmq";
  registerHandler<P = unknown>(type: string, handler: JobHandler<P>): void;
  enqueue<P = unknown>(input: EnqueueInput<P>): Promise<EnqueueResult>;
  /** Several enqueues, each as enqueue() would, in fewer round trips. Results in the order of `inputs`. */
  enqueueMany<P = unknown>(inputs: EnqueueInput<P>[]): Promise<EnqueueResult[]>;
  /** Creates or replaces a repeating job for a shop. The first run is at the next occurrence. */
  schedule<P = unknown>(input: ScheduleInput<P>): Promise<void>;
  unschedule(shopId: string, name: string): Promise<void>;
  start(options?: StartOptions): Promise<void>;
  /** Graceful: stops taking jobs, lets running ones finish (up to graceMs), then aborts and releases the rest. */
  stop(options?: StopOptions): Promise<void>;
  /** The shop's job `id`; null when there is none, or it belongs to another shop. */
  getJob(shopId: string, id: string): Promise<JobRecord | null>;
  /** A shop's jobs, newest first (default 50), optionally by status. */
  listJobs(shopId: string, options?: { status?: JobStatus; limit?: number }): Promise<JobRecord[]>;
  listFailed(shopId: string): Promise<JobRecord[]>;
  /** Queues the shop's failed job again with a fresh set of attempts (another shop's job: JOBS.NOT_FOUND). */
  retry(shopId: string, id: string): Promise<RetryResult>;
  /** app/uninstalled: cancels the shop's waiting and running jobs and its schedules. Returns how many jobs. */
  cancelShop(shopId: string): Promise<number>;
  /** Releases connections. Call after stop(). */
  close(): Promise<void>;
  /** Rejects unless the queue's backend (the database, or Redis) answers a round trip within timeoutMs. */
  probe(timeoutMs: number): Promise<void>;
  /** The worker's last successful claim loop: this process's when it runs jobs, else the workers' newest heartbeat. */
  liveness(): Promise<Liveness>;
}

/**
 * TESTS ONLY, not part of JobQueue (production code never crashes a queue on purpose). Both adapters implement
 * it for the contract's crash test: `abandon()` simulates a crashed process, stopping at once without finishing
 * or releasing the running jobs and without telling their handlers; another worker picks them up after the lock
 * expires.
 */
export interface CrashableJobQueue extends JobQueue {
  abandon(): Promise<void>;
}

/** Thrown by a handler for a failure that retrying cannot fix (bad payload): the job fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentJobError";
  }
}

export const CANCELLED_ERROR = "JOBS.CANCELLED";
