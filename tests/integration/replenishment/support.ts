// Shared by the settings, replenishment and cross-shop tests: a migrated temp SQLite database, installed
// shops (offline session stored, as after token exchange), a small catalogue with pending reorder
// suggestions, and route calls signed with a session token like App Bridge's.
import { TEST_SECRET, migratedTestDatabase } from "../../support/env";

type RouteFn = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;
type RouteModule = { loader?: RouteFn; action?: RouteFn };

export interface Catalogue {
  shopId: string;
  variants: { id: string; vendor: string | null; title: string; sku: string }[];
  /** Pending reorder recommendation id per variant id. */
  reorders: Map<string, string>;
  /** The shop's only location. */
  locationId: string;
}

export async function harness() {
  const { prisma } = await migratedTestDatabase();
  const { PrismaSessionStorage } = await import("@shopify/shopify-app-session-storage-prisma");
  const { Session } = await import("@shopify/shopify-api");
  const { mintSessionToken } = await import("~/demo/session-token.server");
  const { shopContext } = await import("~/services/shop.server");
  const { SCOPES } = await import("~/scopes");
  const storage = new PrismaSessionStorage(prisma);

  async function install(domain: string, currency = "EUR") {
    await prisma.shop.upsert({
      where: { domain },
      create: { domain, name: domain.split(".")[0], currency, timezone: "UTC" },
      update: {},
    });
    await storage.storeSession(
      new Session({
        id: `offline_${domain}`,
        shop: domain,
        state: "",
        isOnline: false,
        scope: SCOPES.join(","),
        accessToken: "shpat_test",
      }),
    );
    return shopContext(domain);
  }

  function request(domain: string, path: string, init: { method?: string; json?: unknown } = {}): Request {
    const token = mintSessionToken({ shop: domain, apiKey: "test-key", secret: TEST_SECRET, userId: "42" });
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    if (init.json !== undefined) headers["Content-Type"] = "application/json";
    return new Request(`https://pilotage.example.com${path}`, {
      method: init.method ?? (init.json !== undefined ? "POST" : "GET"),
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });
  }

  async function route(name: string): Promise<RouteModule> {
    return (await import(`../../../app/routes/${name}.tsx`)) as RouteModule;
  }

  /** Calls a route's loader or action; a thrown Response (404, redirect) is returned like a returned one. */
  async function call(
    name: string,
    kind: "loader" | "action",
    req: Request,
    params: Record<string, string> = {},
  ): Promise<Response> {
    const fn = (await route(name))[kind];
    if (!fn) throw new Error(`${name} has no ${kind}`);
    try {
      return await fn({ request: req, params, context: {} });
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  }

  /**
   * Three vendors' variants ("Atelier, Nord" has a comma and the quote in a title), each with a pending
   * reorder suggestion; a fourth variant has no vendor and no unit cost.
   */
  async function seedCatalogue(domain: string): Promise<Catalogue> {
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain } });
    const shopId = shop.id;
    const specs = [
      { vendor: "Atelier, Nord", title: 'Mug "Grand"', sku: "MUG-1", cost: 4.5, qty: 24, stockout: "2026-12-10" },
      { vendor: "Atelier, Nord", title: "Bol", sku: "BOL-1", cost: 3.25, qty: 12, stockout: "2026-12-04" },
      { vendor: "Céramiques Sud", title: "Assiette", sku: "ASS-1", cost: 6, qty: 10, stockout: null },
      { vendor: null, title: "Sans marque", sku: "SM-1", cost: null, qty: 5, stockout: "2026-12-20" },
    ];
    const variants: Catalogue["variants"] = [];
    const reorders = new Map<string, string>();
    for (const [i, s] of specs.entries()) {
      const product = await prisma.product.create({
        data: { shopId, shopifyId: `gid://shopify/Product/${i + 1}`, title: `Produit ${s.title}`, vendor: s.vendor },
      });
      const variant = await prisma.variant.create({
        data: {
          shopId,
          productId: product.id,
          shopifyId: `gid://shopify/ProductVariant/${i + 1}`,
          title: s.title,
          sku: s.sku,
          vendor: s.vendor,
          price: 20,
          unitCost: s.cost,
        },
      });
      const rec = await prisma.recommendation.create({
        data: {
          shopId,
          variantId: variant.id,
          kind: "reorder",
          status: "pending",
          currentQuantity: 3,
          proposedQuantity: s.qty,
          expectedProfitDelta: 100 - i,
          expectedImpact: JSON.stringify({ projectedStockoutDate: { value: s.stockout, explanation: "" } }),
          vendor: s.vendor,
        },
      });
      variants.push({ id: variant.id, vendor: s.vendor, title: s.title, sku: s.sku });
      reorders.set(variant.id, rec.id);
    }
    await prisma.vendorSettings.create({
      data: { shopId, vendor: "Atelier, Nord", leadTimeMeanDays: 9.5, leadTimeSdDays: 2, moq: 6, casePack: 6 },
    });
    // One location: receipts land there unless they name another.
    const location = await prisma.location.create({
      data: { shopId, shopifyId: "gid://shopify/Location/1", name: "Entrepôt" },
    });
    return { shopId, variants, reorders, locationId: location.id };
  }

  return { prisma, install, request, call, seedCatalogue, shopContext };
}

export type Harness = Awaited<ReturnType<typeof harness>>;
