// The "price.push" job on an emulator with a small cost bucket, and through the real job queue.
import { describe, expect, it } from "vitest";
import { addPriceRecommendations, decisionsSuite, emulatorPrice } from "./support";

const h = decisionsSuite({ bucket: { maximumAvailable: 40, restoreRate: 40 } });

async function approve(key: string, count: number, factor: number) {
  const rows = await addPriceRecommendations(h, count, { factor });
  const result = await h.decide.approveRecommendations(
    h.shop,
    { actor: "42", idempotencyKey: key, items: rows.map((r) => ({ recommendationId: r.rec.id })) },
    { queue: h.queue },
  );
  return { rows, result };
}

describe("price.push on a throttled emulator", () => {
  it("still pushes and verifies every price, pacing on the cost bucket", async () => {
    // GIVEN 12 approved prices and an emulator bucket of 40 points restoring 40 per second
    const { rows, result } = await approve("k-throttle", 12, 1.05);
    // WHEN the batch is pushed
    const gateway = h.gateway();
    const report = await h.push.pushBatch(h.shop, result.batchId, { gateway });
    // THEN every price is verified in the emulator (the batch needs several times the bucket's 40 points)
    expect(report).toMatchObject({ total: 12, verified: 12, failed: 0 });
    for (const r of rows) expect(emulatorPrice(h, r.variant.shopifyId)).toBe(r.proposed);
    expect(gateway.stats.requests).toBeGreaterThan(12);
  }, 60_000);

  it("runs as the registered job through the real queue, with progress", async () => {
    // GIVEN the app's job handlers on a started database queue
    const { registerAppHandlers } = await import("~/jobs/handlers.server");
    const { getJobQueue } = await import("~/jobs/index.server");
    const queue = getJobQueue();
    registerAppHandlers(queue);
    await queue.start();
    try {
      // WHEN a price is approved with the default queue
      const rows = await addPriceRecommendations(h, 1, { factor: 1.08 });
      await h.shop.db.recommendation.updateMany({
        where: { id: { not: rows[0].rec.id }, variantId: rows[0].variant.id, status: "pending" },
        data: { status: "superseded" },
      });
      const result = await h.decide.approveRecommendations(h.shop, {
        actor: "42",
        idempotencyKey: "k-job",
        items: [{ recommendationId: rows[0].rec.id }],
      });
      let job = await queue.getJob(h.shop.id, result.pushJobId!);
      for (let i = 0; i < 200 && job?.status !== "done" && job?.status !== "failed"; i++) {
        await new Promise((r) => setTimeout(r, 100));
        job = await queue.getJob(h.shop.id, result.pushJobId!);
      }
      // THEN the job is done with full progress and the emulator holds the price
      expect(job).toMatchObject({ type: "price.push", status: "done", progress: 1 });
      expect(emulatorPrice(h, rows[0].variant.shopifyId)).toBe(rows[0].proposed);
    } finally {
      await queue.stop({ graceMs: 1000 });
    }
  }, 60_000);
});
