// The Impact page's loader called as shop B with shop A's ids: a 404, never A's data.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { DEFAULT_END_DATE } from "~/demo/sim/shop";
import { impactHarness } from "../decisions/support-autonomy";

// Authentication is Shopify's; the test stands in for it with the shop domain of the request header.
vi.mock("~/shopify.server", () => ({
  authenticate: { admin: async (request: Request) => ({ session: { shop: request.headers.get("x-test-shop") } }) },
}));

let loader: typeof import("~/routes/app.impact").loader;
let decisionA: string;

const call = async (shop: string, query = "") => {
  try {
    const response = await loader({
      request: new Request(`https://pilotage.example.com/app/impact${query}`, { headers: { "x-test-shop": shop } }),
      params: {},
      context: { demo: false },
    });
    return { status: response.status, body: (await response.json()) as { decisions: { decisionId: string }[] } };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: { decisions: [] } };
    throw thrown;
  }
};

beforeAll(async () => {
  const h = await impactHarness();
  ({ loader } = await import("~/routes/app.impact"));
  const a = await h.seedShop(41, "shop-a.myshopify.com");
  await h.seedShop(42, "shop-b.myshopify.com");
  const variant = await a.db.variant.findFirstOrThrow({});
  const d = await a.db.decision.create({
    data: {
      shopId: a.id,
      idempotencyKey: "a-1",
      variantId: variant.id,
      kind: "price",
      actor: "merchant",
      before: JSON.stringify({ price: 10 }),
      after: JSON.stringify({ price: 11 }),
      pushStatus: "verified",
      // 40 days before the simulated history ends (not before today: the history's dates are fixed, so a date from
      // the clock made the test depend on the day and hour it ran).
      pushedAt: new Date(Date.parse(`${DEFAULT_END_DATE}T12:00:00Z`) - 40 * 86_400_000),
    },
  });
  decisionA = d.id;
});

describe("Impact page across shops", () => {
  it("GIVEN shop A's executed decision WHEN shop A loads the page THEN it is listed", async () => {
    // WHEN
    const res = await call("shop-a.myshopify.com", `?decision=${decisionA}`);
    // THEN
    expect(res.status).toBe(200);
    expect(res.body.decisions.map((d) => d.decisionId)).toEqual([decisionA]);
  });

  it("GIVEN shop A's decision id WHEN shop B asks for it THEN 404", async () => {
    // WHEN
    const res = await call("shop-b.myshopify.com", `?decision=${decisionA}`);
    // THEN
    expect(res.status).toBe(404);
  });

  it("GIVEN shop A's decision WHEN shop B loads its page THEN none of A's decisions appear", async () => {
    // WHEN
    const res = await call("shop-b.myshopify.com");
    // THEN
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(decisionA);
    expect(res.body.decisions).toEqual([]);
  });

  it("GIVEN a malformed decision id WHEN loaded THEN 400", async () => {
    // WHEN
    const res = await call("shop-b.myshopify.com", "?decision=%27%20OR%201%3D1");
    // THEN
    expect(res.status).toBe(400);
  });
});
