import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startEntry, type RunningServer } from "../support/server";
import { mintSessionToken } from "~/demo/session-token.server";
import { SCOPES } from "~/scopes";

const SHOP = "installed.myshopify.com";

// The production entry point has no demo sign-in: without a valid session token signed with the app
// secret, no admin page or data is served.
// Shopify's library answers bots (Node's fetch included) with 410: speak as a desktop browser.
const UA = {
  "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
};

describe("production server", () => {
  let server: RunningServer;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pilotage-prod-"));
    const port = await freePort();
    const url = `file:${path.join(dir, "prod.db")}`;
    // An installed shop: its offline session is stored, as after token exchange.
    const { migrateDatabase } = await import("~/db/migrate.server");
    const { createPrismaClient } = await import("~/db.server");
    const { PrismaSessionStorage } = await import("@shopify/shopify-app-session-storage-prisma");
    const { Session } = await import("@shopify/shopify-api");
    await migrateDatabase(url);
    const db = createPrismaClient(url);
    await new PrismaSessionStorage(db).storeSession(
      new Session({
        id: `offline_${SHOP}`,
        shop: SHOP,
        state: "",
        isOnline: false,
        scope: SCOPES.join(","),
        accessToken: "shpat_x",
      }),
    );
    await db.$disconnect();
    server = await startEntry(
      "app/server/production.server.ts",
      {
        PORT: String(port),
        HOST: "127.0.0.1",
        SHOPIFY_API_KEY: "prod-key",
        SHOPIFY_API_SECRET: "prod-secret",
        SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
        DATABASE_URL: url,
      },
      /pilotage listening/,
    );
  });
  afterAll(async () => server?.stop());

  it("refuses an admin request with a forged session token", async () => {
    // GIVEN a token signed with another secret
    const forged = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJkZXN0IjoiaHR0cHM6Ly9hLm15c2hvcGlmeS5jb20ifQ.c2lnbmF0dXJl";
    // WHEN it calls an admin page
    const res = await fetch(`${server.url}/app`, {
      headers: { ...UA, Authorization: `Bearer ${forged}` },
      redirect: "manual",
    });
    // THEN it is unauthorised and no page is served
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain("Dashboard");
  });

  it("never serves an admin page to a request without a session token", async () => {
    // WHEN a browser opens the app directly, with and without shop parameters
    for (const url of ["/app", "/app?shop=demo.myshopify.com&host=YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUvZGVtbw&embedded=1"]) {
      const res = await fetch(`${server.url}${url}`, { headers: UA, redirect: "manual" });
      const body = await res.text();
      // THEN it is redirected or bounced to get a token, never given the dashboard
      expect([302, 401, 400, 200], url).toContain(res.status);
      expect(body, url).not.toContain("Dashboard");
      expect(body, url).not.toContain("Net revenue");
      expect(body, url).not.toContain("Tableau de bord");
    }
  });

  it("serves an installed shop's admin page to a valid session token (control)", async () => {
    // GIVEN a token signed with the app secret, as App Bridge would send it
    const token = mintSessionToken({ shop: SHOP, apiKey: "prod-key", secret: "prod-secret" });
    // WHEN it calls the dashboard
    const res = await fetch(`${server.url}/app`, { headers: { ...UA, Authorization: `Bearer ${token}` } });
    // THEN the page is served: the refusals above are about the token, not a broken server
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Dashboard");
  });

  it("refuses the demo's own mechanism: a token minted with the wrong secret", async () => {
    const token = mintSessionToken({ shop: SHOP, apiKey: "prod-key", secret: "not-the-secret" });
    const res = await fetch(`${server.url}/app`, { headers: { ...UA, Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
  });

  it("answers /healthz without authentication", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
  });
});
