// Benchmark of the history import: 1,000,000 order lines in a JSONL file shaped like the bulk orders result
// (children written after the NEXT order row, as the emulator does), imported through the import's own streaming
// path (openJsonl -> ordersSink -> bulk upserts with checkpoints -> aggregate rebuild) into SQLite and PostgreSQL.
// Each run is a child process, so its peak RSS is the import's alone (sampled every 50 ms while it runs).
// Targets (issue 5): at most 60 s and at most 400 MB RSS.
// Run alone: node --import tsx tests/bench/sync-import.ts      (or call runImportBench() from tests/bench/sync.ts)
// Knobs: BENCH_IMPORT_LINES, BENCH_IMPORT_TARGETS=sqlite,postgres, BENCH_PG_URL, BENCH_IMPORT_BATCH (rows per
// transaction), BENCH_IMPORT_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"), BENCH_IMPORT_VERBOSE=1 (child's
// stderr). Each run's figures are also printed as one JSON line on stderr.
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import { mulberry32 } from "~/core/random";

const LINES = Number(process.env.BENCH_IMPORT_LINES ?? 1_000_000);
const VARIANTS = 5000;
/** Rows per transaction (default: the import's own). */
const BATCH = process.env.BENCH_IMPORT_BATCH ? Number(process.env.BENCH_IMPORT_BATCH) : undefined;
const PG_URL = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const SELF = fileURLToPath(import.meta.url);

interface Figures {
  target: string;
  lines: number;
  orders: number;
  fileMb: number;
  generateS: number;
  importS: number;
  /** Of which streaming and upserting (the rest: the set-based aggregate rebuild). */
  streamS: number;
  rowsPerS: number;
  peakRssMb: number;
  /** Peak RSS while streaming (the rest of the import is the aggregate rebuild). */
  streamPeakRssMb: number;
  /** Peak V8 heap (total) plus external memory: the rest of the RSS is native (SQLite's cache, the code). */
  peakHeapMb: number;
  dailySales: number;
  /** CPU seconds (user + system) of the import process: a steadier figure than wall time on a shared machine. */
  cpuS: number;
  /** Of which while streaming. */
  streamCpuS: number;
  /** PostgreSQL: CPU seconds of the server processes serving the import (null: not readable here). */
  serverCpuS: number | null;
}

