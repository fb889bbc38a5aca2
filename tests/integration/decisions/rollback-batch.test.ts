// Activity (issue 13): a batch of prices rolled back in one action, leaving alone a price changed in Shopify
// since; audit events name the product and say what a settings change changed.
import { describe, expect, it } from "vitest";
import { TEST_SECRET } from "../../support/env";
import { addPriceRecommendations, decisionsSuite, emulatorPrice } from "./support";

let activity: typeof import("~/services/activity.server");
const h = decisionsSuite({}, async () => {
  activity = await import("~/services/activity.server");
  const { SCOPES } = await import("~/scopes");
  await h.prisma.session.update({ where: { id: `offline_${h.shop.domain}` }, data: { scope: SCOPES.join(",") } });
});

type Action = (a: {
  request: Request;
  params: Record<string, string>;
  context: { demo: boolean };
}) => Promise<Response>;
async function post(form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const { mintSessionToken } = await import("~/demo/session-token.server");
  const { action } = (await import("~/routes/app.activity")) as unknown as { action: Action };
  const token = mintSessionToken({ shop: h.shop.domain, apiKey: "test-key", secret: TEST_SECRET });
  const request = new Request("https://pilotage.example.com/app/activity", {
    method: "POST",
    headers: {
      "User-Agent":
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
      Authorization: `Bearer ${token}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(form),
  });
  const res = await action({ request, params: {}, context: { demo: false } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("rolling back a batch", () => {
  it("returns every price of the batch to its previous value, except one changed in Shopify since", async () => {
    // GIVEN three prices approved together and verified in the emulator, then the merchant edits one in Shopify
    const rows = await addPriceRecommendations(h, 3, { factor: 1.05 });
    const approved = await h.decide.approveRecommendations(
      h.shop,
      { actor: "42", idempotencyKey: "batch-rb-1", items: rows.map((r) => ({ recommendationId: r.rec.id })) },
      { queue: h.queue },
    );
    await h.push.pushBatch(h.shop, approved.batchId, { gateway: h.gateway() });
    const edited = rows[2];
    h.emulator.state.variantById.get(edited.variant.shopifyId)!.price = Math.round((edited.proposed + 2) * 100) / 100;
    const before = await activity.listActivity(h.shop, { batchId: approved.batchId });
    // WHEN the merchant rolls back the batch from Activity
    const result = await post({ intent: "rollbackBatch", batchId: approved.batchId, idempotencyKey: "batch-key-1" });
    for (const d of await h.shop.db.decision.findMany({ where: { kind: "rollback" } }))
      await h.push.pushBatch(h.shop, d.batchId!, { gateway: h.gateway() });
    // THEN two rollbacks are sent and pushed, the edited one is counted as a conflict and keeps Shopify's price
    expect(before.batch).toEqual({ id: approved.batchId, rollbackable: 3 });
    expect(before.decisions.rows).toHaveLength(3);
    expect(result).toMatchObject({
      status: 200,
      body: { ok: true, intent: "rollbackBatch", sent: 2, conflicts: 1, failed: 0 },
    });
    expect(emulatorPrice(h, rows[0].variant.shopifyId)).toBe(rows[0].price);
    expect(emulatorPrice(h, rows[1].variant.shopifyId)).toBe(rows[1].price);
    expect(emulatorPrice(h, edited.variant.shopifyId)).toBe(Math.round((edited.proposed + 2) * 100) / 100);
    const after = await activity.listActivity(h.shop, { batchId: approved.batchId });
    expect(after.batch?.rollbackable).toBe(1);
    // AND the same request again sends nothing new
    const again = await post({ intent: "rollbackBatch", batchId: approved.batchId, idempotencyKey: "batch-key-1" });
    expect(again.body).toMatchObject({ sent: 0, conflicts: 1 });
    expect(await h.shop.db.decision.count({ where: { kind: "rollback" } })).toBe(2);
  });
});

describe("audit details", () => {
  it("name the product of a rejected suggestion and list what a settings change changed", async () => {
    // GIVEN a rejected suggestion and a settings change
    const [row] = await addPriceRecommendations(h, 1, { factor: 1.03 });
    await h.shop.db.recommendation.update({ where: { id: row.rec.id }, data: { status: "pending" } });
    await h.decide.rejectRecommendations(h.shop, { actor: "42", recommendationIds: [row.rec.id], reason: "too early" });
    await h.shop.db.auditEvent.create({
      data: {
        shopId: h.shop.id,
        actor: "42",
        action: "settings.updated",
        entityType: "ShopSettings",
        entityId: h.shop.id,
        data: JSON.stringify({
          changed: ["minMarginPct"],
          before: { minMarginPct: 0.2 },
          after: { minMarginPct: 0.25 },
        }),
      },
    });
    // WHEN the Activity page's data is read
    const view = await activity.listActivity(h.shop, {});
    const rejected = view.audit.rows.find((r) => r.action === "recommendation.rejected")!;
    const settings = view.audit.rows.find((r) => r.action === "settings.updated")!;
    // THEN the rejection names the variant and keeps the reason; the settings event lists the field with both values
    const product = await h.shop.db.product.findFirstOrThrow({ where: { id: row.variant.productId } });
    expect(rejected.detail.variant).toContain(product.title);
    expect(rejected.detail).toMatchObject({ kind: "price", reason: "too early" });
    expect(settings.detail.changes).toEqual([{ field: "minMarginPct", before: 0.2, after: 0.25 }]);
  });
});
