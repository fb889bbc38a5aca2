// Shop B calls the Activity and push-progress routes (rollback, restore anyway, keep Shopify's price), and the
// decisions service, with shop A's ids: it gets 404 or a typed error, never A's data, and A's decisions stay as
// they were.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SECRET, useTestEnvironment } from "../../support/env";
import { shopWithRecommendations } from "../recommendations/support";

const A = "alpha-dec.myshopify.com";
const B = "beta-dec.myshopify.com";
const UA = {
  "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
};

type Args = { request: Request; params: Record<string, string>; context: { demo: boolean } };
type Route = { loader?: (a: Args) => Promise<Response>; action?: (a: Args) => Promise<Response> };

let prisma: typeof import("~/db.server").prisma;
let activity: Route;
let progress: Route;
let decide: typeof import("~/decisions/decide.server");
let shopA: import("~/services/shop.server").ShopContext;
let shopB: import("~/services/shop.server").ShopContext;
let recIds: string[];
let decisionId: string;
let batchId: string;
let mint: (shop: string) => string;

const queue = { enqueue: async () => ({ id: "job-1", created: true }) } as unknown as import("~/jobs/types").JobQueue;

beforeAll(async () => {
  const url = useTestEnvironment();
  await (await import("~/db/migrate.server")).migrateDatabase(url);
  ({ prisma } = await import("~/db.server"));
  const { PrismaSessionStorage } = await import("@shopify/shopify-app-session-storage-prisma");
  const { Session } = await import("@shopify/shopify-api");
  const { SCOPES } = await import("~/scopes");
  const { mintSessionToken } = await import("~/demo/session-token.server");
  const { shopContext } = await import("~/services/shop.server");
  mint = (shop) => mintSessionToken({ shop, apiKey: "test-key", secret: TEST_SECRET });
  const storage = new PrismaSessionStorage(prisma);
  for (const shop of [A, B]) {
    await storage.storeSession(
      new Session({
        id: `offline_${shop}`,
        shop,
        state: "",
        isOnline: false,
        scope: SCOPES.join(","),
        accessToken: "shpat_x",
      }),
    );
  }
  decide = await import("~/decisions/decide.server");
  // GIVEN shop A with an applied price decision and another pending recommendation; shop B with nothing
  ({ ids: recIds } = await shopWithRecommendations(prisma, A, [
    { kind: "price", delta: 12, vendor: "Acme", productType: "Mugs", confidence: 0.9, proposedPrice: 10.5 },
    { kind: "price", delta: 8, vendor: "Acme", productType: "Mugs", confidence: 0.9, proposedPrice: 10.5 },
  ]));
  shopA = await shopContext(A);
  shopB = await shopContext(B);
  const approved = await decide.approveRecommendations(
    shopA,
    { actor: "1", idempotencyKey: "a-key", items: [{ recommendationId: recIds[0] }] },
    { queue },
  );
  decisionId = approved.outcomes[0].decisionId!;
  batchId = approved.batchId;
  await shopA.db.decision.update({
    where: { id: decisionId },
    data: { pushStatus: "verified", verifiedAt: new Date() },
  });
  activity = (await import("~/routes/app.activity")) as unknown as Route;
  progress = (await import("~/routes/app.decisions.$batchId")) as unknown as Route;
});

afterAll(async () => prisma?.$disconnect());

