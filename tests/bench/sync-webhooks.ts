// Webhook acknowledgement latency of the production HTTP entry (app/server/production.server.ts), on SQLite and
// on PostgreSQL: signed `orders/create` deliveries (about 5 KB, unique webhook ids) from an open-loop generator at
// 200 requests/s, then stepped rates until p99 > 100 ms or errors. Default configuration: no REDIS_URL, so the web
// process also runs the embedded job worker (database queue, concurrency 2) that applies the deliveries, claiming
// new jobs only while its event loop has room. Then JOBS_IN_WEB=false with one `npm run worker` process.
// Run alone: `tsx tests/bench/sync-webhooks.ts [--quick] [--no-pg] [--no-sqlite] [--no-redis] [--no-default] [--no-worker]`
// (prints the section; `npm run bench:sync` writes it). BENCH_BUILD_ROOT=<folder with build/> serves that build
// (tests/bench/lib/server-entry.ts) instead of the repository's build/ through app/server/production.server.ts.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import pg from "pg";
import { createPrismaClient } from "~/db.server";
import { migrateDatabase } from "~/db/migrate.server";
import { answers, cpuSeconds, ensureBuild, freePort, startApp } from "./lib/app-process";
import { runOpenLoop, type OpenLoopResult } from "./lib/open-loop";
import { orderCreatePayload, webhookHeaders } from "./lib/order-payload";
import { fmt, table } from "./lib/report";

const SHOP = "bench-webhooks.myshopify.com";
const SECRET = "bench-webhook-secret-0123456789abcdef";
const PG_BASE = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const P99_LIMIT_MS = 100;
// A database of its own on the local Redis (benchmark only; emptied afterwards).
const REDIS_BENCH_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/9";

export interface WebhookBenchOptions {
  quick?: boolean;
  /** Default both. */
  databases?: ("sqlite" | "postgres")[];
  /** Also measure the web process with REDIS_URL (it only enqueues; no worker runs). Default true when Redis answers. */
  enqueueOnly?: boolean;
  /** Default configuration (jobs in the web process). Default true. */
  inProcess?: boolean;
  /** How the web process runs them: "true" (on its event loop, the default) or "thread" (JOBS_IN_WEB=thread). */
  jobsInWeb?: "thread" | "true";
  /** JOBS_IN_WEB=false and one `npm run worker` on the database queue. Default true. */
  worker?: boolean;
  /** Only the main step (200/s), no stepped rates (tests/bench/scale-intake.ts). Default false. */
  onlyMain?: boolean;
  /** Run the server (and worker) of another checkout, with its own build/ (a baseline). Default this repository. */
  appRoot?: string;
}

type Jobs = "in-process" | "thread" | "worker" | "enqueue-only";
const JOBS_LABEL: Record<Jobs, string> = {
  "in-process": "on the web process's event loop (JOBS_IN_WEB=true, default)",
  thread: "in the web process's job thread (JOBS_IN_WEB=thread)",
  worker: "JOBS_IN_WEB=false + 1 worker",
  "enqueue-only": "enqueue only (REDIS_URL)",
};
const BUILD_ROOT = process.env.BENCH_BUILD_ROOT;
/** The web process applies the deliveries itself (on its event loop or in its job thread). */
const appliesJobs = (jobs: Jobs) => jobs === "in-process" || jobs === "thread";

interface Step extends OpenLoopResult {
  serverCpu: number; // share of one core used by the server process, first send to last answer
  cpuMsPerRequest: number; // server CPU during the step / requests sent
  cpuMsPerDelivery: number; // server CPU from the step's start until the worker caught up / requests sent (NaN if it did not)
  load1: number;
  stored: number; // deliveries stored after the step (all steps so far)
  processed: number; // deliveries applied by the job worker so far
}

export interface WebhookDbResult {
  database: "sqlite" | "postgres";
  jobs: Jobs;
  main: Step;
  steps: Step[];
  maxRate: number | null;
}

async function prepare(url: string): Promise<void> {
  await migrateDatabase(url);
  const db = createPrismaClient(url);
  try {
    await db.shop.create({ data: { domain: SHOP, name: "Bench shop" } });
    await db.session.create({
      data: {
        id: `offline_${SHOP}`,
        shop: SHOP,
        state: "bench",
        isOnline: false,
        accessToken: "shpat_bench",
        scope: "read_orders",
      },
    });
  } finally {
    await db.$disconnect();
  }
}

async function deliveryCounts(url: string): Promise<{ stored: number; processed: number }> {
  const db = createPrismaClient(url);
  try {
    const stored = await db.webhookDelivery.count();
    const processed = await db.webhookDelivery.count({ where: { status: { not: "received" } } });
    return { stored, processed };
  } finally {
    await db.$disconnect();
  }
}

