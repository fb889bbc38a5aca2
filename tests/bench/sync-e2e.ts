// Time from an `orders/create` webhook to an updated recommendation, on the demo stack (app/demo/main.server.ts:
// the app, the Admin API emulator and the in-process job worker) over a fresh SQLite file. Orders for the
// best-selling variants are placed one at a time through the emulator's POST /emulator/orders, which sends the
// signed orders/create (and inventory_levels/update) webhooks; the variant's Forecast.computedAt and its pending
// Recommendation rows are then polled until they change.
// Run alone: `tsx tests/bench/sync-e2e.ts [--quick] [--orders=N]` (prints the section; `npm run bench:sync` writes it).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createPrismaClient, type Db } from "~/db.server";
import { answers, ensureBuild, freePort, startApp } from "./lib/app-process";
import { fmt, quantile, table } from "./lib/report";

const DEMO_SHOP = "pilotage-demo.myshopify.com";
const POLL_MS = 20;
const GIVE_UP_MS = 120_000;

export interface E2eOptions {
  quick?: boolean;
  orders?: number;
}

export interface E2eOrder {
  variant: string;
  /** POST /emulator/orders answered (both webhooks acknowledged). */
  ackMs: number;
  /** The Order row exists (delivery applied by its job). */
  orderMs: number;
  forecastMs: number;
  /** Pending Recommendation rows replaced; NaN when the variant has none before and after. */
  recommendationMs: number;
}

export interface E2eResult {
  orders: E2eOrder[];
  warmUp: E2eOrder;
  seedSeconds: number;
  initialRecomputeSeconds: number;
  load1: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function untilTrue(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(POLL_MS);
  }
}

