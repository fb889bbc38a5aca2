// Real worker processes (`npm run worker` entry): a worker killed with SIGKILL mid-job has its job finished
// exactly once by another process, several processes share the queue without running a job twice, and
// SIGTERM stops a worker gracefully. On the database queue (SQLite file, or PostgreSQL when DATABASE_URL is
// postgres) in `npm test`; on BullMQ when REDIS_URL is set (`npm run test:redis`).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { migrateDatabase } from "~/db/migrate.server";
import { createJobQueue, type JobQueue } from "~/jobs/index.server";
import { waitFor } from "./contract";
import { testRunPrefix } from "../../support/test-run";

const dir = mkdtempSync(path.join(tmpdir(), "pilotage-jobs-proc-"));
const url = process.env.DATABASE_URL?.startsWith("postgres")
  ? (() => {
      const u = new URL(process.env.DATABASE_URL!);
      u.searchParams.set("schema", `${testRunPrefix()}jobs_proc_${process.pid}`);
      return u.toString();
    })()
  : `file:${path.join(dir, "jobs.db")}`;
let db: Db;
let queue: JobQueue;
const redisUrl = process.env.REDIS_URL ?? "";
const queueName = `procs${process.pid}${Date.now().toString(36)}`;
let shopId: string;
const children: ChildProcess[] = [];
const outputs = new Map<ChildProcess, string>();

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "app/jobs/worker.server.ts"], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      REDIS_URL: redisUrl,
      DATABASE_URL: url,
      JOBS_QUEUE: queueName,
      JOBS_TEST_DIR: dir,
      JOBS_HANDLER_MODULES: "tests/integration/jobs/fixtures/handlers.ts",
      JOBS_POLL_MS: "50",
      JOBS_LOCK_MS: "1500",
      JOBS_CONCURRENCY: "2",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => outputs.set(child, (output += d)));
  child.stderr!.on("data", (d) => outputs.set(child, (output += d)));
  child.on("exit", (code) => {
    if (code !== 0 && code !== null) console.error(`worker ${child.pid} exited ${code}:\n${output}`);
  });
  children.push(child);
  return child;
}

const lines = (file: string) =>
  existsSync(path.join(dir, file)) ? readFileSync(path.join(dir, file), "utf8").split("\n").filter(Boolean) : [];
const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    alive(child) ? child.on("exit", (code) => resolve(code)) : resolve(child.exitCode),
  );

describe(`worker processes (${redisUrl ? "BullMQ" : "database"} queue)`, () => {
  beforeAll(async () => {
    await migrateDatabase(url);
    db = createPrismaClient(url);
    // Producer only: never started.
    queue = createJobQueue({ redisUrl, db, database: { queue: queueName }, redis: { queueName } });
    shopId = (await db.shop.create({ data: { domain: "procs.myshopify.com", name: "Procs" } })).id;
  });
  afterAll(async () => {
    for (const child of children) if (alive(child)) child.kill("SIGKILL");
    await queue?.close();
    if (redisUrl) {
      const { Queue } = await import("bullmq");
      const { redisConnection } = await import("~/jobs/bullmq-queue.server");
      const q = new Queue(queueName, { connection: redisConnection(redisUrl) });
      await q.obliterate({ force: true });
      await q.close();
    }
    await db?.$disconnect();
  });

  it("finishes a SIGKILLed worker's job exactly once in another process", async () => {
    // GIVEN worker A in the middle of a job
    const a = startWorker();
    const { id } = await queue.enqueue({
      shopId,
      type: "test.recompute",
      payload: { tag: "crash" },
      coalesceKey: "v1",
    });
    await waitFor(
      () => lines("started.log").some((l) => l.startsWith(`crash ${a.pid}`)),
      "worker A starts the job",
      30_000,
    );
    // WHEN A is killed, and B is running
    a.kill("SIGKILL");
    await exited(a);
    const b = startWorker();
    await waitFor(async () => (await queue.getJob(shopId, id))?.status === "done", "the job is done", 30_000);
    // THEN B completed it, once
    expect(lines("completed.log").filter((l) => l.startsWith("crash"))).toEqual([`crash ${b.pid}`]);
    expect(await queue.getJob(shopId, id)).toMatchObject({ status: "done", result: { pid: b.pid } });
  });

  it("shares the queue between processes without running a job twice, and stops on SIGTERM", async () => {
    // GIVEN two more worker processes (B still runs) and 30 jobs
    const c = startWorker();
    await waitFor(() => (outputs.get(c) ?? "").includes("jobs: worker started"), "worker C ready", 30_000);
    expect(outputs.get(c)).toContain(`"adapter":"${redisUrl ? "bullmq" : "database"}"`);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++)
      ids.push((await queue.enqueue({ shopId, type: "test.recompute", payload: { tag: `n${i}` } })).id);
    // WHEN they work them off
    await waitFor(
      async () => (await Promise.all(ids.map((id) => queue.getJob(shopId, id)))).every((j) => j?.status === "done"),
      "all 30 done",
      60_000,
    ).catch(async (error) => {
      console.error((await Promise.all(ids.map((id) => queue.getJob(shopId, id)))).map((j) => j?.status));
      for (const [child, out] of outputs)
        console.error(`worker ${child.pid} (exit ${child.exitCode}):\n${out.slice(-3000)}`);
      throw error;
    });
    // THEN each ran once; and SIGTERM ends every worker with exit code 0
    const done = lines("completed.log").filter((l) => l.startsWith("n"));
    expect(done).toHaveLength(30);
    expect(new Set(done.map((l) => l.split(" ")[0])).size).toBe(30);
    const live = children.filter(alive);
    expect(live).toContain(c);
    for (const child of live) child.kill("SIGTERM");
    expect(await Promise.all(live.map(exited))).toEqual(live.map(() => 0));
  }, 120_000);
});
