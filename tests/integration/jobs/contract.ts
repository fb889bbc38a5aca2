// ONE contract for every JobQueue adapter (database, BullMQ). Each adapter's test file calls
// describeJobQueueContract with a harness; a behaviour that breaks in either adapter fails here.
import { afterEach, beforeAll, afterAll, describe, expect, it } from "vitest";
import type { CrashableJobQueue, JobContext, JobQueue, JobRecord, Lane, RunningJob } from "~/jobs/types";

export interface QueueHarness {
  /** Once per suite: database, connections. Throws when the backend is unreachable (a failure, not a skip). */
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** A fresh shop id usable by the adapter (for the database: a Shop row exists). */
  newShop(): Promise<string>;
  /**
   * A queue handle standing for one worker process. Handles created with the same `group` share one queue.
   * Retries back off from ~20 ms; a crashed worker's job is picked up after about `lockExpiryMs`.
   */
  createQueue(group: string, options?: { lanes?: readonly Lane[] }): CrashableJobQueue;
  /** Removes everything a group left behind (called after each test). */
  dropGroup(group: string): Promise<void>;
  lockExpiryMs: number;
}

export async function waitFor(
  condition: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A promise with its resolve function exposed. */
function gate() {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

/** Resolves when the signal aborts. */
function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve())));
}

