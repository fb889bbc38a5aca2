// rollbackDecision against the emulator: the previous price returns, the rollback is a decision of its own,
// audited, and a decision is rolled back once.
import { describe, expect, it } from "vitest";
import { addPriceRecommendations, decisionsSuite, emulatorPrice } from "./support";

const h = decisionsSuite();

async function appliedDecision(key: string, factor: number) {
  const [row] = await addPriceRecommendations(h, 1, { factor });
  await h.shop.db.recommendation.updateMany({
    where: { id: { not: row.rec.id }, status: "pending" },
    data: { status: "superseded" },
  });
  const result = await h.decide.approveRecommendations(
    h.shop,
    { actor: "42", idempotencyKey: key, items: [{ recommendationId: row.rec.id }] },
    { queue: h.queue },
  );
  await h.push.pushBatch(h.shop, result.batchId, { gateway: h.gateway() });
  return { row, decisionId: result.outcomes[0].decisionId! };
}

describe("rollback", () => {
  it("pushes the previous price back to the emulator as a rollback decision, audited", async () => {
    // GIVEN an applied price decision
    const { row, decisionId } = await appliedDecision("k-rb-1", 1.05);
    expect(emulatorPrice(h, row.variant.shopifyId)).toBe(row.proposed);
    // WHEN the merchant rolls it back and the push runs
    const result = await h.decide.rollbackDecision(
      h.shop,
      { actor: "7", decisionId, idempotencyKey: "rb-1" },
      { queue: h.queue },
    );
    if (!result.ok) throw new Error(result.message);
    const rollback = await h.shop.db.decision.findFirstOrThrow({ where: { id: result.decisionId } });
    await h.push.pushBatch(h.shop, rollback.batchId!, { gateway: h.gateway() });
    // THEN the old price is back in the emulator and in the app, the rollback is verified and linked
    expect(emulatorPrice(h, row.variant.shopifyId)).toBe(row.price);
    expect(Number((await h.shop.db.variant.findFirstOrThrow({ where: { id: row.variant.id } })).price)).toBe(row.price);
    const after = await h.shop.db.decision.findFirstOrThrow({ where: { id: result.decisionId } });
    expect(after).toMatchObject({ kind: "rollback", rollbackOfId: decisionId, actor: "7", pushStatus: "verified" });
    expect((await h.shop.db.decision.findFirstOrThrow({ where: { id: decisionId } })).rolledBackAt).not.toBeNull();
    const history = await h.shop.db.priceHistory.findFirstOrThrow({ where: { decisionId: result.decisionId } });
    expect([history.source, Number(history.price)]).toEqual(["rollback", row.price]);
    expect(
      await h.shop.db.auditEvent.count({ where: { action: "price.rolled_back", entityId: decisionId, actor: "7" } }),
    ).toBe(1);
  });

  it("refuses a second rollback of the same decision; the same key replays the first", async () => {
    // GIVEN a decision rolled back once
    const { decisionId } = await appliedDecision("k-rb-2", 1.04);
    const first = await h.decide.rollbackDecision(
      h.shop,
      { actor: "7", decisionId, idempotencyKey: "rb-2" },
      { queue: h.queue },
    );
    // WHEN it is rolled back again with the same key, then with another key
    const replay = await h.decide.rollbackDecision(
      h.shop,
      { actor: "7", decisionId, idempotencyKey: "rb-2" },
      { queue: h.queue },
    );
    const second = await h.decide.rollbackDecision(
      h.shop,
      { actor: "7", decisionId, idempotencyKey: "rb-3" },
      { queue: h.queue },
    );

    if (!first.ok) throw new Error(first.message);
    const batch = (await h.shop.db.decision.findFirstOrThrow({ where: { id: first.decisionId } })).batchId!;
    await h.push.pushBatch(h.shop, batch, { gateway: h.gateway() });
    const calls = h.queue.calls;
    const afterPush = await h.decide.rollbackDecision(
      h.shop,
      { actor: "7", decisionId, idempotencyKey: "rb-2" },
      { queue: h.queue },
    );
    // THEN the replays are the first result (no new push job once pushed), the second is NOT_ROLLBACKABLE,
    // with one rollback decision
    expect(replay).toEqual(first);
    expect(afterPush).toEqual(first);
    expect(h.queue.calls).toBe(calls);
    expect(second).toMatchObject({ ok: false, code: "DECISIONS.NOT_ROLLBACKABLE" });
    expect(await h.shop.db.decision.count({ where: { rollbackOfId: decisionId } })).toBe(1);
  });

  it("refuses unknown decisions, reorders and prices that never reached Shopify", async () => {
    // GIVEN an approved but unpushed price decision
    const [row] = await addPriceRecommendations(h, 1, { factor: 1.03 });
    const approved = await h.decide.approveRecommendations(
      h.shop,
      { actor: "42", idempotencyKey: "k-rb-unpushed", items: [{ recommendationId: row.rec.id }] },
      { queue: h.queue },
    );
    // WHEN each is rolled back
    const unknown = await h.decide.rollbackDecision(
      h.shop,
      { actor: "7", decisionId: "nope", idempotencyKey: "rb-x" },
      { queue: h.queue },
    );
    const unpushed = await h.decide.rollbackDecision(
      h.shop,
      { actor: "7", decisionId: approved.outcomes[0].decisionId!, idempotencyKey: "rb-y" },
      { queue: h.queue },
    );
    // THEN NOT_FOUND and NOT_ROLLBACKABLE
    expect(unknown).toMatchObject({ ok: false, code: "DECISIONS.NOT_FOUND" });
    expect(unpushed).toMatchObject({ ok: false, code: "DECISIONS.NOT_ROLLBACKABLE" });
  });

  it("a rollback that fails to reach Shopify leaves the original rollbackable again", async () => {
    // GIVEN a rollback whose variant vanished from Shopify
    const { row, decisionId } = await appliedDecision("k-rb-4", 1.05);
    const result = await h.decide.rollbackDecision(
      h.shop,
      { actor: "7", decisionId, idempotencyKey: "rb-4" },
      { queue: h.queue },
    );
    if (!result.ok) throw new Error(result.message);
    const gid = row.variant.shopifyId;
    const saved = h.emulator.state.variantById.get(gid)!;
    h.emulator.state.variantById.delete(gid);
    // WHEN its push runs
    const rollback = await h.shop.db.decision.findFirstOrThrow({ where: { id: result.decisionId } });
    await h.push.pushBatch(h.shop, rollback.batchId!, { gateway: h.gateway() });
    h.emulator.state.variantById.set(gid, saved);
    // THEN the rollback is failed and the original can be rolled back again
    expect((await h.shop.db.decision.findFirstOrThrow({ where: { id: result.decisionId } })).pushStatus).toBe("failed");
    expect((await h.shop.db.decision.findFirstOrThrow({ where: { id: decisionId } })).rolledBackAt).toBeNull();
    const again = await h.decide.rollbackDecision(
      h.shop,
      { actor: "7", decisionId, idempotencyKey: "rb-5" },
      { queue: h.queue },
    );
    expect(again.ok).toBe(true);
  });
});
