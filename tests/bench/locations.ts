// Plans per location in the recompute (issue 14): a shop of 50,000 variants stocked at 2 locations (100,000
// variant-locations) built with driver-level inserts in a temp SQLite file, with daily sales, orders carrying
// their fulfilment location and some locations out of balance; then the full recomputeShop (forecasts, ABC
// classes, plans per location, transfers, prices), timed with its phases and peak memory; then the planning
// step alone (demand shares, calibrated protection-period law per location, transfers) on 100,000
// variant-locations in process.
// Run: npm run bench:locations [-- --variants=50000 --days=90 --no-doc --db=/tmp/keep.db]
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPrismaClient } from "~/db.server";
import { migrateDatabase } from "~/db/migrate.server";
import { openBulkWriter } from "~/db/bulk.server";
import { createId } from "~/db/ids";
import { addDays } from "~/lib/days";
import { decideLocations, type LocationFacts } from "~/core/decisions/index";
import type { VariantForecast } from "~/core/forecast/index";
import { demandShares } from "~/core/inventory/index";
import { recomputeShop } from "~/sync/recompute/recompute.server";
import { writeBetweenMarkers } from "./lib/doc-section";
import { fmt, machineLine, mulberry32, table } from "./lib/report";

const flags = new Map(
  process.argv
    .slice(2)
    .filter((a) => a.startsWith("--"))
    .map((a) => [a.slice(2).split("=")[0], a.split("=")[1] ?? "true"]),
);
const VARIANTS = Number(flags.get("variants") ?? 50_000);
const DAYS = Number(flags.get("days") ?? 90);
const TODAY = new Date().toISOString().slice(0, 10);
const LOCATIONS = [
  { gid: "gid://shopify/Location/1", name: "Entrepôt" },
  { gid: "gid://shopify/Location/2", name: "Boutique" },
];

type Row = Record<string, unknown>;

/** Products of 5 variants, 40 vendors, 2 locations; sales on sparse days; one order line per sale day, shipped from a location drawn by the variant's split. */
async function buildShop(url: string) {
  const t0 = performance.now();
  const db = createPrismaClient(url);
  const shop = await db.shop.create({
    data: { domain: `bench-locations-${Date.now()}.myshopify.com`, name: "Bench", currency: "EUR", timezone: "UTC" },
  });
  await db.$disconnect();
  const bulk = await openBulkWriter(url, shop.id);
  const rand = mulberry32(14);
  const counts: Record<string, number> = {};
  const put = async (model: Parameters<typeof bulk.insert>[0], rows: Row[]) => {
    counts[model] = (counts[model] ?? 0) + (await bulk.insert(model, rows));
  };
  const locationIds = LOCATIONS.map(() => createId());
  await put(
    "Location",
    LOCATIONS.map((l, i) => ({ id: locationIds[i], shopifyId: l.gid, name: l.name })),
  );
  await put(
    "VendorSettings",
    Array.from({ length: 40 }, (_, i) => ({
      vendor: `Vendor ${i}`,
      leadTimeMeanDays: 7 + (i % 5) * 7,
      leadTimeSdDays: 2,
      moq: 1,
      casePack: 1,
    })),
  );
  const firstDay = addDays(TODAY, -DAYS);
  const chunk = 2_000;
  let orderNo = 0;
  for (let start = 0; start < VARIANTS; start += chunk) {
    const products: Row[] = [];
    const variants: Row[] = [];
    const levels: Row[] = [];
    const sales: Row[] = [];
    const orders: Row[] = [];
    const lines: Row[] = [];
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
      // A few fast movers, many slow ones.
      const rate = rand() < 0.1 ? 1 + rand() * 4 : rand() * 0.6;
      const share = 0.5 + rand() * 0.4;
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
        inventoryItemId: `gid://shopify/InventoryItem/${i}`,
      });
      // One location in three is out of balance: a full main location and an empty second one.
      const skewed = i % 3 === 0;
      const stock = Math.round(rate * 30);
      levels.push({
        variantId: id,
        locationId: locationIds[0],
        available: skewed ? stock * 4 : stock,
        onHand: skewed ? stock * 4 : stock,
        committed: 0,
      });
      levels.push({
        variantId: id,
        locationId: locationIds[1],
        available: skewed ? 0 : Math.round(stock / 2),
        onHand: skewed ? 0 : Math.round(stock / 2),
        committed: 0,
      });
      for (let d = 0; d < DAYS; d++) {
        if (rand() > Math.min(0.9, rate / (1 + rate))) continue;
        const units = 1 + Math.floor(rand() * Math.max(1, rate));
        const day = addDays(firstDay, d);
        sales.push({
          variantId: id,
          day,
          units,
          lines: 1,
          grossRevenue: units * price,
          netRevenue: units * price,
          avgPrice: price,
        });
        const orderId = createId();
        const gid = `gid://shopify/Order/${++orderNo}`;
        const at = new Date(`${day}T12:00:00Z`);
        orders.push({
          id: orderId,
          shopifyId: gid,
          processedAt: at,
          day,
          currency: "EUR",
          locationGid: LOCATIONS[rand() < share ? 0 : 1].gid,
          shopifyUpdatedAt: at,
        });
        lines.push({
          orderId,
          shopifyId: `gid://shopify/LineItem/${orderNo}`,
          variantId: id,
          quantity: units,
          unitPrice: price,
          day,
          shopifyUpdatedAt: at,
        });
      }
    }
    await put("Product", products);
    await put("Variant", variants);
    await put("InventoryLevel", levels);
    await put("DailySales", sales);
    await put("Order", orders);
    await put("OrderLine", lines);
    process.stdout.write(`\r  built ${Math.min(start + chunk, VARIANTS)} / ${VARIANTS} variants`);
  }
  process.stdout.write("\n");
  await bulk.close();
  return { shopId: shop.id, ms: performance.now() - t0, rows: counts };
}