export function describeJobQueueContract(name: string, harness: QueueHarness) {
  describe(`job queue contract: ${name}`, () => {
    let groups: { group: string; queues: CrashableJobQueue[] }[] = [];
    let counter = 0;

    /** Worker handles for a new group (one queue shared by `n` handles). */
    function workers(n: number, options?: { lanes?: readonly Lane[] }): CrashableJobQueue[] {
      const group = `c${Date.now().toString(36)}${++counter}`;
      const queues = Array.from({ length: n }, () => harness.createQueue(group, options));
      groups.push({ group, queues });
      return queues;
    }

    const status = async (q: JobQueue, shop: string, id: string) => (await q.getJob(shop, id))?.status;
    const settled = (q: JobQueue, shop: string, id: string, s: JobRecord["status"]) =>
      waitFor(async () => (await status(q, shop, id)) === s, `job ${id} ${s}`);

    beforeAll(() => harness.setup());
    afterAll(() => harness.teardown());
    afterEach(async () => {
      for (const { group, queues } of groups) {
        for (const q of queues) {
          await q.stop({ graceMs: 0 }).catch(() => undefined);
          await q.close().catch(() => undefined);
        }
        await harness.dropGroup(group);
      }
      groups = [];
    });

    it("runs an enqueued job once and records its result", async () => {
      // GIVEN a worker with a handler for "echo"
      const [q] = workers(1);
      const shop = await harness.newShop();
      const seen: RunningJob[] = [];
      q.registerHandler<{ n: number }>("echo", async (job) => {
        seen.push(job);
        return { doubled: job.payload.n * 2 };
      });
      await q.start({ concurrency: 2 });
      // WHEN a job is enqueued
      const { id, created } = await q.enqueue({ shopId: shop, type: "echo", payload: { n: 21 } });
      // THEN it runs once with its payload, and its record says done with the result
      await settled(q, shop, id, "done");
      expect(created).toBe(true);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ id, shopId: shop, type: "echo", payload: { n: 21 } });
      const record = await q.getJob(shop, id);
      expect(record).toMatchObject({ status: "done", attempts: 1, result: { doubled: 42 }, progress: 1 });
      expect(record!.finishedAt).toBeInstanceOf(Date);
      expect((await q.listJobs(shop)).map((j) => j.id)).toContain(id);
    });

    it("coalesces a burst of 200 enqueues for one key into one run", async () => {
      // GIVEN 200 concurrent enqueues of a recompute for one variant (and one for another variant)
      const [q] = workers(1);
      const shop = await harness.newShop();
      const runs: string[] = [];
      q.registerHandler<{ variantId: string; order: number }>("recompute", async (job) => {
        runs.push(job.payload.variantId);
      });
      const burst = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          q.enqueue({ shopId: shop, type: "recompute", payload: { variantId: "v1", order: i }, coalesceKey: "v1" }),
        ),
      );
      const other = await q.enqueue({
        shopId: shop,
        type: "recompute",
        payload: { variantId: "v2", order: 0 },
        coalesceKey: "v2",
      });
      // WHEN the worker starts
      await q.start({ concurrency: 4 });
      await settled(q, shop, burst[0].id, "done");
      await settled(q, shop, other.id, "done");
      await sleep(200);
      // THEN v1 was recomputed exactly once (one job id, one creation), v2 once
      expect(new Set(burst.map((r) => r.id)).size).toBe(1);
      expect(burst.filter((r) => r.created)).toHaveLength(1);
      expect(runs.filter((v) => v === "v1")).toHaveLength(1);
      expect(runs.filter((v) => v === "v2")).toHaveLength(1);
    });

    it("queues one follow-up with the latest payload when enqueued while running", async () => {
      // GIVEN a recompute for v1 that is running
      const [q] = workers(1);
      const shop = await harness.newShop();
      const first = gate();
      const started = gate();
      const payloads: number[] = [];
      let active = 0;
      let maxActive = 0;
      q.registerHandler<{ order: number }>("recompute", async (job) => {
        maxActive = Math.max(maxActive, ++active);
        payloads.push(job.payload.order);
        if (payloads.length === 1) {
          started.open();
          await first.promise;
        }
        active--;
      });
      await q.start({ concurrency: 4 });
      const a = await q.enqueue({ shopId: shop, type: "recompute", payload: { order: 0 }, coalesceKey: "v1" });
      await started.promise;
      // WHEN five more orders arrive for v1 during the run, then the run finishes
      for (let i = 1; i <= 5; i++)
        await q.enqueue({ shopId: shop, type: "recompute", payload: { order: i }, coalesceKey: "v1" });
      await sleep(300); // time enough for a wrongly parallel follow-up to start
      first.open();
      await settled(q, shop, a.id, "done");
      await waitFor(() => payloads.length >= 2, "the follow-up run");
      await sleep(300);
      // THEN exactly one follow-up ran, with the latest payload, and never at the same time as the first
      expect(payloads).toEqual([0, 5]);
      expect(maxActive).toBe(1);
    });

    it("retries with backoff up to maxAttempts, then lists the job as failed with its last error", async () => {
      // GIVEN a handler that always fails
      const [q] = workers(1);
      const shop = await harness.newShop();
      const times: number[] = [];
      q.registerHandler("flaky", async (_job, ctx: JobContext) => {
        times.push(Date.now());
        throw new Error(`boom on attempt ${ctx.attempt}`);
      });
      await q.start();
      // WHEN a job with 3 attempts is enqueued
      const { id } = await q.enqueue({ shopId: shop, type: "flaky", maxAttempts: 3 });
      await settled(q, shop, id, "failed");
      // THEN it ran 3 times, waiting at least the jittered backoff between runs (base 20 ms: >= 10, >= 20 ms)
      expect(times).toHaveLength(3);
      expect(times[1] - times[0]).toBeGreaterThanOrEqual(10);
      expect(times[2] - times[1]).toBeGreaterThanOrEqual(20);
      const failed = await q.listFailed(shop);
      expect(failed.map((j) => j.id)).toEqual([id]);
      expect(failed[0]).toMatchObject({ status: "failed", attempts: 3, maxAttempts: 3 });
      expect(failed[0].lastError).toContain("boom on attempt 3");
    });

    it("fails at once on a PermanentJobError", async () => {
      // GIVEN a handler rejecting its payload for good
      const { PermanentJobError } = await import("~/jobs/types");
      const [q] = workers(1);
      const shop = await harness.newShop();
      let runs = 0;
      q.registerHandler("strict", async () => {
        runs++;
        throw new PermanentJobError("payload has no variantId");
      });
      await q.start();
      // WHEN it runs
      const { id } = await q.enqueue({ shopId: shop, type: "strict", maxAttempts: 5 });
      await settled(q, shop, id, "failed");
      // THEN it is not retried
      expect(runs).toBe(1);
      expect((await q.getJob(shop, id))!.lastError).toContain("payload has no variantId");
    });

    it("runs a failed job again on retry, and refuses to retry others (or another shop's)", async () => {
      // GIVEN a job that failed while its dependency was down
      const [q] = workers(1);
      const shop = await harness.newShop();
      let healthy = false;
      q.registerHandler("sync", async () => {
        if (!healthy) throw new Error("admin api down");
        return "synced";
      });
      await q.start();
      const { id } = await q.enqueue({ shopId: shop, type: "sync", maxAttempts: 1 });
      await settled(q, shop, id, "failed");
      // (another shop neither reads nor retries it)
      const stranger = await harness.newShop();
      expect(await q.getJob(stranger, id)).toBeNull();
      expect(await q.retry(stranger, id)).toMatchObject({ ok: false, code: "JOBS.NOT_FOUND" });
      expect(await status(q, shop, id)).toBe("failed");
      // WHEN the dependency is back and the merchant retries it
      healthy = true;
      const result = await q.retry(shop, id);
      // THEN it runs and is done; retrying a done job or an unknown id gives a typed refusal
      expect(result).toEqual({ ok: true, id });
      await settled(q, shop, id, "done");
      expect((await q.getJob(shop, id))!.result).toBe("synced");
      expect(await q.listFailed(shop)).toEqual([]);
      expect(await q.retry(shop, id)).toMatchObject({ ok: false, code: "JOBS.NOT_FAILED" });
      expect(await q.retry(shop, "no-such-job")).toMatchObject({ ok: false, code: "JOBS.NOT_FOUND" });
    });

    it("cancelShop aborts the shop's running job, drops its waiting jobs and schedules, and spares other shops", async () => {
      // GIVEN shop A with a running job, a waiting job and a schedule, and shop B with a waiting job
      const [q] = workers(1);
      const shopA = await harness.newShop();
      const shopB = await harness.newShop();
      const ran: string[] = [];
      const started = gate();
      let sawAbort = false;
      q.registerHandler<{ tag: string }>("work", async (job, ctx) => {
        ran.push(job.payload.tag);
        if (job.payload.tag === "a-running") {
          started.open();
          await aborted(ctx.signal);
          sawAbort = true;
          throw new Error("aborted");
        }
      });
      await q.start({ concurrency: 1 });
      const running = await q.enqueue({ shopId: shopA, type: "work", payload: { tag: "a-running" } });
      await started.promise;
      const waiting = await q.enqueue({ shopId: shopA, type: "work", payload: { tag: "a-waiting" } });
      await q.schedule({
        shopId: shopA,
        name: "tick",
        type: "work",
        payload: { tag: "a-schedule" },
        spec: { everyMs: 100 },
      });
      const other = await q.enqueue({ shopId: shopB, type: "work", payload: { tag: "b" } });
      // WHEN shop A is uninstalled
      const count = await q.cancelShop(shopA);
      // THEN A's running handler is aborted, nothing else of A runs, B's job runs
      await waitFor(() => sawAbort, "the running handler sees the abort");
      await settled(q, shopB, other.id, "done");
      await sleep(500);
      expect(count).toBeGreaterThanOrEqual(2);
      expect(ran.filter((t) => t.startsWith("a-"))).toEqual(["a-running"]);
      expect(await status(q, shopA, running.id)).toBe("cancelled");
      expect([undefined, "cancelled"]).toContain(await status(q, shopA, waiting.id));
      expect(await q.listFailed(shopA)).toEqual([]);
    });

    it("reports progress readable while the job runs", async () => {
      // GIVEN a handler that reports half-way and waits
      const [q] = workers(1);
      const shop = await harness.newShop();
      const release = gate();
      q.registerHandler("import", async (_job, ctx) => {
        await ctx.progress(0.5, "orders 500/1000");
        await release.promise;
      });
      await q.start();
      const { id } = await q.enqueue({ shopId: shop, type: "import" });
      // WHEN the UI reads the job during the run
      await waitFor(async () => (await q.getJob(shop, id))?.progress === 0.5, "progress 0.5");
      const during = await q.getJob(shop, id);
      release.open();
      // THEN it sees running, the fraction and the message; done afterwards
      expect(during).toMatchObject({ status: "running", progress: 0.5, progressMessage: "orders 500/1000" });
      await settled(q, shop, id, "done");
      expect((await q.getJob(shop, id))!.progress).toBe(1);
    });

    it("hands a crashed worker's job to another worker, which completes it exactly once", async () => {
      // GIVEN worker 1 running a job, then dying without finishing or releasing it
      const [w1, w2] = workers(2);
      const shop = await harness.newShop();
      const started = gate();
      const never = gate();
      let completions = 0;
      w1.registerHandler("recompute", async () => {
        started.open();
        await never.promise; // the process "dies" here
        return "w1"; // only reached when the test wakes the dead worker up; it must not count
      });
      w2.registerHandler("recompute", async () => {
        completions++;
        return "w2";
      });
      await w1.start();
      const { id } = await w1.enqueue({ shopId: shop, type: "recompute", coalesceKey: "v1" });
      await started.promise;
      await w1.abandon();
      // WHEN worker 2 runs after the lock expires
      await w2.start();
      await settled(w2, shop, id, "done");
      never.open(); // the dead worker's code wakes up late: it must not complete the job a second time
      await sleep(harness.lockExpiryMs / 2 + 200);
      // THEN worker 2 completed it, once
      expect(completions).toBe(1);
      expect(await w2.getJob(shop, id)).toMatchObject({ status: "done", result: "w2" });
    });

    it("runs each job exactly once when several workers share the queue", async () => {
      // GIVEN three workers and 40 jobs
      const queues = workers(3);
      const shop = await harness.newShop();
      const runs = new Map<number, number>();
      for (const q of queues) {
        q.registerHandler<{ i: number }>("count", async (job) => {
          runs.set(job.payload.i, (runs.get(job.payload.i) ?? 0) + 1);
          await sleep(5);
        });
      }
      const ids: string[] = [];
      for (let i = 0; i < 40; i++)
        ids.push((await queues[0].enqueue({ shopId: shop, type: "count", payload: { i } })).id);
      // WHEN they all work
      await Promise.all(queues.map((q) => q.start({ concurrency: 3 })));
      await waitFor(
        async () => (await Promise.all(ids.map((id) => status(queues[0], shop, id)))).every((s) => s === "done"),
        "all done",
      );
      // THEN every job ran once
      expect(runs.size).toBe(40);
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
    });

    it("runs a schedule repeatedly until it is unscheduled, and rejects a bad spec", async () => {
      // GIVEN a schedule every 100 ms
      const [q] = workers(1);
      const shop = await harness.newShop();
      const runs: unknown[] = [];
      q.registerHandler("snapshot", async (job) => {
        runs.push(job.payload);
      });
      await q.start();
      await q.schedule({
        shopId: shop,
        name: "daily-inventory-snapshot",
        type: "snapshot",
        payload: { kind: "inv" },
        spec: { everyMs: 100 },
      });
      // WHEN time passes, then it is unscheduled
      await waitFor(() => runs.length >= 3, "three scheduled runs");
      await q.unschedule(shop, "daily-inventory-snapshot");
      await sleep(250);
      const after = runs.length;
      await sleep(400);
      // THEN it ran repeatedly with its payload and stops after unschedule
      expect(runs[0]).toEqual({ kind: "inv" });
      expect(runs.length).toBe(after);
      await expect(
        q.schedule({ shopId: shop, name: "x", type: "snapshot", spec: { dailyAtUtc: "25:00" } }),
      ).rejects.toThrow("JOBS.BAD_SCHEDULE");
    });

    it("runs a lane's jobs while every slot of the default lane is taken by jobs that hang", async () => {
      // GIVEN webhook processing in a lane of its own, and Admin API jobs that hang (an unreachable API) filling
      // the default lane's two slots
      const [q] = workers(1, { lanes: [{ name: "webhooks", types: ["webhook"], priority: 10 }] });
      const shop = await harness.newShop();
      const release = gate();
      let hanging = 0;
      q.registerHandler("admin", async () => {
        hanging++;
        await release.promise;
      });
      const applied: number[] = [];
      q.registerHandler<{ n: number }>("webhook", async (job) => {
        applied.push(job.payload.n);
      });
      await q.start({ concurrency: 2, lanes: { webhooks: 4 } });
      for (let i = 0; i < 4; i++) await q.enqueue({ shopId: shop, type: "admin" });
      await waitFor(() => hanging === 2, "two admin jobs hanging");
      // WHEN 20 webhook jobs are enqueued
      const ids = await q.enqueueMany(
        Array.from({ length: 20 }, (_, n) => ({ shopId: shop, type: "webhook", payload: { n } })),
      );
      // THEN all of them run while the admin jobs still hang
      await Promise.all(ids.map((r) => settled(q, shop, r.id, "done")));
      expect(applied.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, n) => n));
      expect(hanging).toBe(2);
      release.open();
    });

    it("enqueueMany coalesces like enqueue, in the order of its inputs", async () => {
      // GIVEN a waiting recompute for v1
      const [q] = workers(1);
      const shop = await harness.newShop();
      const waiting = await q.enqueue({
        shopId: shop,
        type: "recompute",
        payload: { variantId: "v1" },
        coalesceKey: "v1",
      });
      const runs: string[] = [];
      q.registerHandler<{ variantId: string }>("recompute", async (job) => {
        runs.push(job.payload.variantId);
      });
      // WHEN v1, v2, v2 and v3 are enqueued together
      const results = await q.enqueueMany(
        ["v1", "v2", "v2", "v3"].map((v) => ({
          shopId: shop,
          type: "recompute",
          payload: { variantId: v },
          coalesceKey: v,
        })),
      );
      // THEN v1 joins the waiting job, v2 is created once, v3 once; each runs once
      expect(results[0]).toEqual({ id: waiting.id, created: false });
      expect(results[1].created).toBe(true);
      expect(results[2]).toEqual({ id: results[1].id, created: false });
      expect(results[3].created).toBe(true);
      await q.start({ concurrency: 2 });
      await Promise.all([waiting.id, results[1].id, results[3].id].map((id) => settled(q, shop, id, "done")));
      await sleep(200);
      expect(runs.sort()).toEqual(["v1", "v2", "v3"]);
    });

    it("retries a job that failed because the database or Redis was unreachable without spending an attempt", async () => {
      // GIVEN a job allowed ONE attempt whose first three runs meet a refused connection
      const [q] = workers(1);
      const shop = await harness.newShop();
      let runs = 0;
      q.registerHandler("sync", async () => {
        if (++runs <= 3)
          throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
        return "synced";
      });
      await q.start();
      // WHEN it is enqueued
      const { id } = await q.enqueue({ shopId: shop, type: "sync", maxAttempts: 1 });
      // THEN it is retried until the backend answers, and succeeds
      await waitFor(async () => (await status(q, shop, id)) === "done", "job done after the outage", 20_000);
      expect(runs).toBe(4);
    });

    it("reports its claim loop as alive, and its backend as answering", async () => {
      // GIVEN a started worker
      const [q] = workers(1);
      q.registerHandler("noop", async () => undefined);
      await q.start();
      // WHEN asked
      await waitFor(async () => (await q.liveness()).lastLoopAt !== null, "a first claim loop");
      const liveness = await q.liveness();
      // THEN its last successful loop is recent, and the probe answers
      expect(liveness.source).toBe("this process");
      expect(Date.now() - liveness.lastLoopAt!).toBeLessThan(10_000);
      await expect(q.probe(2000)).resolves.toBeUndefined();
    });

    it("stop() lets a running job finish before returning", async () => {
      // GIVEN a job in the middle of its run
      const [q] = workers(1);
      const shop = await harness.newShop();
      const started = gate();
      q.registerHandler("slow", async () => {
        started.open();
        await sleep(150);
        return "finished";
      });
      await q.start();
      const { id } = await q.enqueue({ shopId: shop, type: "slow" });
      await started.promise;
      // WHEN the process stops gracefully
      await q.stop({ graceMs: 5000 });
      // THEN the job completed
      expect(await q.getJob(shop, id)).toMatchObject({ status: "done", result: "finished" });
    });
  });
}
