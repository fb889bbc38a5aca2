// DbJobQueue's shouldClaim option (the web process yields to webhook bursts), the gate the web process uses
// (app/server/jobs.server.ts), enqueue on a queue that was never started (JOBS_IN_WEB=false), and that variable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DbJobQueue } from "~/jobs/db-queue.server";
import { createPrismaClient, type Db } from "~/db.server";
import { readEnv } from "~/env.server";
import { claimGateFromSignals, shareWebThreadSignals } from "~/server/claim-gate.server";
import { createClaimGate, jobsInWeb, jobsRunInWeb } from "~/server/jobs.server";
import { migratedTestDatabase } from "../../support/env";

let db: Db;
let shopId: string;
const queues: DbJobQueue[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function newQueue(name: string): DbJobQueue {
  const queue = new DbJobQueue({ db, queue: `${name}-${process.pid}`, pollMs: 25, seed: 3 });
  queues.push(queue);
  return queue;
}

async function waitFor(check: () => Promise<boolean>, ms = 5000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(20)) if (await check()) return true;
  return false;
}

describe("claim throttling and enqueue-only web process", () => {
  beforeAll(async () => {
    const { url } = await migratedTestDatabase();
    db = createPrismaClient(url);
    shopId = (
      await db.shop.create({ data: { domain: `gate-${process.pid}-${Date.now()}.myshopify.com`, name: "Gate" } })
    ).id;
  });
  afterAll(async () => {
    for (const q of queues) await q.stop({ graceMs: 100 });
    await db?.$disconnect();
  });

  it("claims nothing while shouldClaim returns false and resumes when it returns true", async () => {
    // GIVEN a started queue whose shouldClaim says no, and a due job
    let open = false;
    let asked = 0;
    const ran: string[] = [];
    const queue = newQueue("gate");
    queue.registerHandler("t", async (job) => void ran.push(job.id));
    await queue.start({ concurrency: 2, shouldClaim: () => (asked++, open) });
    const { id } = await queue.enqueue({ shopId, type: "t" });
    // WHEN time passes with the gate closed
    await sleep(400);
    // THEN the job still waits, and the gate was asked again (not only at the next poll)
    expect(ran).toEqual([]);
    expect((await queue.getJob(shopId, id))?.status).toBe("queued");
    expect(asked).toBeGreaterThan(2);
    // WHEN the gate opens
    open = true;
    // THEN the job runs to completion
    expect(await waitFor(async () => (await queue.getJob(shopId, id))?.status === "done")).toBe(true);
    expect(ran).toEqual([id]);
  });

  it("enqueues on a queue that was never started, and a worker runs the job", async () => {
    // GIVEN a web process queue that only enqueues (never started) and a worker queue on the same table
    const web = newQueue("web-only");
    const name = `web-only-${process.pid}`;
    const worker = new DbJobQueue({ db, queue: name, pollMs: 25, seed: 4 });
    queues.push(worker);
    worker.registerHandler("t", async () => "ok");
    // WHEN the web side enqueues
    const { id, created } = await web.enqueue({ shopId, type: "t", coalesceKey: "k" });
    // THEN the row is stored, waits until a worker starts, then runs there
    expect(created).toBe(true);
    await sleep(150);
    expect((await web.getJob(shopId, id))?.status).toBe("queued");
    await worker.start({ concurrency: 1 });
    expect(await waitFor(async () => (await web.getJob(shopId, id))?.status === "done")).toBe(true);
  });

  it("the web gate pauses on a busy loop during webhooks and still claims once per minIntervalMs", () => {
    // GIVEN a gate on a fake clock, a busy event loop and a webhook just received
    let t = 1000;
    let util = 0.9;
    let webhookAt: number | undefined = 1000;
    const gate = createClaimGate({
      now: () => t,
      utilization: () => util,
      lastWebhookAt: () => webhookAt,
      maxUtilization: 0.5,
      quietMs: 500,
      minIntervalMs: 250,
    });
    // WHEN / THEN it refuses while busy, allows one claim after minIntervalMs, then refuses again
    expect(gate.shouldClaim()).toBe(false);
    t += 100;
    webhookAt = t;
    expect(gate.shouldClaim()).toBe(false);
    t += 200;
    webhookAt = t;
    expect(gate.shouldClaim()).toBe(true);
    expect(gate.shouldClaim()).toBe(false);
    // WHEN the loop has room again THEN it claims freely
    util = 0.2;
    expect(gate.shouldClaim()).toBe(true);
    expect(gate.shouldClaim()).toBe(true);
    // WHEN the loop is busy but no webhook came for quietMs (the jobs alone) THEN it claims freely
    util = 0.95;
    t += 600;
    expect(gate.shouldClaim()).toBe(true);
    expect(gate.shouldClaim()).toBe(true);
    // WHEN no webhook was ever received THEN it claims
    webhookAt = undefined;
    expect(gate.shouldClaim()).toBe(true);
  });

  it("the job thread's gate reads the web thread's last webhook and loop utilization from shared memory", async () => {
    // GIVEN the web thread's shared signals, and a gate over them as the job thread builds it
    const signals = shareWebThreadSignals();
    const gate = claimGateFromSignals(signals.buffer);
    const view = new Float64Array(signals.buffer);
    try {
      // WHEN a webhook was just received (as the web thread records it) and its loop is busy
      globalThis.__pilotageLastWebhookAt = performance.now();
      await new Promise((r) => setTimeout(r, 120)); // the signals are written every 50 ms
      expect(Math.abs(view[0] - Date.now())).toBeLessThan(1000);
      view[1] = 0.9;
      // THEN the thread claims nothing
      expect(gate.shouldClaim()).toBe(false);
      // WHEN no webhook was ever received THEN it claims, whatever the loop
      view[0] = 0;
      view[1] = 0.9;
      expect(gate.shouldClaim()).toBe(true);
    } finally {
      gate.stop();
      signals.stop();
      globalThis.__pilotageLastWebhookAt = undefined;
    }
  });

  it("JOBS_IN_WEB accepts true, thread or false only, and defaults to running jobs on the web process's loop", () => {
    // GIVEN the required variables
    const base = { SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "s", SHOPIFY_APP_URL: "https://pilotage.example.com" };
    // WHEN / THEN the three values are read, a bad value names the variable, unset means jobs run on the web loop
    expect(readEnv({ ...base, JOBS_IN_WEB: "false" }).JOBS_IN_WEB).toBe("false");
    expect(readEnv({ ...base, JOBS_IN_WEB: "thread" }).JOBS_IN_WEB).toBe("thread");
    expect(() => readEnv({ ...base, JOBS_IN_WEB: "no" })).toThrow(/JOBS_IN_WEB must be "true", "thread" or "false"/);
    expect(jobsInWeb({})).toBe("loop");
    expect(jobsInWeb({ JOBS_IN_WEB: "" })).toBe("loop");
    expect(jobsInWeb({ JOBS_IN_WEB: "thread" })).toBe("thread");
    expect(jobsInWeb({ JOBS_IN_WEB: "false" })).toBe("off");
    expect(jobsRunInWeb({})).toBe(true);
    expect(jobsRunInWeb({ JOBS_IN_WEB: "false" })).toBe(false);
  });
});
