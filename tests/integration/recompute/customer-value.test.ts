// The recompute's customer value (long-term value of the customers a product acquires) is read from
// CustomerDailySales in pages, one customer at a time, so a large shop's rows are never all in memory (issue 16).
// It must equal the report built from every row at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { migrateDatabase } from "~/db/migrate.server";
import { seedDemoShop } from "~/demo/seed.server";
import { generateShop } from "~/demo/simulator";
import { customerValueByProduct, type CustomerOrder } from "~/core/customers/index";
import { forShop } from "~/db/scoped.server";
import { customerValue } from "~/sync/recompute/context.server";
import { freshDatabase, provider, type TestDatabase } from "../db/support";

const AS_OF = "2026-11-30";
let opened: TestDatabase;
let db: Db;
let shopId: string;

describe(`customer value read in pages (${provider})`, () => {
  beforeAll(async () => {
    opened = await freshDatabase("customer-value");
    await migrateDatabase(opened.url);
    db = createPrismaClient(opened.url);
    shopId = (await seedDemoShop(db, generateShop({ seed: 5, variants: 30, days: 400 }))).shopId;
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await opened?.drop();
  });

  it("gives the same report with pages of 7 rows as from every row at once, customers spanning pages included", async () => {
    // GIVEN a shop whose customers bought on several days (so many customers' rows span a 7-row page)
    const s = forShop(db, shopId);
    const variants = await s.variant.findMany({ select: { id: true, productId: true, unitCost: true } });
    const byId = new Map(variants.map((v) => [v.id, v]));
    const rows = await s.customerDailySales.findMany({
      where: { day: { lte: AS_OF } },
      orderBy: [{ customerKey: "asc" }, { day: "asc" }, { variantId: "asc" }],
    });
    const perCustomer = new Map<string, number>();
    for (const r of rows) perCustomer.set(r.customerKey, (perCustomer.get(r.customerKey) ?? 0) + 1);
    expect([...perCustomer.values()].filter((n) => n > 7).length).toBeGreaterThan(0);
    // AND the report built from all rows at once, as before
    const orders = new Map<string, CustomerOrder>();
    for (const r of rows) {
      const key = `${r.customerKey}|${r.day}`;
      const o = orders.get(key) ?? { customerKey: r.customerKey, date: r.day, lines: [] };
      orders.set(key, o);
      const v = byId.get(r.variantId);
      o.lines.push({
        sku: r.variantId,
        productId: v?.productId,
        quantity: r.units,
        unitPrice: r.units > 0 ? Number(r.netRevenue) / r.units : 0,
        unitCost: v?.unitCost == null ? null : Number(v.unitCost),
      });
    }
    const whole = customerValueByProduct([...orders.values()], { asOf: AS_OF, by: "product" });

    // WHEN the recompute reads it in pages of 7 rows
    const paged = await customerValue(s, AS_OF, byId, 7);

    // THEN the report is the same: every customer counted once, every product's values equal
    expect(paged.newCustomers).toBe(perCustomer.size);
    expect(paged.newCustomers).toBe(whole.newCustomers);
    expect(paged.linesWithoutCost).toBe(whole.linesWithoutCost);
    expect(paged.shop).toEqual(whole.shop);
    expect(new Map([...paged.products].sort())).toEqual(new Map([...whole.products].sort()));
  }, 60_000);
});