const held = (s: Step) => s.errors === 0 && s.p99 <= P99_LIMIT_MS;

async function benchDatabase(
  database: "sqlite" | "postgres",
  jobs: Jobs,
  quick: boolean,
  onlyMain = false,
  appRoot?: string,
): Promise<WebhookDbResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pilotage-bench-webhooks-"));
  const schema = `bench_sync_${process.pid}_${Date.now().toString(36)}`;
  const url = database === "sqlite" ? `file:${path.join(dir, "bench.db")}` : `${PG_BASE}?schema=${schema}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let n = 0;
  const request = () => {
    const i = n++;
    const body = JSON.stringify(orderCreatePayload(i, [44_000_000 + (i % 500), 45_000_000 + (i % 300)]));
    const webhookId = `bench-${database}-${i}-${process.pid}`;
    return {
      path: "/webhooks/orders/create",
      body,
      headers: webhookHeaders({ topic: "orders/create", shop: SHOP, secret: SECRET, body, webhookId }),
    };
  };
  await prepare(url);
  const env = {
    SHOPIFY_API_KEY: "bench-key",
    SHOPIFY_API_SECRET: SECRET,
    SHOPIFY_APP_URL: base,
    DATABASE_URL: url,
    PORT: String(port),
    HOST: "127.0.0.1",
    REDIS_URL: jobs === "enqueue-only" ? REDIS_BENCH_URL : "",
    JOBS_IN_WEB: jobs === "worker" ? "false" : jobs === "thread" ? "thread" : "true",
    ...(BUILD_ROOT ? { BENCH_BUILD_ROOT: BUILD_ROOT } : {}),
  };
  const app = await startApp({
    root: appRoot,
    entry: BUILD_ROOT ? "tests/bench/lib/server-entry.ts" : "app/server/production.server.ts",
    logFile: path.join(dir, "server.log"),
    env,
    ready: () => answers(`${base}/healthz`),
  }).catch((error) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const worker =
    jobs === "worker"
      ? await startApp({
          root: appRoot,
          entry: "app/jobs/worker.server.ts",
          logFile: path.join(dir, "worker.log"),
          env,
          ready: (log) => log.includes("worker started"),
        }).catch(async (error) => {
          await app.stop();
          rmSync(dir, { recursive: true, force: true });
          throw error;
        })
      : null;
  const label = `${database}, jobs ${jobs}`;
  // Waits (at most 90 s) until the server has stopped storing deliveries, i.e. it is through the requests it had
  // read, even those whose client gave up, and, with jobs in-process, until the worker has applied every one.
  // True when both happened: the next step then starts from an idle server.
  const settle = async (): Promise<boolean> => {
    let last = -1;
    let still = 0;
    for (let t = 0; t < 90; t++) {
      const c = await deliveryCounts(url);
      still = c.stored === last ? still + 1 : 0;
      last = c.stored;
      if (still >= 2 && (jobs === "enqueue-only" || c.processed >= c.stored)) return true;
      await new Promise((r) => setTimeout(r, 1000));
    }
    return false;
  };
  const step = async (rate: number, seconds: number): Promise<Step> => {
    const load1 = os.loadavg()[0];
    const before = await deliveryCounts(url);
    const cpu0 = cpuSeconds(app.child.pid);
    const r = await runOpenLoop({ url: base, rate, durationMs: seconds * 1000, request });
    const cpuStep = cpuSeconds(app.child.pid) - cpu0;
    const counts = await deliveryCounts(url);
    const caughtUp = await settle();
    const cpuAll = cpuSeconds(app.child.pid) - cpu0;
    await new Promise((r) => setTimeout(r, 2000));
    const s: Step = {
      ...r,
      serverCpu: cpuStep / (r.elapsedMs / 1000),
      cpuMsPerRequest: (cpuStep * 1000) / Math.max(1, counts.stored - before.stored),
      cpuMsPerDelivery: caughtUp
        ? (cpuAll * 1000) / Math.max(1, (await deliveryCounts(url)).stored - before.stored)
        : NaN,
      load1,
      ...counts,
    };
    console.log(
      `  ${label} ${rate}/s x ${seconds}s: p50 ${fmt(s.p50, 1)} p95 ${fmt(s.p95, 1)} p99 ${fmt(s.p99, 1)} (from send ${fmt(s.p99FromSend, 1)}) max ${fmt(s.max, 1)} ms, ` +
        `errors ${s.errors} ${JSON.stringify(s.errorKinds)}, server cpu ${fmt(s.serverCpu, 2)} (${fmt(s.cpuMsPerRequest, 1)} ms/request, ` +
        `${fmt(s.cpuMsPerDelivery, 1)} ms/delivery with processing), stored ${s.stored}, processed ${s.processed}, load ${fmt(load1, 1)}`,
    );
    return s;
  };
  try {
    await runOpenLoop({ url: base, rate: 50, durationMs: 3000, request }); // warm-up: JIT, connections, first queries
    await settle();
    await new Promise((r) => setTimeout(r, 2000));
    const main = await step(200, quick ? 10 : 20);
    const steps = [main];
    let maxRate: number | null = held(main) ? 200 : null;
    // Up by doubling while it holds; down by halving (to 25/s) when 200/s does not.
    const up = maxRate !== null;
    if (onlyMain) return { database, jobs, main, steps, maxRate };
    for (let rate = up ? 400 : 100; up ? rate <= 6400 : rate >= 25; rate = up ? rate * 2 : rate / 2) {
      const s = await step(rate, quick ? 5 : 10);
      steps.push(s);
      if (up && !held(s)) break;
      if (up) maxRate = rate;
      if (!up && held(s)) {
        maxRate = rate;
        break;
      }
    }
    return { database, jobs, main, steps, maxRate };
  } finally {
    await worker?.stop();
    await app.stop();
    if (database === "postgres") {
      const client = new pg.Client({ connectionString: PG_BASE });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
    if (jobs === "enqueue-only") await clearRedisQueue();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Deletes the jobs the enqueue-only runs left in the benchmark's own Redis database. */
async function clearRedisQueue(): Promise<void> {
  const redis = new Redis(REDIS_BENCH_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const keys = await redis.keys("bull:pilotage:*");
    for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
  } finally {
    redis.disconnect();
  }
}

/** True when Redis answers and the benchmark's database there is empty (so nothing of anyone else's is touched). */
async function redisFree(): Promise<boolean> {
  const redis = new Redis(REDIS_BENCH_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    return (await redis.dbsize()) === 0;
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

async function pgReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_BASE, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export async function runWebhookBench(
  opts: WebhookBenchOptions = {},
): Promise<{ results: WebhookDbResult[]; markdown: string }> {
  await ensureBuild();
  const results: WebhookDbResult[] = [];
  const notes: string[] = [];
  const quick = opts.quick ?? false;
  const databases = opts.databases ?? ["sqlite", "postgres"];
  if (databases.includes("postgres") && !(await pgReachable()))
    notes.push(`PostgreSQL skipped: ${PG_BASE} is not reachable.`);
  const usable = databases.filter((d) => d === "sqlite" || !notes.length);
  for (const database of usable) {
    if (opts.inProcess !== false) {
      console.log(`webhooks on ${database}, default configuration (jobs in the web process)...`);
      const jobs = (opts.jobsInWeb ?? "true") === "thread" ? "thread" : "in-process";
      results.push(await benchDatabase(database, jobs, quick, opts.onlyMain, opts.appRoot));
    }
    if (opts.worker !== false) {
      console.log(`webhooks on ${database}, JOBS_IN_WEB=false and one \`npm run worker\`...`);
      results.push(await benchDatabase(database, "worker", quick, opts.onlyMain, opts.appRoot));
    }
  }
  if (opts.enqueueOnly !== false) {
    if (await redisFree()) {
      for (const database of usable) {
        console.log(`webhooks on ${database}, REDIS_URL set (the web process only enqueues)...`);
        results.push(await benchDatabase(database, "enqueue-only", quick, opts.onlyMain, opts.appRoot));
      }
    } else notes.push(`Enqueue-only runs skipped: ${REDIS_BENCH_URL} does not answer or is not empty.`);
  }
  return { results, markdown: webhookMarkdown(results, notes, quick) };
}