/** Writes the catalogue and orders JSONL files; returns the orders and line counts. */
export async function writeFiles(
  dir: string,
): Promise<{ catalogue: string; orders: string; orderCount: number; lineCount: number }> {
  const random = mulberry32(7);
  const catalogue = path.join(dir, "catalogue.jsonl");
  const out = createWriteStream(catalogue);
  for (let p = 1; p <= VARIANTS / 5; p++) {
    out.write(
      `${JSON.stringify({ id: `gid://shopify/Product/${p}`, title: `Product ${p}`, handle: `p-${p}`, vendor: `Vendor ${p % 7}`, productType: `Type ${p % 9}`, status: "ACTIVE", tags: [], updatedAt: "2026-01-01T00:00:00Z" })}\n`,
    );
    for (let v = 0; v < 5; v++) {
      const id = (p - 1) * 5 + v + 1;
      const price = (5 + ((id * 37) % 200)).toFixed(2);
      out.write(
        `${JSON.stringify({ id: `gid://shopify/ProductVariant/${id}`, title: `V${v}`, sku: `SKU-${id}`, price, compareAtPrice: null, updatedAt: "2026-01-01T00:00:00Z", inventoryItem: { id: `gid://shopify/InventoryItem/${id}`, updatedAt: "2026-01-01T00:00:00Z", unitCost: { amount: (Number(price) * 0.45).toFixed(2) } }, __parentId: `gid://shopify/Product/${p}` })}\n`,
      );
    }
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));

  const orders = path.join(dir, "orders.jsonl");
  const file = createWriteStream(orders, { highWaterMark: 1 << 20 });
  const write = (text: string) =>
    file.write(text) ? Promise.resolve() : new Promise<void>((resolve) => file.once("drain", () => resolve()));
  let lineNo = 0;
  let orderNo = 0;
  let pending = "";
  const start = Date.parse("2024-11-27T08:00:00Z");
  const span = 730 * 86_400_000;
  while (lineNo < LINES) {
    orderNo++;
    const id = `gid://shopify/Order/${orderNo}`;
    const n = Math.min(LINES - lineNo, 1 + Math.floor(random() * 5));
    const created = new Date(start + (Math.floor((orderNo / (LINES / 3)) * span) % span)).toISOString();
    const lines: { id: string; quantity: number; price: string }[] = [];
    let children = "";
    for (let i = 0; i < n; i++) {
      const lid = `gid://shopify/LineItem/${++lineNo}`;
      const variant = 1 + Math.floor(random() * random() * VARIANTS);
      const quantity = 1 + Math.floor(random() * random() * 4);
      const price = (5 + ((variant * 37) % 200)).toFixed(2);
      const discount = random() < 0.15 ? (Number(price) * quantity * 0.1).toFixed(2) : "0.0";
      lines.push({ id: lid, quantity, price });
      children += `${JSON.stringify({ id: lid, sku: `SKU-${variant}`, quantity, variant: { id: `gid://shopify/ProductVariant/${variant}` }, originalUnitPriceSet: { shopMoney: { amount: price } }, totalDiscountSet: { shopMoney: { amount: discount } }, __parentId: id })}\n`;
    }
    const refunded = random() < 0.05 ? lines[0] : null;
    const cancelled = !refunded && random() < 0.02;
    const order = {
      id,
      name: `#${1000 + orderNo}`,
      createdAt: created,
      processedAt: created,
      updatedAt: created,
      cancelledAt: cancelled ? created : null,
      currencyCode: "EUR",
      test: false,
      subtotalLineItemsQuantity: lines.reduce((a, l) => a + l.quantity, 0),
      customer: random() < 0.6 ? { id: `gid://shopify/Customer/${1 + Math.floor(random() * 50_000)}` } : null,
      retailLocation: null,
      refunds: refunded
        ? [
            {
              id: `gid://shopify/Refund/${orderNo}`,
              createdAt: created,
              refundLineItems: {
                nodes: [
                  {
                    lineItem: { id: refunded.id },
                    quantity: 1,
                    subtotalSet: { shopMoney: { amount: refunded.price } },
                  },
                ],
              },
            },
          ]
        : [],
    };
    // The previous order's lines come after this order row: children after an unrelated row.
    await write(`${JSON.stringify(order)}\n${pending}`);
    pending = children;
  }
  await write(pending);
  await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { catalogue, orders, orderCount: orderNo, lineCount: lineNo };
}

const fileFetch = (file: string) => async () =>
  new Response(Readable.toWeb(createReadStream(file, { highWaterMark: 1 << 20 })) as ReadableStream<Uint8Array>);

