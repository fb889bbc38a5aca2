// A small shop with products, variants, forecasts and recommendation rows written directly (no engine run),
// so every sort key, tie and filter value is known to the test.
import type { PrismaClient } from "@prisma/client";
import { forShop } from "~/db/scoped.server";
import type { ShopContext } from "~/services/shop.server";

export interface RecSpec {
  kind: "price" | "reorder";
  delta: number;
  vendor: string;
  productType: string;
  confidence: number;
  /** Price rows: null = withheld; equal to the current price (10) = keep. */
  proposedPrice?: number | null;
}

export async function shopWithRecommendations(db: PrismaClient, domain: string, specs: RecSpec[]) {
  const shop = await db.shop.create({ data: { domain, name: domain, currency: "EUR" } });
  const ids: string[] = [];
  for (const [i, s] of specs.entries()) {
    const product = await db.product.create({
      data: {
        shopId: shop.id,
        shopifyId: `gid://shopify/Product/${i + 1}`,
        title: `Product ${i}`,
        vendor: s.vendor,
        productType: s.productType,
      },
    });
    const variant = await db.variant.create({
      data: {
        shopId: shop.id,
        productId: product.id,
        shopifyId: `gid://shopify/ProductVariant/${i + 1}`,
        title: `Size ${i}`,
        sku: `SKU-${i}`,
        vendor: s.vendor,
        productType: s.productType,
        price: 10,
        unitCost: 4,
      },
    });
    await db.forecast.create({
      data: {
        shopId: shop.id,
        variantId: variant.id,
        model: "ets",
        demandClass: "smooth",
        start: "2026-01-01",
        horizon: 28,
        mean: JSON.stringify(Array(28).fill(2)),
        quantiles: JSON.stringify({ "0.5": Array(28).fill(2), "0.95": Array(28).fill(5) }),
      },
    });
    const price = s.kind === "price";
    const rec = await db.recommendation.create({
      data: {
        shopId: shop.id,
        variantId: variant.id,
        kind: s.kind,
        currentPrice: 10,
        proposedPrice: price ? (s.proposedPrice === undefined ? 11 : s.proposedPrice) : null,
        currentQuantity: price ? null : 3,
        proposedQuantity: price ? null : 24,
        expectedProfitDelta: s.delta,
        expectedImpact: JSON.stringify(
          price
            ? {
                action: "raise",
                elasticity: { estimate: -1.5, se: 0.2, source: "product" },
                expected: {
                  current: { units: 56, revenue: 560, grossProfit: 336 },
                  recommended: { units: 48, revenue: 528, grossProfit: 336 + s.delta },
                  change: { grossProfit: s.delta, low: s.delta - 5, high: s.delta + 5 },
                },
              }
            : { marginAtRisk: { value: s.delta } },
        ),
        reasons: JSON.stringify([{ code: price ? "PRICING.ELASTICITY" : "INVENTORY.PLAN", text: `reason ${i}` }]),
        bounds: JSON.stringify(
          price ? [{ code: "MAX_CHANGE", side: "upper", value: 11, binding: true }] : { moq: 12, casePack: 6 },
        ),
        confidence: s.confidence,
        vendor: s.vendor,
        productType: s.productType,
      },
    });
    ids.push(rec.id);
  }
  const context: ShopContext = { id: shop.id, domain, currency: "EUR", timezone: "UTC", db: forShop(db, shop.id) };
  return { shop: context, ids };
}

// ---- Calling the routes in process, as an embedded admin request of a shop ---------------------------------

const UA = {
  "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
};
type Args = { request: Request; params: Record<string, string>; context: { demo: boolean } };
export type Handler = (a: Args) => Promise<Response>;
export interface Route {
  loader?: Handler;
  action?: Handler;
}

export interface RouteHarness {
  prisma: PrismaClient;
  list: Route;
  explain: Route;
  /** A GET (no body) or a form POST with `payload` = JSON body, with a session token of `shop`. */
  request(shop: string, path: string, body?: unknown): Request;
  /** Runs a loader/action; a thrown Response is returned. */
  call(fn: Handler, req: Request, params?: Record<string, string>): Promise<Response>;
}

/** Test environment, migrated database and stored offline sessions for `shops`; call before other app imports. */
export async function routeHarness(shops: string[]): Promise<RouteHarness> {
  const env = await import("../../support/env");
  const TEST_SECRET = env.TEST_SECRET;
  const url = env.useTestEnvironment();
  await (await import("~/db/migrate.server")).migrateDatabase(url);
  const { prisma } = await import("~/db.server");
  const { PrismaSessionStorage } = await import("@shopify/shopify-app-session-storage-prisma");
  const { Session } = await import("@shopify/shopify-api");
  const { SCOPES } = await import("~/scopes");
  const { mintSessionToken } = await import("~/demo/session-token.server");
  const storage = new PrismaSessionStorage(prisma);
  for (const shop of shops) {
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
  return {
    prisma,
    list: (await import("~/routes/app.recommendations")) as unknown as Route,
    explain: (await import("~/routes/app.recommendations.$id")) as unknown as Route,
    request(shop, path, body) {
      const headers: Record<string, string> = {
        ...UA,
        Authorization: `Bearer ${mintSessionToken({ shop, apiKey: "test-key", secret: TEST_SECRET })}`,
      };
      if (body === undefined) return new Request(`https://pilotage.example.com${path}`, { headers });
      return new Request(`https://pilotage.example.com${path}`, {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ payload: JSON.stringify(body) }),
      });
    },
    async call(fn, req, params = {}) {
      try {
        return await fn({ request: req, params, context: { demo: false } });
      } catch (thrown) {
        if (thrown instanceof Response) return thrown;
        throw thrown;
      }
    },
  };
}
