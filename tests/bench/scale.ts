// `npm run bench:scale`: a large simulated shop through the app (issue 16). Each part is an exported function so
// other parts (webhook intake, import) can live in their own files and be added to `main`; this file holds the
// shop generator and the recompute parts:
//   - full recompute on SQLite in one process (time, peak RSS of that process);
//   - one-variant recompute after a webhook (p50/p95 over a sample of variants, stored context);
//   - full recompute on PostgreSQL with Redis and 1 and 2 `npm run worker` processes (time, peak RSS per worker);
//   - the rows of every set-up compared with the one-process SQLite run's (digest of all forecasts and recommendations).
// Usage: npm run bench:scale -- [--variants 100000] [--days 730] [--samples 200] [--no-pg] [--no-write]
//   [--workers 1,2]: the worker counts of the PostgreSQL parts;
//   [--base <commit>]: the one-process SQLite recompute by that commit's tree and this code alternately (2 each);
//     with --only-pg, each worker part by that commit's tree, then by this code, on the same generated shop;
//   [--only-pg [--reference-digest <hex>]]: the PostgreSQL worker parts alone, compared with a digest of an
//   earlier one-process run of the same shop (same --variants and --days) when given, else with the 1-worker run.
// Needs PostgreSQL on 127.0.0.1:5432 (database `test`) and Redis on 127.0.0.1:6379 for the worker parts.
// BENCH_WORKER_NODE_OPTIONS: the workers' NODE_OPTIONS, e.g. "--max-old-space-size=640" to check a heap size.
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createPrismaClient, type Db } from "~/db.server";
import { migrateDatabase } from "~/db/migrate.server";
import { openBulkWriter } from "~/db/bulk.server";
import { addDays } from "~/core/days";
import { mulberry32 } from "~/core/random";
import { createJobQueue } from "~/jobs/index.server";
import { JOB_TYPES } from "~/jobs/standard";
import { recomputeShop } from "~/sync/recompute/recompute.server";
import { recomputeStatusOf } from "~/sync/recompute/chunks.server";
import { recomputeRows } from "../support/recompute-rows";
import { dropSchemas } from "../support/test-run";
import { digest } from "./recompute-snapshot";
import { cpuSeconds } from "./lib/app-process";
import { baselineTree, headCommit } from "./lib/baseline-tree";
import { writeBetweenMarkers } from "./lib/doc-section";
import { nodeFlagsOf } from "./lib/node-flags";
import { loadavg, REPO } from "./lib/report";

export const AS_OF = "2026-11-30";
const PG_BASE = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const REDIS = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

export interface ScaleShop {
  url: string;
  shopId: string;
  variants: number;
  days: number;
  rows: { dailySales: number };
  generateMs: number;
}

function poisson(rand: () => number, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gauss(rand)));
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}

