// A rollback never overwrites a price changed in Shopify since the decision (issue 11, item 5): against the
// emulator, a merchant's change stops the rollback with both prices; "restore anyway" (confirmed) pushes,
// "keep" does not and marks the decision superseded; the push job compares before it writes.
import { describe, expect, it } from "vitest";
import { TEST_SECRET } from "../../support/env";
import { gatewayFor } from "../admin/support";
import { addPriceRecommendations, decisionsSuite, emulatorPrice, spyFetch } from "./support";

let conflicts: typeof import("~/decisions/conflict.server");
let activity: typeof import("~/services/activity.server");
const h = decisionsSuite({}, async () => {
  conflicts = await import("~/decisions/conflict.server");
  activity = await import("~/services/activity.server");
});

/** A price decision approved and verified in the emulator, on the next variant not used yet. */
let used = 0;
async function appliedDecision(key: string) {
  const rows = await addPriceRecommendations(h, ++used, { factor: 1.05 });
  const row = rows[used - 1];
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
  expect(emulatorPrice(h, row.variant.shopifyId)).toBe(row.proposed);
  return { row, decisionId: result.outcomes[0].decisionId! };
}

/** "The merchant" edits the price in Shopify (the emulator's state), as in the admin. */
function merchantSets(gid: string, price: number) {
  h.emulator.state.variantById.get(gid)!.price = price;
}

const r2 = (x: number): number => Math.round(x * 100) / 100;
const rollbackOf = (decisionId: string) => h.shop.db.decision.findFirst({ where: { rollbackOfId: decisionId } });