/** Peak resident memory while `fn` runs, sampled every 100 ms. */
async function withPeak<T>(fn: () => Promise<T>): Promise<{ value: T; peakRss: number; ms: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const t0 = performance.now();
  try {
    const value = await fn();
    return { value, peakRss: Math.max(peak, process.memoryUsage().rss), ms: performance.now() - t0 };
  } finally {
    clearInterval(timer);
  }
}

/** The planning step alone: 2 locations per variant, shares from located units, calibrated law per location, transfers. */
function planOnly(variants: number) {
  const rand = mulberry32(7);
  let transfers = 0;
  let plans = 0;
  const t0 = performance.now();
  for (let i = 0; i < variants; i++) {
    const rate = rand() < 0.1 ? 1 + rand() * 4 : rand() * 0.6;
    const mean = Array.from({ length: 28 }, (_, d) => rate * (d % 7 === 5 ? 1.3 : 1));
    const fc = {
      id: `v${i}`,
      start: TODAY,
      mean,
      quantiles: {},
      model: "ets",
      demandClass: "smooth",
      adi: 1,
      cv2: 0.2,
      dispersion: 4,
      levelCv2: 0.03,
      backtest: null,
      lostSales: { censoredDays: 0, estimatedUnits: 0 },
      fallbacks: [],
      explanation: "",
    } as VariantForecast;
    const stock = Math.round(rate * 30);
    const skewed = i % 3 === 0;
    const facts: LocationFacts[] = [
      { locationId: "a", onHand: skewed ? stock * 4 : stock, committed: 0, incoming: 0, onOrder: [], outgoing: 0 },
      {
        locationId: "b",
        onHand: skewed ? 0 : Math.round(stock / 2),
        committed: 0,
        incoming: 0,
        onOrder: [],
        outgoing: 0,
      },
    ];
    const shares = demandShares(
      ["a", "b"],
      new Map([
        ["a", Math.round(rate * 60)],
        ["b", Math.round(rate * 30)],
      ]),
    );
    const d = decideLocations(
      fc,
      facts,
      shares,
      { sku: fc.id, leadTime: { meanDays: 14, sdDays: 3 }, moq: 1, casePack: 1, unitCost: 5, unitPrice: 12 },
      { serviceLevel: 0.95, reviewPeriodDays: 7, targetCoverDays: 30, transferLeadTimeDays: 2 },
    );
    plans += d.plans.length;
    transfers += d.transfers.length;
  }
  return { ms: performance.now() - t0, plans, transfers };
}

