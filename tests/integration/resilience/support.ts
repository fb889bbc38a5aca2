// Shared by the resilience tests: the app's environment with short timeouts, a shop with variants, order deliveries
// stored as the intake stores them, the /healthz route, and measured waits.
import { createHash } from "node:crypto";
import { TEST_SECRET } from "../../support/env";

/** Short timeouts so a stall is detected in seconds (the defaults are tens of seconds). */
export function useShortTimeouts(): void {
  process.env.SHOPIFY_API_KEY = "test-key";
  process.env.SHOPIFY_API_SECRET = TEST_SECRET;
  process.env.SHOPIFY_APP_URL = "https://pilotage.example.com";
  process.env.DATABASE_TIMEOUT_MS = "1500";
  process.env.REDIS_TIMEOUT_MS = "1000";
  process.env.HEALTH_STALE_MS = "3000";
  process.env.LOG_LEVEL = "error";
}

/** A URL with its host and port replaced by the proxy's. */
export function throughProxy(url: string, port: number): string {
  const u = new URL(url);
  u.hostname = "127.0.0.1";
  u.port = String(port);
  return u.toString();
}

/** Resolves with the ms it took for `condition` to hold; throws after `timeoutMs`. */
export async function within(condition: () => Promise<boolean>, what: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await condition().catch(() => false)) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

type Db = import("~/db.server").Db;

export async function seedShop(db: Db, domain: string): Promise<string> {
  const shop = await db.shop.create({ data: { domain, name: domain } });
  const product = await db.product.create({
    data: { shopId: shop.id, shopifyId: "gid://shopify/Product/1", title: "P" },
  });
  await db.variant.createMany({
    data: Array.from({ length: 5 }, (_, k) => ({
      shopId: shop.id,
      productId: product.id,
      shopifyId: `gid://shopify/ProductVariant/${900 + k}`,
      title: `V${k}`,
      price: "10.00",
    })),
  });
  return shop.id;
}

export function orderBody(n: number): Record<string, unknown> {
  const at = new Date(Date.UTC(2026, 10, 20, 10, 0, n)).toISOString();
  return {
    id: 5_000_000 + n,
    updated_at: at,
    created_at: at,
    processed_at: at,
    currency: "EUR",
    line_items: [{ id: 6_000_000 + n, variant_id: 900 + (n % 5), quantity: 1, price: "10.00" }],
  };
}

/** Stores `count` orders/create deliveries as the intake does, bypassing HTTP; returns their ids. */
export async function storeDeliveries(db: Db, shopId: string, tag: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = Number.parseInt(createHash("sha1").update(`${tag}-${i}`).digest("hex").slice(0, 6), 16);
    const body = orderBody(n);
    const row = await db.webhookDelivery.create({
      data: {
        shopId,
        webhookId: `${tag}-${i}`,
        topic: "ORDERS_CREATE",
        payload: JSON.stringify(body),
        subjectId: `gid://shopify/Order/${body.id}`,
      },
      select: { id: true },
    });
    ids.push(row.id);
  }
  return ids;
}

export async function health(): Promise<{ status: number; body: Record<string, unknown> }> {
  const { loader } = await import("~/routes/healthz");
  const response = (await loader()) as Response;
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