/** One run, in this (child) process: prints its figures as a JSON line. */
async function child(
  target: string,
  dir: string,
  files: Awaited<ReturnType<typeof writeFiles>>,
  generateS: number,
): Promise<void> {
  let peak = process.memoryUsage().rss;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    peakHeap = Math.max(peakHeap, m.heapTotal + m.external);
  }, 50);
  const server = target === "sqlite" ? null : await serverCpuSampler();
  try {
    process.env.SHOPIFY_API_SECRET ||= "bench-secret";
    const url =
      target === "sqlite"
        ? `file:${path.join(dir, "bench.db")}`
        : (() => {
            const u = new URL(PG_URL);
            u.searchParams.set("schema", `bench_import_${process.pid}`);
            return u.toString();
          })();
    const { migrateDatabase } = await import("~/db/migrate.server");
    const { createPrismaClient } = await import("~/db.server");
    const { openJsonl } = await import("~/shopify/jsonl.server");
    const { importJsonlPhase } = await import("~/sync/import/import.server");
    await migrateDatabase(url);
    const db = createPrismaClient(url);
    const shop = await db.shop.create({
      data: { domain: "bench.myshopify.com", name: "Bench", currency: "EUR", timezone: "Europe/Paris" },
    });
    const open = async (file: string) => {
      const rows = await openJsonl("file://local", fileFetch(file));
      if (!rows.ok) throw new Error(rows.error.message);
      return rows.value;
    };
    await importJsonlPhase({
      db,
      shopId: shop.id,
      phase: "catalogue",
      rows: await open(files.catalogue),
      total: VARIANTS * 1.2,
    });
    global.gc?.();
    peak = process.memoryUsage().rss;
    const t1 = Date.now();
    const cpu0 = process.cpuUsage();
    const serverCpu = server?.since();
    await importJsonlPhase({
      db,
      shopId: shop.id,
      phase: "orders",
      rows: await open(files.orders),
      total: files.orderCount + files.lineCount,
      batchRows: BATCH,
      finish: false,
    });
    const streamS = (Date.now() - t1) / 1000;
    const streamCpu = process.cpuUsage(cpu0);
    const streamPeak = Math.max(peak, process.memoryUsage().rss);
    await importJsonlPhase({
      db,
      shopId: shop.id,
      phase: "orders",
      rows: (async function* () {})(),
      total: 0,
      finish: true,
    });
    const importS = (Date.now() - t1) / 1000;
    const cpu = process.cpuUsage(cpu0);
    await new Promise((resolve) => setTimeout(resolve, 400)); // a last server sample
    const serverCpuS = serverCpu?.() ?? null;
    peak = Math.max(peak, process.memoryUsage().rss);
    const lines = await db.orderLine.count({ where: { shopId: shop.id } });
    const dailySales = await db.dailySales.count({ where: { shopId: shop.id } });
    if (lines !== files.lineCount) throw new Error(`imported ${lines} lines, expected ${files.lineCount}`);
    if (target !== "sqlite") await db.$executeRawUnsafe(`DROP SCHEMA "bench_import_${process.pid}" CASCADE`);
    await db.$disconnect();
    const figures: Figures = {
      target,
      lines,
      orders: files.orderCount,
      fileMb: Math.round(statSync(files.orders).size / 1e6),
      generateS,
      importS,
      streamS,
      rowsPerS: Math.round((files.orderCount + files.lineCount) / importS),
      peakRssMb: Math.round(peak / 1e6),
      streamPeakRssMb: Math.round(streamPeak / 1e6),
      peakHeapMb: Math.round(peakHeap / 1e6),
      dailySales,
      cpuS: Math.round((cpu.user + cpu.system) / 1e5) / 10,
      streamCpuS: Math.round((streamCpu.user + streamCpu.system) / 1e5) / 10,
      serverCpuS,
    };
    process.stdout.write(`BENCH ${JSON.stringify(figures)}\n`);
  } finally {
    clearInterval(sampler);
    await server?.stop();
  }
}

/**
 * CPU seconds of the PostgreSQL server processes serving this process's bulk writers (application_name
 * BULK_APPLICATION, this client's address), read from /proc every 200 ms while they live: the server's share of the
 * import, which the child's own CPU time leaves out. Needs the server on this machine (else reports null).
 */
