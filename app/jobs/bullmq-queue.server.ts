// The queue on Redis with BullMQ (when REDIS_URL is set): several worker processes (`npm run worker`).
// - Coalescing: BullMQ deduplication with `keepLastIfActive`: while a job with the id waits, adds are
//   ignored; while it runs, ONE follow-up is kept (latest payload) and queued when the run finishes.
// - Retries: `attempts` + a custom backoff strategy (the same jittered exponential as the database queue).
// - Crashes: BullMQ's lock + stalled-job checker move a dead worker's job back to waiting.
// - cancelShop: removes waiting jobs and schedulers; running jobs in any process are aborted through a
//   Redis hash of cancelled shops that workers poll. Status is read from BullMQ (no mirror to the Job table).
import { hostname } from "node:os";
import { Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from "bullmq";
import { log } from "~/logger.server";
import { backoffDelay, DEFAULT_BACKOFF, mulberry32, seedFrom, type BackoffOptions } from "./backoff";
import { bullRepeat, checkSchedule } from "./schedule";
import {
  CANCELLED_ERROR,
  PermanentJobError,
  type EnqueueInput,
  type EnqueueResult,
  type JobHandler,
  type JobQueue,
  type JobRecord,
  type JobStatus,
  type RetryResult,
  type ScheduleInput,
  type StartOptions,
  type StopOptions,
} from "./types";
import { randomUUID } from "node:crypto";

export interface BullQueueOptions {
  /** redis:// or rediss:// URL. */
  redisUrl: string;
  /** BullMQ queue name. Default "pilotage". */
  queueName?: string;
  /** Redis key prefix. Default "bull". */
  prefix?: string;
  /** A worker's lock on a running job; a crashed worker's job is picked up after it expires. Default 30 s. */
  lockDurationMs?: number;
  /** How often workers look for stalled (crashed) jobs. Default lockDurationMs. */
  stalledIntervalMs?: number;
  /** How often workers check whether a running job's shop was cancelled. Default 2000 ms. */
  cancelPollMs?: number;
  backoff?: Partial<BackoffOptions>;
  defaultMaxAttempts?: number;
  seed?: number;
  workerId?: string;
}

interface Data {
  shopId: string;
  payload: unknown;
  /** ms; a job enqueued before its shop was cancelled never runs. */
  enqueuedAt: number;
}

interface Progress {
  fraction: number;
  message: string | null;
}

type AnyJob = Job<Data, unknown, string>;
const WAITING_STATES = ["wait", "delayed", "prioritized", "paused", "waiting-children"] as const;
const SCAN_LIMIT = 1000;

/** BullMQ connection options from a Redis URL. */
export function redisConnection(url: string) {
  const parsed = new URL(url);
  if (!/^rediss?:$/.test(parsed.protocol)) throw new Error(`REDIS_URL must be redis:// or rediss://, got ${parsed.protocol}`);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === "rediss:" ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

let instances = 0;

export class BullJobQueue implements JobQueue {
  readonly kind = "bullmq" as const;
  private readonly queue: Queue<Data, unknown, string>;
  private readonly options: BullQueueOptions;
  private readonly connection: ReturnType<typeof redisConnection>;
  private readonly name: string;
  private readonly prefix: string;
  private readonly backoff: BackoffOptions;
  private readonly defaultMaxAttempts: number;
  private readonly random: () => number;
  private readonly cancelKey: string;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly running = new Map<string, { shopId: string; enqueuedAt: number; controller: AbortController }>();
  private worker: Worker<Data, unknown, string> | null = null;
  private cancelTimer: NodeJS.Timeout | null = null;
  private dead = false;

  constructor(options: BullQueueOptions) {
    this.options = options;
    this.connection = redisConnection(options.redisUrl);
    this.name = options.queueName ?? "pilotage";
    this.prefix = options.prefix ?? "bull";
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.defaultMaxAttempts = options.defaultMaxAttempts ?? 5;
    const workerId = options.workerId ?? `${hostname()}:${process.pid}:${++instances}`;
    this.random = mulberry32(options.seed ?? seedFrom(workerId));
    this.queue = new Queue<Data, unknown, string>(this.name, { connection: this.connection, prefix: this.prefix });
    this.queue.on("error", (err) => log.error("jobs: redis queue error", { err }));
    this.cancelKey = `${this.prefix}:${this.name}:pilotage-cancelled-shops`;
  }

  registerHandler<P = unknown>(type: string, handler: JobHandler<P>): void {
    this.handlers.set(type, handler as JobHandler);
  }

  private jobOptions(maxAttempts: number): JobsOptions {
    return {
      attempts: maxAttempts,
      backoff: { type: "pilotage" },
      removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    };
  }

  async enqueue<P = unknown>(input: EnqueueInput<P>): Promise<EnqueueResult> {
    const maxAttempts = input.maxAttempts ?? this.defaultMaxAttempts;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`maxAttempts must be an integer >= 1, got ${maxAttempts}`);
    const jobId = randomUUID();
    const opts: JobsOptions = {
      ...this.jobOptions(maxAttempts),
      jobId,
      delay: input.runAt ? Math.max(0, input.runAt.getTime() - Date.now()) : undefined,
    };
    if (input.coalesceKey !== undefined) {
      opts.deduplication = { id: `${input.shopId}|${input.type}|${input.coalesceKey}`, keepLastIfActive: true };
    }
    const job = await this.queue.add(input.type, { shopId: input.shopId, payload: input.payload ?? {}, enqueuedAt: Date.now() }, opts);
    return { id: String(job.id), created: job.id === jobId };
  }

  async schedule<P = unknown>(input: ScheduleInput<P>): Promise<void> {
    const check = checkSchedule(input.spec);
    if (!check.ok) throw new Error(`${check.code}: ${check.message}`);
    await this.queue.upsertJobScheduler(`${input.shopId}|${input.name}`, bullRepeat(input.spec), {
      name: input.type,
      data: { shopId: input.shopId, payload: input.payload ?? {}, enqueuedAt: Date.now() },
      opts: this.jobOptions(this.defaultMaxAttempts),
    });
  }

  async unschedule(shopId: string, name: string): Promise<void> {
    await this.queue.removeJobScheduler(`${shopId}|${name}`);
  }

  async start(options: StartOptions = {}): Promise<void> {
    if (this.dead) throw new Error("this queue was abandoned; create a new one");
    if (this.worker) return;
    // A BullMQ worker takes jobs of every type: one without handlers would only fail them.
    if (this.handlers.size === 0) throw new Error("JOBS.NO_HANDLERS: register handlers before start()");
    const lockDuration = this.options.lockDurationMs ?? 30_000;
    this.worker = new Worker<Data, unknown, string>(this.name, (job, _token, signal) => this.process(job, signal), {
      connection: this.connection,
      prefix: this.prefix,
      concurrency: Math.max(1, options.concurrency ?? 1),
      lockDuration,
      stalledInterval: this.options.stalledIntervalMs ?? lockDuration,
      maxStalledCount: 1,
      settings: { backoffStrategy: (attemptsMade: number) => backoffDelay(attemptsMade, this.backoff, this.random) },
    });
    this.worker.on("error", (err) => log.error("jobs: redis worker error", { err }));
    this.worker.on("failed", (job, err) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1) && !err.message.startsWith(CANCELLED_ERROR)) {
        log.warn("jobs: job failed", { shop: job.data.shopId, jobId: job.id, type: job.name, error: err.message });
      }
    });
    this.cancelTimer = setInterval(() => void this.pollCancellations(), this.options.cancelPollMs ?? 2000);
    await this.worker.waitUntilReady();
  }

  private async cancelledAt(shopId: string): Promise<number> {
    const value = await this.queue.client.then((c) => c.hget(this.cancelKey, shopId));
    return value ? Number(value) : -1;
  }

  private async process(job: AnyJob, bullSignal?: AbortSignal): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new UnrecoverableError(`JOBS.NO_HANDLER: no handler for ${job.name} in this worker`);
    const { shopId, payload, enqueuedAt } = job.data;
    if ((await this.cancelledAt(shopId)) >= enqueuedAt) throw new UnrecoverableError(CANCELLED_ERROR);
    const controller = new AbortController();
    bullSignal?.addEventListener("abort", () => controller.abort(bullSignal.reason));
    this.running.set(String(job.id), { shopId, enqueuedAt, controller });
    try {
      const result = await handler(
        { id: String(job.id), shopId, type: job.name, payload },
        {
          signal: controller.signal,
          attempt: job.attemptsMade + 1,
          progress: async (fraction, message) => {
            if (this.dead) return;
            const value: Progress = { fraction: Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0)), message: message ?? null };
            await job.updateProgress(value as unknown as object);
          },
        },
      );
      if (controller.signal.aborted) throw new UnrecoverableError(String((controller.signal.reason as Error)?.message ?? CANCELLED_ERROR));
      return result ?? null;
    } catch (error) {
      if (controller.signal.aborted) throw new UnrecoverableError(String((controller.signal.reason as Error)?.message ?? CANCELLED_ERROR));
      if (error instanceof PermanentJobError) throw new UnrecoverableError(`${error.name}: ${error.message}`);
      throw error;
    } finally {
      this.running.delete(String(job.id));
    }
  }

  private async pollCancellations(): Promise<void> {
    if (this.running.size === 0 || this.dead) return;
    try {
      for (const job of this.running.values()) {
        if (!job.controller.signal.aborted && (await this.cancelledAt(job.shopId)) >= job.enqueuedAt) {
          job.controller.abort(new Error(CANCELLED_ERROR));
        }
      }
    } catch (err) {
      log.error("jobs: cancellation poll failed", { err });
    }
  }

  async stop(options: StopOptions = {}): Promise<void> {
    if (this.cancelTimer) clearInterval(this.cancelTimer);
    this.cancelTimer = null;
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    let timer: NodeJS.Timeout | undefined;
    const graceful = worker.close();
    const finished = await Promise.race([
      graceful.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), options.graceMs ?? 10_000))),
    ]);
    clearTimeout(timer);
    if (!finished) {
      // Abort the handlers and leave their jobs to the stalled checker of another worker (released on lock expiry).
      for (const job of this.running.values()) job.controller.abort(new Error("JOBS.STOPPING"));
      await worker.close(true).catch(() => undefined);
    }
  }

  async abandon(): Promise<void> {
    this.dead = true;
    if (this.cancelTimer) clearInterval(this.cancelTimer);
    const worker = this.worker;
    this.worker = null;
    this.running.clear();
    // Force-close: no completion, no release; the lock expires and another worker's stalled check takes over.
    await worker?.close(true).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.stop({ graceMs: 0 });
    await this.queue.close();
  }

  async getJob(id: string): Promise<JobRecord | null> {
    const job = (await this.queue.getJob(id)) as AnyJob | undefined;
    return job ? this.toRecord(job) : null;
  }

  private async scan(states: readonly string[]): Promise<AnyJob[]> {
    const jobs = (await this.queue.getJobs(states as never, 0, SCAN_LIMIT - 1, false)) as AnyJob[];
    return jobs.filter(Boolean);
  }

  /** Scans BullMQ's lists (newest SCAN_LIMIT per state): BullMQ has no index by shop. */
  async listJobs(shopId: string, options: { status?: JobStatus; limit?: number } = {}): Promise<JobRecord[]> {
    const states: Record<JobStatus, readonly string[]> = {
      queued: WAITING_STATES,
      running: ["active"],
      done: ["completed"],
      failed: ["failed"],
      cancelled: ["failed"],
    };
    const scanStates = options.status ? states[options.status] : [...WAITING_STATES, "active", "completed", "failed"];
    const jobs = (await this.scan(scanStates)).filter((j) => j.data?.shopId === shopId);
    const records = await Promise.all(jobs.map((j) => this.toRecord(j)));
    return records
      .filter((r) => !options.status || r.status === options.status)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, options.limit ?? 50);
  }

  listFailed(shopId: string): Promise<JobRecord[]> {
    return this.listJobs(shopId, { status: "failed", limit: 500 });
  }

  async retry(id: string): Promise<RetryResult> {
    const job = (await this.queue.getJob(id)) as AnyJob | undefined;
    if (!job) return { ok: false, code: "JOBS.NOT_FOUND", message: `no job ${id}` };
    const record = await this.toRecord(job);
    if (record.status !== "failed") return { ok: false, code: "JOBS.NOT_FAILED", message: `job ${id} is ${record.status}, not failed` };
    await job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
    return { ok: true, id };
  }

  async cancelShop(shopId: string): Promise<number> {
    const client = await this.queue.client;
    await client.hset(this.cancelKey, { [shopId]: String(Date.now()) });
    let count = 0;
    for (const job of await this.scan(WAITING_STATES)) {
      if (job.data?.shopId !== shopId) continue;
      try {
        await job.remove();
        count++;
      } catch {
        // it started meanwhile: the running check below or the worker's own check cancels it
      }
    }
    count += (await this.scan(["active"])).filter((j) => j.data?.shopId === shopId).length;
    for (const scheduler of await this.queue.getJobSchedulers(0, -1)) {
      if (scheduler.key.startsWith(`${shopId}|`)) await this.queue.removeJobScheduler(scheduler.key);
    }
    for (const job of this.running.values()) {
      if (job.shopId === shopId) job.controller.abort(new Error(CANCELLED_ERROR));
    }
    return count;
  }

  private async toRecord(job: AnyJob): Promise<JobRecord> {
    const state = await job.getState();
    let status: JobStatus;
    if (state === "completed") status = "done";
    else if (state === "failed") status = job.failedReason?.startsWith(CANCELLED_ERROR) ? "cancelled" : "failed";
    else if (state === "active") status = "running";
    else status = "queued";
    const progress = typeof job.progress === "object" && job.progress !== null ? (job.progress as unknown as Progress) : null;
    return {
      id: String(job.id),
      shopId: job.data.shopId,
      type: job.name,
      payload: job.data.payload,
      status,
      attempts: Math.max(job.attemptsMade ?? 0, job.attemptsStarted ?? 0),
      maxAttempts: job.opts.attempts ?? 1,
      progress: status === "done" ? 1 : (progress?.fraction ?? null),
      progressMessage: progress?.message ?? null,
      lastError: job.failedReason || null,
      result: job.returnvalue ?? null,
      runAt: new Date(job.timestamp + (job.delay ?? 0)),
      createdAt: new Date(job.timestamp),
      finishedAt: job.finishedOn ? new Date(job.finishedOn) : null,
    };
  }
}
