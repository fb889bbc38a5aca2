// Shop B calls the Recommendations routes with shop A's ids: it gets 404 or a typed error, never A's data,
// and A's rows stay pending.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeHarness, shopWithRecommendations, type RouteHarness } from "../recommendations/support";

const A = "alpha.myshopify.com";
const B = "beta.myshopify.com";

let h: RouteHarness;
let idsA: string[];

beforeAll(async () => {
  h = await routeHarness([A, B]);
  // GIVEN shop A has pending recommendations, shop B exists with none
  ({ ids: idsA } = await shopWithRecommendations(h.prisma, A, [
    { kind: "price", delta: 12, vendor: "Acme", productType: "Mugs", confidence: 0.9 },
    { kind: "reorder", delta: 8, vendor: "Acme", productType: "Mugs", confidence: 0.95 },
  ]));
  await h.prisma.shop.create({ data: { domain: B, name: B } });
});

afterAll(async () => h?.prisma.$disconnect());

describe("Recommendations routes across shops", () => {
  it("GIVEN shop A's rows WHEN shop A lists and explains THEN it sees them (control)", async () => {
    const res = await h.call(h.list.loader!, h.request(A, "/app/recommendations"));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { page: { rows: { id: string }[] } };
    expect(body.page.rows.map((r) => r.id).sort()).toEqual([...idsA].sort());
    expect(
      (await h.call(h.explain.loader!, h.request(A, `/app/recommendations/${idsA[0]}`), { id: idsA[0] })).status,
    ).toBe(200);
  });

  it("GIVEN shop A's rows WHEN shop B lists, even with a filter naming A's vendor THEN it sees none", async () => {
    const res = await h.call(h.list.loader!, h.request(B, "/app/recommendations?vendor=Acme"));
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      page: { rows: unknown[]; totals: { count: number } };
      options: { vendors: string[] };
    };
    expect(body.page.rows).toEqual([]);
    expect(body.page.totals.count).toBe(0);
    expect(body.options.vendors).toEqual([]);
  });

  it("GIVEN shop A's ids WHEN shop B asks for their explanation THEN 404", async () => {
    for (const id of idsA) {
      const res = await h.call(h.explain.loader!, h.request(B, `/app/recommendations/${id}`), { id });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("Product");
    }
  });

  it("GIVEN shop A's ids WHEN shop B approves or rejects them THEN every item is DECISIONS.NOT_FOUND and A's rows stay pending", async () => {
    // WHEN
    const approve = await h.call(
      h.list.action!,
      h.request(B, "/app/recommendations", {
        intent: "approve",
        idempotencyKey: "cross-shop-approve-1",
        items: [
          { recommendationId: idsA[0], price: 11 },
          { recommendationId: idsA[1], quantity: 24 },
        ],
      }),
    );
    const reject = await h.call(
      h.list.action!,
      h.request(B, "/app/recommendations", { intent: "reject", items: idsA.map((id) => ({ recommendationId: id })) }),
    );
    // THEN
    for (const res of [approve, reject]) {
      expect(res.status).toBe(200);
      const body = (await res.json()) as { outcomes: { ok: boolean; code?: string }[] };
      expect(body.outcomes).toHaveLength(2);
      for (const o of body.outcomes) expect(o).toMatchObject({ ok: false, code: "DECISIONS.NOT_FOUND" });
    }
    const rows = await h.prisma.recommendation.findMany({ where: { id: { in: idsA } } });
    expect(rows.map((r) => r.status)).toEqual(["pending", "pending"]);
    expect(await h.prisma.decision.count()).toBe(0);
  });
});
