// The embedded default: a durable queue over the `Job` table, run in-process, safe across processes.
// - Claim: a conditional updateMany (status + runAt, or an expired lock) that only one worker can win; both
//   SQLite and PostgreSQL (READ COMMITTED re-checks the WHERE after a concurrent update) make it atomic.
// - Lock expiry: a running job's `lockedAt` is refreshed by a heartbeat; when it is older than the visibility
//   timeout another worker claims it again (its worker crashed). Every later write of the old worker is
//   conditional on `lockedBy`, so it can no longer complete, fail or release the job.
// - Coalescing: `coalesceKey` holds "<type>:<key>" while the job waits and is cleared on claim, so the unique
//   (shopId, queue, coalesceKey) index keeps ONE waiting job per key, and an enqueue during a run queues one
//   follow-up. Why and guarantees: docs/decisions/0007-job-queue.md.
// - Lanes: types in a lane have slots of their own; jobs without a coalesce key are claimed in batches (one
//   conditional updateMany per lane and round), each claim with a token of its own in `lockedBy`.
// - No silent stall: every awaited call of the claim loop has a deadline, the loop restarts at the next poll after
//   a failure, outcomes that could not be written are written again once the database answers, and the loop's last
//   success is the worker's heartbeat (liveness(), WorkerHeartbeat). Why: docs/decisions/0016-timeouts-and-webhook-lane.md.
import { hostname } from "node:os";
import { databaseTarget, databaseUrlOf, type Db } from "~/db.server";
import { withDeadline } from "~/lib/deadline";
import { log, serialiseError } from "~/logger.server";
import { backoffDelay, DEFAULT_BACKOFF, mulberry32, seedFrom, type BackoffOptions } from "./backoff";
import { checkSchedule, nextOccurrence } from "./schedule";
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
  type ScheduleSpec,
  type StartOptions,
  type StopOptions,
} from "./types";
import { isUniqueViolation } from "~/db/unique-violation";
import { nextTurn } from "~/lib/yield";

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
  /** Job types with slots (and a priority) of their own. Default none: every type shares the default lane. */
  lanes?: readonly Lane[];
  /** Deadline of each awaited step of the claim loop (claims, pings, retried writes). Default 60 s. */
  claimTimeoutMs?: number;
  /** With every slot busy, the loop still checks the database this often (the heartbeat). Default 5 s. */
  livenessMs?: number;
  /** How often a started worker records its heartbeat in WorkerHeartbeat. Default 10 s. */
  heartbeatWriteMs?: number;
  /** While a lane of higher priority has a backlog, a lower lane claims one job per this. Default 1000 ms. */
  yieldMs?: number;
}

type Row = Awaited<ReturnType<Db["job"]["findFirstOrThrow"]>>;

/** Namespace of a schedule's coalesce key (one waiting occurrence per schedule; never equal to an enqueue's key). */
const SCHEDULE_PREFIX = "@schedule:";
const RUNNING_SUFFIX = "#running";
/** What Job.schedule holds (JSON) for an occurrence of a repeating job. */
interface ScheduleOf {
  name: string;
  spec: ScheduleSpec;
}

let instances = 0;

