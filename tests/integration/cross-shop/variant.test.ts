// Cross-shop safety of the variant page and the dashboard: shop B asking for shop A's ids gets a 404,
// never A's data.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestEnvironment } from "../../support/env";

const session = vi.hoisted(() => ({ shop: "" }));
vi.mock("~/shopify.server", () => ({
  authenticate: { admin: vi.fn(async () => ({ session: { shop: session.shop } })) },
}));

let variantRoute: typeof import("~/routes/app.variants.$id");
let dashboardRoute: typeof import("~/routes/app._index");
let getDb: typeof import("~/db.server").getDb;
let aVariantId: string;
let bVariantId: string;

beforeAll(async () => {
  const url = useTestEnvironment();
  ({ getDb } = await import("~/db.server"));
  const { migrateDatabase } = await import("~/db/migrate.server");
  const { seedDemoShop } = await import("~/demo/seed.server");
  const { generateShop } = await import("~/demo/simulator");
  const { recomputeShop } = await import("~/sync/recompute/recompute.server");
  variantRoute = await import("~/routes/app.variants.$id");
  dashboardRoute = await import("~/routes/app._index");
  await migrateDatabase(url);
  const db = getDb();
  const simA = generateShop({ seed: 21, variants: 8, days: 120 });
  simA.shop.domain = "shop-a.myshopify.com";
  const simB = generateShop({ seed: 22, variants: 5, days: 120 });
  simB.shop.domain = "shop-b.myshopify.com";
  const a = await seedDemoShop(db, simA);
  const b = await seedDemoShop(db, simB);
  await recomputeShop(db, a.shopId);
  aVariantId = (await db.variant.findFirstOrThrow({ where: { shopId: a.shopId } })).id;
  bVariantId = (await db.variant.findFirstOrThrow({ where: { shopId: b.shopId } })).id;
});

afterAll(async () => {
  await getDb?.().$disconnect();
});

const call = (fn: (args: never) => Promise<Response>, path: string, params: Record<string, string> = {}) =>
  fn({ request: new Request(`https://pilotage.example.com${path}`), params, context: {} } as never);

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    const r = await promise;
    return (r as Response).status;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("variant page across shops", () => {
  it("GIVEN shop A's variant id WHEN shop B opens the variant page THEN the loader answers 404", async () => {
    // GIVEN
    session.shop = "shop-b.myshopify.com";
    // WHEN / THEN
    expect(await statusOf(call(variantRoute.loader, `/app/variants/${aVariantId}`, { id: aVariantId }))).toBe(404);
  });

  it("GIVEN its own id WHEN shop B opens the variant page THEN it gets its own variant", async () => {
    // GIVEN
    session.shop = "shop-b.myshopify.com";
    // WHEN
    const res = await call(variantRoute.loader, `/app/variants/${bVariantId}`, { id: bVariantId });
    // THEN
    expect(res.status).toBe(200);
    expect((await res.json()).variant.id).toBe(bVariantId);
  });

  it("GIVEN shop A's id WHEN shop A opens it THEN it is served (the 404 above is about the shop)", async () => {
    session.shop = "shop-a.myshopify.com";
    const res = await call(variantRoute.loader, `/app/variants/${aVariantId}`, { id: aVariantId });
    expect(res.status).toBe(200);
  });

  it("GIVEN a malformed id WHEN opened THEN the loader answers 404", async () => {
    session.shop = "shop-b.myshopify.com";
    expect(await statusOf(call(variantRoute.loader, "/app/variants/x", { id: "x".repeat(200) }))).toBe(404);
  });
});

describe("dashboard across shops", () => {
  it("GIVEN two shops WHEN shop B loads its dashboard THEN it counts only B's catalogue and none of A's recommendations", async () => {
    // GIVEN
    session.shop = "shop-b.myshopify.com";
    // WHEN
    const d = await (await call(dashboardRoute.loader, "/app")).json();
    // THEN: B has 5 variants and was never recomputed
    expect(d.catalogue.variants).toBe(5);
    expect(d.pending.price.count).toBe(0);
    expect(d.pending.reorder.count).toBe(0);
  });

  it("GIVEN the same two shops WHEN shop A loads its dashboard THEN it sees its own recommendations", async () => {
    session.shop = "shop-a.myshopify.com";
    const d = await (await call(dashboardRoute.loader, "/app")).json();
    expect(d.catalogue.variants).toBe(8);
    expect(d.pending.price.count + d.pending.reorder.count).toBeGreaterThan(0);
  });
});
