import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimShop } from "~/demo/simulator";
import type { Emulator } from "~/emulator/server.server";
import { adminEndpoint, createAdminGateway, type FetchLike } from "~/shopify/admin-gateway.server";
import { inventoryLevelPages, locationPages, productPages } from "~/shopify/catalog.server";
import { setAppMetafields } from "~/shopify/metafields.server";
import { orderPages } from "~/shopify/orders.server";
import { collect } from "~/shopify/paginate.server";
import { updateVariantPrices } from "~/shopify/prices.server";
import { fetchShopInfo } from "~/shopify/shop.server";
import { CostBucket } from "~/shopify/throttle.server";
import { emulatorFor, gatewayFor, smallShop, TOKEN } from "./support";

let sim: SimShop;
let emulator: Emulator;

beforeAll(async () => {
  sim = smallShop();
  emulator = await emulatorFor(sim);
});
afterAll(async () => {
  await emulator.stop();
});

describe("endpoint from configuration", () => {
  it("uses https://{shop} by default and the configured origin otherwise", () => {
    // GIVEN a shop WHEN no origin is configured THEN Shopify's URL; WHEN an origin is configured THEN it replaces https://{shop}
    expect(adminEndpoint("a-shop.myshopify.com")).toBe("https://a-shop.myshopify.com/admin/api/2026-04/graphql.json");
    expect(adminEndpoint("a-shop.myshopify.com", "http://127.0.0.1:4100/")).toBe(
      "http://127.0.0.1:4100/admin/api/2026-04/graphql.json",
    );
    expect(() => adminEndpoint("evil.com/x?")).toThrow(/invalid shop domain/);
    expect(() => adminEndpoint("a-shop.myshopify.com", "ftp:/nope")).toThrow(/SHOPIFY_ADMIN_API_ORIGIN/);
  });
});

