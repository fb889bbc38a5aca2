// approveRecommendations / rejectRecommendations against a seeded shop and the emulator: validation, margin floor
// with override, idempotency, reorders creating purchase-order drafts, and the push through the emulator.
import { describe, expect, it } from "vitest";
import { addPriceRecommendations, decisionsSuite, emulatorPrice } from "./support";

const h = decisionsSuite();

describe("approving a price", () => {
  it("creates one decision, one push job, and the emulator's price changes and is verified", async () => {
    // GIVEN a pending price recommendation raising the price by 5 %
    const [row] = await addPriceRecommendations(h, 1);
    // WHEN the merchant approves it and the batch's push job runs
    const result = await h.decide.approveRecommendations(
      h.shop,
      { actor: "42", idempotencyKey: "k-approve-1", items: [{ recommendationId: row.rec.id }] },
      { queue: h.queue },
    );
    const report = await h.push.pushBatch(h.shop, result.batchId, { gateway: h.gateway() });
    // THEN the decision is stored and verified, the emulator holds the new price, and the app's rows follow
    expect(result.outcomes).toEqual([{ recommendationId: row.rec.id, ok: true, decisionId: expect.any(String) }]);
    expect(result.pushJobId).not.toBeNull();
    expect(report).toMatchObject({ total: 1, verified: 1, failed: 0 });
    expect(emulatorPrice(h, row.variant.shopifyId)).toBe(row.proposed);
    const decision = await h.shop.db.decision.findFirstOrThrow({ where: { id: result.outcomes[0].decisionId } });
    expect(decision).toMatchObject({ kind: "price", actor: "42", pushStatus: "verified", automatic: false });
    expect(decision.verifiedAt).not.toBeNull();
    expect(JSON.parse(decision.before)).toMatchObject({ price: row.price });
    expect(JSON.parse(decision.after)).toMatchObject({ price: row.proposed });
    expect(Number((await h.shop.db.variant.findFirstOrThrow({ where: { id: row.variant.id } })).price)).toBe(
      row.proposed,
    );
    expect((await h.shop.db.recommendation.findFirstOrThrow({ where: { id: row.rec.id } })).status).toBe("applied");
    const history = await h.shop.db.priceHistory.findMany({
      where: { variantId: row.variant.id, decisionId: decision.id },
    });
    expect(history.map((p) => [p.source, Number(p.price)])).toEqual([["decision", row.proposed]]);
    const actions = (await h.shop.db.auditEvent.findMany({ where: { decisionId: decision.id } }))
      .map((e) => e.action)
      .sort();
    expect(actions).toEqual(["decision.approved", "price.verified"]);
    expect(await h.push.pushStatus(h.shop, result.batchId)).toEqual({
      total: 1,
      pushed: 1,
      verified: 1,
      failed: [],
      done: true,
    });
  });

  it("twice with the same key (a double click) gives the first result: one decision, one push", async () => {
    // GIVEN a pending recommendation
    const [row] = await addPriceRecommendations(h, 1, { factor: 1.04 });
    await h.shop.db.recommendation.updateMany({
      where: { variantId: row.variant.id, id: { not: row.rec.id } },
      data: { status: "superseded" },
    });
    const input = { actor: "42", idempotencyKey: "k-double", items: [{ recommendationId: row.rec.id }] };
    const jobsBefore = h.queue.jobs.length;
    // WHEN the same request arrives twice at once, then once more after the push
    const [a, b] = await Promise.all([
      h.decide.approveRecommendations(h.shop, input, { queue: h.queue }),
      h.decide.approveRecommendations(h.shop, input, { queue: h.queue }),
    ]);
    await h.push.pushBatch(h.shop, a.batchId, { gateway: h.gateway() });
    const calls = h.queue.calls;
    const c = await h.decide.approveRecommendations(h.shop, input, { queue: h.queue });
    // THEN all three answers are the same, with one decision and one push job
    expect(b).toEqual(a);
    expect(c.outcomes).toEqual(a.outcomes);
    expect(c.pushJobId).toBe(a.pushJobId);
    expect(await h.shop.db.decision.count({ where: { recommendationId: row.rec.id } })).toBe(1);
    expect(h.queue.jobs.length - jobsBefore).toBe(1);
    expect(h.queue.calls).toBe(calls); // the replay after the push enqueues nothing
    expect(emulatorPrice(h, row.variant.shopifyId)).toBe(row.proposed);
  });

  it("a second approval of a decided recommendation (another key) is refused as NOT_PENDING", async () => {
    // GIVEN an approved recommendation
    const [row] = await addPriceRecommendations(h, 1, { factor: 1.03 });
    await h.decide.approveRecommendations(
      h.shop,
      { actor: "42", idempotencyKey: "k-np-1", items: [{ recommendationId: row.rec.id }] },
      { queue: h.queue },
    );
    // WHEN it is approved again with a new key
    const again = await h.decide.approveRecommendations(
      h.shop,
      { actor: "42", idempotencyKey: "k-np-2", items: [{ recommendationId: row.rec.id }] },
      { queue: h.queue },
    );
    // THEN it is refused and nothing new is written
    expect(again.outcomes[0]).toMatchObject({ ok: false, code: "DECISIONS.NOT_PENDING" });
    expect(again.pushJobId).toBeNull();
    expect(await h.shop.db.decision.count({ where: { recommendationId: row.rec.id } })).toBe(1);
  });
});

