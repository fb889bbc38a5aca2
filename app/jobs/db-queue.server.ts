// The embedded default: a durable queue over the `Job` table, run in-process, safe across processes.
// - Claim: a conditional updateMany (status + runAt, or an expired lock) that only one worker can win; both
//   SQLite and PostgreSQL (READ COMMITTED re-checks the WHERE after a concurrent update) make it atomic.
// - Lock expiry: a running job's `lockedAt` is refreshed by a heartbeat; when it is older than the visibility
//   timeout another worker claims it again (its worker crashed). Every later write of the old worker is
//   conditional on `lockedBy`, so it can no longer complete, fail or release the job.
// - Coalescing: `coalesceKey` holds "<type>:<key>" while the job waits and is cleared on claim, so the unique
//   (shopId, queue, coalesceKey) index keeps ONE waiting job per key, and an enqueue during a run queues one
//   follow-up. Why and guarantees: docs/decisions/0007-job-queue.md.
import { hostname } from "node:os";
import type { Db } from "~/db.server";
import { log, serialiseError } from "~/logger.server";
import { backoffDelay, DEFAULT_BACKOFF, mulberry32, seedFrom, type BackoffOptions } from "./backoff";
import { checkSchedule, nextOccurrence } from "./schedule";
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
  type ScheduleSpec,
  type StartOptions,
  type StopOptions,
} from "./types";

export interface DbQueueOptions {
  db: Db;
  /** Queue name (the `queue` column). Default "default". */
  queue?: string;
  /** Identifies this worker in `lockedBy`. Default host:pid:n. */
  workerId?: string;
  /** How often an idle worker looks for due jobs. Default 1000 ms. */
  pollMs?: number;
  /** A running job whose lock was not refreshed for this long is claimed again. Default 5 min. */
  visibilityTimeoutMs?: number;
  /** Lock refresh period. Default visibilityTimeoutMs / 3. */
  heartbeatMs?: number;
  backoff?: Partial<BackoffOptions>;
  defaultMaxAttempts?: number;
  /** Seed of the retry jitter. Default derived from the worker id. */
  seed?: number;
}

type Row = Awaited<ReturnType<Db["job"]["findFirstOrThrow"]>>;

const SCHEDULE_MARK = "$jobs.schedule";
const SCHEDULE_PREFIX = "@schedule:";
const RUNNING_SUFFIX = "#running";
interface ScheduleEnvelope {
  [SCHEDULE_MARK]: { name: string; spec: ScheduleSpec };
  payload: unknown;
}

let instances = 0;

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === "P2002";
}

function parseJson(text: string | null): unknown {
  if (text == null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function unwrap(text: string): { payload: unknown; schedule?: ScheduleEnvelope[typeof SCHEDULE_MARK] } {
  const value = parseJson(text);
  if (value && typeof value === "object" && SCHEDULE_MARK in value) {
    const env = value as ScheduleEnvelope;
    return { payload: env.payload, schedule: env[SCHEDULE_MARK] };
  }
  return { payload: value };
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 4000);
  return serialiseError(error).message.slice(0, 4000);
}

/** At most `max` async tasks at once, the rest wait in order. */
class Limit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly max: number) {}
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

interface Running {
  id: string;
  row: Row;
  shopId: string;
  controller: AbortController;
  done: Promise<void>;
}

export class DbJobQueue implements JobQueue {
  readonly kind = "database" as const;
  private readonly db: Db;
  private readonly queue: string;
  private readonly workerId: string;
  private readonly pollMs: number;
  private readonly visibilityMs: number;
  private readonly heartbeatMs: number;
  private readonly backoff: BackoffOptions;
  private readonly defaultMaxAttempts: number;
  private readonly random: () => number;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly running = new Map<string, Running>();
  // Bounds concurrent enqueues per process below the connection pool: a burst of 200 unbounded
  // enqueues on PostgreSQL left every pooled connection idle in a transaction (Prisma 6.19 + adapter-pg).
  private readonly limit = new Limit(4);
  private concurrency = 1;
  private started = false;
  private dead = false;
  private pollTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private pumping: Promise<void> | null = null;
  private heartbeating: Promise<void> | null = null;
  private pumpAgain = false;
  private shouldClaim: (() => boolean) | undefined;
  private claimRetry: NodeJS.Timeout | null = null;

