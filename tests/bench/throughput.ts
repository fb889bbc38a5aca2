// `npm run bench:throughput` (issue 18): how fast stored webhook deliveries are APPLIED, and how fast webhooks are
// acknowledged while Redis or the database is down. Written to docs/benchmarks.md between
// `<!-- bench:throughput:start -->` and `<!-- bench:throughput:end -->`.
// - Apply: N signed-and-scrubbed `orders/create` deliveries (2 lines each, over 500 known variants) and their
//   webhook.process jobs are stored first; then the job runner starts and the clock runs until every delivery is
//   applied. SQLite: the production server's in-process worker (default configuration). PostgreSQL: the web
//   process with JOBS_IN_WEB=false and 2 `npm run worker` processes.
// - Outage: the production server with REDIS_URL (then DATABASE_URL) behind a fault proxy that drops every byte;
//   signed webhooks at 50/s; answer latency and status.
// Flags: --deliveries=N (default 4000), --no-pg, --no-sqlite, --no-outage, --no-apply, --no-doc, --quick.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { Redis } from "ioredis";
import { createPrismaClient, type Db } from "~/db.server";
import { migrateDatabase } from "~/db/migrate.server";
import { DbJobQueue } from "~/jobs/db-queue.server";
import { enqueueDelivery } from "~/sync/webhooks/job-type";
import { scrubPayload } from "~/sync/webhooks/scrub";
import { subjectOf } from "~/sync/webhooks/subject";
import { startFaultProxy } from "../support/fault-proxy";
import { answers, cpuSeconds, ensureBuild, freePort, startApp, type AppProcess } from "./lib/app-process";
import { writeBetweenMarkers } from "./lib/doc-section";
import { runOpenLoop, type OpenLoopResult } from "./lib/open-loop";
import { orderCreatePayload, webhookHeaders } from "./lib/order-payload";
import { fmt, machineLine, table } from "./lib/report";

const SHOP = "bench-throughput.myshopify.com";
const SECRET = "bench-throughput-secret-0123456789";
const PG_BASE = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const REDIS_BASE = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const VARIANTS = 500;

const args = process.argv.slice(2);
const has = (flag: string) => args.includes(`--${flag}`);
const value = (flag: string) => args.find((a) => a.startsWith(`--${flag}=`))?.split("=")[1];
const quick = has("quick");
const deliveries = Number(value("deliveries") ?? (quick ? 1000 : 4000));

interface ApplyResult {
  label: string;
  deliveries: number;
  seconds: number;
  rate: number;
  target: number;
  load1: number;
  workerCpu: number; // CPU seconds of the processes that applied
}

interface Target {
  url: string;
  drop(): Promise<void>;
}

