// Events page and service on a seeded shop: typed errors and nothing saved on bad input, a recompute that applies
// the event beside the statistical forecast, the measure of a past event, and shop isolation.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestEnvironment } from "../../support/env";

const session = vi.hoisted(() => ({ shop: "" }));
vi.mock("~/shopify.server", () => ({
  authenticate: { admin: vi.fn(async () => ({ session: { shop: session.shop } })) },
}));

const A = "events-a.myshopify.com";
const B = "events-b.myshopify.com";
let route: typeof import("~/routes/app.events");
let getDb: typeof import("~/db.server").getDb;
let recomputeShop: typeof import("~/sync/recompute/recompute.server").recomputeShop;
let measurePastEvents: typeof import("~/services/events.server").measurePastEvents;
let forShop: typeof import("~/db/scoped.server").forShop;
let aShopId: string;
let productType: string;
let asOf: string;

beforeAll(async () => {
  const url = useTestEnvironment();
  ({ getDb } = await import("~/db.server"));
  const { migrateDatabase } = await import("~/db/migrate.server");
  const { seedDemoShop } = await import("~/demo/seed.server");
  const { generateShop } = await import("~/demo/simulator");
  ({ recomputeShop } = await import("~/sync/recompute/recompute.server"));
  ({ measurePastEvents } = await import("~/services/events.server"));
  ({ forShop } = await import("~/db/scoped.server"));
  route = await import("~/routes/app.events");
  await migrateDatabase(url);
  const db = getDb();
  const simA = generateShop({ seed: 31, variants: 12, days: 200 });
  simA.shop.domain = A;
  const simB = generateShop({ seed: 32, variants: 4, days: 200 });
  simB.shop.domain = B;
  aShopId = (await seedDemoShop(db, simA)).shopId;
  await seedDemoShop(db, simB);
  await recomputeShop(db, aShopId);
  const v = await db.variant.findFirstOrThrow({
    where: { shopId: aShopId, productType: { not: null } },
    orderBy: { id: "asc" },
  });
  productType = v.productType!;
  asOf = (await db.forecast.findFirstOrThrow({ where: { shopId: aShopId } })).historyEnd!;
});

afterAll(async () => {
  await getDb?.().$disconnect();
});

function post(shop: string, form: Record<string, string>) {
  session.shop = shop;
  const request = new Request("https://pilotage.example.com/app/events", {
    method: "POST",
    body: new URLSearchParams(form),
  });
  return route.action({ request, params: {}, context: {} } as never);
}

