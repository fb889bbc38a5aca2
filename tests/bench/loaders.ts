// Server time of the Recommendations and Dashboard loaders' service calls on a shop with 100,000 variants.
// Builds the shop with driver-level inserts (app/db/bulk.server.ts) in a temp SQLite file (and, with
// --pg[=url], in a fresh PostgreSQL schema), then runs each scenario 200 times after a warm-up.
// Run: npm run bench:loaders [-- --variants=100000 --runs=200 --days=56 --pg --no-doc --db=/tmp/keep.db]
// (--db keeps the built SQLite shop in that file, and reuses it when it exists; --pg-schema=<name> reuses a
// PostgreSQL schema built by an earlier run and keeps it; --pg-only skips SQLite).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, renameSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createPrismaClient } from "~/db.server";
import { migrateDatabase } from "~/db/migrate.server";
import { openBulkWriter } from "~/db/bulk.server";
import { createId } from "~/db/ids";
import { forShop } from "~/db/scoped.server";
import { addDays } from "~/lib/days";
import * as dashboard from "~/services/dashboard.server";
import {
  actionableWhere,
  encodeCursor,
  explainRecommendation,
  listRecommendations,
  readFilterOptions,
  recommendationFilterOptions,
  type ListInput,
} from "~/services/recommendations.server";
import type { ShopContext } from "~/services/shop.server";
import { DOC, fmt, machineLine, mulberry32, quantile, table } from "./lib/report";

const flags = new Map(
  process.argv
    .slice(2)
    .filter((a) => a.startsWith("--"))
    .map((a) => [a.slice(2).split("=")[0], a.split("=")[1] ?? "true"]),
);
const VARIANTS = Number(flags.get("variants") ?? 100_000);
const RUNS = Number(flags.get("runs") ?? 200);
const DAYS = Number(flags.get("days") ?? 56);
const PG_URL = flags.has("pg")
  ? flags.get("pg") === "true"
    ? "postgresql://postgres@127.0.0.1:5432/test"
    : flags.get("pg")!
  : null;
const TODAY = new Date().toISOString().slice(0, 10);

type Row = Record<string, unknown>;

/** Writes the shop: products of 5 variants, 40 vendors, 25 product types, forecasts, price and reorder
 *  recommendations (about 60% actionable), inventory and sparse daily sales over DAYS days. */