describe("rollback when Shopify's price changed since the decision", () => {
  it("does not push and returns the conflict with Shopify's, the decision's and the previous price", async () => {
    // GIVEN a pushed decision, then the merchant changes the price in Shopify
    const { row, decisionId } = await appliedDecision("k-c-1");
    const merchant = r2(row.proposed + 1.5);
    merchantSets(row.variant.shopifyId, merchant);
    const spy = spyFetch();
    // WHEN the decision is rolled back
    const result = await h.decide.rollbackDecision(
      h.shop,
      { actor: "7", decisionId, idempotencyKey: "rb-c-1" },
      { queue: h.queue, gateway: gatewayFor(h.emulator, { fetch: spy }) },
    );
    // THEN nothing is sent, nothing is created, and the result carries the three prices
    expect(result).toMatchObject({
      ok: false,
      code: "DECISIONS.ROLLBACK_CONFLICT",
      conflict: {
        decisionId,
        shopify: { price: merchant },
        decided: { price: row.proposed },
        before: { price: row.price },
      },
    });
    expect(spy.mutations).toBe(0);
    expect(emulatorPrice(h, row.variant.shopifyId)).toBe(merchant);
    expect(await rollbackOf(decisionId)).toBeNull();
    const original = await h.shop.db.decision.findFirstOrThrow({ where: { id: decisionId } });
    expect([original.rolledBackAt, original.supersededAt]).toEqual([null, null]);
    expect(
      await h.shop.db.auditEvent.count({ where: { action: "price.rollback_conflict", decisionId, actor: "7" } }),
    ).toBe(1);
  });

  it("'restore anyway' (confirming Shopify's price) pushes the old price, audited as an overwrite", async () => {
    // GIVEN a pushed decision whose price the merchant changed, and the conflict shown
    const { row, decisionId } = await appliedDecision("k-c-2");
    const merchant = r2(row.proposed - 0.5);
    merchantSets(row.variant.shopifyId, merchant);
    const first = await h.decide.rollbackDecision(
      h.shop,
      { actor: "7", decisionId, idempotencyKey: "rb-c-2" },
      { queue: h.queue },
    );
    if (first.ok || first.code !== "DECISIONS.ROLLBACK_CONFLICT") throw new Error("expected a conflict");
    // WHEN the merchant confirms replacing Shopify's price, and the push runs
    const forced = await h.decide.rollbackDecision(
      h.shop,
      { actor: "7", decisionId, idempotencyKey: "rb-c-2", overwrite: first.conflict.shopify },
      { queue: h.queue },
    );
    if (!forced.ok) throw new Error(forced.message);
    const rollback = await h.shop.db.decision.findFirstOrThrow({ where: { id: forced.decisionId } });
    const report = await h.push.pushBatch(h.shop, rollback.batchId!, { gateway: h.gateway() });
    // THEN the previous price is in Shopify, the rollback replaced the merchant's price, and the audit says so
    expect(report).toMatchObject({ verified: 1, conflict: 0 });
    expect(emulatorPrice(h, row.variant.shopifyId)).toBe(row.price);
    expect(JSON.parse(rollback.before)).toMatchObject({ price: merchant });
    const event = await h.shop.db.auditEvent.findFirstOrThrow({
      where: { action: "price.rolled_back_over_change", decisionId: forced.decisionId },
    });
    expect(JSON.parse(event.data)).toMatchObject({
      shopify: { price: merchant },
      decided: { price: row.proposed },
      after: { price: row.price },
    });
    expect(
      await h.shop.db.auditEvent.count({ where: { action: "price.rolled_back", decisionId: forced.decisionId } }),
    ).toBe(0);
  });

  it("'restore anyway' confirmed for a price Shopify no longer holds is a new conflict, not a push", async () => {
    // GIVEN the merchant confirmed overwriting 1 EUR more, but Shopify has changed again since the dialog
    const { row, decisionId } = await appliedDecision("k-c-3");
    merchantSets(row.variant.shopifyId, r2(row.proposed + 1));
    const seen = { price: r2(row.proposed + 1), compareAtPrice: null };
    merchantSets(row.variant.shopifyId, r2(row.proposed + 2));
    // WHEN the confirmed rollback is sent
    const result = await h.decide.rollbackDecision(
      h.shop,
      { actor: "7", decisionId, idempotencyKey: "rb-c-3", overwrite: seen },
      { queue: h.queue },
    );
    // THEN it is refused with the new price and nothing is created
    expect(result).toMatchObject({
      ok: false,
      code: "DECISIONS.ROLLBACK_CONFLICT",
      conflict: { shopify: { price: r2(row.proposed + 2) } },
    });
    expect(await rollbackOf(decisionId)).toBeNull();
  });

  it("'keep Shopify's price' pushes nothing, marks the decision superseded, audited, and it is no longer rollbackable", async () => {
    // GIVEN a pushed decision whose price the merchant changed
    const { row, decisionId } = await appliedDecision("k-c-4");
    const merchant = r2(row.proposed + 2.25);
    merchantSets(row.variant.shopifyId, merchant);
    const spy = spyFetch();
    // WHEN the merchant keeps Shopify's price (twice: a double click)
    const kept = await conflicts.keepShopifyPrice(
      h.shop,
      { actor: "7", decisionId },
      { queue: h.queue, gateway: gatewayFor(h.emulator, { fetch: spy }) },
    );
    const again = await conflicts.keepShopifyPrice(h.shop, { actor: "7", decisionId }, { queue: h.queue });
    // THEN nothing is sent, the decision is superseded once, the app's price follows Shopify's
    expect(kept).toEqual({
      ok: true,
      decisionId,
      shopify: {
        price: merchant,
        compareAtPrice: row.variant.compareAtPrice === null ? null : Number(row.variant.compareAtPrice),
      },
    });
    expect(again).toEqual(kept);
    expect(spy.mutations).toBe(0);
    expect(emulatorPrice(h, row.variant.shopifyId)).toBe(merchant);
    expect((await h.shop.db.decision.findFirstOrThrow({ where: { id: decisionId } })).supersededAt).not.toBeNull();
    expect(await h.shop.db.auditEvent.count({ where: { action: "decision.superseded", decisionId, actor: "7" } })).toBe(
      1,
    );
    expect(Number((await h.shop.db.variant.findFirstOrThrow({ where: { id: row.variant.id } })).price)).toBe(merchant);
    // AND the Activity row offers no rollback; a rollback is refused
    const view = await activity.listActivity(h.shop, { kind: "price" });
    expect(view.decisions.rows.find((r) => r.id === decisionId)).toMatchObject({
      rollbackable: false,
      supersededAt: expect.any(String),
    });
    const rollback = await h.decide.rollbackDecision(
      h.shop,
      { actor: "7", decisionId, idempotencyKey: "rb-c-4" },
      { queue: h.queue },
    );
    expect(rollback).toMatchObject({ ok: false, code: "DECISIONS.NOT_ROLLBACKABLE" });
  });

  it("'keep' while Shopify still holds the decision's price is refused with NO_CONFLICT", async () => {
    // GIVEN a pushed decision nobody changed
    const { decisionId } = await appliedDecision("k-c-5");
    // WHEN the merchant asks to keep Shopify's price
    const kept = await conflicts.keepShopifyPrice(h.shop, { actor: "7", decisionId }, { queue: h.queue });
    // THEN it is refused and the decision stays rollbackable
    expect(kept).toMatchObject({ ok: false, code: "DECISIONS.NO_CONFLICT" });
    expect((await h.shop.db.decision.findFirstOrThrow({ where: { id: decisionId } })).supersededAt).toBeNull();
  });

  it("a compare-at change the rollback would not write is no conflict: the normal path rolls back", async () => {
    // GIVEN a pushed decision (price only), then the merchant sets a compare-at price in Shopify
    const { row, decisionId } = await appliedDecision("k-c-6");
    h.emulator.state.variantById.get(row.variant.shopifyId)!.compareAtPrice = r2(row.proposed + 10);
    // WHEN it is rolled back and pushed
    const result = await h.decide.rollbackDecision(
      h.shop,
      { actor: "7", decisionId, idempotencyKey: "rb-c-6" },
      { queue: h.queue },
    );
    if (!result.ok) throw new Error(result.message);
    const rollback = await h.shop.db.decision.findFirstOrThrow({ where: { id: result.decisionId } });
    await h.push.pushBatch(h.shop, rollback.batchId!, { gateway: h.gateway() });
    // THEN the old price is back and the merchant's compare-at price is untouched
    expect(emulatorPrice(h, row.variant.shopifyId)).toBe(row.price);
    expect(h.emulator.state.variantById.get(row.variant.shopifyId)!.compareAtPrice).toBe(r2(row.proposed + 10));
  });

  it("Shopify unreachable: the rollback is refused with SHOPIFY_UNAVAILABLE and nothing is created", async () => {
    // GIVEN a pushed decision and a gateway whose every request fails
    const { decisionId } = await appliedDecision("k-c-7");
    const down = gatewayFor(h.emulator, { fetch: async () => new Response("down", { status: 503 }), maxRetries: 0 });
    // WHEN it is rolled back
    const result = await h.decide.rollbackDecision(
      h.shop,
      { actor: "7", decisionId, idempotencyKey: "rb-c-7" },
      { queue: h.queue, gateway: down },
    );
    // THEN a typed refusal, no rollback decision
    expect(result).toMatchObject({ ok: false, code: "DECISIONS.SHOPIFY_UNAVAILABLE" });
    expect(await rollbackOf(decisionId)).toBeNull();
  });
});

