// The app proxy refuses what the Shopify library would accept or answer with a 500 (no, non-numeric or stale
// timestamp; a shop that is not a *.myshopify.com domain), and forgets a shop's cached id and answers after
// app/uninstalled, shop/redact and a reinstall.
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_SECRET, migratedTestDatabase } from "../../support/env";
import { callRoute, type RouteFn } from "../../support/route";

const SHOP = "proxy-guards.myshopify.com";
const VARIANT = "4242";
let loader: RouteFn;
let prisma: typeof import("~/db.server").prisma;
let signProxyQuery: typeof import("~/demo/proxy-signature.server").signProxyQuery;
let compliance: typeof import("~/sync/compliance.server");
let queue: import("~/jobs/types").JobQueue;

const call = (request: Request) => callRoute(loader, request);

const now = () => Math.floor(Date.now() / 1000);
const ask = (opts: { shop?: string; timestamp?: number | string | null } = {}) =>
  call(
    new Request(
      `https://pilotage.example.com/apps/pilotage/availability?${signProxyQuery(new URLSearchParams({ variant: VARIANT }), { shop: opts.shop ?? SHOP, secret: TEST_SECRET, timestamp: opts.timestamp })}`,
    ),
  );

/** The shop installed (offline session) with one variant whose signal says "only 3 left". */
async function install(): Promise<string> {
  const shop = await prisma.shop.upsert({
    where: { domain: SHOP },
    create: { domain: SHOP, name: "g" },
    update: { uninstalledAt: null },
  });
  await prisma.session.upsert({
    where: { id: `offline_${SHOP}` },
    create: { id: `offline_${SHOP}`, shop: SHOP, state: "t", isOnline: false, accessToken: "shpat_x" },
    update: {},
  });
  if (!(await prisma.availabilitySignal.findFirst({ where: { shopId: shop.id } }))) {
    const product = await prisma.product.create({
      data: { shopId: shop.id, shopifyId: "gid://shopify/Product/1", title: "Mug" },
    });
    const variant = await prisma.variant.create({
      data: {
        shopId: shop.id,
        productId: product.id,
        shopifyId: `gid://shopify/ProductVariant/${VARIANT}`,
        title: "Blue",
        price: 10,
      },
    });
    await prisma.availabilitySignal.create({
      data: {
        shopId: shop.id,
        variantId: variant.id,
        shopifyVariantId: VARIANT,
        state: "low_stock",
        unitsLeft: 3,
        facts: JSON.stringify({ variant: VARIANT, state: "low_stock", units: 3 }),
      },
    });
  }
  return shop.id;
}

const state = async () => ((await (await ask()).json()) as { state: string }).state;

beforeAll(async () => {
  ({ prisma } = await migratedTestDatabase());
  ({ signProxyQuery } = await import("~/demo/proxy-signature.server"));
  compliance = await import("~/sync/compliance.server");
  queue = (await import("~/jobs/index.server")).getJobQueue();
  ({ loader } = (await import("~/routes/apps.pilotage.availability")) as unknown as { loader: RouteFn });
});

describe("app proxy requests", () => {
  it("serves a signed request with a fresh timestamp (control)", async () => {
    await install();
    const res = await ask();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ state: "low_stock", units: 3 });
  });

  it.each([
    ["without a timestamp", { timestamp: null }],
    ["with a non-numeric timestamp", { timestamp: "soon" }],
    ["with a timestamp in exponent form", { timestamp: "1e10" }],
    ["with a timestamp 5 minutes old", { timestamp: now() - 300 }],
    ["with a timestamp 5 minutes ahead", { timestamp: now() + 300 }],
    ["for a shop that is not a *.myshopify.com domain", { shop: "evil.example.com" }],
    ["for a shop with a path", { shop: `${SHOP}/../x` }],
  ])("refuses a correctly signed request %s with an empty 400", async (_name, opts) => {
    // GIVEN a request signed with the app's secret
    // WHEN it reaches the proxy
    const res = await ask(opts);
    // THEN it is refused, saying nothing
    expect(res.status).toBe(400);
    expect(await res.text()).toBe("");
  });
});

describe("the proxy's shop cache", () => {
  it("stops serving a shop as soon as it is uninstalled, and serves it again after the reinstall", async () => {
    // GIVEN a shop whose id and answer are cached
    const shopId = await install();
    expect(await state()).toBe("low_stock");
    // WHEN app/uninstalled is processed
    await compliance.uninstallShop(prisma, queue, { id: shopId, domain: SHOP });
    // THEN the proxy answers neutrally at once
    expect(await state()).toBe("none");
    // WHEN the shop installs again
    const { onShopAuthenticated } = await import("~/sync/import/install.server");
    // (the Admin API is not reachable here: the shop query fails and the install keeps its defaults)
    const gateway = {
      request: async () => ({ ok: false, error: { code: "ADMIN_API.NETWORK", message: "offline" } }),
    } as never;
    await onShopAuthenticated({ shop: SHOP, accessToken: "shpat_x", db: prisma, queue, gateway });
    await prisma.session.create({
      data: { id: `offline_${SHOP}`, shop: SHOP, state: "t", isOnline: false, accessToken: "shpat_x" },
    });
    // THEN its signals are served again
    expect(await state()).toBe("low_stock");
  });

  it("forgets a redacted shop, and serves the new shop of a reinstall", async () => {
    // GIVEN a shop whose id and answer are cached
    const shopId = await install();
    expect(await state()).toBe("low_stock");
    // WHEN shop/redact deletes it
    await compliance.redactShop(prisma, null, { id: shopId, domain: SHOP });
    // THEN the proxy answers neutrally at once
    expect(await state()).toBe("none");
    // WHEN the shop installs again (a new Shop row, a new id) and gets its signals back
    const newId = await install();
    expect(newId).not.toBe(shopId);
    // THEN the proxy serves the new shop, not the forgotten id
    expect(await state()).toBe("low_stock");
  });
});
