// Session tokens signed with the app's secret but with claims the app cannot trust are refused with 401,
// never accepted and never a 500: no `exp`, a `dest` that is not a shop (or not a URL), an `iss` of another shop.
import { createHmac } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_SECRET } from "../../support/env";
import { harness, type Harness } from "../replenishment/support";

const SHOP = "tokens.myshopify.com";
let h: Harness;

const b64url = (v: object) => Buffer.from(JSON.stringify(v)).toString("base64url");

/** An HS256 session token signed with the app's secret, with `claims` over App Bridge's usual ones. */
function token(claims: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = Object.fromEntries(
    Object.entries({
      iss: `https://${SHOP}/admin`,
      dest: `https://${SHOP}`,
      aud: "test-key",
      sub: "42",
      exp: now + 60,
      nbf: now - 5,
      iat: now,
      jti: "j",
      sid: "s",
      ...claims,
    }).filter(([, v]) => v !== undefined),
  );
  const head = b64url({ alg: "HS256", typ: "JWT" });
  const body = b64url(payload);
  return `${head}.${body}.${createHmac("sha256", TEST_SECRET).update(`${head}.${body}`).digest("base64url")}`;
}

async function load(jwt: string): Promise<number> {
  const request = new Request("https://pilotage.example.com/app/replenishment", {
    headers: { Authorization: `Bearer ${jwt}` },
  });
  return (await h.call("app.replenishment", "loader", request)).status;
}

beforeAll(async () => {
  h = await harness();
  await h.install(SHOP);
  await h.install("other.myshopify.com");
});

describe("session token claims", () => {
  it("accepts a token with the usual claims (control)", async () => {
    expect(await load(token({}))).toBe(200);
  });

  it.each([
    ["without exp", { exp: undefined }],
    ["with a non-numeric exp", { exp: "tomorrow" }],
    ["whose dest is not a shop", { dest: "https://evil.example.com", iss: "https://evil.example.com/admin" }],
    ["whose dest is not a URL", { dest: "tokens.myshopify.com" }],
    ["whose dest is plain http", { dest: `http://${SHOP}` }],
    ["whose iss names another shop", { iss: "https://other.myshopify.com/admin" }],
    ["without iss", { iss: undefined }],
  ])("refuses a validly signed token %s with 401", async (_name, claims) => {
    // GIVEN a token signed with the app's secret but with that claim
    // WHEN it authenticates an admin request
    const status = await load(token(claims));
    // THEN the request is refused as unauthorised
    expect(status).toBe(401);
  });
});
