// The "price.push" job against the emulator: retries never apply twice, per-variant failures are reported,
// a throttled emulator still gets every price, and the registered job runs through the real queue with progress.
import { describe, expect, it } from "vitest";
import { gatewayFor } from "../admin/support";
import { addPriceRecommendations, decisionsSuite, emulatorPrice, spyFetch } from "./support";

const h = decisionsSuite();

async function approve(key: string, count: number, factor: number) {
  const rows = await addPriceRecommendations(h, count, { factor });
  await h.shop.db.recommendation.updateMany({
    where: { id: { notIn: rows.map((r) => r.rec.id) }, status: "pending" },
    data: { status: "superseded" },
  });
  const result = await h.decide.approveRecommendations(
    h.shop,
    { actor: "42", idempotencyKey: key, items: rows.map((r) => ({ recommendationId: r.rec.id })) },
    { queue: h.queue },
  );
  return { rows, result };
}

describe("price.push", () => {
  it("a retried job never applies a change twice: Shopify's price is compared first for a decision that was being pushed", async () => {
    // GIVEN an approved price whose mutation reached Shopify before the job could record it (a crash after
    // the decision was marked "pushing")
    const { rows, result } = await approve("k-retry", 1, 1.06);
    h.emulator.state.variantById.get(rows[0].variant.shopifyId)!.price = rows[0].proposed;
    await h.shop.db.decision.updateMany({ where: { batchId: result.batchId }, data: { pushStatus: "pushing" } });
    const spy = spyFetch();
    // WHEN the job runs, then runs again
    const first = await h.push.pushBatch(h.shop, result.batchId, { gateway: gatewayFor(h.emulator, { fetch: spy }) });
    const second = await h.push.pushBatch(h.shop, result.batchId, { gateway: gatewayFor(h.emulator, { fetch: spy }) });
    // THEN no mutation was sent, the decision is verified once, and the rerun has nothing to do
    expect(spy.mutations).toBe(0);
    expect(first).toMatchObject({ total: 1, verified: 1 });
    expect(second.total).toBe(0);
    expect(await h.shop.db.priceHistory.count({ where: { decisionId: result.outcomes[0].decisionId } })).toBe(1);
  });

  it("reports each variant's failure while the other products go through", async () => {
    // GIVEN approved prices on several products, and Shopify failing the mutation of the first product
    const { rows, result } = await approve("k-fail", 6, 1.05);
    const productOf = new Map(
      (await h.shop.db.product.findMany({ where: { id: { in: rows.map((r) => r.variant.productId) } } })).map((p) => [
        p.id,
        p.shopifyId,
      ]),
    );
    const failing = productOf.get(rows[0].variant.productId)!;
    const spy = spyFetch(failing);
    // WHEN the batch is pushed
    const report = await h.push.pushBatch(h.shop, result.batchId, {
      gateway: gatewayFor(h.emulator, { fetch: spy, maxRetries: 0 }),
    });
    // THEN the failing product's variants are failed with the error, the others verified in the emulator
    const status = await h.push.pushStatus(h.shop, result.batchId);
    const failedVariants = rows.filter((r) => productOf.get(r.variant.productId) === failing);
    expect(report.failed).toBe(failedVariants.length);
    expect(status.failed.map((f) => f.variantId).sort()).toEqual(failedVariants.map((r) => r.variant.id).sort());
    expect(status.failed[0].error).toMatch(/ADMIN_API.SERVER_ERROR/);
    expect(status.verified).toBe(rows.length - failedVariants.length);
    expect(status.done).toBe(true);
    for (const r of rows)
      expect(emulatorPrice(h, r.variant.shopifyId)).toBe(failedVariants.includes(r) ? r.price : r.proposed);
    const failedRec = await h.shop.db.recommendation.findFirstOrThrow({ where: { id: failedVariants[0].rec.id } });
    expect(failedRec.status).toBe("failed");
  });

  it("skips automatic decisions while the shop is paused", async () => {
    // GIVEN an automatic approval stored before the shop was paused
    const rows = await addPriceRecommendations(h, 1, { factor: 1.07 });
    const result = await h.decide.approveRecommendations(
      h.shop,
      { actor: "pilotage", automatic: true, idempotencyKey: "k-paused", items: [{ recommendationId: rows[0].rec.id }] },
      { queue: h.queue },
    );
    await h.shop.db.shopSettings.updateMany({ data: { paused: true } });
    // WHEN its push runs
    const spy = spyFetch();
    const report = await h.push.pushBatch(h.shop, result.batchId, { gateway: gatewayFor(h.emulator, { fetch: spy }) });
    await h.shop.db.shopSettings.updateMany({ data: { paused: false } });
    // THEN nothing is sent and the decision is failed as paused
    expect(spy.mutations).toBe(0);
    expect(report.failed).toBe(1);
    expect((await h.push.pushStatus(h.shop, result.batchId)).failed[0].error).toMatch(/PAUSED/);
    expect(emulatorPrice(h, rows[0].variant.shopifyId)).toBe(rows[0].price);
  });

  it("the job handler runs on the database, queue and gateway it is given", async () => {
    // GIVEN an approved price and the handler built on the test's database, recording queue and gateway
    const { rows, result } = await approve("k-handler", 1, 1.04);
    const handler = h.push.pushBatchHandler(
      () => h.prisma,
      () => h.queue,
      { gateway: h.gateway() },
    );
    const before = h.queue.jobs.length;
    const progress: number[] = [];
    const ctx = {
      attempt: 1,
      signal: new AbortController().signal,
      progress: async (f: number) => void progress.push(f),
    };
    // WHEN the job runs
    const report = await handler(
      { id: "job-push", shopId: h.shop.id, type: "price.push", payload: { batchId: result.batchId } },
      ctx,
    );
    // THEN the price is in Shopify, the dashboard refresh went to the given queue, and progress was reported
    expect(report).toMatchObject({ total: 1, verified: 1 });
    expect(emulatorPrice(h, rows[0].variant.shopifyId)).toBe(rows[0].proposed);
    expect(h.queue.jobs.slice(before).map((j) => j.type)).toContain("summary.refresh");
    expect(progress.length).toBeGreaterThan(0);
  });
});
