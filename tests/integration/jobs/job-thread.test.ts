// The web process's job thread (JOBS_IN_WEB=thread, app/server/job-thread.server.ts): it runs the jobs the web
// thread enqueues on a SQLite file, at once (not at its next poll), is started again after a crash, stop() waits
// for a running job, and a shop its jobs forget is forgotten by the web thread too. Real worker threads, loading
// TypeScript and "~/..." paths through tsx.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { threadId } from "node:worker_threads";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { migrateDatabase } from "~/db/migrate.server";
import { createJobQueue, DbJobQueue } from "~/jobs/index.server";
import { log } from "~/logger.server";
import { startJobThread, type JobThread } from "~/server/job-thread.server";
import { waitFor } from "./contract";

const dir = mkdtempSync(path.join(tmpdir(), "pilotage-job-thread-"));
const url = `file:${path.join(dir, "jobs.db")}`;
const HANDLERS = "tests/integration/jobs/fixtures/thread-handlers.ts";
let db: Db;
let queue: DbJobQueue;
let shopId: string;
let thread: JobThread | null = null;

const lines = (file: string) =>
  existsSync(path.join(dir, file)) ? readFileSync(path.join(dir, file), "utf8").split("\n").filter(Boolean) : [];
const statusOf = async (id: string) => (await db.job.findUnique({ where: { id }, select: { status: true } }))?.status;

/** A job thread on the test's file; it polls only every minute, so a job it runs within seconds was forwarded. */
function start(options: Parameters<typeof startJobThread>[0] = {}): JobThread {
  thread = startJobThread({ handlerModules: [HANDLERS], pollMs: 60_000, concurrency: 2, ...options });
  queue.forwardNewJobs(() => thread!.wake());
  return thread;
}

describe("job thread (JOBS_IN_WEB=thread)", () => {
  beforeAll(async () => {
    // The thread's process.env is a copy of this one's when it starts: its own client opens the same file.
    process.env.DATABASE_URL = url;
    process.env.JOBS_TEST_DIR = dir;
    await migrateDatabase(url);
    db = createPrismaClient(url);
    // The web thread's queue: never started, it only enqueues (as in startJobs).
    queue = createJobQueue({ redisUrl: "", db }) as DbJobQueue;
    shopId = (await db.shop.create({ data: { domain: "thread.myshopify.com", name: "Thread" } })).id;
  });
  afterEach(async () => {
    queue.forwardNewJobs(null);
    await thread?.stop({ graceMs: 2000 });
    thread = null;
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await queue?.close();
    await db?.$disconnect();
  });

  it("runs a job the web thread enqueued, in another thread, without waiting for its poll", async () => {
    // GIVEN a job thread on the SQLite file, ready and idle (its first look for jobs is over)
    const t = start();
    await t.ready();
    await new Promise((r) => setTimeout(r, 3000));
    // WHEN the web thread enqueues a job
    const { id } = await queue.enqueue({ shopId, type: "test.thread.note", payload: { tag: "first" } });
    // THEN the thread runs it within seconds (its poll is a minute away: the enqueue woke it), not on this thread
    await waitFor(async () => (await statusOf(id)) === "done", "the job done by the thread", 20_000);
    const [line] = lines("notes.log").filter((l) => l.startsWith("first "));
    expect(Number(line.split(" ")[1])).not.toBe(threadId);
  });

  it("starts the thread again after a crash, and logs it", async () => {
    // GIVEN a job thread, restarted 100 ms after a crash
    const errors = vi.spyOn(log, "error");
    const t = start({ restartMs: 100 });
    await t.ready();
    // WHEN a job makes the thread throw an uncaught error
    await queue.enqueue({ shopId, type: "test.thread.crash" });
    await waitFor(() => t.restarts === 1, "the thread started again", 30_000);
    // THEN the crash was logged with its error, and the new thread runs the next job
    expect(errors).toHaveBeenCalledWith(
      "jobs: the job thread stopped unexpectedly; starting it again",
      expect.objectContaining({ err: expect.objectContaining({ message: "job thread test: uncaught" }) }),
    );
    await t.ready();
    const { id } = await queue.enqueue({ shopId, type: "test.thread.note", payload: { tag: "after-crash" } });
    await waitFor(async () => (await statusOf(id)) === "done", "a job after the restart", 30_000);
    const crashedIn = Number(lines("crashed-once")[0]);
    const ranIn = Number(
      lines("notes.log")
        .find((l) => l.startsWith("after-crash "))!
        .split(" ")[1],
    );
    expect(ranIn).not.toBe(crashedIn);
  });

  it("stop() waits for the job the thread is running", async () => {
    // GIVEN a job of 1.5 s running in the thread
    const t = start();
    await t.ready();
    const { id } = await queue.enqueue({ shopId, type: "test.thread.slow", payload: { ms: 1500 } });
    await waitFor(() => lines("slow.log").some((l) => l.startsWith("started")), "the slow job started", 20_000);
    // WHEN the web process stops the thread with 10 s of grace
    await t.stop({ graceMs: 10_000 });
    // THEN the job had finished and was recorded as done before stop() resolved
    expect(lines("slow.log").some((l) => l.startsWith("finished"))).toBe(true);
    expect(await statusOf(id)).toBe("done");
  });

  it("forgets in the web thread the shop a job of the thread forgot", async () => {
    // GIVEN the web thread's cached context of a shop
    const domain = "forgotten.myshopify.com";
    globalThis.__pilotageShopContexts ??= new Map();
    globalThis.__pilotageShopContexts.set(domain, {
      shop: { id: "x", domain, currency: "EUR", timezone: "UTC" },
      until: Date.now() + 60_000,
    });
    const t = start();
    await t.ready();
    // WHEN a job in the thread forgets it (as app/uninstalled does)
    const { id } = await queue.enqueue({ shopId, type: "test.thread.forget", payload: { domain } });
    await waitFor(async () => (await statusOf(id)) === "done", "the forget job done", 20_000);
    // THEN the web thread's cache no longer has it
    await waitFor(() => !globalThis.__pilotageShopContexts!.has(domain), "the web thread forgot the shop", 5000);
  });
});