describe("the push job compares Shopify's price before it writes", () => {
  it("a rollback whose price the merchant changes before the job runs is not sent; the original can be decided again", async () => {
    // GIVEN a rollback accepted (no conflict yet), then the merchant changes the price before its push runs
    const { row, decisionId } = await appliedDecision("k-c-8");
    const result = await h.decide.rollbackDecision(
      h.shop,
      { actor: "7", decisionId, idempotencyKey: "rb-c-8" },
      { queue: h.queue },
    );
    if (!result.ok) throw new Error(result.message);
    const merchant = r2(row.proposed + 3);
    merchantSets(row.variant.shopifyId, merchant);
    const spy = spyFetch();
    // WHEN the push runs
    const rollback = await h.shop.db.decision.findFirstOrThrow({ where: { id: result.decisionId } });
    const report = await h.push.pushBatch(h.shop, rollback.batchId!, {
      gateway: gatewayFor(h.emulator, { fetch: spy }),
    });
    // THEN nothing is sent, the rollback is "conflict" with both prices, and the original is rollbackable again
    expect(spy.mutations).toBe(0);
    expect(report).toMatchObject({ total: 1, conflict: 1, verified: 0 });
    expect(emulatorPrice(h, row.variant.shopifyId)).toBe(merchant);
    const after = await h.shop.db.decision.findFirstOrThrow({ where: { id: result.decisionId } });
    expect(after.pushStatus).toBe("conflict");
    expect(after.pushError).toContain(merchant.toFixed(2));
    expect((await h.shop.db.decision.findFirstOrThrow({ where: { id: decisionId } })).rolledBackAt).toBeNull();
    expect(
      await h.shop.db.auditEvent.count({ where: { action: "price.push_conflict", decisionId: result.decisionId } }),
    ).toBe(1);
    // AND the next attempt shows the conflict
    const next = await h.decide.rollbackDecision(
      h.shop,
      { actor: "7", decisionId, idempotencyKey: "rb-c-8b" },
      { queue: h.queue },
    );
    expect(next).toMatchObject({
      ok: false,
      code: "DECISIONS.ROLLBACK_CONFLICT",
      conflict: { shopify: { price: merchant } },
    });
  });

  it("an approved price whose variant the merchant repriced after the approval is not sent", async () => {
    // GIVEN an approved (not yet pushed) price, then the merchant changes the price in Shopify
    used++;
    const rows = await addPriceRecommendations(h, used, { factor: 1.05 });
    const row = rows[used - 1];
    const approved = await h.decide.approveRecommendations(
      h.shop,
      { actor: "42", idempotencyKey: "k-c-9", items: [{ recommendationId: row.rec.id }] },
      { queue: h.queue },
    );
    merchantSets(row.variant.shopifyId, r2(row.price + 4));
    const spy = spyFetch();
    // WHEN the push runs
    const report = await h.push.pushBatch(h.shop, approved.batchId, {
      gateway: gatewayFor(h.emulator, { fetch: spy }),
    });
    // THEN the merchant's price stays; the decision is "conflict", its recommendation failed
    expect(spy.mutations).toBe(0);
    expect(report).toMatchObject({ conflict: 1, verified: 0 });
    expect(emulatorPrice(h, row.variant.shopifyId)).toBe(r2(row.price + 4));
    expect((await h.push.pushStatus(h.shop, approved.batchId)).failed[0].error).toMatch(/PUSH_CONFLICT/);
    expect((await h.shop.db.recommendation.findFirstOrThrow({ where: { id: row.rec.id } })).status).toBe("failed");
  });
});