async function recommendationState(db: Db, shopId: string, variantId: string): Promise<string> {
  const rows = await db.recommendation.findMany({
    where: { shopId, variantId, status: "pending" },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => r.id).join(",");
}

async function forecastAt(db: Db, shopId: string, variantId: string): Promise<number> {
  const f = await db.forecast.findUnique({
    where: { shopId_variantId: { shopId, variantId } },
    select: { computedAt: true },
  });
  return f?.computedAt.getTime() ?? 0;
}

export async function runE2eBench(opts: E2eOptions = {}): Promise<{ result: E2eResult; markdown: string }> {
  await ensureBuild();
  const count = opts.orders ?? (opts.quick ? 5 : 10);
  const dir = mkdtempSync(path.join(os.tmpdir(), "pilotage-bench-e2e-"));
  const url = `file:${path.join(dir, "demo.db")}`;
  const port = await freePort();
  const emulatorPort = await freePort();
  const emulator = `http://127.0.0.1:${emulatorPort}`;
  const started = Date.now();
  console.log("demo stack: seeding a fresh database (about a minute)...");
  const app = await startApp({
    entry: "app/demo/main.server.ts",
    logFile: path.join(dir, "demo.log"),
    env: { DATABASE_URL: url, PORT: String(port), EMULATOR_PORT: String(emulatorPort), REDIS_URL: "" },
    ready: (log) => log.includes("demo listening") && answers(`${emulator}/emulator/health`),
    timeoutMs: 600_000,
  });
  const seedSeconds = (Date.now() - started) / 1000;
  const db = createPrismaClient(url);
  try {
    const shop = await db.shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP }, select: { id: true } });
    const shopId = shop.id;
    // The demo enqueues a first full recompute; wait for it so the orders below meet an idle worker.
    const t1 = Date.now();
    await untilTrue(
      async () =>
        (await db.job.count({ where: { shopId, type: "recompute.shop", status: { in: ["queued", "running"] } } })) ===
          0 && (await db.forecast.count({ where: { shopId } })) > 0,
      900_000,
      "the initial recompute",
    );
    // From the job row: it may have finished before the demo listened.
    const first = await db.job.findFirst({
      where: { shopId, type: "recompute.shop", status: "done" },
      select: { createdAt: true, finishedAt: true },
    });
    const initialRecomputeSeconds = first?.finishedAt
      ? (first.finishedAt.getTime() - first.createdAt.getTime()) / 1000
      : (Date.now() - t1) / 1000;
    console.log(`demo ready in ${fmt(seedSeconds, 0)} s, initial recompute ${fmt(initialRecomputeSeconds, 0)} s`);

    // Best sellers over the last 28 days of history that have a forecast.
    const lastDay = (await db.dailySales.aggregate({ where: { shopId }, _max: { day: true } }))._max.day!;
    const from = new Date(Date.parse(`${lastDay}T00:00:00Z`) - 27 * 86_400_000).toISOString().slice(0, 10);
    const sellers = await db.dailySales.groupBy({
      by: ["variantId"],
      where: { shopId, day: { gte: from } },
      _sum: { units: true },
      orderBy: { _sum: { units: "desc" } },
      take: count + 1,
    });
    const variants = await db.variant.findMany({
      where: { shopId, id: { in: sellers.map((s) => s.variantId) } },
      select: { id: true, shopifyId: true },
    });
    const byId = new Map(variants.map((v) => [v.id, v]));
    const load1 = os.loadavg()[0];
    const orders: E2eOrder[] = [];
    const placeOne = async (v: { id: string; shopifyId: string }): Promise<E2eOrder> => {
      const forecastBefore = await forecastAt(db, shopId, v.id);
      const recsBefore = await recommendationState(db, shopId, v.id);
      const since = new Date(Date.now() - 1000); // SQLite stores milliseconds; a little slack for clock rounding
      let ackMs = NaN;
      let orderMs = NaN;
      let orderStoredAt = Infinity;
      let forecastMs = NaN;
      let recommendationMs = NaN;
      const t0 = performance.now();
      // The emulator answers once both webhooks are acknowledged; the database is polled meanwhile.
      const post = fetch(`${emulator}/emulator/orders`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ variantId: v.shopifyId, quantity: 1 }),
      }).then(async (res) => {
        const placed = (await res.json()) as { order?: { id: string }; webhooks?: { status: number }[] };
        ackMs = performance.now() - t0;
        if (res.status !== 201 || !placed.order || placed.webhooks?.some((w) => w.status !== 200)) {
          throw new Error(`order not placed or webhook refused: ${res.status} ${JSON.stringify(placed)}`);
        }
      });
      let failed: unknown = null;
      post.catch((e: unknown) => (failed = e));
      await untilTrue(
        async () => {
          if (failed) throw failed;
          const now = performance.now() - t0;
          if (Number.isNaN(orderMs)) {
            const line = await db.orderLine.findFirst({
              where: { shopId, variantId: v.id, updatedAt: { gte: since } },
              select: { updatedAt: true },
            });
            if (line) [orderMs, orderStoredAt] = [now, line.updatedAt.getTime()];
          }
          // Only a recompute that started after the order was stored counts (inventory_levels/update may trigger
          // an earlier one).
          const at = await forecastAt(db, shopId, v.id);
          if (Number.isNaN(forecastMs) && at > forecastBefore && at >= orderStoredAt) {
            forecastMs = now;
            // Forecast and recommendations are written in one transaction (app/sync/recompute/recompute.server.ts).
            if ((await recommendationState(db, shopId, v.id)) !== recsBefore) recommendationMs = now;
          }
          return !Number.isNaN(forecastMs) && !Number.isNaN(ackMs);
        },
        GIVE_UP_MS,
        `the recompute of ${v.shopifyId}`,
      );
      const o = { variant: v.shopifyId, ackMs, orderMs, forecastMs, recommendationMs };
      console.log(
        `  ${v.shopifyId}: acknowledged ${fmt(ackMs, 0)} ms, order stored ${fmt(orderMs, 0)} ms, forecast ${fmt(forecastMs, 0)} ms, recommendation ${fmt(recommendationMs, 0)} ms`,
      );
      await sleep(2000); // spaced: each order meets an idle worker, no coalescing with the previous one
      return o;
    };
    // A first order on another best seller warms the worker (route modules, recompute cache); reported apart.
    const warm = byId.get(sellers[count].variantId)!;
    console.log("  warm-up order:");
    const warmUp = await placeOne(warm);
    for (const s of sellers.slice(0, count)) {
      const o = await placeOne(byId.get(s.variantId)!);
      orders.push(o);
    }
    const result = { orders, warmUp, seedSeconds, initialRecomputeSeconds, load1 };
    return { result, markdown: e2eMarkdown(result) };
  } finally {
    await db.$disconnect();
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function e2eMarkdown(r: E2eResult): string {
  const col = (f: (o: E2eOrder) => number) => r.orders.map(f).filter((x) => Number.isFinite(x));
  const row = (name: string, xs: number[]) => [
    name,
    `${xs.length}`,
    fmt(quantile(xs, 0.5), 0),
    fmt(xs.length ? Math.max(...xs) : NaN, 0),
  ];
  const recs = col((o) => o.recommendationMs);
  return [
    "#### Webhook to updated recommendation (demo stack)",
    "",
    `Protocol: \`node --import tsx app/demo/main.server.ts\` (app + Admin API emulator + in-process job worker, the default embedded queue) on a fresh SQLite file: seeding and start took ${fmt(r.seedSeconds, 0)} s, the first full recompute (job created to finished) ${fmt(r.initialRecomputeSeconds, 0)} s. Then one warm-up order and ${r.orders.length} measured orders, one at a time and 2 s apart, each of 1 unit of one of the best-selling variants (units over the last 28 days), placed with \`POST /emulator/orders\`; the emulator sends the signed \`orders/create\` and \`inventory_levels/update\` webhooks and answers once both are acknowledged. The benchmark polls the database every ${POLL_MS} ms for the Order row, the variant's Forecast.computedAt and its pending Recommendation rows (all times from the POST). 1-minute load average ${fmt(r.load1, 1)} at the start of the orders.`,
    "",
    table(
      ["milestone (from the POST)", "orders", "median ms", "max ms"],
      [
        row(
          "order stored (delivery job done)",
          col((o) => o.orderMs),
        ),
        row(
          "emulator answered (both webhooks acknowledged)",
          col((o) => o.ackMs),
        ),
        row(
          "forecast recomputed",
          col((o) => o.forecastMs),
        ),
        row("pending recommendations replaced", recs),
      ],
    ),
    "",
    `- Warm-up order (first after start, not in the table): forecast after ${fmt(r.warmUp.forecastMs, 0)} ms, acknowledged after ${fmt(r.warmUp.ackMs, 0)} ms.`,
    recs.length < r.orders.length
      ? `- ${r.orders.length - recs.length} of ${r.orders.length} variants had the same pending recommendations before and after (none, or none replaced); their forecast time stands for the recompute.`
      : "- Every variant's pending recommendations were replaced with its forecast (one transaction).",
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const n = args.find((a) => a.startsWith("--orders="));
  const { markdown } = await runE2eBench({
    quick: args.includes("--quick"),
    orders: n ? Number(n.split("=")[1]) : undefined,
  });
  console.log(`\n${markdown}`);
}