describe("validation", () => {
  it("refuses an edited price that is not a positive amount with 2 decimals or crosses a hard bound, naming the field", async () => {
    // GIVEN three pending recommendations bounded at ±10 %
    const rows = await addPriceRecommendations(h, 3, { factor: 1.02 });
    const [r0, r1, r2] = rows;
    // WHEN they are approved with -1, 3 decimals, and 50 % above the current price
    const result = await h.decide.approveRecommendations(
      h.shop,
      {
        actor: "42",
        idempotencyKey: "k-invalid",
        items: [
          { recommendationId: r0.rec.id, price: -1 },
          { recommendationId: r1.rec.id, price: 10.123 },
          { recommendationId: r2.rec.id, price: Math.round(r2.price * 150) / 100 },
        ],
      },
      { queue: h.queue },
    );
    // THEN each is refused as INVALID_VALUE on "price", and nothing is written
    for (const o of result.outcomes)
      expect(o).toMatchObject({ ok: false, code: "DECISIONS.INVALID_VALUE", field: "price" });
    expect(result.outcomes[2].message).toMatch(/MAX_CHANGE/);
    expect(await h.shop.db.decision.count({ where: { recommendationId: { in: rows.map((r) => r.rec.id) } } })).toBe(0);
    expect(
      (await h.shop.db.recommendation.findMany({ where: { id: { in: rows.map((r) => r.rec.id) } } })).every(
        (r) => r.status === "pending",
      ),
    ).toBe(true);
  });

  it("refuses a price below the margin floor without a written reason, and accepts it with one (recorded)", async () => {
    // GIVEN a variant whose unit cost puts the floor above a 5 % cut, bounds that allow the cut
    const [row] = await addPriceRecommendations(h, 1, { factor: 0.95, bounds: [] });
    const cost = Math.round(row.price * 0.9 * 100) / 100;
    await h.shop.db.variant.update({ where: { id: row.variant.id }, data: { unitCost: cost } });
    // WHEN it is approved without a reason, with a blank one, then with a written one
    const noReason = await h.decide.approveRecommendations(
      h.shop,
      { actor: "42", idempotencyKey: "k-floor-1", items: [{ recommendationId: row.rec.id }] },
      { queue: h.queue },
    );
    const blank = await h.decide.approveRecommendations(
      h.shop,
      { actor: "42", idempotencyKey: "k-floor-2", items: [{ recommendationId: row.rec.id, overrideReason: "   " }] },
      { queue: h.queue },
    );
    const withReason = await h.decide.approveRecommendations(
      h.shop,
      {
        actor: "42",
        idempotencyKey: "k-floor-3",
        items: [{ recommendationId: row.rec.id, overrideReason: "clearance before the new range" }],
      },
      { queue: h.queue },
    );
    // THEN the first two are MARGIN_FLOOR, the third is approved with its reason on the decision and in the audit
    expect(noReason.outcomes[0]).toMatchObject({ ok: false, code: "DECISIONS.MARGIN_FLOOR", field: "overrideReason" });
    expect(blank.outcomes[0]).toMatchObject({ ok: false, code: "DECISIONS.MARGIN_FLOOR" });
    expect(withReason.outcomes[0].ok).toBe(true);
    const decision = await h.shop.db.decision.findFirstOrThrow({ where: { id: withReason.outcomes[0].decisionId } });
    expect(decision.overrideReason).toBe("clearance before the new range");
    const audit = await h.shop.db.auditEvent.findFirstOrThrow({
      where: { decisionId: decision.id, action: "decision.approved" },
    });
    expect(JSON.parse(audit.data).overrideReason).toBe("clearance before the new range");
  });

  it("refuses unknown ids (another shop's or made up) as NOT_FOUND, and automatic approvals while paused", async () => {
    // GIVEN a pending recommendation and a paused shop
    const [row] = await addPriceRecommendations(h, 1, { factor: 1.01 });
    await h.shop.db.shopSettings.updateMany({ data: { paused: true } });
    // WHEN an automatic approval and an approval of an unknown id arrive
    const auto = await h.decide.approveRecommendations(
      h.shop,
      { actor: "pilotage", idempotencyKey: "k-auto", automatic: true, items: [{ recommendationId: row.rec.id }] },
      { queue: h.queue },
    );
    const unknown = await h.decide.approveRecommendations(
      h.shop,
      { actor: "42", idempotencyKey: "k-unknown", items: [{ recommendationId: "nope" }] },
      { queue: h.queue },
    );
    await h.shop.db.shopSettings.updateMany({ data: { paused: false } });
    // THEN they are refused with PAUSED and NOT_FOUND
    expect(auto.outcomes[0]).toMatchObject({ ok: false, code: "DECISIONS.PAUSED" });
    expect(unknown.outcomes[0]).toMatchObject({ ok: false, code: "DECISIONS.NOT_FOUND" });
  });
});