function parseJson(text: string | null): unknown {
  if (text == null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The schedule a job row is an occurrence of, or null for a job enqueued once. */
function scheduleOf(row: { schedule: string | null }): ScheduleOf | null {
  return row.schedule ? (JSON.parse(row.schedule) as ScheduleOf) : null;
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

type FinishData = { status: JobStatus; result?: string; lastError?: string; progress?: number };

interface Running {
  id: string;
  lane: string;
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
  private readonly lanes: readonly Lane[];
  private readonly laneOfType = new Map<string, Lane>();
  private readonly claimTimeoutMs: number;
  private readonly livenessMs: number;
  private readonly heartbeatWriteMs: number;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly running = new Map<string, Running>();
  // Bounds concurrent enqueues per process below the connection pool: a burst of 200 unbounded
  // enqueues on PostgreSQL left every pooled connection idle in a transaction (Prisma 6.19 + adapter-pg).
  private readonly limit = new Limit(4);
  private concurrency = 1;
  private laneSlots: Record<string, number> = {};
  private started = false;
  private dead = false;
  private pollTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private newJobsListener: (() => void) | null = null;
  private pumping: Promise<void> | null = null;
  private heartbeating: Promise<void> | null = null;
  private pumpAgain = false;
  private shouldClaim: (() => boolean) | undefined;
  private claimRetry: NodeJS.Timeout | null = null;
  private claims = 0;
  private lastLoopAt: number | null = null;
  private failingSince: number | null = null;
  private lastFailureLog = 0;
  private lastBeatWrite = 0;
  private lastPrune = 0;
  private beatWriting = false;
  private readonly backlogged = new Set<string>();
  private readonly yieldedAt = new Map<string, number>();
  private readonly yieldMs: number;
  private readonly postgres: boolean;
  private readonly finishing = new Map<string, { rows: Row[]; done: Promise<void> }>();
  // Outcomes (done, failed, back to queued) that could not be written: written again before the next claims.
  private readonly unrecorded = new Map<string, () => Promise<void>>();

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
    this.lanes = (options.lanes ?? []).filter((lane) => lane.name !== DEFAULT_LANE);
    for (const lane of this.lanes) for (const type of lane.types) this.laneOfType.set(type, lane);
    this.claimTimeoutMs = options.claimTimeoutMs ?? 60_000;
    this.livenessMs = options.livenessMs ?? 5000;
    this.heartbeatWriteMs = options.heartbeatWriteMs ?? 10_000;
    this.yieldMs = options.yieldMs ?? 1000;
    this.postgres = databaseTarget(databaseUrlOf(this.db)).provider === "postgres";
  }

  registerHandler<P = unknown>(type: string, handler: JobHandler<P>): void {
    if (type.startsWith("@")) throw new Error(`job type must not start with "@": ${type}`);
    this.handlers.set(type, handler as JobHandler);
  }

  async enqueue<P = unknown>(input: EnqueueInput<P>): Promise<EnqueueResult> {
    return this.limit.run(() => this.enqueueNow(input));
  }

  /** The row an enqueue writes (validated). */
  private rowOf<P>(input: EnqueueInput<P>) {
    if (!input.type || input.type.startsWith("@"))
      throw new Error(`job type must be non-empty and not start with "@": ${JSON.stringify(input.type)}`);
    if (input.coalesceKey?.endsWith(RUNNING_SUFFIX))
      throw new Error(`coalesceKey must not end with "${RUNNING_SUFFIX}": ${input.coalesceKey}`);
    const maxAttempts = input.maxAttempts ?? this.defaultMaxAttempts;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
      throw new Error(`maxAttempts must be an integer >= 1, got ${maxAttempts}`);
    return {
      shopId: input.shopId,
      queue: this.queue,
      type: input.type,
      payload: JSON.stringify(input.payload ?? {}),
      maxAttempts,
      priority: this.laneOfType.get(input.type)?.priority ?? 0,
      runAt: input.runAt ?? new Date(),
    };
  }

  /** The database this queue writes to: a writer that inserts job rows itself must write to this one. */
  get databaseUrl(): string | undefined {
    return databaseUrlOf(this.db);
  }

  /**
   * The row an enqueue without a coalesce key inserts, for a writer that inserts it in its own transaction together
   * with what the job is about (the SQLite webhook intake, app/webhooks/sqlite-intake.server.ts). Call `inserted()`
   * once that transaction is committed.
   */
  jobRow<P = unknown>(input: Omit<EnqueueInput<P>, "coalesceKey">): ReturnType<DbJobQueue["rowOf"]> {
    return this.rowOf(input);
  }

  /** Jobs were inserted by another writer: claim them now rather than at the next poll. */
  inserted(): void {
    this.kick();
  }

  /**
   * While this queue is not started here, `listener` is called whenever it would have claimed at once (a job was
   * enqueued, or `inserted()`): the web thread passes it on to the job thread that runs the jobs
   * (app/server/job-thread.server.ts), so they do not wait for its next poll. null removes it.
   */
  forwardNewJobs(listener: (() => void) | null): void {
    this.newJobsListener = listener;
  }

  async enqueueMany<P = unknown>(inputs: EnqueueInput<P>[]): Promise<EnqueueResult[]> {
    return this.limit.run(() => this.enqueueManyNow(inputs));
  }

  /**
   * Coalesced inputs: one read finds the keys already waiting; a waiting job with the same payload is left as it is
   * (its run starts after this call, so it sees data committed before it), the others are created together. Anything
   * that races (created or claimed meanwhile) goes through the one-by-one path.
   */
  private async enqueueManyNow<P = unknown>(inputs: EnqueueInput<P>[]): Promise<EnqueueResult[]> {
    const results: EnqueueResult[] = new Array(inputs.length);
    type Keyed = { shopId: string; key: string; data: ReturnType<DbJobQueue["rowOf"]>; at: number[] };
    const keyed = new Map<string, Keyed>();
    for (const [i, input] of inputs.entries()) {
      if (input.coalesceKey === undefined) {
        results[i] = await this.enqueueNow(input);
        continue;
      }
      const key = `${input.type}:${input.coalesceKey}`;
      const id = `${input.shopId}\u0000${key}`;
      const entry = keyed.get(id) ?? { shopId: input.shopId, key, data: this.rowOf(input), at: [] };
      entry.data = this.rowOf(input); // the latest payload wins
      entry.at.push(i);
      keyed.set(id, entry);
    }
    if (keyed.size === 0) return results;
    const waiting = await this.db.job.findMany({
      where: {
        queue: this.queue,
        status: "queued",
        OR: [...keyed.values()].map((e) => ({ shopId: e.shopId, coalesceKey: e.key })),
      },
      select: { id: true, shopId: true, coalesceKey: true, payload: true },
    });
    const found = new Map(waiting.map((w) => [`${w.shopId}\u0000${w.coalesceKey}`, w]));
    const missing: Keyed[] = [];
    for (const [id, entry] of keyed) {
      const w = found.get(id);
      if (w && w.payload === entry.data.payload) for (const i of entry.at) results[i] = { id: w.id, created: false };
      else if (w) {
        const r = await this.upsertWaiting(entry.shopId, entry.key, entry.data, { payload: entry.data.payload });
        entry.at.forEach((i, n) => (results[i] = n === 0 ? r : { id: r.id, created: false }));
      } else missing.push(entry);
    }
    if (missing.length > 0) {
      let created: { id: string; shopId: string; coalesceKey: string | null }[] | null = null;
      try {
        created = await this.db.job.createManyAndReturn({
          data: missing.map((e) => ({ ...e.data, coalesceKey: e.key })),
          select: { id: true, shopId: true, coalesceKey: true },
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error; // one was created meanwhile: one by one
      }
      const ids = new Map((created ?? []).map((c) => [`${c.shopId}\u0000${c.coalesceKey}`, c.id]));
      for (const entry of missing) {
        const id = ids.get(`${entry.shopId}\u0000${entry.key}`);
        const r = id
          ? { id, created: true }
          : await this.upsertWaiting(entry.shopId, entry.key, entry.data, { payload: entry.data.payload });
        entry.at.forEach((i, n) => (results[i] = n === 0 ? r : { id: r.id, created: false }));
      }
      this.kick();
    }
    return results;
  }

  private async enqueueNow<P = unknown>(input: EnqueueInput<P>): Promise<EnqueueResult> {
    const data = this.rowOf(input);
    const payload = data.payload;
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
    data: {
      shopId: string;
      queue: string;
      type: string;
      payload: string;
      schedule?: string;
      maxAttempts: number;
      priority?: number;
      runAt: Date;
    },
    update: { payload?: string; schedule?: string; runAt?: Date; type?: string },
  ): Promise<EnqueueResult> {
    const where = { shopId, queue: this.queue, coalesceKey: key, status: "queued" };
    for (let round = 0; round < 20; round++) {
      // Most calls of a burst find the waiting job: update it and read its id back (one statement).
      const updated = await this.db.job.updateManyAndReturn({ where, data: update, select: { id: true } });
      if (updated.length === 1) return { id: updated[0].id, created: false };
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
    const payload = JSON.stringify(input.payload ?? {});
    const schedule = JSON.stringify({ name: input.name, spec: input.spec } satisfies ScheduleOf);
    const runAt = nextOccurrence(input.spec, new Date());
    const data = {
      shopId: input.shopId,
      queue: this.queue,
      type: input.type,
      payload,
      schedule,
      maxAttempts: this.defaultMaxAttempts,
      runAt,
    };
    await this.upsertWaiting(input.shopId, SCHEDULE_PREFIX + input.name, data, {
      payload,
      schedule,
      runAt,
      type: input.type,
    });
    this.kick();
  }

  async unschedule(shopId: string, name: string): Promise<void> {
    const key = SCHEDULE_PREFIX + name;
    // First detach a running occurrence from the schedule (it finishes, but scheduleNext sees the detached key
    // and withdraws the occurrence it queued), THEN cancel the waiting one: in this order no occurrence escapes.
    await this.db.job.updateMany({
      where: { shopId, queue: this.queue, coalesceKey: key + RUNNING_SUFFIX },
      data: { coalesceKey: null },
    });
    await this.db.job.updateMany({
      where: { shopId, queue: this.queue, coalesceKey: key, status: "queued" },
      data: { status: "cancelled", coalesceKey: null, finishedAt: new Date(), lastError: "unscheduled" },
    });
  }

  async start(options: StartOptions = {}): Promise<void> {
    if (this.dead) throw new Error("this queue was abandoned; create a new one");
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.laneSlots = Object.fromEntries(
      this.lanes.map((lane) => [lane.name, Math.max(0, options.lanes?.[lane.name] ?? this.concurrency)]),
    );
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
    if (timedOut) {
      // Release what is still running: back to queued for another worker, this attempt not counted.
      for (const job of [...this.running.values()]) {
        job.controller.abort(new Error("JOBS.STOPPING"));
        await this.bounded(
          this.requeue(job.row, { runAt: new Date(), attempts: { decrement: 1 } }),
          "releasing a job",
        ).catch((err) => log.error("jobs: could not release a job", { err, shop: job.shopId, jobId: job.id }));
      }
    }
    await this.bounded(this.flushUnrecorded(), "writing job outcomes").catch(() => undefined);
    await this.bounded(
      this.db.workerHeartbeat.deleteMany({ where: { id: this.workerId } }),
      "removing the heartbeat",
    ).catch(() => undefined);
  }

  /** TESTS ONLY (not part of JobQueue): see CrashableJobQueue in ./types. */
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

  async probe(timeoutMs: number): Promise<void> {
    await withDeadline(this.db.$queryRaw`SELECT 1`, timeoutMs, "the database");
  }

  async liveness(): Promise<Liveness> {
    if (this.started) return { source: "this process", lastLoopAt: this.lastLoopAt };
    const newest = await this.db.workerHeartbeat.findFirst({
      where: { queue: this.queue },
      orderBy: { beatAt: "desc" },
      select: { beatAt: true },
    });
    return { source: "workers", lastLoopAt: newest?.beatAt.getTime() ?? null };
  }

  private halt(): void {
    this.started = false;
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    if (this.claimRetry) clearTimeout(this.claimRetry);
    this.pollTimer = this.heartbeatTimer = this.claimRetry = null;
  }

  private kick(): void {
    if (!this.started || this.dead) {
      if (!this.dead) this.newJobsListener?.();
      return;
    }
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    // Every await inside has a deadline, so this promise always settles; a failure ends this round and the next
    // poll (or the next finished job) starts a new one: the loop never stops for good.
    // Started on the next turn of the event loop: jobs that finished together have all freed their slots by then,
    // so one claim takes them all (a batch) instead of one claim each.
    this.pumping = nextTurn()
      .then(() => this.pump())
      .then(() => {
        if (this.failingSince === null) return;
        log.info("jobs: claim loop recovered", { queue: this.queue, afterMs: Date.now() - this.failingSince });
        this.failingSince = null;
      })
      .catch((error) => {
        // Once per failure, then every 30 s while it lasts (the poll retries every pollMs).
        const now = Date.now();
        if (this.failingSince === null || now - this.lastFailureLog >= 30_000) {
          log.error("jobs: claim loop failed", {
            err: error,
            queue: this.queue,
            failingForMs: this.failingSince === null ? 0 : now - this.failingSince,
          });
          this.lastFailureLog = now;
        }
        this.failingSince ??= now;
      })
      .finally(() => {
        this.pumping = null;
        if (this.pumpAgain) {
          this.pumpAgain = false;
          this.kick();
        }
      });
  }

  private bounded<T>(promise: Promise<T>, what: string, late?: (value: T) => void): Promise<T> {
    return withDeadline(promise, this.claimTimeoutMs, what, late);
  }

  /** The lanes by priority (highest first), with the types each may claim now. A lane given 0 slots shares the default lane's. */
  private laneTypes(): { name: string; types: string[]; slots: number; priority: number; batches: boolean }[] {
    const registered = [...this.handlers.keys()];
    const own = this.lanes
      .map((lane) => ({
        name: lane.name,
        types: registered.filter((type) => this.laneOfType.get(type) === lane),
        slots: this.laneSlots[lane.name] ?? this.concurrency,
        priority: lane.priority ?? 0,
        batches: lane.batches === true,
      }))
      .filter((lane) => lane.slots > 0);
    const apart = new Set(own.flatMap((lane) => lane.types));
    const rest = {
      name: DEFAULT_LANE,
      types: registered.filter((type) => !apart.has(type)),
      slots: this.concurrency,
      priority: 0,
      batches: false,
    };
    return [...own, rest].filter((lane) => lane.types.length > 0).sort((a, b) => b.priority - a.priority);
  }

  private busy(lane: string): number {
    let n = 0;
    for (const job of this.running.values()) if (job.lane === lane) n++;
    return n;
  }

  /**
   * Claims for every lane with free slots, highest priority first, until nothing more is due. While a lane of higher
   * priority has a backlog (its last claim took all it asked for), lower lanes claim one job per yieldMs: stored
   * webhooks are applied first, and the other jobs (recomputes, Admin API calls) still progress.
   */
  private async pump(): Promise<void> {
    if (this.unrecorded.size > 0) await this.bounded(this.flushUnrecorded(), "writing job outcomes");
    for (let round = 0; this.started && !this.dead && this.handlers.size > 0; round++) {
      let claimedAny = false;
      let freeAny = false;
      let aheadPriority = -Infinity; // the highest priority of a lane with a backlog so far
      for (const lane of this.laneTypes()) {
        const busy = this.busy(lane.name);
        let free = lane.slots - busy;
        // A lane that applies its jobs in batches waits until half its slots are free: claims (and batches) stay
        // large instead of breaking into one job each as jobs end at different moments.
        if (lane.batches && busy > 0 && free < Math.ceil(lane.slots / 2)) free = 0;
        const behind = aheadPriority > lane.priority;
        if (this.backlogged.has(lane.name)) aheadPriority = Math.max(aheadPriority, lane.priority);
        if (free <= 0) continue;
        if (behind) {
          if (Date.now() - (this.yieldedAt.get(lane.name) ?? 0) < this.yieldMs) continue;
          this.yieldedAt.set(lane.name, Date.now());
          free = 1;
        }
        freeAny = true;
        if (this.shouldClaim && !this.shouldClaim()) {
          // Paused by the caller: look again soon rather than at the next poll.
          this.claimRetry ??= setTimeout(
            () => {
              this.claimRetry = null;
              this.kick();
            },
            Math.min(100, this.pollMs),
          );
          return;
        }
        // A claim that answers after its deadline is released at once: its jobs go back to waiting.
        const rows = await this.bounded(
          this.claim(lane.types, free),
          "claiming jobs",
          (late) => void this.release(late),
        );
        this.beat();
        for (const row of rows) this.run(row, lane.name);
        if (rows.length > 0) claimedAny = true;
        if (!behind) {
          if (rows.length === free) {
            this.backlogged.add(lane.name);
            aheadPriority = Math.max(aheadPriority, lane.priority);
          } else this.backlogged.delete(lane.name);
        }
      }
      if (!freeAny) {
        // Every slot is busy: the heartbeat still says whether the database answers.
        if (Date.now() - (this.lastLoopAt ?? 0) >= this.livenessMs) {
          await this.probe(this.claimTimeoutMs);
          this.beat();
        }
        return;
      }
      if (!claimedAny) return;
    }
  }

  /** This worker's loop completed against the database: remember it, and record it for other processes now and then. */
  private beat(): void {
    const now = Date.now();
    this.lastLoopAt = now;
    if (this.beatWriting || now - this.lastBeatWrite < this.heartbeatWriteMs) return;
    this.beatWriting = true;
    this.lastBeatWrite = now;
    const beatAt = new Date(now);
    const write = async () => {
      await this.db.workerHeartbeat.upsert({
        where: { id: this.workerId },
        create: { id: this.workerId, queue: this.queue, beatAt },
        update: { beatAt },
      });
      // Workers that died without stopping leave their row: forget those silent for a day (once an hour is enough).
      if (now - this.lastPrune >= 3_600_000) {
        this.lastPrune = now;
        await this.db.workerHeartbeat.deleteMany({ where: { beatAt: { lt: new Date(now - 86_400_000) } } });
      }
    };
    void this.bounded(write(), "recording the heartbeat")
      .catch((err) => log.warn("jobs: could not record the worker heartbeat", { err: String(err), queue: this.queue }))
      .finally(() => (this.beatWriting = false));
  }

  private async flushUnrecorded(): Promise<void> {
    for (const [id, write] of [...this.unrecorded]) {
      await write();
      this.unrecorded.delete(id);
    }
  }

  private dueWhere(now: Date, types: string[]) {
    return {
      queue: this.queue,
      type: { in: types },
      OR: [
        { status: "queued", runAt: { lte: now } },
        { status: "running", lockedAt: { lt: new Date(now.getTime() - this.visibilityMs) } },
      ],
    };
  }

  /** A new lock token: every write about a claimed job is conditional on it. */
  private token(): string {
    return `${this.workerId}#${(++this.claims).toString(36)}`;
  }

  /**
   * Claims up to `max` due jobs of `types`. Jobs without a coalesce key are claimed together by one conditional
   * updateMany (the ones another worker took meanwhile are simply not ours); the others one by one.
   */
  private async claim(types: string[], max: number): Promise<Row[]> {
    const now = new Date();
    const claimed: Row[] = [];
    if (this.postgres) {
      // One statement: the first due jobs nobody else is claiming right now (SKIP LOCKED), so workers never queue
      // behind each other's claims. Jobs with a coalesce key or an expired lock follow below, one by one.
      const lockedBy = this.token();
      claimed.push(
        ...(await this.db.$queryRaw<Row[]>`
          UPDATE "Job" SET status = 'running', "lockedBy" = ${lockedBy}, "lockedAt" = ${now}, attempts = attempts + 1, "updatedAt" = ${now}
          WHERE id IN (
            SELECT id FROM "Job"
            WHERE queue = ${this.queue} AND type = ANY(${types}) AND status = 'queued' AND "runAt" <= ${now} AND "coalesceKey" IS NULL
            ORDER BY priority DESC, "runAt" ASC
            LIMIT ${max}
            FOR UPDATE SKIP LOCKED)
          RETURNING *`),
      );
      if (claimed.length >= max) return claimed;
    }
    const candidates = await this.db.job.findMany({
      where: this.postgres
        ? { AND: [this.dueWhere(now, types), { NOT: { status: "queued", coalesceKey: null } }] }
        : this.dueWhere(now, types),
      orderBy: [{ priority: "desc" }, { runAt: "asc" }],
      take: max * 2 + 50, // blocked follow-ups (key running) are at most one per running job
    });
    const batchable = candidates.filter((c) => c.status === "queued" && c.coalesceKey === null);
    if (batchable.length > 0) {
      // Workers claiming at the same moment start at different places among the first 2 * max.
      const window = batchable.slice(0, max * 2);
      const offset = Math.floor(this.random() * window.length);
      const pick = [...window.slice(offset), ...window.slice(0, offset)].slice(0, max);
      const ids = pick.map((c) => c.id);
      const lockedBy = this.token();
      const lockedAt = new Date();
      const won = await this.db.job.updateMany({
        where: { id: { in: ids }, status: "queued", runAt: { lte: now } },
        data: { status: "running", lockedBy, lockedAt, attempts: { increment: 1 } },
      });
      if (won.count === pick.length) {
        claimed.push(...pick.map((c) => ({ ...c, status: "running", lockedBy, lockedAt, attempts: c.attempts + 1 })));
      } else if (won.count > 0) {
        claimed.push(...(await this.db.job.findMany({ where: { id: { in: ids }, lockedBy, status: "running" } })));
      }
    }
    // A waiting follow-up whose key is running cannot be claimed yet (the unique index): skip those without trying.
    const keys = candidates
      .filter((c) => c.status === "queued" && c.coalesceKey !== null)
      .map((c) => c.coalesceKey + RUNNING_SUFFIX);
    const blocked =
      keys.length > 0
        ? new Set(
            (
              await this.db.job.findMany({
                where: { queue: this.queue, coalesceKey: { in: keys } },
                select: { shopId: true, coalesceKey: true },
              })
            ).map((r) => `${r.shopId}\u0000${r.coalesceKey!.slice(0, -RUNNING_SUFFIX.length)}`),
          )
        : new Set<string>();
    for (const candidate of candidates) {
      if (claimed.length >= max) break;
      if (
        candidate.status === "queued" &&
        (candidate.coalesceKey === null || blocked.has(`${candidate.shopId}\u0000${candidate.coalesceKey}`))
      )
        continue;
      const row = await this.claimOne(candidate, now);
      if (row) claimed.push(row);
    }
    return claimed;
  }

  /** Claims one candidate with a coalesce key (or an expired lock), or returns null. */
  private async claimOne(candidate: Row, now: Date): Promise<Row | null> {
    const fresh = candidate.status === "queued";
    // Waiting "<key>" becomes running "<key>#running": the unique index allows one run per key at a time.
    const runningKey = fresh
      ? candidate.coalesceKey
        ? candidate.coalesceKey + RUNNING_SUFFIX
        : null
      : candidate.coalesceKey;
    const lockedBy = this.token();
    const lockedAt = new Date();
    let claimed: { count: number };
    try {
      claimed = await this.db.job.updateMany({
        where: fresh
          ? { id: candidate.id, status: "queued", runAt: { lte: now } }
          : { id: candidate.id, status: "running", lockedBy: candidate.lockedBy, lockedAt: candidate.lockedAt },
        data: { status: "running", lockedBy, lockedAt, attempts: { increment: 1 }, coalesceKey: runningKey },
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null; // a job with this key is running: the follow-up waits for it
      throw error;
    }
    if (claimed.count !== 1) return null; // another worker won this one
    if (candidate.status === "running") {
      log.warn("jobs: lock expired, claiming again", {
        shop: candidate.shopId,
        jobId: candidate.id,
        previous: candidate.lockedBy,
      });
    }
    const row = {
      ...candidate,
      status: "running",
      lockedBy,
      lockedAt,
      attempts: candidate.attempts + 1,
      coalesceKey: runningKey,
    };
    const schedule = scheduleOf(candidate);
    if (schedule) await this.scheduleNext(row, schedule);
    if (row.attempts > row.maxAttempts) {
      // It crashed its worker on every attempt (out of memory, killed): stop trying.
      await this.finish(row, {
        status: "failed",
        lastError: "JOBS.LOCK_EXPIRED: the worker stopped responding on every attempt",
      });
      return null;
    }
    return row;
  }

  /** Jobs claimed by a claim that answered after its deadline: back to waiting, the attempt not counted. */
  private async release(rows: Row[]): Promise<void> {
    for (const row of rows) {
      await this.requeue(row, { runAt: new Date(), attempts: { decrement: 1 } }).catch((err) =>
        log.warn("jobs: could not release a late claim (its lock expires instead)", {
          err: String(err),
          jobId: row.id,
        }),
      );
    }
  }

  /** Queues the next occurrence of a repeating job (the unique key keeps one waiting at most). */
  private async scheduleNext(row: Row, { name, spec }: ScheduleOf): Promise<void> {
    const key = SCHEDULE_PREFIX + name;
    let next: { id: string };
    try {
      next = await this.db.job.create({
        data: {
          shopId: row.shopId,
          queue: row.queue,
          type: row.type,
          payload: row.payload,
          schedule: row.schedule,
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
    const claimed = await this.db.job.findUnique({
      where: { id: row.id },
      select: { status: true, coalesceKey: true, lockedBy: true },
    });
    if (
      claimed?.status !== "running" ||
      claimed.lockedBy !== row.lockedBy ||
      claimed.coalesceKey !== key + RUNNING_SUFFIX
    ) {
      await this.db.job.updateMany({
        where: { id: next.id, status: "queued" },
        data: { status: "cancelled", coalesceKey: null, finishedAt: new Date(), lastError: "unscheduled" },
      });
    }
  }

  private run(row: Row, lane: string): void {
    const controller = new AbortController();
    const entry: Running = { id: row.id, lane, row, shopId: row.shopId, controller, done: Promise.resolve() };
    this.running.set(row.id, entry);
    // A failed bookkeeping write (the database is unreachable, SQLITE_BUSY from another process) must not kill the
    // worker: the write is kept and made again before the next claims, as soon as the database answers.
    entry.done = this.execute(row, controller)
      .catch((error: unknown) =>
        log.error("jobs: could not record a job's outcome", { err: error, shop: row.shopId, jobId: row.id }),
      )
      .finally(() => {
        if (this.running.get(row.id) === entry) this.running.delete(row.id);
        this.kick();
      });
  }

  /** Makes `write` now; if it fails, keeps it for the next claim loop (the job stays ours: lockedBy is our token). */
  private async record(row: Row, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (this.unrecorded.size < 10_000) this.unrecorded.set(row.id, write);
      throw error;
    }
  }

  private async execute(row: Row, controller: AbortController): Promise<void> {
    const handler = this.handlers.get(row.type)!;
    const mine = { id: row.id, lockedBy: row.lockedBy, status: "running" };
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
      outcome = {
        ok: true,
        value: await handler({ id: row.id, shopId: row.shopId, type: row.type, payload: parseJson(row.payload) }, ctx),
      };
    } catch (error) {
      outcome = { ok: false, error };
    }
    if (this.dead || controller.signal.aborted) return; // cancelled, released or lock lost: the row is not ours
    if (outcome.ok) {
      const value = outcome.value;
      await this.record(row, () =>
        this.finish(row, { status: "done", result: JSON.stringify(value ?? null), progress: 1 }),
      );
      return;
    }
    const lastError = errorText(outcome.error);
    const delay = backoffDelay(row.attempts, this.backoff, this.random);
    if (isTransientInfraError(outcome.error) && !(outcome.error instanceof PermanentJobError)) {
      // The database or Redis did not answer: not this job's fault, the attempt is not counted.
      const runAt = new Date(Date.now() + Math.min(delay, 30_000));
      await this.record(row, () => this.requeue(row, { lastError, runAt, attempts: { decrement: 1 } }));
      return;
    }
    if (outcome.error instanceof PermanentJobError || row.attempts >= row.maxAttempts) {
      await this.record(row, () => this.finish(row, { status: "failed", lastError }));
      log.warn("jobs: job failed", {
        shop: row.shopId,
        jobId: row.id,
        type: row.type,
        attempts: row.attempts,
        error: lastError,
      });
      return;
    }
    const runAt = new Date(Date.now() + delay);
    await this.record(row, () => this.requeue(row, { lastError, runAt }));
  }

  /**
   * Back to waiting under its own key again (so it still coalesces). If a follow-up with that key already
   * waits, that one will process the latest data: this one is cancelled as superseded.
   */
  private async requeue(
    row: Row,
    data: { lastError?: string; runAt: Date; attempts?: { decrement: number } },
  ): Promise<void> {
    const mine = { id: row.id, lockedBy: row.lockedBy, status: "running" };
    const key = row.coalesceKey ? row.coalesceKey.slice(0, -RUNNING_SUFFIX.length) : null;
    try {
      await this.db.job.updateMany({
        where: mine,
        data: { ...data, status: "queued", lockedBy: null, lockedAt: null, coalesceKey: key },
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await this.db.job.updateMany({
        where: mine,
        data: {
          status: "cancelled",
          lockedBy: null,
          lockedAt: null,
          coalesceKey: null,
          finishedAt: new Date(),
          lastError: "JOBS.SUPERSEDED: a newer job with the same key is waiting",
        },
      });
    }
  }

  /**
   * Jobs of one claim that end in the same turn of the event loop with the same outcome (a batch of webhook
   * deliveries) are finished by one statement.
   */
  private finish(row: Row, data: FinishData): Promise<void> {
    const key = `${row.lockedBy}\u0000${JSON.stringify(data)}`;
    let group = this.finishing.get(key);
    if (!group) {
      const rows: Row[] = [];
      const done = nextTurn().then(() => {
        this.finishing.delete(key);
        return this.finishNow(rows, data);
      });
      group = { rows, done };
      this.finishing.set(key, group);
    }
    group.rows.push(row);
    return group.done;
  }

  private async finishNow(rows: Row[], data: FinishData): Promise<void> {
    const updated = await this.db.job.updateMany({
      where: { id: { in: rows.map((r) => r.id) }, lockedBy: rows[0].lockedBy, status: "running" },
      data: { ...data, lockedBy: null, lockedAt: null, coalesceKey: null, finishedAt: new Date() },
    });
    if (updated.count < rows.length) {
      log.warn("jobs: finished a job this worker no longer holds", {
        shop: rows[0].shopId,
        jobIds: rows.map((r) => r.id),
        finished: updated.count,
      });
    }
  }

  private async heartbeat(): Promise<void> {
    if (this.dead) return;
    for (const job of [...this.running.values()]) {
      try {
        const updated = await this.bounded(
          this.db.job.updateMany({
            where: { id: job.id, lockedBy: job.row.lockedBy, status: "running" },
            data: { lockedAt: new Date() },
          }),
          "refreshing a job lock",
        );
        if (updated.count === 0 && !job.controller.signal.aborted) job.controller.abort(new Error("JOBS.LOCK_LOST"));
      } catch (error) {
        log.error("jobs: heartbeat failed", { err: error, jobId: job.id });
      }
    }
  }

  async getJob(shopId: string, id: string): Promise<JobRecord | null> {
    const row = await this.db.job.findFirst({ where: { id, shopId } });
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

  async retry(shopId: string, id: string): Promise<RetryResult> {
    const row = await this.db.job.findFirst({ where: { id, shopId }, select: { status: true } });
    if (!row) return { ok: false, code: "JOBS.NOT_FOUND", message: `no job ${id}` };
    const updated = await this.db.job.updateMany({
      where: { id, shopId, status: "failed" },
      data: {
        status: "queued",
        attempts: 0,
        runAt: new Date(),
        finishedAt: null,
        progress: null,
        progressMessage: null,
      },
    });
    if (updated.count !== 1)
      return { ok: false, code: "JOBS.NOT_FAILED", message: `job ${id} is ${row.status}, not failed` };
    this.kick();
    return { ok: true, id };
  }

  async cancelShop(shopId: string): Promise<number> {
    // Every queue of the shop: the shop is gone. Running jobs elsewhere notice at their next heartbeat.
    const cancel = () =>
      this.db.job.updateMany({
        where: { shopId, status: { in: ["queued", "running"] } },
        data: {
          status: "cancelled",
          coalesceKey: null,
          lockedBy: null,
          lockedAt: null,
          finishedAt: new Date(),
          lastError: CANCELLED_ERROR,
        },
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
    payload: parseJson(row.payload),
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
