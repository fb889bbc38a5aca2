// Times recomputeShop on the demo shop (600 variants, 730 days) in a temp SQLite database.
// Run: node --expose-gc --import tsx tests/bench/recompute-600.ts
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPrismaClient } from "~/db.server";
import { migrateDatabase } from "~/db/migrate.server";
import { seedDemoShop } from "~/demo/seed.server";
import { generateShop } from "~/demo/simulator";
import { clearRecomputeCache, recomputeShop } from "~/sync/recompute/recompute.server";

const dir = mkdtempSync(path.join(os.tmpdir(), "pilotage-recompute-bench-"));
const url = `file:${path.join(dir, "bench.db")}`;
try {
  await migrateDatabase(url);
  const db = createPrismaClient(url);
  const seed = await seedDemoShop(db, generateShop({ seed: 42 }));
  console.log(`seeded in ${seed.ms} ms`);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const first = await recomputeShop(db, seed.shopId);
  console.log("full recompute 1:", JSON.stringify(first));
  const second = await recomputeShop(db, seed.shopId);
  console.log("full recompute 2:", JSON.stringify(second));
  const ids = (await db.variant.findMany({ where: { shopId: seed.shopId }, select: { id: true }, take: 1 })).map(
    (v) => v.id,
  );
  const one = await recomputeShop(db, seed.shopId, { variantIds: ids });
  console.log("one variant, cached shop context:", JSON.stringify(one));
  clearRecomputeCache();
  const cold = await recomputeShop(db, seed.shopId, { variantIds: ids });
  console.log("one variant, cold:", JSON.stringify(cold));
  console.log(
    `heap after the recomputes minus before: ${((process.memoryUsage().heapUsed - heapBefore) / 1e6).toFixed(0)} MB (gc ${gc ? "on" : "off"})`,
  );
  console.log(
    `heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
  );
  await db.$disconnect();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