async function buildShop(url: string): Promise<{ shopId: string; ms: number; rows: Record<string, number> }> {
  const t0 = performance.now();
  const db = createPrismaClient(url);
  const shop = await db.shop.create({
    data: { domain: `bench-${Date.now()}.myshopify.com`, name: "Bench", currency: "EUR" },
  });
  await db.$disconnect();
  const bulk = await openBulkWriter(url, shop.id);
  const rand = mulberry32(42);
  const counts: Record<string, number> = {};
  const put = async (model: Parameters<typeof bulk.insert>[0], rows: Row[]) => {
    counts[model] = (counts[model] ?? 0) + (await bulk.insert(model, rows));
  };
  const location = createId();
  await put("Location", [{ id: location, shopifyId: "gid://shopify/Location/1", name: "Main" }]);
  const chunk = 5_000;
  const firstDay = addDays(TODAY, -DAYS);
  for (let start = 0; start < VARIANTS; start += chunk) {
    const products: Row[] = [];
    const variants: Row[] = [];
    const forecasts: Row[] = [];
    const recs: Row[] = [];
    const levels: Row[] = [];
    const sales: Row[] = [];
    let productId = "";
    for (let i = start; i < Math.min(start + chunk, VARIANTS); i++) {
      const vendor = `Vendor ${i % 40}`;
      const productType = `Type ${Math.floor(i / 5) % 25}`;
      if (i % 5 === 0) {
        productId = createId();
        products.push({
          id: productId,
          shopifyId: `gid://shopify/Product/${i}`,
          title: `Product ${i / 5}`,
          vendor,
          productType,
        });
      }
      const id = createId();
      const price = Math.round((5 + rand() * 95) * 100) / 100;
      const rate = rand() * 1.5;
      variants.push({
        id,
        productId,
        shopifyId: `gid://shopify/ProductVariant/${i}`,
        title: `Variant ${i}`,
        sku: `SKU-${i}`,
        vendor,
        productType,
        price,
        unitCost: Math.round(price * 0.45 * 100) / 100,
      });
      forecasts.push({
        variantId: id,
        model: "ets",
        demandClass: "smooth",
        start: TODAY,
        horizon: 28,
        mean: JSON.stringify(Array(28).fill(Math.round(rate * 1e4) / 1e4)),
        quantiles: JSON.stringify({
          "0.5": Array(28).fill(Math.round(rate)),
          "0.95": Array(28).fill(Math.ceil(rate * 3)),
        }),
      });
      const actionable = rand() < 0.6;
      const delta = actionable ? Math.round((rand() * 200 - 20) * 100) / 100 : 0;
      recs.push({
        variantId: id,
        kind: "price",
        status: "pending",
        currentPrice: price,
        proposedPrice: actionable ? Math.round(price * (1 + (rand() - 0.5) * 0.2) * 100) / 100 : price,
        expectedProfitDelta: delta,
        expectedRevenueDelta: delta * 2,
        expectedUnitsDelta: -1,
        expectedImpact: JSON.stringify({
          action: actionable ? "raise" : "keep",
          elasticity: { estimate: -1.8, se: 0.4, source: "group" },
        }),
        reasons: JSON.stringify([{ code: "PRICING.ELASTICITY", text: "Demand falls 1.8% per 1% price rise." }]),
        bounds: JSON.stringify([{ code: "MAX_CHANGE", side: "upper", value: price * 1.1, binding: false }]),
        confidence: Math.round(rand() * 100) / 100,
        vendor,
        productType,
        computedAt: new Date(),
      });
      if (rand() < 0.3) {
        recs.push({
          variantId: id,
          kind: "reorder",
          status: "pending",
          currentPrice: price,
          currentQuantity: Math.floor(rand() * 10),
          proposedQuantity: 12 + Math.floor(rand() * 48),
          expectedProfitDelta: Math.round(rand() * 300 * 100) / 100,
          expectedImpact: "{}",
          reasons: "[]",
          bounds: JSON.stringify({ moq: 12, casePack: 6 }),
          confidence: 0.95,
          vendor,
          productType,
          computedAt: new Date(),
        });
      }
      levels.push({ variantId: id, locationId: location, available: Math.floor(rand() * 40) - 5, onHand: 20 });
      // Sparse sales: a variant sells on about rate/(1+rate) of the days.
      for (let d = 0; d < DAYS; d++) {
        if (rand() > rate / (1 + rate) / 2) continue;
        const units = 1 + Math.floor(rand() * 3);
        sales.push({
          variantId: id,
          day: addDays(firstDay, d),
          units,
          lines: units,
          grossRevenue: units * price,
          netRevenue: units * price,
          avgPrice: price,
        });
      }
    }
    await put("Product", products);
    await put("Variant", variants);
    await put("Forecast", forecasts);
    await put("Recommendation", recs);
    await put("InventoryLevel", levels);
    await put("DailySales", sales);
    process.stdout.write(`\r  built ${Math.min(start + chunk, VARIANTS)} / ${VARIANTS} variants`);
  }
  process.stdout.write("\n");
  await bulk.close();
  return { shopId: shop.id, ms: performance.now() - t0, rows: counts };
}

async function time(label: string, fn: () => Promise<unknown>): Promise<(string | number)[]> {
  for (let i = 0; i < 5; i++) await fn(); // warm-up: statement caches, page cache
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  const row = [label, RUNS, fmt(quantile(ms, 0.5), 1), fmt(quantile(ms, 0.95), 1), fmt(Math.max(...ms), 1)];
  console.log(`  ${label}: p50 ${row[2]} ms, p95 ${row[3]} ms, max ${row[4]} ms`);
  return row;
}

