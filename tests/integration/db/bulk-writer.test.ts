// The bulk writer (app/db/bulk.server.ts) stores values exactly as Prisma would, on SQLite (`npm test`) and
// PostgreSQL (`npm run test:pg`, where it writes through COPY FROM STDIN in text format, issue 16): awkward text
// (tab, newline, carriage return, backslash, quotes, the COPY NULL marker as text, unicode), null, Decimal, Date
// and boolean read back unchanged through Prisma, and a failing row rolls the whole call back.
import { Prisma } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import { copyText, openBulkWriter } from "~/db/bulk.server";
import { isUniqueViolation } from "~/db/unique-violation";
import { dropMigratedDatabase, migratedDatabase, provider, type TestDatabase } from "./support";

let database: TestDatabase;
let db: Db;
const SHOP = "shop-bw";

beforeAll(async () => {
  ({ database, db } = await migratedDatabase("bulkwriter"));
  await db.shop.create({ data: { id: SHOP, domain: "bw.myshopify.com", name: "BW" } });
  await db.product.create({ data: { id: "p-1", shopId: SHOP, shopifyId: "gid://shopify/Product/1", title: "P" } });
});

afterAll(async () => {
  await dropMigratedDatabase({ database, db });
});

const AWKWARD = [
  "tab\there",
  "line\nbreak",
  "carriage\rreturn\r\n",
  "back\\slash \\N \\t",
  "\\N",
  `quotes ' " ''`,
  "unicode é ü 日本 🚀",
  "",
  "comma, semicolon; pipe|",
];

describe(`openBulkWriter (${provider})`, () => {
  it("GIVEN rows with awkward text, null, Decimal, Date and boolean WHEN bulk inserted THEN Prisma reads them back unchanged", async () => {
    // GIVEN
    const shopifyCreatedAt = new Date("2026-03-04T05:06:07.089Z");
    const rows = AWKWARD.map((title, i) => ({
      id: `v-${i}`,
      productId: "p-1",
      shopifyId: `gid://shopify/ProductVariant/${i}`,
      title,
      sku: i % 2 === 0 ? null : `SKU\t${i}`,
      price: new Prisma.Decimal("12.3456"),
      unitCost: i % 3 === 0 ? null : new Prisma.Decimal("0.01"),
      tracked: i % 2 === 0,
      requiresComponents: true,
      shopifyCreatedAt,
    }));
    const writer = await openBulkWriter(database.url, SHOP);
    // WHEN
    const count = await writer.insert("Variant", rows);
    await writer.close();
    // THEN
    expect(count).toBe(rows.length);
    const stored = await db.variant.findMany({ where: { shopId: SHOP }, orderBy: { shopifyId: "asc" } });
    expect(stored).toHaveLength(rows.length);
    for (const row of rows) {
      const got = stored.find((v) => v.id === row.id);
      expect(got?.title).toBe(row.title);
      expect(got?.sku).toBe(row.sku);
      expect(got?.price.toString()).toBe("12.3456");
      expect(got?.unitCost?.toString() ?? null).toBe(row.unitCost?.toString() ?? null);
      expect(got?.tracked).toBe(row.tracked);
      expect(got?.requiresComponents).toBe(true);
      expect(got?.shopifyCreatedAt?.toISOString()).toBe(shopifyCreatedAt.toISOString());
      expect(got?.compareAtPrice).toBeNull();
      expect(got?.shopId).toBe(SHOP);
    }
  });

  it("GIVEN a batch whose last row breaks a unique key WHEN bulk inserted THEN nothing of the batch is stored and the error names the model", async () => {
    // GIVEN
    const writer = await openBulkWriter(database.url, SHOP);
    await writer.insert("Location", [{ id: "loc-1", shopifyId: "gid://shopify/Location/1", name: "Main" }]);
    const batch = [
      { id: "loc-2", shopifyId: "gid://shopify/Location/2", name: "Second" },
      { id: "loc-3", shopifyId: "gid://shopify/Location/3", name: "Third" },
      { id: "loc-1", shopifyId: "gid://shopify/Location/9", name: "Duplicate id" },
    ];
    // WHEN
    const error = await writer.insert("Location", batch).catch((e: unknown) => e);
    // THEN: the writer is still usable afterwards (its transaction was rolled back)
    await writer.insert("Location", [{ id: "loc-4", shopifyId: "gid://shopify/Location/4", name: "After" }]);
    await writer.close();
    expect(error).toBeInstanceOf(Error);
    expect(isUniqueViolation(error)).toBe(true);
    if (provider === "postgres") expect((error as Error).message).toMatch(/Location/);
    const ids = (await db.location.findMany({ where: { shopId: SHOP }, select: { id: true } })).map((l) => l.id);
    expect(ids.sort()).toEqual(["loc-1", "loc-4"]);
  });
});

describe.runIf(provider === "postgres")("openBulkWriter: parents analysed (postgres)", () => {
  it("GIVEN variants just written by the writer WHEN it inserts DailySales under them THEN it analysed Variant first (foreign-key checks plan with fresh statistics)", async () => {
    // GIVEN
    const schema = new URL(database.url).searchParams.get("schema");
    const writer = await openBulkWriter(database.url, SHOP);
    await writer.insert(
      "Variant",
      Array.from({ length: 50 }, (_, i) => ({
        id: `va-${i}`,
        productId: "p-1",
        shopifyId: `gid://shopify/ProductVariant/a${i}`,
        title: "A",
        price: "1",
      })),
    );
    const analysed = () =>
      db.$queryRawUnsafe<{ n: number }[]>(
        `SELECT COALESCE(analyze_count, 0)::int AS n FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = 'Variant'`,
        schema,
      );
    const before = (await analysed())[0]?.n ?? 0;
    // WHEN
    await writer.insert("DailySales", [{ variantId: "va-1", day: "2026-01-01", units: 1 }]);
    await writer.close();
    // THEN (the statistics collector reports asynchronously: wait for it a little)
    let after = before;
    for (let i = 0; i < 20 && after === before; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = (await analysed())[0]?.n ?? 0;
    }
    expect(after).toBeGreaterThan(before);
  });
});

describe("copyText (COPY text format)", () => {
  it("GIVEN special values WHEN encoded THEN they follow PostgreSQL's text format", () => {
    // GIVEN / WHEN / THEN
    expect(copyText(null)).toBe("\\N");
    expect(copyText(undefined)).toBe("\\N");
    expect(copyText("\\N")).toBe("\\\\N");
    expect(copyText("a\tb\nc\rd\\e")).toBe("a\\tb\\nc\\rd\\\\e");
    expect(copyText(true)).toBe("t");
    expect(copyText(false)).toBe("f");
    expect(copyText(new Prisma.Decimal("1.50"))).toBe("1.5");
    expect(copyText(new Date("2026-01-02T03:04:05.006Z"))).toBe("2026-01-02T03:04:05.006Z");
    expect(copyText(42)).toBe("42");
  });
});
