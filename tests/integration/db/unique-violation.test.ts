// One helper recognises the unique-constraint violation (issue 17), on SQLite (`npm test`) and PostgreSQL
// (`npm run test:pg`): through a Prisma model query, a raw query through the driver adapter, and the bulk
// writer that talks to the driver directly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import { openBulkWriter } from "~/db/bulk.server";
import { isUniqueViolation } from "~/db/unique-violation";
import { dropMigratedDatabase, migratedDatabase, provider, type TestDatabase } from "./support";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  ({ database, db } = await migratedDatabase("unique"));
  await db.shop.create({ data: shopRow });
});

afterAll(async () => {
  await dropMigratedDatabase({ database, db });
});

const shopRow = { id: "shop-u", domain: "u.myshopify.com", name: "U" };

describe(`isUniqueViolation (${provider})`, () => {
  it("GIVEN an existing row WHEN a model query inserts the same key THEN the error is recognised", async () => {
    // GIVEN: the shop of beforeAll
    // WHEN
    const error = await db.shop.create({ data: shopRow }).catch((e: unknown) => e);
    // THEN
    expect(isUniqueViolation(error)).toBe(true);
  });

  it("GIVEN an existing row WHEN a raw query through the driver adapter inserts the same key THEN the error is recognised", async () => {
    // GIVEN: the shop of beforeAll
    // WHEN
    const error = await db
      .$executeRawUnsafe(
        `INSERT INTO "Shop" ("id", "domain", "name", "updatedAt") VALUES ('shop-u', 'u.myshopify.com', 'U', CURRENT_TIMESTAMP)`,
      )
      .catch((e: unknown) => e);
    // THEN
    expect(isUniqueViolation(error)).toBe(true);
  });

  it("GIVEN a row written by the bulk writer WHEN the driver inserts the same key again THEN the driver's error is recognised", async () => {
    // GIVEN
    const writer = await openBulkWriter(database.url, "shop-u");
    const row = { id: "loc-1", shopifyId: "gid://shopify/Location/1", name: "Main" };
    await writer.insert("Location", [row]);
    // WHEN
    const error = await writer.insert("Location", [row]).catch((e: unknown) => e);
    await writer.close();
    // THEN
    expect(error).toBeInstanceOf(Error);
    expect(isUniqueViolation(error)).toBe(true);
  });

  it("GIVEN other failures WHEN checked THEN they are not unique violations", async () => {
    // GIVEN
    const notNull = await db
      .$executeRawUnsafe(`INSERT INTO "Shop" ("id", "domain", "name") VALUES ('shop-v', 'v.myshopify.com', 'V')`)
      .catch((e: unknown) => e);
    const missing = await db.shop.update({ where: { id: "nope" }, data: { name: "x" } }).catch((e: unknown) => e);
    // WHEN / THEN
    expect(notNull).toBeInstanceOf(Error);
    expect(isUniqueViolation(notNull)).toBe(false);
    expect(isUniqueViolation(missing)).toBe(false);
    expect(isUniqueViolation(new Error("boom"))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });
});