async function runOn(provider: string, url: string, reuse = false): Promise<string> {
  let built: Awaited<ReturnType<typeof buildShop>>;
  if (reuse) {
    // --db=<file> kept from an earlier run: count what is there instead of building.
    const c = createPrismaClient(url);
    const shopId = (await c.shop.findFirstOrThrow({ select: { id: true } })).id;
    const rows = {
      Recommendation: await c.recommendation.count(),
      Forecast: await c.forecast.count(),
      DailySales: await c.dailySales.count(),
    };
    await c.$disconnect();
    built = { shopId, ms: NaN, rows };
    console.log(`${provider}: reusing ${url}: ${JSON.stringify(rows)}`);
  } else {
    await migrateDatabase(url);
    console.log(`${provider}: building ${VARIANTS} variants…`);
    built = await buildShop(url);
    console.log(`  built in ${(built.ms / 1000).toFixed(0)} s: ${JSON.stringify(built.rows)}`);
  }
  if (provider === "PostgreSQL") await analyze(url);
  const client = createPrismaClient(url);
  const shop: ShopContext = {
    id: built.shopId,
    domain: "bench",
    currency: "EUR",
    timezone: "UTC",
    db: forShop(client, built.shopId),
  };

  // The loader's calls: a page with totals and the filter options, in parallel.
  const page = (input: ListInput) =>
    Promise.all([listRecommendations(shop, { withTotals: true, ...input }), recommendationFilterOptions(shop)]);
  const filters = { kind: "price" as const, vendor: "Vendor 7", minConfidence: 0.3 };
  // A deep page: the cursor of the row at rank ~half of the actionable set.
  const actionable = (await listRecommendations(shop, { withTotals: true, pageSize: 1 })).totals!.count;
  const middle = await client.recommendation.findMany({
    where: { shopId: shop.id, ...actionableWhere() },
    orderBy: [{ expectedProfitDelta: "desc" }, { id: "asc" }],
    skip: Math.floor(actionable / 2),
    take: 1,
    select: { id: true, expectedProfitDelta: true },
  });
  const deep = encodeCursor({ delta: Number(middle[0].expectedProfitDelta), id: middle[0].id });
  console.log(`  deep cursor at rank ${Math.floor(actionable / 2)} of ${actionable}`);
  const check = await listRecommendations(shop, { after: deep });
  if (check.rows.length !== 25) throw new Error(`deep page has ${check.rows.length} rows`);

  const rows = [
    await time("Recommendations: first page + totals + filter options", () => page({})),
    await time("Recommendations: filtered page (price, one vendor, confidence ≥ 30%)", () => page({ filters })),
    await time(`Recommendations: deep page (row ${Math.floor(actionable / 2)} of ${actionable})`, () =>
      page({ after: deep }),
    ),
    await time("Recommendations: one page without totals (after navigation)", () =>
      listRecommendations(shop, { after: deep }),
    ),
    await time("Recommendations: filter options, uncached distinct query", () => readFilterOptions(shop)),
    await time("Recommendations: explanation panel (one row)", () => explainRecommendation(shop, check.rows[0].id)),
  ];
  // The dashboard reads a stored summary; the first load computes and stores it (as after a recompute).
  let note: string;
  await client.shopSummary.deleteMany({ where: { shopId: shop.id } }); // a reused database keeps the last one
  try {
    const t = performance.now();
    await dashboard.loadDashboard(shop);
    note = `The dashboard's first load computes and stores the shop summary (normally done after a recompute): ${(performance.now() - t).toFixed(0)} ms, once.`;
    console.log(`  ${note}`);
    rows.push(await time("Dashboard: loadDashboard", () => dashboard.loadDashboard(shop)));
  } catch (error) {
    note = `Dashboard: loadDashboard failed on this shop: ${String((error as Error).message)
      .split("\n")
      .filter(Boolean)
      .pop()}`;
    console.log(`  ${note}`);
  }
  await client.$disconnect();
  return [
    `#### ${provider}`,
    "",
    `Shop: ${VARIANTS.toLocaleString("en-US")} variants, ${built.rows.Recommendation?.toLocaleString("en-US")} pending recommendations (${actionable.toLocaleString("en-US")} actionable), ${built.rows.Forecast?.toLocaleString("en-US")} forecasts, ${built.rows.DailySales?.toLocaleString("en-US")} daily sales rows over ${DAYS} days${Number.isFinite(built.ms) ? `; built in ${(built.ms / 1000).toFixed(0)} s` : ""}.`,
    "",
    table(["Loader call", "Runs", "p50 ms", "p95 ms", "max ms"], rows),
    "",
    note,
    "",
  ].join("\n");
}

