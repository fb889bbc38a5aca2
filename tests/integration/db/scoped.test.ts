import { Prisma } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { migrateDatabase } from "~/db/migrate.server";
import { ScopeViolationError, forShop, type ShopDb } from "~/db/scoped.server";
import { freshDatabase, provider, type TestDatabase } from "./support";

let database: TestDatabase;
let db: Db;
let a: ShopDb;
const ids = { shopA: "", shopB: "", productB: "", variantA: "", variantB: "", locationB: "", salesB: "" };

beforeAll(async () => {
  database = await freshDatabase("scoped");
  await migrateDatabase(database.url);
  db = createPrismaClient(database.url);
  for (const name of ["A", "B"] as const) {
    const shop = await db.shop.create({ data: { domain: `${name.toLowerCase()}.myshopify.com`, name } });
    const product = await db.product.create({
      data: { shopId: shop.id, shopifyId: "gid://shopify/Product/1", title: `P${name}` },
    });
    const variant = await db.variant.create({
      data: {
        shopId: shop.id,
        productId: product.id,
        shopifyId: "gid://shopify/ProductVariant/1",
        title: `V${name}`,
        price: "10.00",
      },
    });
    const location = await db.location.create({
      data: { shopId: shop.id, shopifyId: "gid://shopify/Location/1", name: "L" },
    });
    const sales = await db.dailySales.create({
      data: { shopId: shop.id, variantId: variant.id, day: "2026-01-01", units: 3 },
    });
    if (name === "A") Object.assign(ids, { shopA: shop.id, variantA: variant.id });
    else
      Object.assign(ids, {
        shopB: shop.id,
        productB: product.id,
        variantB: variant.id,
        locationB: location.id,
        salesB: sales.id,
      });
  }
  a = forShop(db, ids.shopA);
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

async function bRowsIntact() {
  expect(await db.variant.findUnique({ where: { id: ids.variantB } })).toMatchObject({ title: "VB" });
  expect(await db.dailySales.findUnique({ where: { id: ids.salesB } })).toMatchObject({ units: 3 });
}

describe(`forShop (${provider})`, () => {
  it("GIVEN shops A and B WHEN A reads THEN it sees only its own rows", async () => {
    expect((await a.variant.findMany()).map((v) => v.title)).toEqual(["VA"]);
    expect(await a.variant.count()).toBe(1);
    expect(await a.variant.findUnique({ where: { id: ids.variantB } })).toBeNull();
    expect(await a.variant.findFirst({ where: { title: "VB" } })).toBeNull();
    expect(await a.variant.findFirst({ where: { OR: [{ id: ids.variantB }, { title: "VB" }] } })).toBeNull();
    expect((await a.dailySales.aggregate({ _sum: { units: true } }))._sum.units).toBe(3);
    expect((await a.shop.findMany()).map((s) => s.name)).toEqual(["A"]);
    expect(await a.shop.findUnique({ where: { domain: "b.myshopify.com" } })).toBeNull();
  });

  it("GIVEN a where naming shop B WHEN A queries THEN it is refused", async () => {
    await expect(a.variant.findMany({ where: { shopId: ids.shopB } })).rejects.toBeInstanceOf(ScopeViolationError);
    await expect(
      a.variant.findUnique({
        where: { shopId_shopifyId: { shopId: ids.shopB, shopifyId: "gid://shopify/ProductVariant/1" } },
      }),
    ).rejects.toBeInstanceOf(ScopeViolationError);
  });

  it("GIVEN B's row ids WHEN A updates THEN nothing of B changes", async () => {
    await expect(a.variant.update({ where: { id: ids.variantB }, data: { title: "hacked" } })).rejects.toMatchObject({
      code: "P2025",
    });
    expect((await a.variant.updateMany({ where: { id: ids.variantB }, data: { title: "hacked" } })).count).toBe(0);
    expect((await a.dailySales.updateMany({ data: { units: 99 } })).count).toBe(1); // A's only
    await expect(a.shop.update({ where: { id: ids.shopB }, data: { name: "hacked" } })).rejects.toBeInstanceOf(
      ScopeViolationError,
    );
    await expect(a.variant.update({ where: { id: ids.variantA }, data: { shopId: ids.shopB } })).rejects.toBeInstanceOf(
      ScopeViolationError,
    );
    await bRowsIntact();
  });

  it("GIVEN B's row ids WHEN A deletes THEN nothing of B is deleted", async () => {
    await expect(a.dailySales.delete({ where: { id: ids.salesB } })).rejects.toMatchObject({ code: "P2025" });
    expect((await a.dailySales.deleteMany({ where: { id: ids.salesB } })).count).toBe(0);
    expect((await a.dailySales.deleteMany({})).count).toBe(1); // A's only
    await bRowsIntact();
  });

  it("GIVEN A creates rows THEN they are stamped with A, and rows claiming B are refused", async () => {
    const created = await a.dailySales.create({
      data: { shopId: ids.shopA, variantId: ids.variantA, day: "2026-01-02", units: 1 },
    });
    expect(created.shopId).toBe(ids.shopA);
    await expect(
      a.dailySales.create({ data: { shopId: ids.shopB, variantId: ids.variantB, day: "2026-01-03" } }),
    ).rejects.toBeInstanceOf(ScopeViolationError);
    await expect(
      a.dailySales.createMany({ data: [{ shopId: ids.shopB, variantId: ids.variantB, day: "2026-01-03" }] }),
    ).rejects.toBeInstanceOf(ScopeViolationError);
    const upserted = await a.vendorSettings.upsert({
      where: { shopId_vendor: { shopId: ids.shopA, vendor: "V" } },
      create: { shopId: ids.shopA, vendor: "V" },
      update: { moq: 2 },
    });
    expect(upserted.shopId).toBe(ids.shopA);
  });

  it("GIVEN A points a row at B's variant by id THEN the composite foreign key refuses it", async () => {
    const error = await a.dailySales
      .create({ data: { shopId: ids.shopA, variantId: ids.variantB, day: "2026-01-04" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((error as Prisma.PrismaClientKnownRequestError).code).toBe("P2003");
  });

  it("GIVEN escape hatches (nested writes, raw SQL, sessions, creating shops) THEN each is refused", async () => {
    await expect(
      a.dailySales.create({
        data: {
          day: "2026-01-05",
          shop: { connect: { id: ids.shopB } },
          variant: { connect: { id: ids.variantB } },
        } as never,
      }),
    ).rejects.toBeInstanceOf(ScopeViolationError);
    await expect(
      a.variant.update({ where: { id: ids.variantA }, data: { product: { connect: { id: ids.productB } } } as never }),
    ).rejects.toBeInstanceOf(ScopeViolationError);
    await expect(a.$queryRaw`SELECT 1`).rejects.toBeInstanceOf(ScopeViolationError);
    await expect(a.$executeRawUnsafe(`DELETE FROM "Variant"`)).rejects.toBeInstanceOf(ScopeViolationError);
    await expect(a.session.findMany()).rejects.toBeInstanceOf(ScopeViolationError);
    await expect(a.shop.create({ data: { domain: "c.myshopify.com", name: "C" } })).rejects.toBeInstanceOf(
      ScopeViolationError,
    );
    await bRowsIntact();
  });

  it("GIVEN a transaction on the scoped client THEN its queries stay scoped", async () => {
    const titles = await a.$transaction(async (tx) => (await tx.variant.findMany()).map((v) => v.title));
    expect(titles).toEqual(["VA"]);
    const [count] = await a.$transaction([a.variant.count()]);
    expect(count).toBe(1);
  });
});