  constructor(options: DbQueueOptions) {
    this.db = options.db;
    this.queue = options.queue ?? "default";
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${++instances}`;
    this.pollMs = options.pollMs ?? 1000;
    this.visibilityMs = options.visibilityTimeoutMs ?? 5 * 60_000;
    this.heartbeatMs = options.heartbeatMs ?? Math.max(10, Math.floor(this.visibilityMs / 3));
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.defaultMaxAttempts = options.defaultMaxAttempts ?? 5;
    this.random = mulberry32(options.seed ?? seedFrom(this.workerId));
  }

  registerHandler<P = unknown>(type: string, handler: JobHandler<P>): void {
    if (type.startsWith("@")) throw new Error(`job type must not start with "@": ${type}`);
    this.handlers.set(type, handler as JobHandler);
  }

  async enqueue<P = unknown>(input: EnqueueInput<P>): Promise<EnqueueResult> {
    return this.limit.run(() => this.enqueueNow(input));
  }

  private async enqueueNow<P = unknown>(input: EnqueueInput<P>): Promise<EnqueueResult> {
    if (!input.type || input.type.startsWith("@")) throw new Error(`job type must be non-empty and not start with "@": ${JSON.stringify(input.type)}`);
    if (input.coalesceKey?.endsWith(RUNNING_SUFFIX)) throw new Error(`coalesceKey must not end with "${RUNNING_SUFFIX}": ${input.coalesceKey}`);
    const maxAttempts = input.maxAttempts ?? this.defaultMaxAttempts;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`maxAttempts must be an integer >= 1, got ${maxAttempts}`);
    const payload = JSON.stringify(input.payload ?? {});
    const data = {
      shopId: input.shopId,
      queue: this.queue,
      type: input.type,
      payload,
      maxAttempts,
      runAt: input.runAt ?? new Date(),
    };
    let result: EnqueueResult;
    if (input.coalesceKey === undefined) {
      const row = await this.db.job.create({ data, select: { id: true } });
      result = { id: row.id, created: true };
    } else {
      // Latest payload wins: handlers read current data anyway, the payload only says what to look at.
      result = await this.upsertWaiting(input.shopId, `${input.type}:${input.coalesceKey}`, data, { payload });
    }
    if (result.created) this.kick();
    return result;
  }

  /** Creates the waiting job for `key`, or updates the one already waiting (loops if it is claimed meanwhile). */
  private async upsertWaiting(
    shopId: string,
    key: string,
    data: { shopId: string; queue: string; type: string; payload: string; maxAttempts: number; runAt: Date },
    update: { payload?: string; runAt?: Date; type?: string },
  ): Promise<EnqueueResult> {
    const where = { shopId, queue: this.queue, coalesceKey: key, status: "queued" };
    for (let round = 0; round < 20; round++) {
      // Most calls of a burst find the waiting job: update it (one statement) rather than fail an insert.
      const updated = await this.db.job.updateMany({ where, data: update });
      if (updated.count === 1) {
        const row = await this.db.job.findFirst({ where, select: { id: true } });
        if (row) return { id: row.id, created: false };
        continue; // claimed in between
      }
      try {
        const row = await this.db.job.create({ data: { ...data, coalesceKey: key }, select: { id: true } });
        return { id: row.id, created: true };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error; // another enqueue created it first: update that one
      }
    }
    throw new Error(`JOBS.COALESCE_CONTENTION: could not enqueue ${key} for ${shopId}`);
  }

  async schedule<P = unknown>(input: ScheduleInput<P>): Promise<void> {
    const check = checkSchedule(input.spec);
    if (!check.ok) throw new Error(`${check.code}: ${check.message}`);
    const envelope: ScheduleEnvelope = { [SCHEDULE_MARK]: { name: input.name, spec: input.spec }, payload: input.payload ?? {} };
    const payload = JSON.stringify(envelope);
    const runAt = nextOccurrence(input.spec, new Date());
    const data = { shopId: input.shopId, queue: this.queue, type: input.type, payload, maxAttempts: this.defaultMaxAttempts, runAt };
    await this.upsertWaiting(input.shopId, SCHEDULE_PREFIX + input.name, data, { payload, runAt, type: input.type });
    this.kick();
  }

  async unschedule(shopId: string, name: string): Promise<void> {
    const key = SCHEDULE_PREFIX + name;
    // First detach a running occurrence from the schedule (it finishes, but scheduleNext sees the detached key
    // and withdraws the occurrence it queued), THEN cancel the waiting one: in this order no occurrence escapes.
    await this.db.job.updateMany({ where: { shopId, queue: this.queue, coalesceKey: key + RUNNING_SUFFIX }, data: { coalesceKey: null } });
    await this.db.job.updateMany({
      where: { shopId, queue: this.queue, coalesceKey: key, status: "queued" },
      data: { status: "cancelled", coalesceKey: null, finishedAt: new Date(), lastError: "unscheduled" },
    });
  }

  async start(options: StartOptions = {}): Promise<void> {
    if (this.dead) throw new Error("this queue was abandoned; create a new one");
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.shouldClaim = options.shouldClaim;
    if (this.started) return;
    this.started = true;
    this.pollTimer = setInterval(() => this.kick(), this.pollMs);
    this.heartbeatTimer = setInterval(() => {
      this.heartbeating ??= this.heartbeat().finally(() => (this.heartbeating = null));
    }, this.heartbeatMs);
    this.kick();
  }

  async stop(options: StopOptions = {}): Promise<void> {
    this.halt();
    await this.pumping;
    await this.heartbeating;
    const graceMs = options.graceMs ?? 10_000;
    const all = () => Promise.all([...this.running.values()].map((r) => r.done));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      all().then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
    ]);
    clearTimeout(timer);
    if (!timedOut) return;
    // Release what is still running: back to queued for another worker, this attempt not counted.
    for (const job of [...this.running.values()]) {
      job.controller.abort(new Error("JOBS.STOPPING"));
      await this.requeue(job.row, { runAt: new Date(), attempts: { decrement: 1 } });
    }
  }

  async abandon(): Promise<void> {
    this.dead = true;
    this.halt();
    this.running.clear();
    await this.pumping;
    await this.heartbeating;
  }

  /** Stops timers and waits for in-flight queue statements (the caller owns and disconnects the client). */
  async close(): Promise<void> {
    this.halt();
    await this.pumping;
    await this.heartbeating;
  }

  private halt(): void {
    this.started = false;
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    if (this.claimRetry) clearTimeout(this.claimRetry);
    this.pollTimer = this.heartbeatTimer = this.claimRetry = null;
  }

  private kick(): void {
    if (!this.started || this.dead) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = this.pump()
      .catch((error) => log.error("jobs: claim loop failed", { err: error, queue: this.queue }))
      .finally(() => {
        this.pumping = null;
        if (this.pumpAgain) {
          this.pumpAgain = false;
          this.kick();
        }
      });
  }

  private async pump(): Promise<void> {
    while (this.started && !this.dead && this.running.size < this.concurrency && this.handlers.size > 0) {
      if (this.shouldClaim && !this.shouldClaim()) {
        // Paused by the caller: look again soon rather than at the next poll.
        this.claimRetry ??= setTimeout(() => {
          this.claimRetry = null;
          this.kick();
        }, Math.min(100, this.pollMs));
        return;
      }
      const row = await this.claimOne();
      if (!row) return;
      this.run(row);
    }
  }

  private dueWhere(now: Date) {
    return {
      queue: this.queue,
      type: { in: [...this.handlers.keys()] },
      OR: [
        { status: "queued", runAt: { lte: now } },
        { status: "running", lockedAt: { lt: new Date(now.getTime() - this.visibilityMs) } },
      ],
    };
  }

  /** Claims one due job, or returns null when none is due. */
  private async claimOne(): Promise<Row | null> {
    const now = new Date();
    const candidates = await this.db.job.findMany({
      where: this.dueWhere(now),
      orderBy: [{ priority: "desc" }, { runAt: "asc" }],
      take: 50, // blocked follow-ups (key running) are at most one per running job
    });
    for (const candidate of candidates) {
      const fresh = candidate.status === "queued";
      // Waiting "<key>" becomes running "<key>#running": the unique index allows one run per key at a time.
      const runningKey = fresh ? (candidate.coalesceKey ? candidate.coalesceKey + RUNNING_SUFFIX : null) : candidate.coalesceKey;
      let claimed: { count: number };
      try {
        claimed = await this.db.job.updateMany({
          where: fresh
            ? { id: candidate.id, status: "queued", runAt: { lte: now } }
            : { id: candidate.id, status: "running", lockedBy: candidate.lockedBy, lockedAt: candidate.lockedAt },
          data: { status: "running", lockedBy: this.workerId, lockedAt: new Date(), attempts: { increment: 1 }, coalesceKey: runningKey },
        });
      } catch (error) {
        if (isUniqueViolation(error)) continue; // a job with this key is running: the follow-up waits for it
        throw error;
      }
      if (claimed.count !== 1) continue; // another worker won this one
      if (candidate.status === "running") {
        log.warn("jobs: lock expired, claiming again", { shop: candidate.shopId, jobId: candidate.id, previous: candidate.lockedBy });
      }
      const { schedule } = unwrap(candidate.payload);
      if (schedule) await this.scheduleNext(candidate, schedule.spec);
      const row = { ...candidate, status: "running", attempts: candidate.attempts + 1, coalesceKey: runningKey };
      if (row.attempts > row.maxAttempts) {
        // It crashed its worker on every attempt (out of memory, killed): stop trying.
        await this.finish(row, { status: "failed", lastError: "JOBS.LOCK_EXPIRED: the worker stopped responding on every attempt" });
        continue;
      }
      return row;
    }
    return null;
  }

  /** Queues the next occurrence of a repeating job (the unique key keeps one waiting at most). */
  private async scheduleNext(row: Row, spec: ScheduleSpec): Promise<void> {
    const key = SCHEDULE_PREFIX + unwrap(row.payload).schedule!.name;
    let next: { id: string };
    try {
      next = await this.db.job.create({
        data: {
          shopId: row.shopId,
          queue: row.queue,
          type: row.type,
          payload: row.payload,
          maxAttempts: row.maxAttempts,
          runAt: nextOccurrence(spec, new Date()),
          coalesceKey: key,
        },
        select: { id: true },
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // already queued
      return;
    }
    // Unscheduled or cancelled while we claimed: withdraw the occurrence just queued.
    const claimed = await this.db.job.findUnique({ where: { id: row.id }, select: { status: true, coalesceKey: true, lockedBy: true } });
    if (claimed?.status !== "running" || claimed.lockedBy !== this.workerId || claimed.coalesceKey !== key + RUNNING_SUFFIX) {
      await this.db.job.updateMany({
        where: { id: next.id, status: "queued" },
        data: { status: "cancelled", coalesceKey: null, finishedAt: new Date(), lastError: "unscheduled" },
      });
    }
  }

  private run(row: Row): void {
    const controller = new AbortController();
    const entry: Running = { id: row.id, row, shopId: row.shopId, controller, done: Promise.resolve() };
    this.running.set(row.id, entry);
    // A failed bookkeeping write (e.g. SQLITE_BUSY from another process) must not kill the worker: the job's lock
    // expires and another claim runs it again (at least once).
    entry.done = this.execute(row, controller)
      .catch((error: unknown) => log.error("jobs: could not record a job's outcome", { err: error, shop: row.shopId, jobId: row.id }))
      .finally(() => {
        if (this.running.get(row.id) === entry) this.running.delete(row.id);
        this.kick();
      });
  }

  private async execute(row: Row, controller: AbortController): Promise<void> {
    const handler = this.handlers.get(row.type)!;
    const mine = { id: row.id, lockedBy: this.workerId, status: "running" };
    const ctx = {
      signal: controller.signal,
      attempt: row.attempts,
      progress: async (fraction: number, message?: string) => {
        if (this.dead) return;
        const progress = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
        const updated = await this.db.job.updateMany({
          where: mine,
          data: { progress, progressMessage: message ?? null, lockedAt: new Date() },
        });
        if (updated.count === 0 && !controller.signal.aborted) controller.abort(new Error("JOBS.LOCK_LOST"));
      },
    };
    let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: await handler({ id: row.id, shopId: row.shopId, type: row.type, payload: unwrap(row.payload).payload }, ctx) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    if (this.dead || controller.signal.aborted) return; // cancelled, released or lock lost: the row is not ours
    if (outcome.ok) {
      await this.finish(row, { status: "done", result: JSON.stringify(outcome.value ?? null), progress: 1 });
      return;
    }
    const lastError = errorText(outcome.error);
    if (outcome.error instanceof PermanentJobError || row.attempts >= row.maxAttempts) {
      await this.finish(row, { status: "failed", lastError });
      log.warn("jobs: job failed", { shop: row.shopId, jobId: row.id, type: row.type, attempts: row.attempts, error: lastError });
      return;
    }
    const delay = backoffDelay(row.attempts, this.backoff, this.random);
    await this.requeue(row, { lastError, runAt: new Date(Date.now() + delay) });
  }

  /**
   * Back to waiting under its own key again (so it still coalesces). If a follow-up with that key already
   * waits, that one will process the latest data: this one is cancelled as superseded.
   */
  private async requeue(row: Row, data: { lastError?: string; runAt: Date; attempts?: { decrement: number } }): Promise<void> {
    const mine = { id: row.id, lockedBy: this.workerId, status: "running" };
    const key = row.coalesceKey ? row.coalesceKey.slice(0, -RUNNING_SUFFIX.length) : null;
    try {
      await this.db.job.updateMany({ where: mine, data: { ...data, status: "queued", lockedBy: null, lockedAt: null, coalesceKey: key } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await this.db.job.updateMany({
        where: mine,
        data: { status: "cancelled", lockedBy: null, lockedAt: null, coalesceKey: null, finishedAt: new Date(), lastError: "JOBS.SUPERSEDED: a newer job with the same key is waiting" },
      });
    }
  }

  private async finish(row: Row, data: { status: JobStatus; result?: string; lastError?: string; progress?: number }): Promise<void> {
    const updated = await this.db.job.updateMany({
      where: { id: row.id, lockedBy: this.workerId, status: "running" },
      data: { ...data, lockedBy: null, lockedAt: null, coalesceKey: null, finishedAt: new Date() },
    });
    if (updated.count === 0) log.warn("jobs: finished a job this worker no longer holds", { shop: row.shopId, jobId: row.id });
  }

  private async heartbeat(): Promise<void> {
    if (this.dead) return;
    for (const job of [...this.running.values()]) {
      try {
        const updated = await this.db.job.updateMany({
          where: { id: job.id, lockedBy: this.workerId, status: "running" },
          data: { lockedAt: new Date() },
        });
        if (updated.count === 0 && !job.controller.signal.aborted) job.controller.abort(new Error("JOBS.LOCK_LOST"));
      } catch (error) {
        log.error("jobs: heartbeat failed", { err: error, jobId: job.id });
      }
    }
  }

  async getJob(id: string): Promise<JobRecord | null> {
    const row = await this.db.job.findUnique({ where: { id } });
    return row ? toRecord(row) : null;
  }

  async listJobs(shopId: string, options: { status?: JobStatus; limit?: number } = {}): Promise<JobRecord[]> {
    const rows = await this.db.job.findMany({
      where: { shopId, queue: this.queue, ...(options.status ? { status: options.status } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: options.limit ?? 50,
    });
    return rows.map(toRecord);
  }

  listFailed(shopId: string): Promise<JobRecord[]> {
    return this.listJobs(shopId, { status: "failed", limit: 500 });
  }

  async retry(id: string): Promise<RetryResult> {
    const row = await this.db.job.findUnique({ where: { id }, select: { status: true } });
    if (!row) return { ok: false, code: "JOBS.NOT_FOUND", message: `no job ${id}` };
    const updated = await this.db.job.updateMany({
      where: { id, status: "failed" },
      data: { status: "queued", attempts: 0, runAt: new Date(), finishedAt: null, progress: null, progressMessage: null },
    });
    if (updated.count !== 1) return { ok: false, code: "JOBS.NOT_FAILED", message: `job ${id} is ${row.status}, not failed` };
    this.kick();
    return { ok: true, id };
  }

  async cancelShop(shopId: string): Promise<number> {
    // Every queue of the shop: the shop is gone. Running jobs elsewhere notice at their next heartbeat.
    const cancel = () =>
      this.db.job.updateMany({
        where: { shopId, status: { in: ["queued", "running"] } },
        data: { status: "cancelled", coalesceKey: null, lockedBy: null, lockedAt: null, finishedAt: new Date(), lastError: CANCELLED_ERROR },
      });
    // Twice: a schedule occurrence queued by a claim that raced the first statement is caught by the second
    // (or withdrawn by scheduleNext, which sees its claimed row cancelled).
    const cancelled = await cancel();
    cancelled.count += (await cancel()).count;
    for (const job of this.running.values()) {
      if (job.shopId === shopId) job.controller.abort(new Error(CANCELLED_ERROR));
    }
    return cancelled.count;
  }
}

function toRecord(row: Row): JobRecord {
  return {
    id: row.id,
    shopId: row.shopId,
    type: row.type,
    payload: unwrap(row.payload).payload,
    status: row.status as JobStatus,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    progress: row.progress,
    progressMessage: row.progressMessage,
    lastError: row.lastError,
    result: parseJson(row.result),
    runAt: row.runAt,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}
