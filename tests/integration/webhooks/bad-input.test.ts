// Bounded, strict webhook intake: oversize bodies are refused before authentication without being read whole,
// and validly signed but unusable deliveries answer 4xx (never 500) and are never stored, so no job retries them.
import { createHmac } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { signedWebhook } from "../../support/webhook";
import { TEST_SECRET, migratedTestDatabase } from "../../support/env";
import { callRoute, type RouteFn } from "../../support/route";

const SHOP = "intake.myshopify.com";
let ordersCreate: RouteFn;
let compliance: RouteFn;
let prisma: typeof import("~/db.server").prisma;
let LIMIT: number;

const call = (action: RouteFn, request: Request) => callRoute(action, request);

/** A body of `total` bytes produced on demand, 64 KiB per pull; `pulled()` says how much was read. */
function lazyBody(total: number) {
  const CHUNK = 64 * 1024;
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      const n = Math.min(CHUNK, total - pulled);
      pulled += n;
      controller.enqueue(new Uint8Array(n).fill(0x20));
    },
  });
  return { stream, pulled: () => pulled, CHUNK };
}

function oversizeRequest(body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Request {
  return new Request("https://pilotage.example.com/webhooks/orders/create", {
    method: "POST",
    body,
    duplex: "half",
    headers: {
      "X-Shopify-Hmac-Sha256": "bm90LXRoZS1obWFj",
      "X-Shopify-Topic": "orders/create",
      "X-Shopify-Shop-Domain": SHOP,
      "X-Shopify-API-Version": "2026-04",
      "X-Shopify-Webhook-Id": "oversize",
      ...headers,
    },
  } as RequestInit);
}

const stored = (webhookId: string) => prisma.webhookDelivery.count({ where: { webhookId } });

beforeAll(async () => {
  ({ prisma } = await migratedTestDatabase());
  ({ WEBHOOK_BODY_LIMIT_BYTES: LIMIT } = await import("~/webhooks/verify.server"));
  ({ action: ordersCreate } = (await import("~/routes/webhooks.orders.create")) as unknown as { action: RouteFn });
  ({ action: compliance } = (await import("~/routes/webhooks.compliance")) as unknown as { action: RouteFn });
});

describe("webhook bodies are bounded before authentication", () => {
  it("refuses a declared Content-Length over the limit with 413 without reading the body", async () => {
    // GIVEN a 50 MB body with a bad HMAC, announced by its Content-Length
    const body = lazyBody(50 * 1024 * 1024);
    // WHEN it arrives
    const res = await call(ordersCreate, oversizeRequest(body.stream, { "Content-Length": String(50 * 1024 * 1024) }));
    // THEN it is refused as too large, the connection is closed, and at most the stream's first chunk was produced
    expect(res.status).toBe(413);
    expect(res.headers.get("Connection")).toBe("close");
    expect(body.pulled()).toBeLessThanOrEqual(body.CHUNK);
    expect(await stored("oversize")).toBe(0);
  });

  it("cuts a streamed body (no Content-Length) at the limit with 413", async () => {
    // GIVEN a 50 MB streamed body with a bad HMAC
    const body = lazyBody(50 * 1024 * 1024);
    // WHEN it arrives
    const res = await call(ordersCreate, oversizeRequest(body.stream));
    // THEN it is refused once the limit is passed: never more than the limit and two chunks were read
    expect(res.status).toBe(413);
    expect(body.pulled()).toBeGreaterThan(LIMIT);
    expect(body.pulled()).toBeLessThanOrEqual(LIMIT + 2 * body.CHUNK);
    expect(await stored("oversize")).toBe(0);
  });

  it("accepts a validly signed body just under the limit", async () => {
    // GIVEN an order padded to just under the limit (a large order's many fields)
    const base = JSON.stringify({ id: 9, note: "" });
    const raw = JSON.stringify({ id: 9, note: "x".repeat(LIMIT - base.length - 10) });
    // WHEN it arrives
    const res = await call(
      ordersCreate,
      signedWebhook({
        topic: "orders/create",
        shop: SHOP,
        body: null,
        raw,
        secret: TEST_SECRET,
        webhookId: "near-limit",
      }),
    );
    // THEN it is stored, without the unread field
    expect(res.status).toBe(200);
    const row = await prisma.webhookDelivery.findFirstOrThrow({ where: { webhookId: "near-limit" } });
    expect(JSON.parse(row.payload)).toEqual({ id: 9 });
  });
});

describe("validly signed bad input answers 4xx and is not stored", () => {
  const signed = (opts: { topic: string; shop?: string; raw?: string; body?: unknown; webhookId: string }) =>
    signedWebhook({
      url: "https://pilotage.example.com/webhooks/orders/create",
      shop: SHOP,
      body: {},
      secret: TEST_SECRET,
      ...opts,
    });

  it.each([
    ["malformed JSON", { topic: "orders/create", raw: '{"id": 1,', webhookId: "bad-json" }],
    ["an empty body", { topic: "orders/create", raw: "", webhookId: "bad-empty" }],
    ["a JSON array", { topic: "orders/create", raw: "[1,2]", webhookId: "bad-array" }],
    ["a JSON string", { topic: "orders/create", raw: '"hello"', webhookId: "bad-string" }],
    [
      "a shop header that is not a shop",
      { topic: "orders/create", shop: "evil.example.com", body: { id: 1 }, webhookId: "bad-shop" },
    ],
    [
      "a shop header with a path",
      { topic: "orders/create", shop: "a.myshopify.com/../b", body: { id: 1 }, webhookId: "bad-shop-path" },
    ],
    ["a topic this route does not handle", { topic: "products/create", body: { id: 1 }, webhookId: "bad-topic" }],
  ])("refuses %s with 400", async (_name, opts) => {
    // GIVEN a delivery signed with the app's secret, but unusable
    // WHEN it arrives at /webhooks/orders/create
    const res = await call(ordersCreate, signed(opts));
    // THEN it is a 400 and nothing is stored
    expect(res.status).toBe(400);
    expect(await stored(opts.webhookId)).toBe(0);
  });

  it("never executes a shop/redact body sent to /webhooks/orders/create with the topic shop/redact", async () => {
    // GIVEN a shop with data
    const accepted = await call(
      ordersCreate,
      signed({ topic: "orders/create", body: { id: 5 }, webhookId: "before-redact" }),
    );
    expect(accepted.status).toBe(200);
    // WHEN a signed shop/redact arrives at the orders/create route
    const res = await call(
      ordersCreate,
      signed({ topic: "shop/redact", body: { shop_id: 1, shop_domain: SHOP }, webhookId: "redact-wrong-route" }),
    );
    // THEN it is refused and not stored: no job can run it, and the shop keeps its data
    expect(res.status).toBe(400);
    expect(await stored("redact-wrong-route")).toBe(0);
    expect(await prisma.webhookDelivery.count({ where: { topic: "SHOP_REDACT" } })).toBe(0);
    expect(await stored("before-redact")).toBe(1);
    // AND the compliance route, which handles shop/redact, accepts it
    const right = await call(
      compliance,
      signed({ topic: "shop/redact", body: { shop_id: 1, shop_domain: SHOP }, webhookId: "redact-right-route" }),
    );
    expect(right.status).toBe(200);
  });

  const rawRequest = (bytes: Buffer, headers: Record<string, string>) =>
    new Request("https://pilotage.example.com/webhooks/orders/create", {
      method: "POST",
      body: new Blob([new Uint8Array(bytes)]),
      headers: {
        "X-Shopify-Hmac-Sha256": createHmac("sha256", TEST_SECRET).update(bytes).digest("base64"),
        "X-Shopify-Topic": "orders/create",
        "X-Shopify-Shop-Domain": SHOP,
        "X-Shopify-API-Version": "2026-04",
        ...headers,
      },
    });

  it("refuses a body that is not UTF-8 with 400", async () => {
    // GIVEN a signed body with a byte that is not UTF-8
    const request = rawRequest(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), {
      "X-Shopify-Webhook-Id": "bad-utf8",
    });
    // WHEN it arrives
    const res = await call(ordersCreate, request);
    // THEN it is a 400 and nothing is stored
    expect(res.status).toBe(400);
    expect(await stored("bad-utf8")).toBe(0);
  });

  it("refuses a delivery without its Shopify headers with 400, naming the header", async () => {
    // GIVEN a signed delivery without X-Shopify-Webhook-Id
    const request = rawRequest(Buffer.from(JSON.stringify({ id: 1 })), {});
    // WHEN it arrives
    const res = await call(ordersCreate, request);
    // THEN it is refused, naming the header
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("X-Shopify-Webhook-Id");
  });

  it("refuses a GET with 405", async () => {
    const res = await call(ordersCreate, new Request("https://pilotage.example.com/webhooks/orders/create"));
    expect(res.status).toBe(405);
  });
});