async function target(database: "sqlite" | "postgres", dir: string): Promise<Target> {
  if (database === "sqlite") return { url: `file:${path.join(dir, "bench.db")}`, drop: async () => undefined };
  const schema = `bench_tp_${process.pid}_${Date.now().toString(36)}`;
  return {
    url: `${PG_BASE}?schema=${schema}`,
    drop: async () => {
      const client = new pg.Client({ connectionString: PG_BASE });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

/** One shop with 500 variants (the ids the payloads name) and its offline session. */
async function seedShop(db: Db): Promise<string> {
  const shop = await db.shop.create({ data: { domain: SHOP, name: "Bench shop" } });
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
  const product = await db.product.create({
    data: { shopId: shop.id, shopifyId: "gid://shopify/Product/1", title: "Bench" },
  });
  await db.variant.createMany({
    data: Array.from({ length: VARIANTS }, (_, k) => ({
      shopId: shop.id,
      productId: product.id,
      shopifyId: `gid://shopify/ProductVariant/${44_000_000 + k}`,
      title: `V${k}`,
      price: "24.90",
    })),
  });
  return shop.id;
}

/** Stores `n` deliveries as the intake does (scrubbed payload, subject) and queues their jobs (queue not started). */
async function storeDeliveries(db: Db, shopId: string, n: number): Promise<void> {
  const queue = new DbJobQueue({ db });
  const secret = SECRET;
  for (let start = 0; start < n; start += 500) {
    const rows = Array.from({ length: Math.min(500, n - start) }, (_, k) => {
      const i = start + k;
      const payload = orderCreatePayload(i, [44_000_000 + (i % VARIANTS), 44_000_000 + ((i * 7 + 3) % VARIANTS)]);
      return {
        shopId,
        webhookId: `bench-${i}`,
        topic: "ORDERS_CREATE",
        apiVersion: "2026-04",
        payload: JSON.stringify(scrubPayload("ORDERS_CREATE", payload, secret)),
        subjectId: subjectOf("ORDERS_CREATE", payload),
      };
    });
    await db.webhookDelivery.createMany({ data: rows });
  }
  const ids = await db.webhookDelivery.findMany({
    where: { shopId },
    select: { id: true },
    orderBy: { receivedAt: "asc" },
  });
  // As the intake enqueues a new delivery (no coalesce key).
  for (const { id } of ids) await enqueueDelivery(queue, shopId, id, { fresh: true });
  await queue.close();
}

async function waitApplied(db: Db, n: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const done = await db.webhookDelivery.count({ where: { status: { not: "received" } } });
    if (done >= n) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function benchApply(database: "sqlite" | "postgres", n: number): Promise<ApplyResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pilotage-bench-tp-"));
  const t = await target(database, dir);
  const procs: AppProcess[] = [];
  try {
    await migrateDatabase(t.url);
    const db = createPrismaClient(t.url);
    try {
      const shopId = await seedShop(db);
      await storeDeliveries(db, shopId, n);
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const env = {
        SHOPIFY_API_KEY: "bench-key",
        SHOPIFY_API_SECRET: SECRET,
        SHOPIFY_APP_URL: base,
        DATABASE_URL: t.url,
        PORT: String(port),
        HOST: "127.0.0.1",
        REDIS_URL: "",
        LOG_LEVEL: "warn",
      };
      const load1 = os.loadavg()[0];
      const started = performance.now();
      if (database === "sqlite") {
        // The default configuration: the web process runs the jobs.
        procs.push(
          await startApp({
            entry: "app/server/production.server.ts",
            logFile: path.join(dir, "server.log"),
            env,
            ready: () => answers(`${base}/healthz`),
          }),
        );
      } else {
        for (let w = 0; w < Number(process.env.BENCH_PG_WORKERS ?? 2); w++) {
          procs.push(
            await startApp({
              entry: "app/jobs/worker.server.ts",
              logFile: path.join(dir, `worker${w}.log`),
              env: {
                ...env,
                JOBS_IN_WEB: "false",
                JOBS_CONCURRENCY: "4",
                LOG_LEVEL: "info",
                JOBS_HANDLER_MODULES: process.env.BENCH_HANDLER_MODULES ?? "",
              },
              ready: (log) => log.includes("worker started"),
              nodeArgs: (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean),
            }),
          );
        }
      }
      // The clock starts when the runner is up (start-up time excluded): measured from the first applied delivery.
      let first = started;
      for (;;) {
        if ((await db.webhookDelivery.count({ where: { status: { not: "received" } } })) > 0) break;
        await new Promise((r) => setTimeout(r, 20));
        first = performance.now();
      }
      const cpu0 = procs.reduce((s, p) => s + cpuSeconds(p.child.pid), 0);
      const ok = await waitApplied(db, n, 600_000);
      const seconds = (performance.now() - first) / 1000;
      const cpu = procs.reduce((s, p) => s + cpuSeconds(p.child.pid), 0) - cpu0;
      if (!ok) throw new Error(`${database}: not every delivery was applied within 10 minutes`);
      if (process.env.BENCH_KEEP_LOGS)
        console.log(
          JSON.stringify(await db.job.groupBy({ by: ["type", "status"], _count: true, _sum: { attempts: true } })),
        );
      const failed = await db.webhookDelivery.count({ where: { status: "failed" } });
      if (failed > 0) throw new Error(`${database}: ${failed} deliveries failed`);
      const label =
        database === "sqlite"
          ? "SQLite, in-process worker (web process, default)"
          : "PostgreSQL, 2 `npm run worker` (JOBS_IN_WEB=false)";
      const result = {
        label,
        deliveries: n,
        seconds,
        rate: n / seconds,
        target: database === "sqlite" ? 100 : 200,
        load1,
        workerCpu: cpu,
      };
      console.log(
        `  ${label}: ${n} in ${fmt(seconds, 1)} s = ${fmt(result.rate, 0)}/s (cpu ${fmt(cpu, 1)} s, load ${fmt(load1, 2)})`,
      );
      return result;
    } finally {
      await db.$disconnect();
    }
  } finally {
    for (const p of procs) await p.stop();
    await t.drop();
    if (process.env.BENCH_KEEP_LOGS) console.log(`  logs kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

interface OutageResult {
  label: string;
  run: OpenLoopResult;
  statuses: Record<string, number>;
  load1: number;
}

async function benchOutage(kind: "redis" | "postgres", quickRun: boolean): Promise<OutageResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pilotage-bench-outage-"));
  const database = kind === "postgres" ? "postgres" : "sqlite";
  const t = await target(database, dir);
  let app: AppProcess | null = null;
  const upstream = new URL(kind === "redis" ? REDIS_BASE : PG_BASE);
  const proxy = await startFaultProxy({
    host: upstream.hostname,
    port: Number(upstream.port || (kind === "redis" ? 6379 : 5432)),
  });
  try {
    await migrateDatabase(t.url);
    const db = createPrismaClient(t.url);
    try {
      await seedShop(db);
    } finally {
      await db.$disconnect();
    }
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const viaProxy = (url: string) => {
      const u = new URL(url);
      u.hostname = "127.0.0.1";
      u.port = String(proxy.port);
      return u.toString();
    };
    const queueName = `bench-outage-${process.pid}`;
    const env = {
      SHOPIFY_API_KEY: "bench-key",
      SHOPIFY_API_SECRET: SECRET,
      SHOPIFY_APP_URL: base,
      DATABASE_URL: kind === "postgres" ? viaProxy(t.url) : t.url,
      PORT: String(port),
      HOST: "127.0.0.1",
      REDIS_URL: kind === "redis" ? viaProxy(`${REDIS_BASE}/9`) : "",
      JOBS_QUEUE: queueName,
      LOG_LEVEL: "warn",
    };
    app = await startApp({
      entry: "app/server/production.server.ts",
      logFile: path.join(dir, "server.log"),
      env,
      ready: () => answers(`${base}/healthz`),
    });
    proxy.setMode("blackhole");
    const statuses: Record<string, number> = {};
    let n = 0;
    const load1 = os.loadavg()[0];
    const run = await runOpenLoop({
      url: base,
      rate: 50,
      latencyOfAll: true,
      durationMs: quickRun ? 5000 : 15_000,
      request: () => {
        const i = n++;
        const body = JSON.stringify(orderCreatePayload(100_000 + i, [44_000_000 + (i % VARIANTS)]));
        return {
          path: "/webhooks/orders/create",
          body,
          headers: webhookHeaders({
            topic: "orders/create",
            shop: SHOP,
            secret: SECRET,
            body,
            webhookId: `outage-${kind}-${i}`,
          }),
        };
      },
    });
    for (const [k, v] of Object.entries(run.errorKinds)) statuses[k] = v;
    statuses["HTTP 200"] = run.ok;
    proxy.setMode("pass");
    const label = kind === "redis" ? "SQLite + REDIS_URL, Redis dropping every byte" : "PostgreSQL dropping every byte";
    console.log(
      `  ${label}: p50 ${fmt(run.p50, 1)} p99 ${fmt(run.p99, 1)} max ${fmt(run.max, 1)} ms, ${JSON.stringify(statuses)}`,
    );
    return { label, run, statuses, load1 };
  } finally {
    await app?.stop();
    await proxy.close();
    if (kind === "redis") await clearRedis(`${REDIS_BASE}/9`, `bull:${`bench-outage-${process.pid}`}`);
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function clearRedis(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  try {
    await redis.connect();
    const keys = await redis.keys(`${prefix}*`);
    for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
  } catch {
    // best effort
  } finally {
    redis.disconnect();
  }
}

async function main() {
  await ensureBuild();
  const load = os.loadavg()[0];
  const started = Date.now();
  const apply: ApplyResult[] = [];
  const outage: OutageResult[] = [];
  if (!has("no-apply")) {
    if (!has("no-sqlite")) apply.push(await benchApply("sqlite", deliveries));
    if (!has("no-pg")) apply.push(await benchApply("postgres", deliveries));
  }
  if (!has("no-outage")) {
    outage.push(await benchOutage("redis", quick));
    if (!has("no-pg")) outage.push(await benchOutage("postgres", quick));
  }
  const command = `npm run bench:throughput${args.length ? ` -- ${args.join(" ")}` : ""}`;
  const body = [
    "### Webhook apply throughput and acknowledgement during outages (issue 18)",
    machineLine(
      command,
      `${quick ? "quick" : "default"}; total run time ${fmt((Date.now() - started) / 1000, 0)} s; 1-minute load average ${fmt(load, 2)} at the start`,
    ),
    "",
    "Apply: N `orders/create` deliveries (scrubbed REST payloads, 2 lines each over 500 known variants, unique orders) are stored with their `webhook.process` jobs before the job runner starts; the clock runs from the first applied delivery to the last (start-up excluded). Each delivery upserts its order and lines, rebuilds the daily aggregates of the (variant, day) pairs it touches and enqueues a coalesced `recompute.variant` per variant (those run in the default lane meanwhile). CPU = CPU seconds of the applying processes over that interval (the server process, or both workers; PostgreSQL's own CPU not included); deliveries per CPU s is the figure that depends least on what else runs on the machine: one idle core per process would apply about that many per second.",
    "",
    table(
      ["configuration", "deliveries", "seconds", "deliveries/s", "target", "CPU s", "deliveries per CPU s", "load 1m"],
      apply.map((r) => [
        r.label,
        r.deliveries,
        fmt(r.seconds, 1),
        fmt(r.rate, 0),
        `>= ${r.target}/s ${r.rate >= r.target ? "(met)" : "(NOT met)"}`,
        fmt(r.workerCpu, 1),
        fmt(r.deliveries / r.workerCpu, 0),
        fmt(r.load1, 2),
      ]),
    ),
    "",
    "Reading: on a machine shared with other work (see the load column) the applying processes get only part of a core, so deliveries/s understates what they do alone; deliveries per CPU s is what one idle core per process would apply. The 2-worker PostgreSQL run shares the 2 cores with PostgreSQL itself.",
    "",
    "Outage: the production server (`app/server/production.server.ts`) with its Redis or its PostgreSQL behind `tests/support/fault-proxy.ts` in blackhole mode (connections accepted, every byte dropped, nothing answered); signed `orders/create` webhooks from the open-loop generator at 50/s. 200 = stored in the database (job enqueued in the background, the sweep as safety net); 503 = the database did not answer within the acknowledgement deadline (Shopify retries).",
    "",
    table(
      ["dependency down", "sent", "p50 ms", "p95 ms", "p99 ms", "max ms", "answers", "load 1m"],
      outage.map((r) => [
        r.label,
        r.run.sent,
        fmt(r.run.p50, 1),
        fmt(r.run.p95, 1),
        fmt(r.run.p99, 1),
        fmt(r.run.max, 1),
        Object.entries(r.statuses)
          .map(([k, v]) => `${k}: ${v}`)
          .join(", "),
        fmt(r.load1, 2),
      ]),
    ),
  ].join("\n");
  if (has("no-doc")) console.log(`\n${body}`);
  else {
    writeBetweenMarkers("<!-- bench:throughput:start -->", "<!-- bench:throughput:end -->", body);
    console.log(`\n${body}\n\nwritten to docs/benchmarks.md`);
  }
  process.exit(0);
}

await main();