describe("reads against the emulator", () => {
  it("reads the shop's identity", async () => {
    // GIVEN the seeded shop WHEN its identity is read THEN name, currency, time zone and locale match
    const result = await fetchShopInfo(gatewayFor(emulator));
    expect(result).toEqual({
      ok: true,
      value: { name: sim.shop.name, domain: sim.shop.domain, currency: "EUR", timezone: "Europe/Paris", locale: "fr" },
    });
  });

  it("paginates over every product and variant, matching the seeded truth", async () => {
    // GIVEN pages of 3 products and 1 inline variant (forcing both paginations) WHEN all pages are read
    const result = await collect(productPages(gatewayFor(emulator), { pageSize: 3, variantsPerProduct: 1 }));
    // THEN every product and variant comes back once, in order, with price, compare-at, SKU and unit cost
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.map((p) => p.id)).toEqual(
      sim.products.map((p) => p.id).sort((a, b) => Number(a.split("/").pop()) - Number(b.split("/").pop())),
    );
    const truth = new Map(sim.products.flatMap((p) => p.variants.map((v) => [v.id, { p, v }] as const)));
    const variants = result.value.flatMap((p) => p.variants);
    expect(variants).toHaveLength(truth.size);
    for (const v of variants) {
      const t = truth.get(v.id)!;
      expect(v).toMatchObject({
        productId: t.p.id,
        sku: t.v.sku,
        price: t.v.price,
        compareAtPrice: t.v.compareAtPrice,
        unitCost: t.v.unitCost,
        inventoryItemId: t.v.inventoryItemId,
      });
    }
    expect(variants.some((v) => v.unitCost === null)).toBe(
      sim.products.some((p) => p.variants.some((v) => v.unitCost === null)),
    );
  });

  it("reads locations and the inventory levels of each", async () => {
    // GIVEN the seeded stock WHEN levels are read per location THEN available / on hand / incoming match
    const gateway = gatewayFor(emulator);
    const locations = await collect(locationPages(gateway));
    if (!locations.ok) throw new Error(locations.error.message);
    expect(locations.value.map((l) => l.id)).toEqual(sim.locations.map((l) => l.id));
    for (const location of locations.value) {
      const levels = await collect(inventoryLevelPages(gateway, location.id, 7));
      if (!levels.ok) throw new Error(levels.error.message);
      const truth = sim.inventory.filter((l) => l.locationId === location.id);
      expect(levels.value).toHaveLength(truth.length);
      for (const t of truth) {
        const level = levels.value.find((l) => l.variantId === t.variantId)!;
        expect({ available: level.available, onHand: level.onHand, incoming: level.incoming }).toEqual({
          available: t.available,
          onHand: t.onHand,
          incoming: t.incoming,
        });
      }
    }
  });

  it("re-syncs incrementally: exactly the orders updated after a cut, with lines, discounts, refunds, cancellations and customers", async () => {
    // GIVEN a cut late in the history, early enough to include a refunded and a cancelled order
    const orders = emulator.state.orders;
    const lastRefunded = [...orders].reverse().find((o) => o.refunds.length > 0)!;
    const lastCancelled = [...orders].reverse().find((o) => o.cancelledAt !== null)!;
    const candidates = [
      orders[Math.floor(orders.length * 0.9)].createdAt,
      lastRefunded.updatedAt,
      lastCancelled.updatedAt,
    ].map(Date.parse);
    const cut = new Date(Math.min(...candidates) - 1000).toISOString();
    // WHEN orders updated after it are read in pages of 3, one line inline (the rest paginated per order)
    const result = await collect(
      orderPages(gatewayFor(emulator), { updatedAfter: cut, pageSize: 3, linesPerOrder: 1 }),
    );
    if (!result.ok) throw new Error(result.error.message);
    // THEN exactly those orders come back, each matching the seeded truth
    const expected = orders.filter((o) => Date.parse(o.updatedAt) > Date.parse(cut));
    expect(result.value.map((o) => o.id).sort()).toEqual(expected.map((o) => o.id).sort());
    const truth = new Map(sim.orders.map((o) => [o.id, o]));
    expect(result.value.some((o) => o.refunds.length > 0) && result.value.some((o) => o.cancelledAt !== null)).toBe(
      true,
    );
    expect(result.value.some((o) => o.lines.length > 1)).toBe(true);
    for (const got of result.value) {
      const o = truth.get(got.id)!;
      expect(got.customerId).toBe(o.customerId);
      expect(got.cancelledAt).toBe(o.cancelledAt);
      expect(got.locationId).toBe(o.locationId);
      expect(got.lines).toEqual(
        o.lines.map((l) => ({
          id: l.id,
          variantId: l.variantId,
          sku: l.sku,
          quantity: l.quantity,
          unitPrice: l.price,
          discount: l.discount,
        })),
      );
      expect(
        got.refunds.map((r) => r.lines.map((x) => ({ lineId: x.lineItemId, quantity: x.quantity, amount: x.amount }))),
      ).toEqual(o.refunds.map((r) => r.lines));
    }
  });
});

describe("writes", () => {
  it("updates prices per product and reads them back; userErrors come back as data", async () => {
    // GIVEN two valid updates on one product and a negative price on another
    const gateway = gatewayFor(emulator);
    const [a, b] = sim.products;
    const updates = [
      { productId: a.id, variantId: a.variants[0].id, price: 19.9, compareAtPrice: 24.5 },
      ...(a.variants[1] ? [{ productId: a.id, variantId: a.variants[1].id, price: 7.25, compareAtPrice: null }] : []),
      { productId: b.id, variantId: b.variants[0].id, price: -1 },
    ];
    // WHEN they are sent
    const results = await updateVariantPrices(gateway, updates);
    // THEN the valid ones are applied and read back, the invalid one is rejected with Shopify's code
    expect(results.filter((r) => r.productId === a.id).every((r) => r.status === "updated")).toBe(true);
    const rejected = results.find((r) => r.productId === b.id)!;
    expect(rejected.status).toBe("rejected");
    expect(rejected.userErrors[0]).toMatchObject({ code: "NEGATIVE_PRICE_VALUE", field: ["variants", "0", "price"] });
    const after = await collect(productPages(gateway));
    if (!after.ok) throw new Error(after.error.message);
    const variant = after.value.find((p) => p.id === a.id)!.variants[0];
    expect({ price: variant.price, compareAtPrice: variant.compareAtPrice }).toEqual({
      price: 19.9,
      compareAtPrice: 24.5,
    });
    expect(after.value.find((p) => p.id === b.id)!.variants[0].price).toBe(b.variants[0].price);
  });

  it("sets app-owned metafields in the reserved namespace", async () => {
    // GIVEN a valid JSON metafield and an invalid one WHEN set THEN the first is stored under app--{id}--pilotage
    const gateway = gatewayFor(emulator);
    const owner = sim.products[0].id;
    const ok = await setAppMetafields(gateway, [
      { ownerId: owner, key: "recommendation", value: '{"price":19.9}', type: "json" },
    ]);
    expect(ok[0]).toMatchObject({ status: "set", namespace: "app--pilotage--pilotage" });
    expect(emulator.state.metafields.get(`${owner}|app--pilotage--pilotage|recommendation`)?.value).toBe(
      '{"price":19.9}',
    );
    const bad = await setAppMetafields(gateway, [
      { ownerId: owner, key: "recommendation", value: "{not json", type: "json" },
    ]);
    expect(bad[0].status).toBe("rejected");
    expect(bad[0].userErrors[0].code).toBe("INVALID_VALUE");
  });
});

