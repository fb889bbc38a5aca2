import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startEntry, type RunningServer } from "../support/server";

// The production entry point has no demo sign-in: without a valid session token signed with the app
// secret, no admin page or data is served.
describe("production server", () => {
  let server: RunningServer;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pilotage-prod-"));
    const port = await freePort();
    server = await startEntry(
      "app/server/production.server.ts",
      {
        PORT: String(port),
        HOST: "127.0.0.1",
        SHOPIFY_API_KEY: "prod-key",
        SHOPIFY_API_SECRET: "prod-secret",
        SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
        DATABASE_URL: `file:${path.join(dir, "prod.db")}`,
      },
      /pilotage listening/,
    );
  });
  afterAll(async () => server?.stop());

  it("refuses an admin request with a forged session token", async () => {
    // GIVEN a token signed with another secret
    const forged = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJkZXN0IjoiaHR0cHM6Ly9hLm15c2hvcGlmeS5jb20ifQ.c2lnbmF0dXJl";
    // WHEN it calls an admin page
    const res = await fetch(`${server.url}/app`, { headers: { Authorization: `Bearer ${forged}` }, redirect: "manual" });
    // THEN it is unauthorised and no page is served
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain("Dashboard");
  });

  it("never serves an admin page to a request without a session token", async () => {
    // WHEN a browser opens the app directly, with and without shop parameters
    for (const url of ["/app", "/app?shop=demo.myshopify.com&host=YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUvZGVtbw&embedded=1"]) {
      const res = await fetch(`${server.url}${url}`, { redirect: "manual" });
      const body = await res.text();
      // THEN it is redirected or bounced to get a token, never given the dashboard
      expect([302, 401, 400, 200], url).toContain(res.status);
      expect(body, url).not.toContain("Net revenue");
      expect(body, url).not.toContain("Tableau de bord");
    }
  });

  it("refuses the demo's own mechanism: a token minted with the wrong secret", async () => {
    const { mintSessionToken } = await import("~/demo/session-token.server");
    const token = mintSessionToken({ shop: "pilotage-demo.myshopify.com", apiKey: "prod-key", secret: "not-the-secret" });
    const res = await fetch(`${server.url}/app`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
  });

  it("answers /healthz without authentication", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
  });
});
