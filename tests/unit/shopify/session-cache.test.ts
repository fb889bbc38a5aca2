import { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import { describe, expect, it } from "vitest";
import { CachedSessionStorage } from "~/shopify/session-cache.server";

function countingStorage() {
  const rows = new Map<string, Session>();
  const calls = { load: 0 };
  const inner: SessionStorage = {
    async storeSession(s) {
      rows.set(s.id, s);
      return true;
    },
    async loadSession(id) {
      calls.load++;
      return rows.get(id);
    },
    async deleteSession(id) {
      rows.delete(id);
      return true;
    },
    async deleteSessions(ids) {
      ids.forEach((id) => rows.delete(id));
      return true;
    },
    async findSessionsByShop(shop) {
      return [...rows.values()].filter((s) => s.shop === shop);
    },
  };
  return { inner, rows, calls };
}
const session = (token: string) =>
  new Session({
    id: "offline_a.myshopify.com",
    shop: "a.myshopify.com",
    state: "s",
    isOnline: false,
    accessToken: token,
  });

describe("CachedSessionStorage", () => {
  it("answers repeated loads from memory until the entry expires", async () => {
    // GIVEN a stored session and a cache of 10 s on a fake clock
    const { inner, calls } = countingStorage();
    let now = 0;
    const cache = new CachedSessionStorage(inner, 10_000, 100, () => now);
    await cache.storeSession(session("t1"));
    // WHEN it is loaded three times within 10 s, then once after
    for (let i = 0; i < 3; i++) expect((await cache.loadSession("offline_a.myshopify.com"))?.accessToken).toBe("t1");
    now = 10_001;
    await cache.loadSession("offline_a.myshopify.com");
    // THEN the database was read once per period
    expect(calls.load).toBe(2);
  });

  it("forgets an entry at once when the session is stored again or deleted through it", async () => {
    const { inner } = countingStorage();
    const cache = new CachedSessionStorage(inner, 60_000, 100, () => 0);
    await cache.storeSession(session("t1"));
    await cache.loadSession("offline_a.myshopify.com");
    // WHEN the token is renewed, then the session deleted
    await cache.storeSession(session("t2"));
    expect((await cache.loadSession("offline_a.myshopify.com"))?.accessToken).toBe("t2");
    await cache.deleteSession("offline_a.myshopify.com");
    // THEN no stale session is served
    expect(await cache.loadSession("offline_a.myshopify.com")).toBeUndefined();
  });
});