describe("the Activity route", () => {
  type Action = (a: {
    request: Request;
    params: Record<string, string>;
    context: { demo: boolean };
  }) => Promise<Response>;
  const UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";

  async function post(form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
    const { mintSessionToken } = await import("~/demo/session-token.server");
    const { action } = (await import("~/routes/app.activity")) as unknown as { action: Action };
    const token = mintSessionToken({ shop: h.shop.domain, apiKey: "test-key", secret: TEST_SECRET });
    const request = new Request("https://pilotage.example.com/app/activity", {
      method: "POST",
      headers: {
        "User-Agent": UA,
        Authorization: `Bearer ${token}`,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams(form),
    });
    const res = await action({ request, params: {}, context: { demo: false } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it("answers a conflict with 409 and the three prices, then accepts 'restore anyway' and 'keep'", async () => {
    // GIVEN two pushed decisions whose prices the merchant changed, and the session's scopes stored
    const { SCOPES } = await import("~/scopes");
    await h.prisma.session.update({ where: { id: `offline_${h.shop.domain}` }, data: { scope: SCOPES.join(",") } });
    const one = await appliedDecision("k-c-route-1");
    const two = await appliedDecision("k-c-route-2");
    merchantSets(one.row.variant.shopifyId, r2(one.row.proposed + 1));
    merchantSets(two.row.variant.shopifyId, r2(two.row.proposed + 1));
    // WHEN the merchant rolls back the first, then restores anyway; and keeps Shopify's price on the second
    const conflict = await post({ intent: "rollback", decisionId: one.decisionId, idempotencyKey: "route-key-1" });
    const shown = (conflict.body.conflict as { shopify: { price: number; compareAtPrice: number | null } }).shopify;
    const forced = await post({
      intent: "rollback",
      decisionId: one.decisionId,
      idempotencyKey: "route-key-1",
      overwritePrice: shown.price.toFixed(2),
      overwriteCompareAtPrice: shown.compareAtPrice === null ? "" : shown.compareAtPrice.toFixed(2),
    });
    const kept = await post({ intent: "keep", decisionId: two.decisionId });
    // THEN 409 with the prices, then a rollback decision, then the second decision superseded
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({
      ok: false,
      code: "DECISIONS.ROLLBACK_CONFLICT",
      conflict: {
        shopify: { price: r2(one.row.proposed + 1) },
        decided: { price: one.row.proposed },
        before: { price: one.row.price },
      },
    });
    expect(forced).toMatchObject({ status: 200, body: { ok: true, intent: "rollback" } });
    expect(await rollbackOf(one.decisionId)).not.toBeNull();
    expect(kept).toMatchObject({
      status: 200,
      body: { ok: true, intent: "keep", shopify: { price: r2(two.row.proposed + 1) } },
    });
    // AND a malformed confirmation is refused with the field named
    const bad = await post({
      intent: "rollback",
      decisionId: one.decisionId,
      idempotencyKey: "route-key-2",
      overwritePrice: "12.345",
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fieldErrors as object)).toEqual(["overwritePrice"]);
  });
});