function webhookMarkdown(results: WebhookDbResult[], notes: string[], quick: boolean): string {
  const rows = results.flatMap((r) =>
    r.steps.map((s) => [
      r.database,
      JOBS_LABEL[r.jobs],
      `${s.rate}`,
      `${s.sent}`,
      fmt(s.p50, 1),
      fmt(s.p95, 1),
      fmt(s.p99, 1),
      fmt(s.max, 1),
      s.errors === 0
        ? "0"
        : `${s.errors} (${Object.entries(s.errorKinds)
            .map(([k, v]) => `${k}: ${v}`)
            .join(", ")})`,
      fmt(s.serverCpu * 100, 0) + "%",
      fmt(s.cpuMsPerRequest, 1),
      appliesJobs(r.jobs) ? fmt(s.cpuMsPerDelivery, 1) : "-",
      r.jobs === "enqueue-only" ? `- / ${s.stored}` : `${s.processed} / ${s.stored}`,
      fmt(s.load1, 1),
    ]),
  );
  return [
    "#### Webhook acknowledgement (production entry, `POST /webhooks/orders/create`)",
    "",
    `Protocol: \`node --import tsx app/server/production.server.ts\` (with BENCH_BUILD_ROOT: \`tests/bench/lib/server-entry.ts\`, the same code serving that build folder) as a child process (logs to a file) on a fresh migrated database with one Shop row and its offline session. **Default configuration: no REDIS_URL, so the web process also runs the embedded job worker** (database queue, concurrency 2), which applies each delivery (order upsert, lines, daily aggregates) in the same event loop (or with \`JOBS_IN_WEB=thread\` in a worker thread of its own, app/server/job-thread.server.ts, behind the same gate fed from the web thread), claiming a new job only while no webhook came for 500 ms or the event loop was busy less than 50 % of the last 500 ms (else one claim per second; \`createClaimGate\` in app/server/jobs.server.ts). Then \`JOBS_IN_WEB=false\` with one \`npm run worker\` process (database queue, concurrency 4) on the same database. For comparison, the same server with REDIS_URL set (a Redis database of its own, no worker running): the web process only records and enqueues. Load: signed \`orders/create\` deliveries (REST order shape, about 5.4 KB, 2 line items of unknown variants, unique webhook and order ids) from an open-loop generator in the benchmark process (requests leave on schedule whatever the answers, keep-alive agent, up to 512 connections); latency = scheduled send time to end of response, so a late generator or a queue at the server both count. Warm-up 3 s at 50/s, then ${quick ? 10 : 20} s at 200/s, then ${quick ? 5 : 10} s per step: doubling from 400/s while p99 <= ${P99_LIMIT_MS} ms with no error, or halving from 100/s down to 25/s until it holds when 200/s does not. Error = non-200 or no answer within 5 s of the scheduled time. After each step the server is given up to 90 s to go idle (no new delivery stored for 2 s: requests whose client timed out are still read and stored, as Shopify's retries would be de-duplicated) and, with jobs in-process, for the worker to apply every stored delivery. Server CPU = CPU time of the server process / (first send to last answer), 100% = one core; CPU ms / request = that CPU time / deliveries the server stored during the step (the acknowledgement plus whatever the worker applied meanwhile); CPU ms / delivery applied = server CPU from the step's start until the worker caught up / deliveries stored (n/a when it did not catch up within 90 s). The CPU figures depend much less on the machine's load than the latencies: one core answers at most about 1000 / (CPU ms per request) requests per second. Processed / stored = deliveries applied by the job worker / stored (cumulative, right after the step).`,
    "",
    table(
      [
        "database",
        "jobs",
        "rate/s",
        "sent",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "errors",
        "server CPU",
        "CPU ms / request",
        "CPU ms / delivery applied",
        "processed / stored",
        "load 1m",
      ],
      rows,
    ),
    "",
    ...results.map((r) => {
      // Lowest CPU figure over the steps: the least disturbed by other processes and by timeouts.
      const cost = Math.min(
        ...r.steps.map((s) => (appliesJobs(r.jobs) ? s.cpuMsPerDelivery : s.cpuMsPerRequest)).filter(Number.isFinite),
      );
      const capacity = Number.isFinite(cost)
        ? ` Server CPU per delivery ${appliesJobs(r.jobs) ? "acknowledged and applied" : "acknowledged"}: ${fmt(cost, 1)} ms (best step), so one Node process (one core, idle) tops out near ${fmt(1000 / cost, 0)}/s.`
        : "";
      return `- ${r.database}, jobs ${JOBS_LABEL[r.jobs]}: at 200/s p99 ${fmt(r.main.p99, 1)} ms, ${r.main.errors} errors (${held(r.main) ? "within" : "OVER"} the 100 ms target); highest rate held (p99 <= ${P99_LIMIT_MS} ms, no error): ${r.maxRate === null ? "none of the rates tried" : `${r.maxRate}/s`} (rates are doubled or halved, so the limit lies between that and the next step).${capacity}`;
    }),
    ...notes.map((n) => `- ${n}`),
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const { markdown } = await runWebhookBench({
    quick: args.includes("--quick"),
    databases: (["sqlite", "postgres"] as const).filter(
      (d) => !args.includes(d === "sqlite" ? "--no-sqlite" : "--no-pg"),
    ),
    enqueueOnly: !args.includes("--no-redis"),
    inProcess: !args.includes("--no-default"),
    worker: !args.includes("--no-worker"),
  });
  console.log(`\n${markdown}`);
}