/** PostgreSQL plans from statistics: after a bulk load, run what autovacuum would (VACUUM ANALYZE), as a
 *  live shop's tables have. Without it the planner guesses 2 rows and picks the wrong index. */
async function analyze(url: string) {
  const u = new URL(url);
  const schema = u.searchParams.get("schema")!;
  u.searchParams.delete("schema");
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  for (const table of [
    "Recommendation",
    "Variant",
    "Product",
    "Forecast",
    "DailySales",
    "InventoryLevel",
    "Order",
    "Location",
  ]) {
    await c.query(`VACUUM ANALYZE "${schema}"."${table}"`);
  }
  await c.end();
}

async function pgSchema(
  base: string,
  reuse?: string,
): Promise<{ url: string; reuse: boolean; drop: () => Promise<void> }> {
  const schema = reuse ?? `bench_loaders_${process.pid}`;
  const url = new URL(base);
  url.searchParams.set("schema", schema);
  return {
    url: url.toString(),
    reuse: reuse != null,
    drop: async () => {
      if (reuse) return; // --pg-schema: kept for the next run
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    },
  };
}

function writeDoc(body: string) {
  const open = "<!-- bench:loaders:start -->";
  const close = "<!-- bench:loaders:end -->";
  let doc = readFileSync(DOC, "utf8");
  const block = `${open}\n${body.trim()}\n${close}`;
  const a = doc.indexOf(open);
  const b = doc.indexOf(close);
  doc = a >= 0 && b > a ? doc.slice(0, a) + block + doc.slice(b + close.length) : `${doc.trimEnd()}\n\n${block}\n`;
  writeFileSync(`${DOC}.tmp-${process.pid}`, doc);
  renameSync(`${DOC}.tmp-${process.pid}`, DOC);
}

const dir = mkdtempSync(path.join(os.tmpdir(), "pilotage-bench-loaders-"));
const KEEP = flags.get("db");
const sections: string[] = [];
try {
  if (!flags.has("pg-only"))
    sections.push(
      await runOn("SQLite", `file:${KEEP ?? path.join(dir, "bench.db")}`, KEEP != null && existsSync(KEEP)),
    );
  if (PG_URL) {
    const s = await pgSchema(PG_URL, flags.get("pg-schema"));
    try {
      sections.push(await runOn("PostgreSQL", s.url, s.reuse));
    } finally {
      await s.drop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const shown = process.argv.slice(2).filter((a) => !a.startsWith("--db") && !a.startsWith("--pg-schema"));
const command = `npm run bench:loaders${shown.length ? ` -- ${shown.join(" ")}` : ""}`;
const body = [
  "### Loaders at 100k variants (issue 6)",
  "",
  machineLine(
    command,
    `${RUNS} timed runs per call after 5 warm-up runs, in process (the loaders' service calls, without HTTP or auth; filter options cached 30 s per shop as in the loader, the uncached query on its own row); load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`,
  ),
  "- Target: p95 ≤ 300 ms per loader.",
  "",
  ...sections,
].join("\n");
console.log(`\n${body}`);
if (!flags.has("no-doc")) writeDoc(body);
