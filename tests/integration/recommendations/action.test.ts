// The Recommendations action: zod field errors on the row, the margin-floor override round trip, and a
// repeated submit (double click) that decides once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeHarness, shopWithRecommendations, type RouteHarness } from "./support";

const SHOP = "action.myshopify.com";
let h: RouteHarness;
let ids: string[];

type Answer = {
  ok: boolean;
  batchId?: string;
  outcomes?: { recommendationId: string; ok: boolean; code?: string; field?: string }[];
  itemErrors?: { recommendationId: string; field: string }[];
};

beforeAll(async () => {
  h = await routeHarness([SHOP]);
  // GIVEN three pending price suggestions at 10 -> 11 with a unit cost of 4 (margin floor about 5.58)
  ({ ids } = await shopWithRecommendations(h.prisma, SHOP, [
    { kind: "price", delta: 12, vendor: "Acme", productType: "Mugs", confidence: 0.9 },
    { kind: "price", delta: 10, vendor: "Acme", productType: "Mugs", confidence: 0.9 },
    { kind: "price", delta: 9, vendor: "Acme", productType: "Mugs", confidence: 0.9 },
  ]));
});

afterAll(async () => h?.prisma.$disconnect());

const post = async (body: unknown) => {
  const res = await h.call(h.list.action!, h.request(SHOP, "/app/recommendations", body));
  return { status: res.status, body: (await res.json()) as Answer };
};

describe("Recommendations loader", () => {
  it("GIVEN a URL with one invalid filter WHEN loaded THEN that filter is dropped and named, the others apply", async () => {
    const res = await h.call(
      h.list.loader!,
      h.request(SHOP, "/app/recommendations?confidence=150&vendor=Nobody&type=bogus"),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ignored: string[]; page: { rows: unknown[] }; query: Record<string, unknown> };
    expect(body.ignored.sort()).toEqual(["confidence", "type"]);
    expect(body.query).toEqual({ vendor: "Nobody" });
    expect(body.page.rows).toEqual([]);
  });
});

describe("Recommendations action", () => {
  it("GIVEN an edited price that is not a number or has 3 decimals WHEN approved THEN 400 with the error on that row's price", async () => {
    const { status, body } = await post({
      intent: "approve",
      idempotencyKey: "bad-edit-000",
      items: [
        { recommendationId: ids[0], price: 10.005 },
        { recommendationId: ids[1], price: null },
      ],
    });
    expect(status).toBe(400);
    expect(body.itemErrors).toEqual([
      expect.objectContaining({ recommendationId: ids[0], field: "price" }),
      expect.objectContaining({ recommendationId: ids[1], field: "price" }),
    ]);
    expect(await h.prisma.decision.count()).toBe(0);
  });

  it("GIVEN a price below the margin floor WHEN approved without a reason THEN MARGIN_FLOOR, and WHEN resubmitted with a reason THEN approved", async () => {
    // WHEN
    const first = await post({
      intent: "approve",
      idempotencyKey: "floor-0001",
      items: [{ recommendationId: ids[0], price: 5 }],
    });
    // THEN
    expect(first.body.outcomes).toEqual([
      expect.objectContaining({ recommendationId: ids[0], ok: false, code: "DECISIONS.MARGIN_FLOOR" }),
    ]);
    // WHEN the UI resubmits with the written reason (a new submit, a new key)
    const second = await post({
      intent: "approve",
      idempotencyKey: "floor-0002",
      items: [{ recommendationId: ids[0], price: 5, overrideReason: "Clearance agreed with the buyer" }],
    });
    // THEN
    expect(second.body.outcomes).toEqual([expect.objectContaining({ recommendationId: ids[0], ok: true })]);
    const decision = await h.prisma.decision.findFirstOrThrow({ where: { recommendationId: ids[0] } });
    expect(JSON.parse(decision.after).price).toBe(5);
  });

  it("GIVEN the same submit sent twice (double click) WHEN approved THEN one batch and one decision", async () => {
    const body = { intent: "approve", idempotencyKey: "double-click-0001", items: [{ recommendationId: ids[1] }] };
    const [a, b] = [await post(body), await post(body)];
    expect(a.body.batchId).toBe(b.body.batchId);
    expect(b.body.outcomes).toEqual(a.body.outcomes);
    expect(await h.prisma.decision.count({ where: { recommendationId: ids[1] } })).toBe(1);
  });

  it("GIVEN a pending row WHEN rejected THEN it leaves the list", async () => {
    const { body } = await post({ intent: "reject", items: [{ recommendationId: ids[2] }] });
    expect(body.outcomes).toEqual([expect.objectContaining({ recommendationId: ids[2], ok: true })]);
    const res = await h.call(h.list.loader!, h.request(SHOP, "/app/recommendations"));
    const list = (await res.json()) as { page: { rows: { id: string }[] } };
    expect(list.page.rows.map((r) => r.id)).not.toContain(ids[2]);
  });
});
