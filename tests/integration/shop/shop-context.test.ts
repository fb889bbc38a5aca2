// The shop of an admin page (app/services/shop.server.ts): a page load writes nothing (it used to upsert the shop on
// every request, a write statement that waits for SQLite's write lock behind the jobs), the shop is read once per
// process, and install, uninstall and redact make the next page read it again. SQLite only (the contention is).
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { useTestEnvironment } from "../../support/env";

// Authentication is Shopify's; the test stands in for it with the shop domain of the request header.
vi.mock("~/shopify.server", () => ({
  authenticate: { admin: async (request: Request) => ({ session: { shop: request.headers.get("x-test-shop") } }) },
}));

const SHOP = "context.myshopify.com";
let prisma: typeof import("~/db.server").prisma;
let dbUrl: string;
let loader: typeof import("~/routes/app.recommendations").loader;
let shopContext: typeof import("~/services/shop.server").shopContext;

const load = (shop = SHOP) =>
  loader({
    request: new Request("https://pilotage.example.com/app/recommendations", { headers: { "x-test-shop": shop } }),
    params: {},
    context: { demo: false },
  });
/** Rows inserted, updated or deleted so far on the app's SQLite connection. */
const changes = async () => Number((await prisma.$queryRawUnsafe<{ n: bigint }[]>("SELECT total_changes() AS n"))[0].n);
/** A change another process makes to the row: a cached context does not see it. */
const setCurrency = (currency: string) => prisma.shop.updateMany({ where: { domain: SHOP }, data: { currency } });

beforeAll(async () => {
  const url = (dbUrl = useTestEnvironment());
  const { migrateDatabase } = await import("~/db/migrate.server");
  await migrateDatabase(url);
  ({ prisma } = await import("~/db.server"));
  ({ loader } = await import("~/routes/app.recommendations"));
  ({ shopContext } = await import("~/services/shop.server"));
  await prisma.shop.create({ data: { domain: SHOP, name: "Context", currency: "EUR", timezone: "Europe/Paris" } });
});

describe("the shop of an admin page", () => {
  it("is read, never written, and then served from the process's cache", async () => {
    // GIVEN an installed shop, and a job holding SQLite's write lock (another connection in a write transaction)
    const before = await changes();
    const job = new Database(dbUrl.replace(/^file:/, ""));
    job.exec("BEGIN IMMEDIATE");
    try {
      // WHEN its pages load three times
      for (let i = 0; i < 3; i++) {
        const page = await Promise.race([load(), new Promise<"waited">((r) => setTimeout(() => r("waited"), 3_000))]);
        // THEN none waits for the lock: a page load issues no write statement (not even an upsert that changes nothing)
        expect(page === "waited" ? page : page.status).toBe(200);
      }
    } finally {
      job.exec("ROLLBACK");
      job.close();
    }
    // AND nothing was written
    expect(await changes()).toBe(before);
    // AND the shop is not read again: a change of the row is not seen until the entry is forgotten
    await setCurrency("USD");
    expect((await shopContext(SHOP)).currency).toBe("EUR");
  });

  it("is read again after a (re)install, an uninstall and a redact", async () => {
    // GIVEN a cached shop whose currency a reinstall's shop query changes
    await shopContext(SHOP);
    const { onShopAuthenticated } = await import("~/sync/import/install.server");
    const gateway = {
      request: async () => ({
        ok: true,
        value: {
          shop: { name: "Context", myshopifyDomain: SHOP, currencyCode: "CHF", ianaTimezone: "Europe/Zurich" },
          shopLocales: [],
        },
        meta: {},
      }),
    };
    const { createJobQueue } = await import("~/jobs/index.server");
    const queue = createJobQueue({ redisUrl: "", db: prisma });
    // WHEN the install hook runs THEN the next page sees the new facts
    await onShopAuthenticated({ shop: SHOP, accessToken: "t", db: prisma, queue, gateway: gateway as never });
    expect(await shopContext(SHOP)).toMatchObject({ currency: "CHF", timezone: "Europe/Zurich" });
    // AND after app/uninstalled the next page reads the row again
    const old = (await shopContext(SHOP)).id;
    const { redactShop, uninstallShop } = await import("~/sync/compliance.server");
    await setCurrency("GBP");
    await uninstallShop(prisma, queue, { id: old, domain: SHOP });
    expect((await shopContext(SHOP)).currency).toBe("GBP");
    // AND after shop/redact (the row is gone) it creates the shop anew rather than using the old id
    await redactShop(prisma, queue, { id: old, domain: SHOP });
    const fresh = await shopContext(SHOP);
    expect(fresh.id).not.toBe(old);
    expect(await prisma.shop.count({ where: { id: fresh.id } })).toBe(1);
    await queue.close();
  });

  it("reads the shop again once the cache entry is older than its TTL", async () => {
    // GIVEN a shop cached at t = 1 s, then changed in the database
    const { SHOP_CONTEXT_TTL_MS } = await import("~/services/shop.server");
    const { forgetShopContext } = await import("~/services/shop.server");
    forgetShopContext(SHOP);
    await setCurrency("EUR");
    await shopContext(SHOP, 1_000);
    await setCurrency("JPY");
    // WHEN asked just before and just after the TTL THEN the change is seen only after it
    expect((await shopContext(SHOP, 1_000 + SHOP_CONTEXT_TTL_MS - 1)).currency).toBe("EUR");
    expect((await shopContext(SHOP, 1_000 + SHOP_CONTEXT_TTL_MS + 1)).currency).toBe("JPY");
  });
});