async function load(shop: string) {
  session.shop = shop;
  const res = await route.loader({
    request: new Request("https://pilotage.example.com/app/events"),
    params: {},
    context: {},
  } as never);
  return (await res.json()) as Awaited<ReturnType<typeof import("~/services/events.server").loadEventsPage>>;
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const form = (over: Record<string, string> = {}) => ({
  intent: "create",
  name: "Winter campaign",
  kind: "campaign",
  start: addDays(asOf, 3),
  end: addDays(asOf, 9),
  scopeType: "productType",
  scopeValue: productType,
  effectType: "percent",
  effectValue: "40",
  ...over,
});
const eventJobs = () =>
  getDb().job.count({ where: { shopId: aShopId, coalesceKey: { startsWith: "recompute.shop:events" } } });

describe("events", () => {
  it.each([
    ["an end before the start", { start: "2027-01-10", end: "2027-01-09" }, "EVENTS.END_BEFORE_START"],
    ["an effect below -100%", { effectValue: "-150" }, "EVENTS.EFFECT_BELOW_MINUS_100"],
    ["a vendor matching nothing", { scopeType: "vendor", scopeValue: "Nobody Ltd" }, "EVENTS.SCOPE_MATCHES_NOTHING"],
    ["an unknown SKU", { scopeType: "variants", scopeValue: "NOT-A-SKU" }, "EVENTS.SCOPE_MATCHES_NOTHING"],
  ])("GIVEN %s WHEN posted THEN a 422 names the error and nothing is saved or enqueued", async (_label, over, code) => {
    // GIVEN the shop without events
    const jobs = await eventJobs();
    // WHEN
    const res = await post(A, form(over));
    // THEN
    expect(res.status).toBe(422);
    const body = (await res.json()) as { ok: boolean; errors: { code: string }[] };
    expect(body.errors.map((e) => e.code)).toContain(code);
    expect(await getDb().event.count({ where: { shopId: aShopId } })).toBe(0);
    expect(await eventJobs()).toBe(jobs);
  });

  it("GIVEN a +40% campaign on a product type WHEN saved and recomputed THEN the type's forecasts are 1.4 x the statistical ones on its days", async () => {
    // GIVEN
    const res = await post(A, form());
    expect(res.status).toBe(200);
    expect(await eventJobs()).toBeGreaterThan(0);
    // WHEN
    await recomputeShop(getDb(), aShopId);
    // THEN
    const rows = await getDb().forecast.findMany({
      where: { shopId: aShopId },
      include: { variant: { select: { productType: true } } },
    });
    const ofType = rows.filter((r) => r.variant.productType === productType);
    expect(ofType.length).toBeGreaterThan(0);
    for (const r of rows) {
      if (r.variant.productType !== productType) {
        expect(r.statisticalMean).toBeNull();
        continue;
      }
      const mean = JSON.parse(r.mean) as number[];
      const stat = JSON.parse(r.statisticalMean!) as number[];
      for (let t = 0; t < mean.length; t++) expect(mean[t]).toBeCloseTo(stat[t] * (t >= 2 && t <= 8 ? 1.4 : 1), 3); // day 0 of the forecast is asOf + 1;
    }
    // AND the variant page gets both forecasts for its chart
    session.shop = A;
    const variantRoute = await import("~/routes/app.variants.$id");
    const res2 = await variantRoute.loader({
      request: new Request(`https://pilotage.example.com/app/variants/${ofType[0].variantId}`),
      params: { id: ofType[0].variantId },
      context: {},
    } as never);
    const detail = (await res2.json()) as { forecast: { mean: number[]; statisticalMean: number[] | null } };
    expect(detail.forecast.statisticalMean).toEqual(JSON.parse(ofType[0].statisticalMean!));
    expect(detail.forecast.mean).toEqual(JSON.parse(ofType[0].mean));
    const page = await load(A);
    expect(page.events).toHaveLength(1);
    expect(page.events[0]).toMatchObject({
      status: "planned",
      variants: ofType.length,
      effect: { type: "percent", percent: 40 },
    });
  });

  it("GIVEN another shop WHEN it deletes or lists A's event THEN it gets 404 and sees nothing", async () => {
    // GIVEN
    const id = (await getDb().event.findFirstOrThrow({ where: { shopId: aShopId } })).id;
    // WHEN
    const res = await post(B, { intent: "delete", id });
    // THEN
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe("EVENTS.NOT_FOUND");
    expect(await getDb().event.count({ where: { id } })).toBe(1);
    expect((await load(B)).events).toEqual([]);
  });

  it("GIVEN a past event in the history WHEN measured THEN its outcome holds the error of both forecasts, once", async () => {
    // GIVEN a stop over 5 past days (the variants kept selling: the entered effect was wrong)
    const res = await post(
      A,
      form({
        name: "Closed for inventory",
        kind: "closure",
        start: addDays(asOf, -20),
        end: addDays(asOf, -16),
        effectType: "stop",
        effectValue: "",
      }),
    );
    expect(res.status).toBe(200);
    // WHEN
    const first = await measurePastEvents(forShop(getDb(), aShopId));
    const again = await measurePastEvents(forShop(getDb(), aShopId));
    // THEN
    expect(first.measured).toBe(1);
    expect(again.measured).toBe(0);
    const past = (await load(A)).events.find((e) => e.name === "Closed for inventory")!;
    expect(past.status).toBe("past");
    expect(past.outcome!.days).toBeGreaterThan(0);
    expect(past.outcome!.adjusted).toBe(0);
    expect(past.outcome!.error.adjusted).toBe(1); // a stop forecasts 0: the whole of what sold is error
    expect(Number.isFinite(past.outcome!.error.statistical)).toBe(true);
    expect(past.outcome!.actual).toBeGreaterThan(0);
  });

  it("GIVEN the owner WHEN it deletes its event THEN the row is gone", async () => {
    // GIVEN
    const id = (await getDb().event.findFirstOrThrow({ where: { shopId: aShopId, name: "Winter campaign" } })).id;
    // WHEN
    const res = await post(A, { intent: "delete", id });
    // THEN
    expect(res.status).toBe(200);
    expect(await getDb().event.count({ where: { id } })).toBe(0);
  });
});
