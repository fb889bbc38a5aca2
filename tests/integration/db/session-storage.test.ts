import { Prisma } from "@prisma/client";
import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import { dropMigratedDatabase, migratedDatabase, provider, type TestDatabase } from "./support";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  ({ database, db } = await migratedDatabase("sessions"));
});

afterAll(async () => {
  await dropMigratedDatabase({ database, db });
});

describe(`Shopify Prisma session storage 9 (${provider})`, () => {
  it("GIVEN offline and online sessions WHEN stored, loaded, listed and deleted THEN they round-trip", async () => {
    const storage = new PrismaSessionStorage(db, { connectionRetries: 1, connectionRetryIntervalMs: 10 });
    expect(await storage.isReady()).toBe(true);
    const offline = new Session({
      id: "offline_a.myshopify.com",
      shop: "a.myshopify.com",
      state: "s1",
      isOnline: false,
      scope: "read_products",
      accessToken: "shpat_1",
    });
    const expires = new Date(Date.now() + 3_600_000);
    const online = new Session({
      id: "a.myshopify.com_42",
      shop: "a.myshopify.com",
      state: "s2",
      isOnline: true,
      scope: "read_products,write_products",
      expires,
      accessToken: "shpua_2",
      onlineAccessInfo: {
        expires_in: 3600,
        associated_user_scope: "read_products",
        associated_user: {
          id: 4242424242,
          first_name: "Ada",
          last_name: "L",
          email: "ada@example.com",
          email_verified: true,
          account_owner: true,
          locale: "fr",
          collaborator: false,
        },
      },
    });
    expect(await storage.storeSession(offline)).toBe(true);
    expect(await storage.storeSession(online)).toBe(true);
    expect(await storage.storeSession(offline)).toBe(true); // upsert, no duplicate

    const loaded = await storage.loadSession(offline.id);
    expect(loaded?.accessToken).toBe("shpat_1");
    expect(loaded?.isOnline).toBe(false);
    const loadedOnline = await storage.loadSession(online.id);
    expect(loadedOnline?.isOnline).toBe(true);
    expect(loadedOnline?.expires?.getTime()).toBe(expires.getTime());
    expect(loadedOnline?.onlineAccessInfo?.associated_user.first_name).toBe("Ada");
    expect(loadedOnline?.onlineAccessInfo?.associated_user.id).toBe(4242424242); // BigInt column

    expect((await storage.findSessionsByShop("a.myshopify.com")).map((s) => s.id).sort()).toEqual(
      [online.id, offline.id].sort(),
    );
    expect(await storage.deleteSession(online.id)).toBe(true);
    expect(await storage.loadSession(online.id)).toBeUndefined();
    expect(await storage.deleteSessions([offline.id])).toBe(true);
    expect(await storage.findSessionsByShop("a.myshopify.com")).toEqual([]);
  });

  it("GIVEN a unique violation THEN the error is @prisma/client's PrismaClientKnownRequestError P2002 (the storage's retry relies on it)", async () => {
    await db.session.create({ data: { id: "dup", shop: "b.myshopify.com", state: "x", accessToken: "t" } });
    const error = await db.session
      .create({ data: { id: "dup", shop: "b.myshopify.com", state: "x", accessToken: "t" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((error as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");
  });
});