function request(shop: string, path: string, form?: Record<string, string>): Request {
  const headers: Record<string, string> = { ...UA, Authorization: `Bearer ${mint(shop)}` };
  if (!form) return new Request(`https://pilotage.example.com${path}`, { headers });
  return new Request(`https://pilotage.example.com${path}`, {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
}

async function call(
  fn: (a: Args) => Promise<Response>,
  req: Request,
  params: Record<string, string> = {},
): Promise<Response> {
  try {
    return await fn({ request: req, params, context: { demo: false } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("decisions routes across shops", () => {
  it("GIVEN shop A's decision WHEN shop A reads Activity and the push progress THEN it sees them (control)", async () => {
    const res = await call(activity.loader!, request(A, "/app/activity"));
    const body = (await res.json()) as { view: { decisions: { rows: { id: string }[] } } };
    expect(body.view.decisions.rows.map((r) => r.id)).toEqual([decisionId]);
    expect((await call(progress.loader!, request(A, `/app/decisions/${batchId}`), { batchId })).status).toBe(200);
  });

  it("GIVEN shop A's decision WHEN shop B reads Activity, filtered or not THEN it sees no decision and no event", async () => {
    for (const path of ["/app/activity", "/app/activity?kind=price&automatic=no"]) {
      const res = await call(activity.loader!, request(B, path));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { view: { decisions: { total: number }; audit: { total: number } } };
      expect(body.view.decisions.total).toBe(0);
      expect(body.view.audit.total).toBe(0);
    }
  });

  it("GIVEN shop A's decision WHEN shop B rolls it back or reads its batch THEN 404, and A's decision is untouched", async () => {
    const rollback = await call(
      activity.action!,
      request(B, "/app/activity", { intent: "rollback", decisionId, idempotencyKey: "b-rollback-1" }),
    );
    expect(rollback.status).toBe(404);
    expect(await rollback.json()).toMatchObject({ ok: false, code: "DECISIONS.NOT_FOUND" });
    expect((await call(progress.loader!, request(B, `/app/decisions/${batchId}`), { batchId })).status).toBe(404);
    const a = await shopA.db.decision.findFirstOrThrow({ where: { id: decisionId } });
    expect(a.rolledBackAt).toBeNull();
    expect(await prisma.decision.count({ where: { rollbackOfId: decisionId } })).toBe(0);
  });

  it("GIVEN shop A's decision WHEN shop B keeps Shopify's price or restores it anyway THEN 404, and A's decision is untouched", async () => {
    const keep = await call(activity.action!, request(B, "/app/activity", { intent: "keep", decisionId }));
    const force = await call(
      activity.action!,
      request(B, "/app/activity", {
        intent: "rollback",
        decisionId,
        idempotencyKey: "b-rollback-2",
        overwritePrice: "12.00",
        overwriteCompareAtPrice: "",
      }),
    );
    for (const res of [keep, force]) {
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ ok: false, code: "DECISIONS.NOT_FOUND" });
    }
    const a = await shopA.db.decision.findFirstOrThrow({ where: { id: decisionId } });
    expect([a.rolledBackAt, a.supersededAt]).toEqual([null, null]);
    expect(await prisma.decision.count({ where: { rollbackOfId: decisionId } })).toBe(0);
    expect(
      await prisma.auditEvent.count({
        where: { decisionId, action: { in: ["decision.superseded", "price.rollback_conflict"] } },
      }),
    ).toBe(0);
  });

  it("GIVEN shop A's recommendations WHEN shop B approves or rejects them through the service THEN NOT_FOUND and A's stay pending", async () => {
    const approve = await decide.approveRecommendations(
      shopB,
      { actor: "2", idempotencyKey: "b-key", items: [{ recommendationId: recIds[1] }] },
      { queue },
    );
    const reject = await decide.rejectRecommendations(shopB, { actor: "2", recommendationIds: [recIds[1]] });
    expect(approve.outcomes[0]).toMatchObject({ ok: false, code: "DECISIONS.NOT_FOUND" });
    expect(reject.outcomes[0]).toMatchObject({ ok: false, code: "DECISIONS.NOT_FOUND" });
    expect((await shopA.db.recommendation.findFirstOrThrow({ where: { id: recIds[1] } })).status).toBe("pending");
    // AND the same idempotency key in two shops names two different batches
    const sameKey = await decide.approveRecommendations(
      shopB,
      { actor: "2", idempotencyKey: "a-key", items: [{ recommendationId: recIds[0] }] },
      { queue },
    );
    expect(sameKey.batchId).not.toBe(batchId);
    expect(sameKey.outcomes[0]).toMatchObject({ ok: false, code: "DECISIONS.NOT_FOUND" });
  });

  it("GIVEN a bad rollback form WHEN it is posted THEN 400 with field errors", async () => {
    const res = await call(
      activity.action!,
      request(A, "/app/activity", { intent: "rollback", decisionId: "", idempotencyKey: "short" }),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fieldErrors: Record<string, string> };
    expect(Object.keys(body.fieldErrors).sort()).toEqual(["decisionId", "idempotencyKey"]);
  });
});
