// Signed deliveries through the real routes for every data topic family: valid, bad HMAC (401), duplicate
// (applied once), out of order (stale never overwrites) and replayed (the same state again).
import { beforeAll, describe, expect, it } from "vitest";
import {
  itemPayload,
  levelPayload,
  orderPayload,
  productPayload,
  refundPayload,
  syncHarness,
  type SyncHarness,
} from "../sync/support";

let h: SyncHarness;
const T1 = "2026-03-10T10:00:00Z";
const T2 = "2026-03-10T11:00:00Z";

interface Delivery {
  topic: string;
  body: unknown;
}
interface Family {
  name: string;
  /** Newest first: the older delivery arrives last. */
  deliveries: Delivery[];
  /** What the newest data must leave, read by `state`. */
  expected: unknown;
  state(shopId: string): Promise<unknown>;
}

const product = (price: string, updatedAt: string) =>
  productPayload({ id: 1, updatedAt, variants: [{ id: 11, price }] });
const variant11 = (shopId: string) =>
  h.prisma.variant.findFirstOrThrow({ where: { shopId, shopifyId: "gid://shopify/ProductVariant/11" } });
const sales = async (shopId: string) =>
  (await h.prisma.dailySales.findMany({ where: { shopId } })).map((d) => [
    d.day,
    d.units,
    d.refundedUnits,
    d.netRevenue.toString(),
  ]);

const FAMILIES: Family[] = [
  {
    name: "orders",
    deliveries: [
      {
        topic: "orders/updated",
        body: orderPayload({
          id: 100,
          updatedAt: T2,
          lines: [{ id: 1000, variantId: 11, quantity: 5, price: "10.00" }],
        }),
      },
      {
        topic: "orders/create",
        body: orderPayload({
          id: 100,
          updatedAt: T1,
          lines: [{ id: 1000, variantId: 11, quantity: 2, price: "10.00" }],
        }),
      },
    ],
    expected: [["2026-03-10", 5, 0, "50"]],
    state: sales,
  },
  {
    name: "refunds",
    deliveries: [
      {
        topic: "refunds/create",
        body: refundPayload({ id: 41, orderId: 101, lines: [{ lineId: 1010, quantity: 1, subtotal: "10.00" }] }),
      },
      {
        topic: "orders/create",
        body: orderPayload({
          id: 101,
          updatedAt: T1,
          lines: [{ id: 1010, variantId: 11, quantity: 3, price: "10.00" }],
        }),
      },
    ],
    expected: [["2026-03-10", 3, 1, "20"]],
    state: sales,
  },
  {
    name: "products",
    deliveries: [
      { topic: "products/update", body: product("12.00", T2) },
      { topic: "products/create", body: product("10.00", T1) },
    ],
    expected: "12",
    state: async (shopId) => (await variant11(shopId)).price.toString(),
  },
  {
    name: "inventory levels",
    deliveries: [
      {
        topic: "inventory_levels/update",
        body: levelPayload({ item: 90011, location: 3, available: 8, updatedAt: T2 }),
      },
      {
        topic: "inventory_levels/update",
        body: levelPayload({ item: 90011, location: 3, available: 3, updatedAt: T1 }),
      },
    ],
    expected: [8],
    state: async (shopId) => (await h.prisma.inventoryLevel.findMany({ where: { shopId } })).map((l) => l.available),
  },
  {
    name: "inventory items",
    deliveries: [
      { topic: "inventory_items/update", body: itemPayload({ id: 90011, cost: "5.00", updatedAt: T2 }) },
      { topic: "inventory_items/update", body: itemPayload({ id: 90011, cost: "4.00", updatedAt: T1 }) },
    ],
    expected: "5",
    state: async (shopId) => (await variant11(shopId)).unitCost?.toString(),
  },
];

/** Everything the data topics write, without ids and timestamps. */
async function tables(shopId: string) {
  const where = { shopId };
  const strip = (rows: object[]) =>
    rows.map((r) =>
      JSON.stringify(r, (k, v) =>
        k === "id" || k.endsWith("Id") || k === "updatedAt" || k === "createdAt" ? undefined : v,
      ),
    );
  return {
    products: strip(await h.prisma.product.findMany({ where, orderBy: { shopifyId: "asc" } })),
    variants: strip(await h.prisma.variant.findMany({ where, orderBy: { shopifyId: "asc" } })),
    prices: strip(await h.prisma.priceHistory.findMany({ where, orderBy: { effectiveAt: "asc" } })),
    orders: strip(await h.prisma.order.findMany({ where, orderBy: { shopifyId: "asc" } })),
    lines: strip(await h.prisma.orderLine.findMany({ where, orderBy: { shopifyId: "asc" } })),
    daily: strip(await h.prisma.dailySales.findMany({ where, orderBy: { day: "asc" } })),
    levels: strip(await h.prisma.inventoryLevel.findMany({ where })),
    snapshots: strip(await h.prisma.inventorySnapshot.findMany({ where, orderBy: { day: "asc" } })),
  };
}

beforeAll(async () => {
  h = await syncHarness();
});

describe.each(FAMILIES)("signed webhooks: $name", (family) => {
  const shop = `${family.name.replace(/ /g, "-")}.myshopify.com`;
  const stored = async () => h.prisma.webhookDelivery.count({ where: { shop: { domain: shop } } });
  let shopId: string;
  let once: Awaited<ReturnType<typeof tables>>;

  beforeAll(async () => {
    // The catalogue first (the products family brings its own).
    if (family.name !== "products") {
      await h.send(shop, "products/create", product("10.00", "2026-03-01T00:00:00Z"));
      await h.drain();
    }
  });

  it("refuses a bad HMAC with 401 and stores nothing", async () => {
    // GIVEN the first delivery signed with another secret
    const before = await stored();
    const d = family.deliveries[0];
    // WHEN it arrives
    const status = await h.send(shop, d.topic, d.body, { secret: "not-the-secret" });
    // THEN it is refused and nothing is stored
    expect(status).toBe(401);
    expect(await stored()).toBe(before);
  });

  it("applies a duplicate once and lets the newest data win when the older delivery arrives last", async () => {
    // GIVEN the newest delivery sent twice with the same webhook id, then the older one
    const before = await stored();
    const [newest, ...older] = family.deliveries;
    const statuses = [
      await h.send(shop, newest.topic, newest.body, { webhookId: `dup-${family.name}` }),
      await h.send(shop, newest.topic, newest.body, { webhookId: `dup-${family.name}` }),
    ];
    for (const d of older) statuses.push(await h.send(shop, d.topic, d.body));
    // WHEN the deliveries are processed
    await h.drain();
    shopId = await h.shopId(shop);
    // THEN each valid delivery is acknowledged, the duplicate stored once, and the state is the newest data's
    expect(statuses).toEqual(statuses.map(() => 200));
    expect(await stored()).toBe(before + family.deliveries.length);
    expect(await family.state(shopId)).toEqual(family.expected);
    once = await tables(shopId);
  });

  it("leaves the same state when the sequence is replayed, in either order", async () => {
    // GIVEN the state after the sequence
    // WHEN Shopify re-sends it (new webhook ids), then again oldest first
    for (const d of family.deliveries) await h.send(shop, d.topic, d.body);
    await h.drain();
    for (const d of [...family.deliveries].reverse()) await h.send(shop, d.topic, d.body);
    await h.drain();
    // THEN every table is unchanged
    expect(await tables(shopId)).toEqual(once);
    expect(await family.state(shopId)).toEqual(family.expected);
  });
});