describe("failures are typed results", () => {
  it("a wrong token is ADMIN_API.UNAUTHORIZED, without retrying", async () => {
    // GIVEN a gateway with a revoked token WHEN it asks THEN a typed 401 after one attempt
    const result = await fetchShopInfo(gatewayFor(emulator, { accessToken: "shpat_wrong" }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: "ADMIN_API.UNAUTHORIZED", status: 401, attempts: 1 });
  });

  it("retries 5xx and network errors with growing back-off, then succeeds", async () => {
    // GIVEN a fetch that fails twice with 503 then once with a network error, then works
    let calls = 0;
    const flaky: FetchLike = async (input, init) => {
      calls++;
      if (calls <= 2) return new Response("upstream", { status: 503 });
      if (calls === 3) throw new TypeError("fetch failed: ECONNRESET");
      return fetch(input, init);
    };
    const delays: number[] = [];
    const gateway = gatewayFor(emulator, {
      fetch: flaky,
      sleep: async (ms) => void delays.push(ms),
      baseDelayMs: 100,
      jitterSeed: 3,
    });
    // WHEN a query runs THEN it succeeds on the fourth attempt, after three back-offs within the exponential caps
    const result = await gateway.request((await import("~/shopify/shop.server")).SHOP_INFO, {});
    expect(result.ok).toBe(true);
    expect(result.meta.attempts).toBe(4);
    expect(delays).toHaveLength(3);
    delays.forEach((d, i) => expect(d).toBeLessThanOrEqual(100 * 2 ** (i + 1)));
  });

  it("gives up after the retry limit with ADMIN_API.SERVER_ERROR", async () => {
    // GIVEN a server that always answers 502 WHEN a query runs with 2 retries THEN 3 attempts and a typed error
    const gateway = createAdminGateway({
      shop: "x-shop.myshopify.com",
      accessToken: TOKEN,
      fetch: async () => new Response("bad gateway", { status: 502 }),
      maxRetries: 2,
      sleep: async () => undefined,
      bucket: new CostBucket(),
    });
    const result = await fetchShopInfo(gateway);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: "ADMIN_API.SERVER_ERROR", status: 502, attempts: 3 });
  });

  it("honours 429 Retry-After, then succeeds", async () => {
    // GIVEN a server that answers 429 with Retry-After: 2 once
    let calls = 0;
    const delays: number[] = [];
    const gateway = gatewayFor(emulator, {
      fetch: async (input, init) =>
        ++calls === 1 ? new Response("", { status: 429, headers: { "Retry-After": "2" } }) : fetch(input, init),
      sleep: async (ms) => void delays.push(ms),
    });
    // WHEN a query runs THEN it waits at least 2 s once and succeeds
    const result = await fetchShopInfo(gateway);
    expect(result.ok).toBe(true);
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThanOrEqual(2000);
  });

  it("an invalid document is ADMIN_API.GRAPHQL_ERRORS with the schema's message", async () => {
    // GIVEN a document with a field the Admin schema lacks WHEN sent to the emulator THEN real validation errors
    const gateway = gatewayFor(emulator);
    const result = await gateway.request({ query: "query Bad { shop { nam } }", name: "Bad" }, {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("ADMIN_API.GRAPHQL_ERRORS");
      expect(result.error.message).toMatch(/Cannot query field "nam" on type "Shop"/);
    }
  });
});