async function serverCpuSampler(): Promise<{ since: () => () => number | null; stop: () => Promise<void> }> {
  const { default: pg } = await import("pg");
  const { BULK_APPLICATION } = await import("~/db/bulk-upsert.server");
  const client = new pg.Client({ connectionString: PG_URL, application_name: "pilotage-bench-probe" });
  await client.connect();
  const ticks = new Map<number, number>(); // backend pid -> last seen utime + stime (clock ticks)
  const hz = 100; // USER_HZ on Linux
  let readable = true;
  const sample = async () => {
    const rows = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND backend_start >= $2`,
      [BULK_APPLICATION, startedAt],
    );
    for (const { pid } of rows.rows) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
        ticks.set(pid, Number(fields[11]) + Number(fields[12]));
      } catch {
        readable = false;
      }
    }
  };
  const startedAt = new Date();
  let busy = Promise.resolve();
  const timer = setInterval(() => (busy = busy.then(sample).catch(() => undefined)), 200);
  const total = () => [...ticks.values()].reduce((a, b) => a + b, 0) / hz;
  return {
    since: () => {
      const at = total();
      return () => (readable ? Math.round((total() - at) * 10) / 10 : null);
    },
    stop: async () => {
      clearInterval(timer);
      await busy;
      await client.end();
    },
  };
}

function runChild(target: string, dir: string, files: object, generateS: number): Promise<Figures | string> {
  return new Promise((resolve) => {
    const extra = (process.env.BENCH_IMPORT_NODE_ARGS ?? "").split(" ").filter(Boolean); // e.g. --cpu-prof
    const args = [
      "--expose-gc",
      ...extra,
      "--import",
      "tsx",
      SELF,
      "--child",
      target,
      dir,
      JSON.stringify(files),
      String(generateS),
    ];
    const proc = spawn(process.execPath, args, {
      cwd: process.cwd(),
      env: process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    proc.stdout.on("data", (d) => (out += d));
    proc.stderr.on("data", (d) => {
      out += d;
      if (process.env.BENCH_IMPORT_VERBOSE) process.stderr.write(d);
    });
    proc.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("BENCH "));
      resolve(
        line ? (JSON.parse(line.slice(6)) as Figures) : `exit ${code}: ${out.trim().split("\n").slice(-3).join(" ")}`,
      );
    });
  });
}

/** Runs the benchmark on SQLite and PostgreSQL; returns a markdown section. */
export async function runImportBench(): Promise<string> {
  const rows: string[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), "pilotage-import-bench-"));
  const t0 = Date.now();
  const files = await writeFiles(dir);
  const generateS = (Date.now() - t0) / 1000;
  const targets = (process.env.BENCH_IMPORT_TARGETS ?? "sqlite,postgres").split(",");
  for (const target of targets) {
    const r = await runChild(target, dir, files, generateS);
    if (typeof r === "string") {
      rows.push(`| ${target} | failed: ${r.replace(/\|/g, "/")} | | | | | |`);
      continue;
    }
    process.stderr.write(`${JSON.stringify(r)}\n`);
    const verdict = r.importS <= 60 && r.peakRssMb <= 400 ? "yes" : "no";
    rows.push(
      `| ${r.target} | ${r.lines.toLocaleString("en-US")} lines / ${r.orders.toLocaleString("en-US")} orders (${r.fileMb} MB) | ${r.importS.toFixed(1)} s (rebuild ${(r.importS - r.streamS).toFixed(1)} s) | ${r.cpuS.toFixed(1)} s | ${r.rowsPerS.toLocaleString("en-US")} | ${r.peakRssMb} MB | ${verdict} |`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
  return [
    "## History import: 1M order lines from JSONL",
    "",
    "Command: `node --import tsx tests/bench/sync-import.ts`. A synthetic bulk-orders JSONL file (1-5 lines per order, 5 % refunds,",
    "2 % cancellations, 60 % known customers, children after the next order row) streamed through the import's own path",
    "(openJsonl, ordersSink, stale-guarded upserts in 5,000-row transactions with checkpoints, set-based aggregate rebuild),",
    "each database in its own child process. Peak RSS sampled every 50 ms during the import. Targets: ≤ 60 s, ≤ 400 MB.",
    "CPU time is the import process's own (user + system): on a shared machine wall time also counts the others' load.",
    "",
    `Machine: ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} when the runs ended (other processes share it).`,
    "",
    "| Database | Input | Import time | CPU time | Rows/s | Peak RSS | Within targets |",
    "|---|---|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

const isMain = process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url;
if (isMain) {
  const at = process.argv.indexOf("--child");
  if (at >= 0) {
    const [target, dir, files, generateS] = process.argv.slice(at + 1);
    await child(target, dir, JSON.parse(files) as Awaited<ReturnType<typeof writeFiles>>, Number(generateS));
  } else process.stdout.write(`${await runImportBench()}\n`);
}