describe("reorders and rejections", () => {
  it("approving a reorder stores a reorder decision and a purchase-order draft, once per key", async () => {
    // GIVEN a pending reorder recommendation
    const variant = await h.shop.db.variant.findFirstOrThrow({
      where: { vendor: { not: null } },
      orderBy: { shopifyId: "desc" },
    });
    const rec = await h.shop.db.recommendation.create({
      data: {
        shopId: h.shop.id,
        variantId: variant.id,
        kind: "reorder",
        currentQuantity: 2,
        proposedQuantity: 24,
        vendor: variant.vendor,
      },
    });
    const input = { actor: "42", idempotencyKey: "k-reorder", items: [{ recommendationId: rec.id, quantity: 30 }] };
    // WHEN it is approved with an edited quantity, twice
    const first = await h.decide.approveRecommendations(h.shop, input, { queue: h.queue });
    const second = await h.decide.approveRecommendations(h.shop, input, { queue: h.queue });
    // THEN one decision, one draft with 30 units, no push job
    expect(first.outcomes[0].ok).toBe(true);
    expect(first.pushJobId).toBeNull();
    expect(first.purchaseOrderIds).toHaveLength(1);
    expect(second.purchaseOrderIds).toEqual(first.purchaseOrderIds);
    const decision = await h.shop.db.decision.findFirstOrThrow({ where: { recommendationId: rec.id } });
    expect(decision).toMatchObject({ kind: "reorder", pushStatus: "not-applicable" });
    const lines = await h.shop.db.purchaseOrderLine.findMany({ where: { purchaseOrderId: first.purchaseOrderIds[0] } });
    expect(lines.map((l) => [l.variantId, l.quantity])).toEqual([[variant.id, 30]]);
  });

  it("refuses a reorder quantity that is not a positive whole number", async () => {
    // GIVEN a pending reorder recommendation
    const variant = await h.shop.db.variant.findFirstOrThrow({ orderBy: { shopifyId: "asc" } });
    const rec = await h.shop.db.recommendation.create({
      data: { shopId: h.shop.id, variantId: variant.id, kind: "reorder", proposedQuantity: 10 },
    });
    // WHEN it is approved with 2.5 units
    const result = await h.decide.approveRecommendations(
      h.shop,
      { actor: "42", idempotencyKey: "k-qty", items: [{ recommendationId: rec.id, quantity: 2.5 }] },
      { queue: h.queue },
    );
    // THEN INVALID_VALUE on "quantity"
    expect(result.outcomes[0]).toMatchObject({ ok: false, code: "DECISIONS.INVALID_VALUE", field: "quantity" });
  });

  it("rejecting marks the recommendation rejected with an audit event, and a second rejection is NOT_PENDING", async () => {
    // GIVEN a pending recommendation
    const [row] = await addPriceRecommendations(h, 1, { factor: 1.02 });
    // WHEN it is rejected twice
    const first = await h.decide.rejectRecommendations(h.shop, {
      actor: "42",
      recommendationIds: [row.rec.id],
      reason: "seasonal",
    });
    const second = await h.decide.rejectRecommendations(h.shop, { actor: "42", recommendationIds: [row.rec.id] });
    // THEN rejected once, audited with the reason
    expect(first.outcomes[0].ok).toBe(true);
    expect(second.outcomes[0]).toMatchObject({ ok: false, code: "DECISIONS.NOT_PENDING" });
    expect((await h.shop.db.recommendation.findFirstOrThrow({ where: { id: row.rec.id } })).status).toBe("rejected");
    const audit = await h.shop.db.auditEvent.findFirstOrThrow({
      where: { entityId: row.rec.id, action: "recommendation.rejected" },
    });
    expect(JSON.parse(audit.data).reason).toBe("seasonal");
  });
});
