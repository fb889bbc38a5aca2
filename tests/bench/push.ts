// Time to push 1,000 approved prices through the Admin API emulator with its cost throttling on (its default
// leaky bucket: 2,000 points, 100 restored per second, as the demo runs it). One approval of 1,000 price
// recommendations (one batch), then the batch's "price.push" work: per product, productVariantsBulkUpdate sent
// and the prices read back and verified.
// Run: `npm run bench:push` (writes docs/benchmarks.md between the bench:push markers); `-- --quick` for 200.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateShop } from "~/demo/simulator";
import { writeBetweenMarkers } from "./lib/doc-section";
import { machineLine } from "./lib/report";

const quick = process.argv.includes("--quick");
const COUNT = quick ? 200 : 1000;
const TOKEN = "shpat_bench_push";

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pilotage-bench-push-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
  const { migrateDatabase } = await import("~/db/migrate.server");
  await migrateDatabase(process.env.DATABASE_URL);
  const { prisma } = await import("~/db.server");
  const { seedDemoShop } = await import("~/demo/seed.server");
  const { startEmulator } = await import("~/emulator/server.server");
  const { shopContext } = await import("~/services/shop.server");
  const { approveRecommendations } = await import("~/decisions/decide.server");
  const { pushBatch, pushStatus } = await import("~/decisions/push.server");
  const { createAdminGateway } = await import("~/shopify/admin-gateway.server");
  const { CostBucket } = await import("~/shopify/throttle.server");

  const sim = generateShop({ seed: 7, variants: COUNT, days: 30 });
  await seedDemoShop(prisma, sim);
  const emulator = await startEmulator({ sim, token: TOKEN });
  const shop = await shopContext(sim.shop.domain);
  const variants = await shop.db.variant.findMany({
    where: { deletedAt: null },
    take: COUNT,
    orderBy: { shopifyId: "asc" },
  });
  const products = new Set(variants.map((v) => v.productId)).size;
  const recs = [];
  for (const v of variants) {
    const price = Number(v.price);
    recs.push({
      shopId: shop.id,
      variantId: v.id,
      kind: "price",
      currentPrice: price,
      proposedPrice: Math.round(price * 103) / 100,
      bounds: JSON.stringify([]),
      expectedImpact: JSON.stringify({ compareAtPrice: v.compareAtPrice === null ? null : Number(v.compareAtPrice) }),
    });
  }
  await shop.db.recommendation.createMany({ data: recs });
  const ids = (
    await shop.db.recommendation.findMany({ where: { status: "pending", kind: "price" }, select: { id: true } })
  ).map((r) => r.id);
  const queue = {
    enqueue: async () => ({ id: "bench-job", created: true }),
  } as unknown as import("~/jobs/types").JobQueue;

  const t0 = performance.now();
  const approved = await approveRecommendations(
    shop,
    {
      actor: "bench",
      idempotencyKey: "bench-push",
      items: ids.map((id) => ({ recommendationId: id, overrideReason: "benchmark" })),
    },
    { queue },
  );
  const approveMs = performance.now() - t0;
  const gateway = createAdminGateway({
    shop: sim.shop.domain,
    accessToken: TOKEN,
    origin: emulator.url,
    bucket: new CostBucket(),
  });
  const t1 = performance.now();
  const report = await pushBatch(shop, approved.batchId, { gateway });
  const pushMs = performance.now() - t1;
  const status = await pushStatus(shop, approved.batchId);
  const applied = variants.filter(
    (v) => emulator.state.variantById.get(v.shopifyId)?.price === Math.round(Number(v.price) * 103) / 100,
  ).length;
  await emulator.stop();
  await prisma.$disconnect();

  const body = [
    `### Push ${COUNT.toLocaleString("en-US")} approved prices through the emulator's throttling`,
    "",
    machineLine(
      `npm run bench:push${quick ? " -- --quick" : ""}`,
      quick ? "quick (200 prices)" : "full (1,000 prices)",
    ),
    `- Load average at the end: ${os.loadavg()[0].toFixed(2)} (the machine is shared; wall times grow with load)`,
    "",
    "| prices | products | approve (one batch) | push + read-back + verify | prices/s | requests | THROTTLED answers | verified | failed | emulator holds the new price |",
    "|---|---|---|---|---|---|---|---|---|---|",
    `| ${COUNT} | ${products} | ${(approveMs / 1000).toFixed(1)} s | ${(pushMs / 1000).toFixed(1)} s | ${(COUNT / (pushMs / 1000)).toFixed(1)} | ${gateway.stats.requests} | ${emulator.stats.throttled} | ${status.verified} | ${status.failed.length} | ${applied} |`,
    "",
    "Emulator bucket: 2,000 points, 100 restored per second (its default). Per product: one productVariantsBulkUpdate",
    "(10 points) and one read-back of the variants' prices (Shopify's prices are read first only for decisions a",
    "crashed run may already have sent); four products in flight, paced by the client-side bucket mirror",
    "(app/shopify/throttle.server.ts; THROTTLED answers are retried after the bucket refills). The floor is the",
    "bucket's restore rate: the points spent above the initial 2,000, divided by 100 per second.",
  ].join("\n");
  if (report.verified !== COUNT) console.error(`warning: ${report.verified}/${COUNT} verified`);
  writeBetweenMarkers("<!-- bench:push:start -->", "<!-- bench:push:end -->", body);
  console.log(body);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