function gauss(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

const pad = (i: number) => String(i).padStart(7, "0");
const WEEKLY = [0.85, 0.9, 0.95, 1, 1.05, 1.3, 1.2];

/**
 * Writes a simulated shop straight into the database (driver-level bulk inserts): `variants` variants in products
 * of three, 20 product types, 30 vendors, two locations, stock at both, two price changes each, and `days` days of
 * daily sales (a long tail of slow sellers: median 0.2 units a day; weekly and yearly seasonality; demand that
 * follows the price with elasticity -2). Ids are deterministic, so two databases hold the same shop.
 */
export async function generateScaleShop(
  url: string,
  opts: { variants: number; days: number; seed?: number },
): Promise<ScaleShop> {
  const t0 = Date.now();
  await migrateDatabase(url);
  const db = createPrismaClient(url);
  const shop = await db.shop.create({
    data: { id: "scaleshop", domain: "scale.myshopify.com", name: "Scale shop", source: "bench:scale" },
  });
  await db.$disconnect();
  const writer = await openBulkWriter(url, shop.id);
  // PostgreSQL: DailySales (tens of millions of rows) is loaded without its keys, indexes and foreign keys, which
  // are re-created once it is full (a sorted index build instead of one random insertion per row and index). Only in
  // this benchmark's own schema; the app's writers never do this.
  const bare = url.startsWith("postgres") ? await withoutKeys(url, "DailySales") : null;
  const rand = mulberry32(opts.seed ?? 16);
  const start = addDays(AS_OF, -(opts.days - 1));
  const startEpoch = Date.parse(`${start}T00:00:00Z`) / 86_400_000;
  let dailySales = 0;
  const dayNames = Array.from({ length: opts.days }, (_, d) => addDays(start, d));
  try {
    await writer.insert("Location", [
      { id: "loc-a", shopifyId: "gid://shopify/Location/1", name: "Warehouse" },
      { id: "loc-b", shopifyId: "gid://shopify/Location/2", name: "Shop" },
    ]);
    const SLICE = 501; // whole products (three variants each)
    for (let from = 0; from < opts.variants; from += SLICE) {
      const products: Record<string, unknown>[] = [];
      const variants: Record<string, unknown>[] = [];
      const levels: Record<string, unknown>[] = [];
      const prices: Record<string, unknown>[] = [];
      const sales: Record<string, unknown>[] = [];
      for (let i = from; i < Math.min(opts.variants, from + SLICE); i++) {
        const productId = `p${pad(Math.floor(i / 3))}`;
        const type = `Type ${i % 20}`;
        const vendor = `Vendor ${Math.floor(i / 3) % 30}`;
        if (i % 3 === 0)
          products.push({
            id: productId,
            shopifyId: `gid://shopify/Product/${Math.floor(i / 3) + 1}`,
            title: `Product ${Math.floor(i / 3)}`,
            vendor,
            productType: type,
          });
        const id = `v${pad(i)}`;
        const p0 = Math.round((5 + rand() * 95) * 100) / 100;
        const change1 = Math.floor(opts.days * 0.4 + rand() * opts.days * 0.1);
        const change2 = Math.floor(opts.days * 0.75 + rand() * opts.days * 0.1);
        const f1 = rand() < 0.5 ? 0.9 : 1.1;
        const f2 = rand() < 0.5 ? 0.95 : 1.05;
        const priceAt = (d: number) => Math.round(p0 * (d >= change1 ? f1 : 1) * (d >= change2 ? f2 : 1) * 100) / 100;
        const current = priceAt(opts.days - 1);
        variants.push({
          id,
          productId,
          shopifyId: `gid://shopify/ProductVariant/${i + 1}`,
          title: `Variant ${i}`,
          sku: `SKU-${pad(i)}`,
          vendor,
          productType: type,
          price: current,
          unitCost: rand() < 0.05 ? null : Math.round(p0 * (0.35 + rand() * 0.25) * 100) / 100,
        });
        for (const [k, d] of [
          [0, 0],
          [1, change1],
          [2, change2],
        ] as const) {
          prices.push({
            variantId: id,
            effectiveAt: new Date((startEpoch + d) * 86_400_000),
            price: priceAt(d),
            source: k === 0 ? "import" : "shopify",
          });
        }
        const base = Math.exp(-1.6 + 1.2 * gauss(rand));
        const phase = ((i % 20) / 20) * 2 * Math.PI;
        const onHand = Math.floor(rand() * 4 * base * 30);
        levels.push({ variantId: id, locationId: "loc-a", available: onHand, onHand });
        levels.push({
          variantId: id,
          locationId: "loc-b",
          available: Math.floor(onHand / 3),
          onHand: Math.floor(onHand / 3),
        });
        for (let d = 0; d < opts.days; d++) {
          const epoch = startEpoch + d;
          const price = priceAt(d);
          const lambda =
            base *
            WEEKLY[(epoch + 3) % 7] *
            (1 + 0.3 * Math.sin((2 * Math.PI * (epoch % 365)) / 365 + phase)) *
            Math.pow(price / p0, -2);
          const units = poisson(rand, lambda);
          if (units === 0) continue;
          const revenue = Math.round(units * price * 100) / 100;
          sales.push({
            variantId: id,
            day: dayNames[d],
            units,
            lines: units,
            grossRevenue: revenue,
            netRevenue: revenue,
            avgPrice: price,
          });
        }
      }
      await writer.insert("Product", products);
      await writer.insert("Variant", variants);
      await writer.insert("InventoryLevel", levels);
      await writer.insert("PriceHistory", prices);
      dailySales += await writer.insert("DailySales", sales);
    }
  } finally {
    await writer.close();
  }
  await bare?.restore();
  return {
    url,
    shopId: shop.id,
    variants: opts.variants,
    days: opts.days,
    rows: { dailySales },
    generateMs: Date.now() - t0,
  };
}

/** Drops a table's constraints and indexes (in the URL's schema); restore() re-creates them from their definitions. */
async function withoutKeys(url: string, table: string): Promise<{ restore(): Promise<void> }> {
  const u = new URL(url);
  const schema = u.searchParams.get("schema") ?? "public";
  u.searchParams.delete("schema");
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  const ident = `"${schema}"."${table}"`;
  const constraints = (
    await client.query<{ name: string; def: string; type: string }>(
      `SELECT c.conname AS name, pg_get_constraintdef(c.oid) AS def, c.contype AS type FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = $1 AND t.relname = $2 AND c.contype IN ('p', 'u', 'f')`,
      [schema, table],
    )
  ).rows;
  const indexes = (
    await client.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = $1 AND tablename = $2
       AND indexname NOT IN (SELECT conname FROM pg_constraint)`,
      [schema, table],
    )
  ).rows;
  for (const c of constraints) await client.query(`ALTER TABLE ${ident} DROP CONSTRAINT "${c.name}"`);
  for (const i of indexes) await client.query(`DROP INDEX "${schema}"."${i.name}"`);
  await client.end();
  return {
    async restore() {
      const again = new pg.Client({ connectionString: u.toString() });
      await again.connect();
      try {
        await again.query(`SET maintenance_work_mem = '512MB'`);
        const order = (t: string) => (t === "p" ? 0 : t === "u" ? 1 : 3);
        for (const c of constraints.filter((c) => order(c.type) < 2).sort((a, b) => order(a.type) - order(b.type)))
          await again.query(`ALTER TABLE ${ident} ADD CONSTRAINT "${c.name}" ${c.def}`);
        await again.query(`SET search_path TO "${schema}"`);
        for (const i of indexes) await again.query(i.def);
        for (const c of constraints.filter((c) => c.type === "f"))
          await again.query(`ALTER TABLE ${ident} ADD CONSTRAINT "${c.name}" ${c.def}`);
        await again.query(`ANALYZE ${ident}`);
      } finally {
        await again.end();
      }
    },
  };
}

/**
 * Runs `tree`'s copy of this file in a child process (`--child <part>`) with the Node flags of `npm start` (the
 * embedded default recomputes in the web process), returns its last stdout line as JSON and its CPU seconds.
 */
function child<T>(args: string[], env: Record<string, string> = {}, tree = REPO): Promise<T & { cpuS: number }> {
  return new Promise((resolve, reject) => {
    const entry = path.join(tree, "tests/bench/scale.ts");
    const proc = spawn(process.execPath, [...nodeFlagsOf("start", tree), "--import", "tsx", entry, ...args], {
      cwd: tree,
      env: { ...process.env, LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let cpuS = 0;
    const sample = setInterval(() => {
      const now = cpuSeconds(proc.pid); // NaN once it has exited: the last sample stays
      if (!Number.isNaN(now)) cpuS = now;
    }, 250);
    let out = "";
    proc.stdout.on("data", (d) => (out += d));
    proc.on("exit", (code) => {
      clearInterval(sample);
      const last = out.trim().split("\n").pop() ?? "";
      if (code !== 0) reject(new Error(`child ${args.join(" ")} exited ${code}: ${out.slice(-2000)}`));
      else resolve({ ...(JSON.parse(last) as T), cpuS });
    });
  });
}

/** Peak resident set of this process, MB. */
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** Peak resident set of another (live) process, MB, from /proc/<pid>/status VmHWM. */
function peakRssOf(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

export interface RecomputeFigures {
  ms: number;
  peakRssMb: number;
  contextMs: number;
  decideWriteMs: number;
  variants: number;
  digest: string;
}

/** Full recompute in one process (a child, so its peak RSS is its own), by this code or `tree`'s. */
export function recomputeOneProcess(shop: ScaleShop, tree = REPO): Promise<RecomputeFigures & { cpuS: number }> {
  return child<RecomputeFigures>(["--child", "recompute", "--url", shop.url, "--shop", shop.shopId], {}, tree);
}

export interface OneVariantFigures {
  samples: number;
  p50: number;
  p95: number;
  max: number;
  first: number;
  peakRssMb: number;
}

/** One-variant recomputes (as after a webhook) of `samples` variants drawn at random, in one process. */
export function oneVariantRecomputes(shop: ScaleShop, samples: number): Promise<OneVariantFigures> {
  return child<OneVariantFigures>([
    "--child",
    "one-variant",
    "--url",
    shop.url,
    "--shop",
    shop.shopId,
    "--samples",
    String(samples),
  ]);
}

export interface WorkerFigures {
  workers: number;
  ms: number;
  peakRssMb: number[];
  chunks: number;
  digest: string;
}

/** A full recompute as chunk jobs on BullMQ taken by `workers` `npm run worker` processes (PostgreSQL). */
export async function recomputeWorkers(
  shop: ScaleShop,
  workers: number,
  chunkVariants = 2000,
  root = REPO,
): Promise<WorkerFigures> {
  const queueName = `benchscale${process.pid}w${workers}${root === REPO ? "" : "base"}`;
  const procs = Array.from({ length: workers }, () =>
    spawn(process.execPath, [...nodeFlagsOf("worker"), "--import", "tsx", "app/jobs/worker.server.ts"], {
      cwd: root,
      env: {
        ...process.env,
        REDIS_URL: REDIS,
        DATABASE_URL: shop.url,
        ...(process.env.BENCH_WORKER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS } : {}),
        JOBS_QUEUE: queueName,
        JOBS_CONCURRENCY: "1",
        JOBS_LOCK_MS: "60000",
        RECOMPUTE_CHUNK_VARIANTS: String(chunkVariants),
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "ignore", "inherit"],
    }),
  );
  const queue = createJobQueue({ redisUrl: REDIS, redis: { queueName } });
  const db = createPrismaClient(shop.url);
  try {
    await new Promise((r) => setTimeout(r, 4000)); // workers up
    const before = (await recomputeStatusOf(db, shop.shopId))?.version ?? 0;
    const t0 = Date.now();
    await queue.enqueue({ shopId: shop.shopId, type: JOB_TYPES.recomputeShop, payload: {} });
    for (;;) {
      const status = await recomputeStatusOf(db, shop.shopId);
      if (status && status.version > before && status.status === "published") break;
      if (status && status.version > before && status.status === "failed")
        throw new Error("the chunked recompute failed");
      if (procs.some((p) => p.exitCode !== null)) throw new Error("a worker exited");
      await new Promise((r) => setTimeout(r, 200));
    }
    const ms = Date.now() - t0;
    const peaks = procs.map((p) => peakRssOf(p.pid!));
    const status = await recomputeStatusOf(db, shop.shopId);
    return {
      workers,
      ms,
      peakRssMb: peaks,
      chunks: status?.chunksTotal ?? 0,
      digest: digest(await recomputeRows(db, shop.shopId)),
    };
  } finally {
    for (const p of procs) p.kill("SIGTERM");
    await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.on("exit", r)))));
    await queue.close();
    await db.$disconnect();
  }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function runChild(part: string): Promise<void> {
  const url = arg("url")!;
  const shopId = arg("shop")!;
  const db: Db = createPrismaClient(url);
  try {
    if (part === "recompute") {
      const t0 = Date.now();
      const report = await recomputeShop(db, shopId);
      const ms = Date.now() - t0;
      const peak = peakRssMb(); // before the digest below reads every row back
      const figures: RecomputeFigures = {
        ms,
        peakRssMb: peak,
        contextMs: report.phases.contextMs,
        decideWriteMs: report.phases.decideWriteMs,
        variants: report.variants,
        digest: digest(await recomputeRows(db, shopId)),
      };
      console.log(JSON.stringify(figures));
    } else if (part === "one-variant") {
      const samples = Number(arg("samples") ?? 200);
      const ids = (await db.variant.findMany({ where: { shopId }, select: { id: true }, orderBy: { id: "asc" } })).map(
        (v) => v.id,
      );
      const rand = mulberry32(99);
      const times: number[] = [];
      for (let i = 0; i < samples; i++) {
        const id = ids[Math.floor(rand() * ids.length)];
        const t = performance.now();
        const report = await recomputeShop(db, shopId, { variantIds: [id] });
        times.push(performance.now() - t);
        if (!report.reusedShopContext) throw new Error("the one-variant recompute did not use the stored context");
      }
      const sorted = times.slice(1).sort((a, b) => a - b);
      const q = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 10) / 10;
      const figures: OneVariantFigures = {
        samples,
        p50: q(0.5),
        p95: q(0.95),
        max: q(1),
        first: Math.round(times[0]),
        peakRssMb: peakRssMb(),
      };
      console.log(JSON.stringify(figures));
    } else throw new Error(`unknown part ${part}`);
  } finally {
    await db.$disconnect();
  }
}

/**
 * The one-process recompute by the baseline tree and by this code alternately (baseline first, this code last so
 * the one-variant part that follows reads this code's stored context), each on a fresh copy of the generated file.
 */
async function sideBySide(
  shop: ScaleShop,
  file: string,
  base: string,
  log: (line: string) => void,
): Promise<{ last: RecomputeFigures & { cpuS: number }; rows: string[] }> {
  const pristine = `${file}.pristine`;
  copyFileSync(file, pristine);
  const tree = baselineTree(base);
  const head = headCommit();
  const runs: { code: string; figures: RecomputeFigures & { cpuS: number }; load: string }[] = [];
  try {
    for (let round = 1; round <= 2; round++) {
      for (const [code, root] of [
        [`baseline ${base}`, tree],
        [`this code (${head}+)`, REPO],
      ] as const) {
        for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
        copyFileSync(pristine, file);
        const load = loadavg();
        const figures = await recomputeOneProcess(shop, root);
        log(`SQLite one process, ${code}, round ${round}: ${JSON.stringify(figures)}`);
        runs.push({ code, figures, load });
      }
    }
  } finally {
    rmSync(tree, { recursive: true, force: true });
    rmSync(pristine, { force: true });
  }
  const last = runs[runs.length - 1].figures;
  const rows = runs.map(
    ({ code, figures: f, load }, i) =>
      `| ${Math.floor(i / 2) + 1} | ${code} | ${s(f.ms)} (context ${s(f.contextMs)}, decide + write ${s(f.decideWriteMs)}) | ${f.cpuS.toFixed(1)} s | ${f.peakRssMb} MB | ${f.digest === last.digest ? "identical" : "DIFFERENT"} | ${load} |`,
  );
  return { last, rows };
}

const dropPgSchema = (url: string) => dropSchemas(url, { name: new URL(url).searchParams.get("schema")! });

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The recompute parts of the benchmark; returns the Markdown section. */
export async function runRecomputeParts(opts: {
  variants: number;
  days: number;
  samples: number;
  pg: boolean;
  /** Only the PostgreSQL worker parts; their rows are compared with this digest, else with the 1-worker run's. */
  onlyPg?: { referenceDigest?: string };
  /** The worker counts of the PostgreSQL + Redis parts (default 1 and 2). */
  workers?: number[];
  /** A baseline commit: the one-process SQLite recompute is run by it and by this code alternately, twice each
   *  (with onlyPg: each worker part by it, then by this code). */
  base?: string;
  log?: (line: string) => void;
}): Promise<string> {
  const log = opts.log ?? console.log;
  const dir = mkdtempSync(path.join(os.tmpdir(), "pilotage-bench-scale-"));
  const lines: string[] = [];
  const baseRows: string[] = [];
  try {
    let reference = opts.onlyPg?.referenceDigest;
    let dailySales = 0;
    let variant: OneVariantFigures | null = null;
    if (!opts.onlyPg) {
      const sqlite = await generateScaleShop(`file:${path.join(dir, "scale.db")}`, opts);
      dailySales = sqlite.rows.dailySales;
      log(
        `SQLite: generated ${opts.variants} variants, ${sqlite.rows.dailySales} daily sales rows in ${s(sqlite.generateMs)} (${(statSync(path.join(dir, "scale.db")).size / 1e6).toFixed(0)} MB)`,
      );
      let one: RecomputeFigures & { cpuS: number };
      if (opts.base) {
        const side = await sideBySide(sqlite, path.join(dir, "scale.db"), opts.base, log);
        one = side.last;
        baseRows.push(...side.rows);
      } else one = await recomputeOneProcess(sqlite);
      reference = one.digest;
      log(`SQLite one process: ${JSON.stringify(one)}`);
      variant = await oneVariantRecomputes(sqlite, opts.samples);
      log(`one-variant: ${JSON.stringify(variant)}`);
      lines.push(
        `| SQLite, one process | ${s(one.ms)} (context ${s(one.contextMs)}, decide + write ${s(one.decideWriteMs)}) | ${one.peakRssMb} MB | ${(one.ms / one.variants).toFixed(2)} ms | reference |`,
      );
    }
    const workerRows: string[] = [];
    if (opts.pg || opts.onlyPg) {
      const url = new URL(PG_BASE);
      url.searchParams.set("schema", `bench_scale_${process.pid}`);
      try {
        const pgShop = await generateScaleShop(url.toString(), opts);
        dailySales = pgShop.rows.dailySales;
        log(`PostgreSQL: generated in ${s(pgShop.generateMs)}`);
        // With --only-pg --base: each worker count by the baseline's tree first (on the freshly generated shop),
        // then by this code (on the rows the baseline left, as a nightly run finds them).
        const tree = opts.onlyPg && opts.base ? baselineTree(opts.base) : null;
        try {
          for (const workers of opts.workers ?? [1, 2]) {
            for (const [code, root] of tree
              ? [[`baseline ${opts.base}`, tree] as const, [`this code (${headCommit()}+)`, REPO] as const]
              : [["", REPO] as const]) {
              const loadBefore = loadavg();
              const w = await recomputeWorkers(pgShop, workers, 2000, root);
              reference ??= w.digest;
              log(`PostgreSQL + Redis, ${workers} worker(s)${code ? `, ${code}` : ""}: ${JSON.stringify(w)}`);
              workerRows.push(
                `| PostgreSQL + Redis, ${workers} worker${workers > 1 ? "s" : ""}${code ? `, ${code}` : ""} (${w.chunks} chunk jobs; load before ${loadBefore}) | ${s(w.ms)} | ${w.peakRssMb.map((m) => `${m} MB`).join(", ")} | ${(w.ms / opts.variants).toFixed(2)} ms | ${w.digest === reference ? "identical" : "DIFFERENT"} |`,
              );
            }
          }
        } finally {
          if (tree) rmSync(tree, { recursive: true, force: true });
        }
      } finally {
        await dropPgSchema(url.toString()).catch(() => undefined);
      }
    }
    lines.push(...workerRows);
    const load = readFileSync("/proc/loadavg", "utf8").trim();
    return [
      `### Recompute at scale (issue 16): ${opts.variants.toLocaleString("en-US")} variants, ${opts.days} days`,
      "",
      `- Date: ${new Date().toISOString().replace(/\.\d+Z$/, "Z")}`,
      `- Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}; shared with other sessions`,
      `- Command: \`npm run bench:scale -- --variants ${opts.variants}${opts.days !== 730 ? ` --days ${opts.days}` : ""}${opts.onlyPg ? ` --only-pg${opts.onlyPg.referenceDigest ? ` --reference-digest ${opts.onlyPg.referenceDigest}` : ""}` : opts.pg ? "" : " --no-pg"}${opts.base ? ` --base ${opts.base}` : ""}${opts.workers ? ` --workers ${opts.workers.join(",")}` : ""}\``,
      `- \`cat /proc/loadavg\` at the end: \`${load}\``,
      `- Shop: generated straight into each database (tests/bench/scale.ts): ${dailySales.toLocaleString("en-US")} daily sales rows, two locations, three prices per variant`,
      "",
      `| set-up | full recompute | peak RSS per process | per variant | rows vs ${opts.onlyPg ? (opts.onlyPg.referenceDigest ? "the given one-process digest" : "the 1-worker run") : "one-process SQLite"} |`,
      "|---|---|---|---|---|",
      ...lines,
      ...(variant
        ? [
            "",
            `One-variant recompute after a webhook (SQLite, stored context of the last run, ${variant.samples} random variants in one process): ` +
              `p50 ${variant.p50} ms, p95 ${variant.p95} ms, max ${variant.max} ms (first call, which parses the stored context: ${variant.first} ms); peak RSS ${variant.peakRssMb} MB.`,
          ]
        : []),
      ...(baseRows.length
        ? [
            "",
            `Side by side on the same SQLite shop (a fresh copy of the generated file for each run; baseline = commit ${opts.base}'s own tree; CPU = the recompute process's user + system time):`,
            "",
            "| run | code | full recompute | CPU | peak RSS | rows vs this code's last run | /proc/loadavg before |",
            "|---|---|---|---|---|---|---|",
            ...baseRows,
          ]
        : []),
    ].join("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const part = arg("child");
  if (part) return runChild(part);
  const variants = Number(arg("variants") ?? 100_000);
  const days = Number(arg("days") ?? 730);
  const samples = Number(arg("samples") ?? 200);
  if (!Number.isInteger(variants) || variants < 10)
    throw new Error(`--variants must be an integer >= 10, got ${arg("variants")}`);
  if (!Number.isInteger(days) || days < 60) throw new Error(`--days must be an integer >= 60, got ${arg("days")}`);
  const onlyPg = process.argv.includes("--only-pg") ? { referenceDigest: arg("reference-digest") } : undefined;
  const base = arg("base");
  const workers = arg("workers")?.split(",").map(Number);
  if (workers && !workers.every((w) => Number.isInteger(w) && w >= 1))
    throw new Error(`--workers must be a comma-separated list of integers >= 1, got ${arg("workers")}`);
  const body = await runRecomputeParts({
    variants,
    days,
    samples,
    pg: !process.argv.includes("--no-pg"),
    onlyPg,
    base,
    workers,
  });
  console.log(`\n${body}`);
  if (!process.argv.includes("--no-write")) {
    const marker = `bench:scale:recompute:${variants}${onlyPg ? ":pg" : ""}${base ? ":base" : ""}`;
    writeBetweenMarkers(`<!-- ${marker} -->`, `<!-- /${marker} -->`, body);
    console.log("written to docs/benchmarks.md");
  }
}

if (process.argv[1]?.endsWith("scale.ts")) await main();