const dir = mkdtempSync(path.join(os.tmpdir(), "pilotage-bench-locations-"));
const KEEP = flags.get("db");
const url = `file:${KEEP ?? path.join(dir, "bench.db")}`;
try {
  const reuse = KEEP != null && existsSync(KEEP);
  await migrateDatabase(url);
  const built = reuse ? null : await buildShop(url);
  const db = createPrismaClient(url);
  const shopId = built?.shopId ?? (await db.shop.findFirstOrThrow({ select: { id: true } })).id;
  if (built) console.log(`built in ${(built.ms / 1000).toFixed(1)} s: ${JSON.stringify(built.rows)}`);
  const load = os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" ");
  const run = await withPeak(() =>
    recomputeShop(db, shopId, {
      onProgress: (f, m) => void process.stdout.write(`\r  recompute ${(f * 100).toFixed(0)}% ${m}      `),
    }),
  );
  process.stdout.write("\n");
  const report = run.value;
  const [reorders, located, transfers, classes, levels] = await Promise.all([
    db.recommendation.count({ where: { shopId, kind: "reorder", status: "pending" } }),
    db.recommendation.count({ where: { shopId, kind: "reorder", status: "pending", locationId: { not: null } } }),
    db.recommendation.count({ where: { shopId, kind: "transfer", status: "pending" } }),
    db.forecast.groupBy({ by: ["abcClass"], where: { shopId }, _count: { _all: true } }),
    db.inventoryLevel.count({ where: { shopId } }),
  ]);
  await db.$disconnect();
  const plan = planOnly(VARIANTS);
  console.log(JSON.stringify({ report, peakRssMb: run.peakRss / 1e6, reorders, located, transfers, classes, plan }));
  const shown = process.argv.slice(2).filter((a) => !a.startsWith("--db"));
  const command = `npm run bench:locations${shown.length ? ` -- ${shown.join(" ")}` : ""}`;
  const classLine = classes.map((c) => `${c.abcClass ?? "none"} ${c._count._all}`).join(", ");
  const body = [
    "### Plans per location: 100k variant-locations in the recompute (issue 14)",
    "",
    machineLine(command, `one full recomputeShop on a temp SQLite file, in process; load average at the start ${load}`),
    `- Shop: ${VARIANTS.toLocaleString("en")} variants stocked at 2 locations (${levels.toLocaleString("en")} variant-locations), ${DAYS} days of daily sales, one order line per sale day with its fulfilment location${
      built
        ? ` (${Object.entries(built.rows)
            .map(([k, v]) => `${v.toLocaleString("en")} ${k}`)
            .join(", ")}; built in ${(built.ms / 1000).toFixed(0)} s)`
        : ""
    }; a third of the variants have everything at one location and nothing at the other.`,
    "",
    table(
      ["measure", "value"],
      [
        ["full recompute, wall", `${(report.ms / 1000).toFixed(1)} s`],
        ["  history load", `${(report.phases.loadMs / 1000).toFixed(1)} s`],
        ["  shop context (pool, calibration, elasticities)", `${(report.phases.contextMs / 1000).toFixed(1)} s`],
        [
          "  decide and write (forecasts, ABC, plans per location, transfers, prices)",
          `${(report.phases.decideWriteMs / 1000).toFixed(1)} s`,
        ],
        ["peak resident memory (process, sampled every 100 ms)", `${fmt(run.peakRss / 1e6, 0)} MB`],
        [
          "reorder suggestions (all with a location)",
          `${reorders.toLocaleString("en")} (${located.toLocaleString("en")})`,
        ],
        ["transfer suggestions", transfers.toLocaleString("en")],
        ["ABC classes", classLine],
        [
          "planning step alone, 100k variant-locations (one core)",
          `${(plan.ms / 1000).toFixed(1)} s (${fmt((plan.ms * 1000) / plan.plans, 0)} µs per variant-location), ${plan.transfers.toLocaleString("en")} transfers`,
        ],
      ],
    ),
    "",
    "The planning step alone runs app/core/decisions/locations.ts as the recompute does (demand shares, the calibrated protection-period law per location from forecast/period.ts, plans, transfers, the destinations planned again) on synthetic 28-day forecasts; the full recompute also forecasts, classifies and prices every variant and writes the rows.",
  ].join("\n");
  if (!flags.has("no-doc")) writeBetweenMarkers("<!-- bench:locations:start -->", "<!-- bench:locations:end -->", body);
  console.log(body);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
