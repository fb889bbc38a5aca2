// The queue on Redis with BullMQ (when REDIS_URL is set): several worker processes (`npm run worker`).
// - Coalescing: BullMQ deduplication with `keepLastIfActive`: while a job with the id waits, adds are
//   ignored; while it runs, ONE follow-up is kept (latest payload) and queued when the run finishes.
// - Retries: `attempts` + a custom backoff strategy (the same jittered exponential as the database queue).
// - Crashes: BullMQ's lock + stalled-job checker move a dead worker's job back to waiting.
// - cancelShop: removes waiting jobs and schedulers; running jobs in any process are aborted through a
//   Redis hash of cancelled shops that workers poll. Status is read from BullMQ (no mirror to the Job table).
// - Lanes: a lane's types go to a BullMQ queue of their own ("<name>-<lane>") with workers of their own.
// - No silent stall: every connection has a connect timeout, TCP keepalive and a socket timeout (a silent peer is
//   dropped and reconnected); the producer fails fast (bounded retries, no offline queue, command timeout); a
//   liveness timer pings Redis from each worker and records the heartbeat. docs/decisions/0016-timeouts-and-webhook-lane.md.
import { hostname } from "node:os";
import { DelayedError, Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from "bullmq";
import { withDeadline } from "~/lib/deadline";
import { log } from "~/logger.server";
import { backoffDelay, DEFAULT_BACKOFF, mulberry32, seedFrom, type BackoffOptions } from "./backoff";
import { bullRepeat, checkSchedule } from "./schedule";
import { isTransientInfraError } from "./transient";
import {
  CANCELLED_ERROR,
  DEFAULT_LANE,
  PermanentJobError,
  type Lane,
  type Liveness,
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
  /** Job types with a queue and workers of their own. Default none. */
  lanes?: readonly Lane[];
  /** Connect, command and ping timeout (REDIS_TIMEOUT_MS). Default 5000 ms. */
  timeoutMs?: number;
  /** How often each worker pings Redis and records its heartbeat. Default 5 s. */
  livenessMs?: number;
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

/** Seconds a worker's blocking wait lasts when idle (BullMQ's default drainDelay). */
const WORKER_DRAIN_DELAY_S = 5;

/**
 * ioredis options from a Redis URL. "producer" (enqueue, status, the web process): fails fast, one retry, no offline
 * queue, a command timeout. "worker": `maxRetriesPerRequest: null` as BullMQ's blocking connection requires, and a
 * socket timeout longer than its blocking wait (drainDelay 5 s), so a silent peer is dropped and reconnected.
 */
export function redisConnection(url: string, role: "producer" | "worker" = "worker", timeoutMs = 5000) {
  const parsed = new URL(url);
  if (!/^rediss?:$/.test(parsed.protocol))
    throw new Error(`REDIS_URL must be redis:// or rediss://, got ${parsed.protocol}`);
  const base = {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === "rediss:" ? {} : undefined,
    connectTimeout: timeoutMs,
    keepAlive: 10_000,
    // Reconnect for ever, at most every 2 s: the partition ends some day and the process must not need a restart.
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
  };
  if (role === "producer") {
    return {
      ...base,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      commandTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    };
  }
  return {
    ...base,
    maxRetriesPerRequest: null,
    socketTimeout: Math.max(timeoutMs, WORKER_DRAIN_DELAY_S * 1000 + 3000),
  };
}

let instances = 0;

type AnyQueue = Queue<Data, unknown, string>;

export class BullJobQueue implements JobQueue {
  readonly kind = "bullmq" as const;
  /** The default lane's queue (cancellations, heartbeats and status live under its name). */
  private readonly queue: AnyQueue;
  /** Lane name -> its queue (the default lane included). */
  private readonly queues = new Map<string, AnyQueue>();
  private readonly laneOfType = new Map<string, string>();
  private readonly options: BullQueueOptions;
  private readonly connection: ReturnType<typeof redisConnection>;
  private readonly producer: ReturnType<typeof redisConnection>;
  private readonly name: string;
  private readonly prefix: string;
  private readonly backoff: BackoffOptions;
  private readonly defaultMaxAttempts: number;
  private readonly random: () => number;
  private readonly cancelKey: string;
  private readonly workersKey: string;
  private readonly workerId: string;
  private readonly timeoutMs: number;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly running = new Map<string, { shopId: string; enqueuedAt: number; controller: AbortController }>();
  private workers: Worker<Data, unknown, string>[] = [];
  private cancelTimer: NodeJS.Timeout | null = null;
  private livenessTimer: NodeJS.Timeout | null = null;
  private lastLoopAt: number | null = null;
  private lastBeatWrite = 0;
  private lastErrorLog = 0;
  private dead = false;

  constructor(options: BullQueueOptions) {
    this.options = options;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.connection = redisConnection(options.redisUrl, "worker", this.timeoutMs);
    this.producer = redisConnection(options.redisUrl, "producer", this.timeoutMs);
    this.name = options.queueName ?? "pilotage";
    this.prefix = options.prefix ?? "bull";
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.defaultMaxAttempts = options.defaultMaxAttempts ?? 5;
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${++instances}`;
    this.random = mulberry32(options.seed ?? seedFrom(this.workerId));
    this.queue = this.newQueue(this.name);
    this.queues.set(DEFAULT_LANE, this.queue);
    for (const lane of options.lanes ?? []) {
      if (lane.name === DEFAULT_LANE) continue;
      this.queues.set(lane.name, this.newQueue(`${this.name}-${lane.name}`));
      for (const type of lane.types) this.laneOfType.set(type, lane.name);
    }
    this.cancelKey = `${this.prefix}:${this.name}:pilotage-cancelled-shops`;
    this.workersKey = `${this.prefix}:${this.name}:pilotage-workers`;
  }

  private newQueue(name: string): AnyQueue {
    const queue = new Queue<Data, unknown, string>(name, { connection: this.producer, prefix: this.prefix });
    queue.on("error", (err) => this.logRedisError("jobs: redis queue error", err));
    return queue;
  }

  /** Redis errors repeat on every reconnection attempt during an outage: log the first, then every 30 s. */
  private logRedisError(message: string, err: unknown): void {
    const now = Date.now();
    if (now - this.lastErrorLog < 30_000) return;
    this.lastErrorLog = now;
    log.error(message, { err, queue: this.name });
  }

  private queueOf(type: string): AnyQueue {
    return this.queues.get(this.laneOfType.get(type) ?? DEFAULT_LANE)!;
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
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
      throw new Error(`maxAttempts must be an integer >= 1, got ${maxAttempts}`);
    const jobId = randomUUID();
    const opts: JobsOptions = {
      ...this.jobOptions(maxAttempts),
      jobId,
      delay: input.runAt ? Math.max(0, input.runAt.getTime() - Date.now()) : undefined,
    };
    if (input.coalesceKey !== undefined) {
      opts.deduplication = { id: `${input.shopId}|${input.type}|${input.coalesceKey}`, keepLastIfActive: true };
    }
    const job = await this.queueOf(input.type).add(
      input.type,
      { shopId: input.shopId, payload: input.payload ?? {}, enqueuedAt: Date.now() },
      opts,
    );
    return { id: String(job.id), created: job.id === jobId };
  }

  async enqueueMany<P = unknown>(inputs: EnqueueInput<P>[]): Promise<EnqueueResult[]> {
    const results: EnqueueResult[] = [];
    for (const input of inputs) results.push(await this.enqueue(input));
    return results;
  }

  async schedule<P = unknown>(input: ScheduleInput<P>): Promise<void> {
    const check = checkSchedule(input.spec);
    if (!check.ok) throw new Error(`${check.code}: ${check.message}`);
    // Scheduling a name again may change its type (and so its lane): drop it from the other queues first.
    for (const queue of this.queues.values()) {
      if (queue !== this.queueOf(input.type)) await queue.removeJobScheduler(`${input.shopId}|${input.name}`);
    }
    await this.queueOf(input.type).upsertJobScheduler(`${input.shopId}|${input.name}`, bullRepeat(input.spec), {
      name: input.type,
      data: { shopId: input.shopId, payload: input.payload ?? {}, enqueuedAt: Date.now() },
      opts: this.jobOptions(this.defaultMaxAttempts),
    });
  }

  async unschedule(shopId: string, name: string): Promise<void> {
    for (const queue of this.queues.values()) await queue.removeJobScheduler(`${shopId}|${name}`);
  }

  async start(options: StartOptions = {}): Promise<void> {
    if (this.dead) throw new Error("this queue was abandoned; create a new one");
    if (this.workers.length > 0) return;
    // A BullMQ worker takes jobs of every type: one without handlers would only fail them.
    if (this.handlers.size === 0) throw new Error("JOBS.NO_HANDLERS: register handlers before start()");
    const lockDuration = this.options.lockDurationMs ?? 30_000;
    for (const [lane, queue] of this.queues) {
      const concurrency = Math.max(
        1,
        lane === DEFAULT_LANE ? (options.concurrency ?? 1) : (options.lanes?.[lane] ?? options.concurrency ?? 1),
      );
      const worker = new Worker<Data, unknown, string>(
        queue.name,
        (job, token, signal) => this.process(job, token, signal),
        {
          connection: this.connection,
          prefix: this.prefix,
          concurrency,
          lockDuration,
          drainDelay: WORKER_DRAIN_DELAY_S,
          stalledInterval: this.options.stalledIntervalMs ?? lockDuration,
          maxStalledCount: 1,
          settings: {
            backoffStrategy: (attemptsMade: number) => backoffDelay(attemptsMade, this.backoff, this.random),
          },
        },
      );
      worker.on("error", (err) => this.logRedisError("jobs: redis worker error", err));
      worker.on("failed", (job, err) => {
        if (job && job.attemptsMade >= (job.opts.attempts ?? 1) && !err.message.startsWith(CANCELLED_ERROR)) {
          log.warn("jobs: job failed", { shop: job.data.shopId, jobId: job.id, type: job.name, error: err.message });
        }
      });
      this.workers.push(worker);
    }
    this.cancelTimer = setInterval(() => void this.pollCancellations(), this.options.cancelPollMs ?? 2000);
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
    this.lastLoopAt = Date.now();
    this.livenessTimer = setInterval(() => void this.checkLiveness(), this.options.livenessMs ?? 5000);
  }

  /**
   * The heartbeat: every worker's connection answers a PING within the timeout and its loop runs. Recorded in
   * memory (this process's /healthz) and in a Redis hash (the web process's /healthz when the workers run elsewhere).
   */
  private async checkLiveness(): Promise<void> {
    if (this.dead || this.workers.length === 0) return;
    try {
      for (const worker of this.workers) {
        if (!worker.isRunning()) return;
        const client = await withDeadline(worker.client, this.timeoutMs, "the worker's Redis connection");
        await withDeadline(client.runCommand("ping", []), this.timeoutMs, "Redis");
      }
      this.lastLoopAt = Date.now();
      if (this.lastLoopAt - this.lastBeatWrite >= 10_000) {
        this.lastBeatWrite = this.lastLoopAt;
        const client = await this.queue.client;
        await withDeadline(
          client.hset(this.workersKey, { [this.workerId]: String(this.lastLoopAt) }),
          this.timeoutMs,
          "Redis",
        );
      }
    } catch (err) {
      this.logRedisError("jobs: worker liveness check failed", err);
    }
  }

  private async cancelledAt(shopId: string): Promise<number> {
    const value = await this.queue.client.then((c) => c.hget(this.cancelKey, shopId));
    return value ? Number(value) : -1;
  }

  private async process(job: AnyJob, token?: string, bullSignal?: AbortSignal): Promise<unknown> {
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
            const value: Progress = {
              fraction: Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0)),
              message: message ?? null,
            };
            await job.updateProgress(value as unknown as object);
          },
        },
      );
      if (controller.signal.aborted)
        throw new UnrecoverableError(String((controller.signal.reason as Error)?.message ?? CANCELLED_ERROR));
      return result ?? null;
    } catch (error) {
      if (controller.signal.aborted)
        throw new UnrecoverableError(String((controller.signal.reason as Error)?.message ?? CANCELLED_ERROR));
      if (error instanceof PermanentJobError) throw new UnrecoverableError(`${error.name}: ${error.message}`);
      if (token && isTransientInfraError(error)) {
        // The database or Redis did not answer: retried after the backoff WITHOUT spending an attempt.
        const delay = Math.min(backoffDelay(job.attemptsMade + 1, this.backoff, this.random), 30_000);
        await job.moveToDelayed(Date.now() + delay, token);
        throw new DelayedError(String((error as Error)?.message ?? error));
      }
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
    if (this.livenessTimer) clearInterval(this.livenessTimer);
    this.cancelTimer = this.livenessTimer = null;
    const workers = this.workers;
    if (workers.length === 0) return;
    this.workers = [];
    let timer: NodeJS.Timeout | undefined;
    const graceful = Promise.all(workers.map((w) => w.close()));
    const finished = await Promise.race([
      graceful.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), options.graceMs ?? 10_000))),
    ]);
    clearTimeout(timer);
    if (!finished) {
      // Abort the handlers and leave their jobs to the stalled checker of another worker (released on lock expiry).
      for (const job of this.running.values()) job.controller.abort(new Error("JOBS.STOPPING"));
      await Promise.all(workers.map((w) => w.close(true).catch(() => undefined)));
    }
    const client = await withDeadline(this.queue.client, this.timeoutMs, "Redis").catch(() => null);
    await client?.hdel(this.workersKey, this.workerId).catch(() => undefined);
  }

  /** TESTS ONLY (not part of JobQueue): see CrashableJobQueue in ./types. */
  async abandon(): Promise<void> {
    this.dead = true;
    if (this.cancelTimer) clearInterval(this.cancelTimer);
    if (this.livenessTimer) clearInterval(this.livenessTimer);
    const workers = this.workers;
    this.workers = [];
    this.running.clear();
    // Force-close: no completion, no release; the lock expires and another worker's stalled check takes over.
    await Promise.all(workers.map((w) => w.close(true).catch(() => undefined)));
  }

  async close(): Promise<void> {
    await this.stop({ graceMs: 0 });
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }

  async probe(timeoutMs: number): Promise<void> {
    const client = await withDeadline(this.queue.client, timeoutMs, "Redis");
    await withDeadline(client.runCommand("ping", []), timeoutMs, "Redis");
  }

  async liveness(): Promise<Liveness> {
    if (this.workers.length > 0) return { source: "this process", lastLoopAt: this.lastLoopAt };
    const client = await withDeadline(this.queue.client, this.timeoutMs, "Redis");
    const beats = Object.values(await withDeadline(client.hgetall(this.workersKey), this.timeoutMs, "Redis"));
    const newest = Math.max(-1, ...beats.map(Number).filter(Number.isFinite));
    return { source: "workers", lastLoopAt: newest < 0 ? null : newest };
  }

  /** The job `id` of `shopId` (another shop's job is not found). */
  private async find(shopId: string, id: string): Promise<AnyJob | undefined> {
    for (const queue of this.queues.values()) {
      const job = (await queue.getJob(id)) as AnyJob | undefined;
      if (job) return job.data?.shopId === shopId ? job : undefined;
    }
    return undefined;
  }

  async getJob(shopId: string, id: string): Promise<JobRecord | null> {
    const job = await this.find(shopId, id);
    return job ? this.toRecord(job) : null;
  }

  private async scan(states: readonly string[]): Promise<AnyJob[]> {
    const all: AnyJob[] = [];
    for (const queue of this.queues.values()) {
      all.push(...((await queue.getJobs(states as never, 0, SCAN_LIMIT - 1, false)) as AnyJob[]).filter(Boolean));
    }
    return all;
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

  async retry(shopId: string, id: string): Promise<RetryResult> {
    const job = await this.find(shopId, id);
    if (!job) return { ok: false, code: "JOBS.NOT_FOUND", message: `no job ${id}` };
    const record = await this.toRecord(job);
    if (record.status !== "failed")
      return { ok: false, code: "JOBS.NOT_FAILED", message: `job ${id} is ${record.status}, not failed` };
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
    for (const queue of this.queues.values()) {
      for (const scheduler of await queue.getJobSchedulers(0, -1)) {
        if (scheduler.key.startsWith(`${shopId}|`)) await queue.removeJobScheduler(scheduler.key);
      }
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
    const progress =
      typeof job.progress === "object" && job.progress !== null ? (job.progress as unknown as Progress) : null;
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
