// The recompute job on a small seeded shop: forecasts and recommendations from the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { migrateDatabase } from "~/db/migrate.server";
import { seedDemoShop } from "~/demo/seed.server";
import { generateShop } from "~/demo/simulator";
import { DbJobQueue } from "~/jobs/db-queue.server";
import { enqueueVariantRecompute, JOB_TYPES } from "~/jobs/standard";
import { clearRecomputeCache, recomputeShop } from "~/sync/recompute/recompute.server";
import { recomputeShopHandler, recomputeVariantHandler } from "~/sync/recompute/jobs.server";
import { freshDatabase, provider, type TestDatabase } from "../db/support";

let database: TestDatabase;
let db: Db;
let shopId: string;
let variantIds: string[];
let costless: string;

beforeAll(async () => {
  database = await freshDatabase("recompute");
  await migrateDatabase(database.url);
  db = createPrismaClient(database.url);
  const report = await seedDemoShop(db, generateShop({ seed: 5, variants: 40, days: 180 }));
  shopId = report.shopId;
  variantIds = (await db.variant.findMany({ where: { shopId }, select: { id: true }, orderBy: { id: "asc" } })).map(
    (v) => v.id,
  );
  // GIVEN one variant whose unit cost is unknown
  costless = variantIds[3];
  await db.variant.update({ where: { id: costless }, data: { unitCost: null } });
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

/** The rows a recompute owns, without ids and timestamps, in a stable order. */
async function snapshot() {
  const forecasts = await db.forecast.findMany({ where: { shopId }, orderBy: { variantId: "asc" } });
  const recs = await db.recommendation.findMany({
    where: { shopId },
    orderBy: [
      { variantId: "asc" },
      { kind: "asc" },
      { status: "asc" },
      { locationId: "asc" },
      { sourceLocationId: "asc" },
    ],
  });
  return {
    forecasts: forecasts.map(({ id: _i, computedAt: _c, ...rest }) => rest),
    recs: recs.map(({ id: _i, computedAt: _c, createdAt: _a, updatedAt: _u, ...rest }) => ({
      ...rest,
      currentPrice: rest.currentPrice?.toString() ?? null,
      proposedPrice: rest.proposedPrice?.toString() ?? null,
      expectedProfitDelta: rest.expectedProfitDelta.toString(),
      expectedRevenueDelta: rest.expectedRevenueDelta?.toString() ?? null,
    })),
  };
}

describe(`recomputeShop (${provider})`, () => {
  it("GIVEN a seeded shop WHEN recomputed THEN every variant has a forecast and a pending price recommendation", async () => {
    const report = await recomputeShop(db, shopId, { batchSize: 15 });
    expect(report.variants).toBe(40);
    expect(report.forecasts).toBe(40);
    const forecasts = await db.forecast.findMany({ where: { shopId } });
    expect(new Set(forecasts.map((f) => f.variantId))).toEqual(new Set(variantIds));
    for (const f of forecasts) {
      expect(JSON.parse(f.mean)).toHaveLength(28);
      expect(f.historyEnd).toBe(report.asOf);
    }
    const price = await db.recommendation.findMany({ where: { shopId, kind: "price", status: "pending" } });
    expect(new Set(price.map((r) => r.variantId))).toEqual(new Set(variantIds));
    const reorder = await db.recommendation.findMany({ where: { shopId, kind: "reorder" } });
    expect(reorder.length).toBe(report.reorderRecommendations);
    for (const r of reorder) expect(r.proposedQuantity).toBeGreaterThan(0);
  });

  it("GIVEN a recomputed shop WHEN its pending suggestions are read THEN no price change expects to lose profit and reorders carry their stockout risk", async () => {
    // GIVEN the recompute above; WHEN
    const recs = await db.recommendation.findMany({ where: { shopId, status: "pending" } });
    const changes = recs.filter(
      (r) => r.kind === "price" && r.proposedPrice != null && Number(r.proposedPrice) !== Number(r.currentPrice),
    );
    // THEN every price change expects a gain (issue 11) and says how likely it is
    for (const r of changes) {
      expect(Number(r.expectedProfitDelta), r.variantId).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeGreaterThanOrEqual(0.75);
    }
    // AND a reorder's confidence is its own measure: the chance of running out without it, with the service level met in backtests
    for (const r of recs.filter((x) => x.kind === "reorder")) {
      const plan = JSON.parse(r.expectedImpact) as { stockoutRisk: { value: number | null } };
      expect(r.confidence).toBe(plan.stockoutRisk.value ?? 0);
    }
    const metrics = (await db.forecast.findMany({ where: { shopId } }))
      .map((f) => (f.metrics ? JSON.parse(f.metrics) : null))
      .filter(Boolean);
    expect(metrics.some((m) => m.serviceLevelMet && m.serviceLevelMet.windows > 0)).toBe(true);
  });

  it("GIVEN a variant without unit cost WHEN recomputed THEN its price recommendation is withheld with PRICING.UNIT_COST_MISSING", async () => {
    const rec = await db.recommendation.findFirstOrThrow({ where: { shopId, variantId: costless, kind: "price" } });
    expect(rec.proposedPrice).toBeNull();
    expect(JSON.parse(rec.expectedImpact).action).toBe("withheld");
    expect(JSON.parse(rec.reasons).map((r: { code: string }) => r.code)).toContain("PRICING.UNIT_COST_MISSING");
  });

  it("GIVEN a recomputed shop WHEN recomputed again THEN the same rows remain", async () => {
    const before = await snapshot();
    await recomputeShop(db, shopId, { batchSize: 7 });
    expect(await snapshot()).toEqual(before);
  });

  it("GIVEN a full recompute WHEN one variant is recomputed with the stored shop context THEN its rows equal the full recompute's", async () => {
    // GIVEN the full recompute above, whose context version is published
    const target = variantIds[2];
    const full = (await snapshot()).forecasts.find((f) => f.variantId === target);
    const published = await db.recomputeRun.findFirstOrThrow({
      where: { shopId, status: "published" },
      orderBy: { version: "desc" },
    });
    // WHEN one variant is recomputed, in this process and in a fresh one (nothing cached)
    const report = await recomputeShop(db, shopId, { variantIds: [target] });
    clearRecomputeCache(shopId);
    const cold = await recomputeShop(db, shopId, { variantIds: [target] });
    // THEN both used the published version and wrote the full recompute's rows
    expect(report.reusedShopContext).toBe(true);
    expect([report.version, cold.version]).toEqual([published.version, published.version]);
    expect(cold.reusedShopContext).toBe(true);
    expect((await snapshot()).forecasts.find((f) => f.variantId === target)).toEqual(full);
  });

  it("GIVEN no stored shop context WHEN one variant is recomputed THEN a context is built and published first, with the same rows", async () => {
    // GIVEN the stored contexts are gone (a shop never fully recomputed)
    const target = variantIds[4];
    const full = (await snapshot()).forecasts.find((f) => f.variantId === target);
    await db.recomputeRun.deleteMany({ where: { shopId } });
    await db.variantContext.deleteMany({ where: { shopId } });
    clearRecomputeCache(shopId);
    // WHEN one variant is recomputed
    const report = await recomputeShop(db, shopId, { variantIds: [target] });
    // THEN it built a context, published it, and its rows equal the full recompute's
    expect(report.reusedShopContext).toBe(false);
    expect((await db.recomputeRun.findFirstOrThrow({ where: { shopId, version: report.version! } })).status).toBe(
      "published",
    );
    expect(await db.variantContext.count({ where: { shopId, version: report.version! } })).toBe(variantIds.length);
    expect((await snapshot()).forecasts.find((f) => f.variantId === target)).toEqual(full);
  });

  it("GIVEN two full recomputes WHEN the second is published THEN only its per-variant context remains", async () => {
    // GIVEN / WHEN
    const first = await recomputeShop(db, shopId, { batchSize: 30 });
    const second = await recomputeShop(db, shopId, { batchSize: 30 });
    // THEN the newest version is the published one; the older one is superseded and its rows dropped
    expect(second.version).toBe(first.version! + 1);
    const runs = await db.recomputeRun.findMany({
      where: { shopId, version: { in: [first.version!, second.version!] } },
      orderBy: { version: "asc" },
    });
    expect(runs.map((r) => r.status)).toEqual(["superseded", "published"]);
    expect(await db.variantContext.count({ where: { shopId, version: first.version! } })).toBe(0);
    expect(await db.variantContext.count({ where: { shopId, version: second.version! } })).toBe(variantIds.length);
  });

  it("GIVEN an approved recommendation WHEN recomputed THEN it is kept and a new pending one sits beside it", async () => {
    const target = variantIds[0];
    const rec = await db.recommendation.findFirstOrThrow({
      where: { shopId, variantId: target, kind: "price", status: "pending" },
    });
    await db.recommendation.update({ where: { id: rec.id }, data: { status: "approved" } });
    await recomputeShop(db, shopId, { variantIds: [target] });
    const rows = await db.recommendation.findMany({ where: { shopId, variantId: target, kind: "price" } });
    expect(rows.find((r) => r.id === rec.id)?.status).toBe("approved");
    expect(rows.filter((r) => r.status === "pending")).toHaveLength(1);
  });

  it("GIVEN a new day of sales for one variant WHEN that variant is recomputed THEN only its forecast changes", async () => {
    const target = variantIds[5];
    const other = variantIds[6];
    const before = await db.forecast.findMany({
      where: { shopId, variantId: { in: [target, other] } },
      orderBy: { variantId: "asc" },
    });
    const last = before[0].historyEnd!;
    const next = new Date(Date.parse(`${last}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await db.dailySales.upsert({
      where: { shopId_variantId_day: { shopId, variantId: target, day: next } },
      create: {
        shopId,
        variantId: target,
        day: next,
        units: 40,
        lines: 40,
        grossRevenue: 400,
        netRevenue: 400,
        avgPrice: 10,
      },
      update: { units: 40 },
    });
    await recomputeShop(db, shopId, { variantIds: [target] });
    const after = await db.forecast.findMany({
      where: { shopId, variantId: { in: [target, other] } },
      orderBy: { variantId: "asc" },
    });
    expect(after[0].historyEnd).toBe(next);
    expect(after[0].mean).not.toBe(before[0].mean);
    expect(after[1].mean).toBe(before[1].mean);
  });

  it("GIVEN orders took more units than a variant had (available below 0, on hand unchanged) WHEN recomputed THEN no higher price is suggested, with PRICING.OVERSOLD", async () => {
    // GIVEN a variant with stock whose available falls to -3 at one location (as inventory_levels/update leaves it)
    const level = await db.inventoryLevel.findFirstOrThrow({
      where: { shopId, onHand: { gt: 0 }, variantId: { not: costless } },
      orderBy: { onHand: "desc" },
    });
    const others = await db.inventoryLevel.findMany({
      where: { shopId, variantId: level.variantId, id: { not: level.id } },
    });
    await db.inventoryLevel.update({
      where: { id: level.id },
      data: { available: -3 - others.reduce((a, l) => a + l.available, 0) },
    });
    // WHEN recomputed
    await recomputeShop(db, shopId, { batchSize: 40 });
    // THEN the price row holds the oversold reason and bound, and does not go up
    const rec = await db.recommendation.findFirstOrThrow({
      where: { shopId, variantId: level.variantId, kind: "price", status: "pending" },
    });
    expect(JSON.parse(rec.reasons).map((r: { code: string }) => r.code)).toContain("PRICING.OVERSOLD");
    expect(JSON.parse(rec.bounds)).toContainEqual(expect.objectContaining({ code: "OVERSOLD", side: "upper" }));
    if (rec.proposedPrice !== null) expect(Number(rec.proposedPrice)).toBeLessThanOrEqual(Number(rec.currentPrice));
    await db.inventoryLevel.update({ where: { id: level.id }, data: { available: level.available } });
  });

  it("GIVEN a price pushed (or rolled back) today WHEN recomputed THEN the variant's suggestion waits for the cooldown instead of coming back", async () => {
    // GIVEN a variant with an actionable price suggestion, whose price changes today
    await recomputeShop(db, shopId, { batchSize: 40 });
    const rec = await db.recommendation.findFirstOrThrow({
      where: { shopId, kind: "price", status: "pending", expectedProfitDelta: { not: 0 } },
    });
    await db.priceHistory.create({
      data: { shopId, variantId: rec.variantId, effectiveAt: new Date(), price: rec.currentPrice!, source: "rollback" },
    });
    // WHEN recomputed
    await recomputeShop(db, shopId, { batchSize: 40 });
    // THEN it keeps the price under the cooldown: nothing to act on, so it leaves the Recommendations list
    const after = await db.recommendation.findFirstOrThrow({
      where: { shopId, variantId: rec.variantId, kind: "price", status: "pending" },
    });
    expect(JSON.parse(after.reasons).map((r: { code: string }) => r.code)).toContain("PRICING.COOLDOWN");
    expect(Number(after.expectedProfitDelta)).toBe(0);
  });

  it("GIVEN the handlers on a DbJobQueue WHEN a variant recompute is enqueued THEN the job runs and rewrites that variant", async () => {
    const queue = new DbJobQueue({ db, queue: "recompute-test", pollMs: 20 });
    queue.registerHandler(
      JOB_TYPES.recomputeVariant,
      recomputeVariantHandler(
        () => db,
        () => queue,
      ),
    );
    queue.registerHandler(
      JOB_TYPES.recomputeShop,
      recomputeShopHandler(
        () => db,
        () => queue,
      ),
    );
    const target = variantIds[8];
    await db.forecast.deleteMany({ where: { shopId, variantId: target } });
    const first = await enqueueVariantRecompute(queue, shopId, target);
    const second = await enqueueVariantRecompute(queue, shopId, target);
    expect(second.created).toBe(false);
    await queue.start();
    try {
      let job = await queue.getJob(shopId, first.id);
      for (let i = 0; i < 500 && job?.status !== "done" && job?.status !== "failed"; i++) {
        await new Promise((r) => setTimeout(r, 20));
        job = await queue.getJob(shopId, first.id);
      }
      expect(job?.lastError ?? null).toBeNull();
      expect(job?.status).toBe("done");
      expect(await db.forecast.count({ where: { shopId, variantId: target } })).toBe(1);
      // AND the dashboard's figures are refreshed later, once for the whole burst, not after every variant
      const summary = await db.job.findMany({ where: { shopId, type: "summary.refresh", status: "queued" } });
      expect(summary).toHaveLength(1);
      expect(summary[0].coalesceKey).toBe("summary.refresh:shop:debounced");
      expect(summary[0].runAt.getTime()).toBeGreaterThan(Date.now() + 4 * 60_000);
    } finally {
      await queue.stop();
      await queue.close();
    }
  });
});
