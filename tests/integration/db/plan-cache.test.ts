// The query plan cache on Prisma's real compiler (app/db/plan-cache.ts, decision 0031), on SQLite (`npm test`) and
// PostgreSQL (`npm run test:pg`): queries of one shape with other values read and write their own rows. The test
// suites run with PRISMA_PLAN_CACHE=verify, which also compares every cached plan with a fresh compile.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import { planCacheTotals } from "~/db/plan-cache";
import { dropMigratedDatabase, migratedDatabase, provider, type TestDatabase } from "./support";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  ({ database, db } = await migratedDatabase("plancache"));
});

afterAll(async () => {
  await dropMigratedDatabase({ database, db });
});

describe(`query plan cache (${provider})`, () => {
  it("GIVEN shops written and read by queries of one shape WHEN the shape is cached THEN each query reads its own row", async () => {
    // GIVEN
    const before = planCacheTotals().hits;
    const domains = Array.from({ length: 6 }, (_, i) => `plan-${i}.myshopify.com`);
    for (const [i, domain] of domains.entries())
      await db.shop.create({ data: { domain, name: `Shop ${i}`, installedAt: new Date(Date.UTC(2026, 0, i + 1)) } });
    // WHEN
    const read = [];
    for (const domain of domains)
      read.push(
        await db.shop.findFirst({
          where: { domain, name: { not: "x" } },
          select: { domain: true, name: true, installedAt: true },
        }),
      );
    // THEN
    expect(read).toEqual(
      domains.map((domain, i) => ({ domain, name: `Shop ${i}`, installedAt: new Date(Date.UTC(2026, 0, i + 1)) })),
    );
    expect(planCacheTotals().hits - before).toBeGreaterThanOrEqual(8); // 4 creates and 4 reads after calibration
  });

  it("GIVEN a cached update shape WHEN rows are updated with other values THEN each row gets its own values", async () => {
    // GIVEN
    const ids = [];
    for (let i = 0; i < 4; i++)
      ids.push((await db.shop.create({ data: { domain: `upd-${i}.myshopify.com`, name: "old" } })).id);
    // WHEN
    for (const [i, id] of ids.entries())
      await db.shop.updateMany({ where: { id }, data: { name: `new ${i}`, currency: i % 2 ? "EUR" : "USD" } });
    // THEN
    const rows = await db.shop.findMany({
      where: { id: { in: ids } },
      orderBy: { domain: "asc" },
      select: { name: true, currency: true },
    });
    expect(rows).toEqual(ids.map((_, i) => ({ name: `new ${i}`, currency: i % 2 ? "EUR" : "USD" })));
  });
});
