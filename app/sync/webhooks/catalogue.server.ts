// products/create, products/update, products/delete, inventory_levels/update, inventory_items/update.
// Every write is keyed by Shopify's id and guarded by shopifyUpdatedAt: an older payload never overwrites.
import type { Prisma } from "@prisma/client";
import type { ShopDb } from "~/db/scoped.server";
import { arr, date, gid, isStale, num, str, type Json } from "./payload";
import { recomputeAggregates } from "./orders.server";
import { dayInZone } from "~/lib/days";
import { recordLevelChange } from "~/sync/inventory/snapshot.server";
import { saveBundlesIn, type BundleSpec } from "~/bundles/store.server";
import { toDecimalString } from "~/core/money";

export type CatalogueResult =
  { status: "applied"; variantIds: string[] } | { status: "stale" } | { status: "ignored"; reason: string };

/** A payload amount ("12.30", 12.3, null) as a Decimal column's string; absent or "" is null. */
const money = (v: unknown): string | null =>
  v === null || v === undefined || v === "" ? null : toDecimalString(num(v));
const sameMoney = (a: Prisma.Decimal | null, b: string | null) => toDecimalString(a?.toString()) === b;
const STATUS: Record<string, string> = {
  active: "ACTIVE",
  draft: "DRAFT",
  archived: "ARCHIVED",
  unlisted: "UNLISTED",
};

/**
 * products/create and products/update: the product, its variants, and a PriceHistory row when a price changes.
 * `bundles` (read from the Admin API, app/bundles/webhook.server.ts): its variants' components, written in the same
 * transaction; a refused bundle throws BundleSaveError and nothing of the delivery is saved.
 */
export async function applyProduct(
  s: ShopDb,
  shop: { id: string; timezone: string },
  p: Json,
  bundles?: BundleSpec[],
): Promise<CatalogueResult> {
  const productGid = gid("Product", p.id);
  if (!productGid) return { status: "ignored", reason: "no product id" };
  const updatedAt = date(p.updated_at) ?? date(p.created_at);
  const existing = await s.product.findUnique({
    where: { shopId_shopifyId: { shopId: shop.id, shopifyId: productGid } },
  });
  if (isStale(updatedAt, existing?.shopifyUpdatedAt)) return { status: "stale" };
  const vendor = str(p.vendor);
  const productType = str(p.product_type);
  const productData = {
    title: str(p.title) ?? "",
    handle: str(p.handle),
    vendor,
    productType,
    status: STATUS[str(p.status) ?? "active"] ?? "ACTIVE",
    shopifyCreatedAt: date(p.created_at),
    shopifyUpdatedAt: updatedAt,
    deletedAt: null,
  };
  return s.$transaction(async (tx0) => {
    const tx = tx0 as unknown as ShopDb;
    const product = await tx.product.upsert({
      where: { shopId_shopifyId: { shopId: shop.id, shopifyId: productGid } },
      create: {
        shopifyId: productGid,
        ...productData,
      } as Prisma.ProductUncheckedCreateInput,
      update: productData,
      select: { id: true },
    });
    const touched: string[] = [];
    for (const v of arr(p.variants)) {
      const variantGid = gid("ProductVariant", v.id);
      if (!variantGid) continue;
      const vUpdatedAt = date(v.updated_at) ?? updatedAt;
      const current = await tx.variant.findUnique({
        where: { shopId_shopifyId: { shopId: shop.id, shopifyId: variantGid } },
      });
      if (isStale(vUpdatedAt, current?.shopifyUpdatedAt)) continue;
      const price = money(v.price) ?? "0.000";
      const compareAtPrice = money(v.compare_at_price);
      const data = {
        productId: product.id,
        title: str(v.title) ?? "",
        sku: str(v.sku),
        vendor,
        productType,
        price,
        compareAtPrice,
        inventoryItemId: gid("InventoryItem", v.inventory_item_id) ?? current?.inventoryItemId ?? null,
        tracked: v.inventory_management === undefined ? (current?.tracked ?? true) : v.inventory_management !== null,
        shopifyCreatedAt: date(v.created_at),
        shopifyUpdatedAt: vUpdatedAt,
        deletedAt: null,
      };
      const row = await tx.variant.upsert({
        where: { shopId_shopifyId: { shopId: shop.id, shopifyId: variantGid } },
        create: {
          shopifyId: variantGid,
          ...data,
        } as Prisma.VariantUncheckedCreateInput,
        update: data,
        select: { id: true },
      });
      touched.push(row.id);
      if (!current || !sameMoney(current.price, price) || !sameMoney(current.compareAtPrice, compareAtPrice)) {
        const effectiveAt = vUpdatedAt ?? new Date(0);
        await tx.priceHistory.upsert({
          where: {
            shopId_variantId_effectiveAt: {
              shopId: shop.id,
              variantId: row.id,
              effectiveAt,
            },
          },
          create: {
            variantId: row.id,
            effectiveAt,
            price,
            compareAtPrice,
            source: "webhook",
          } as Prisma.PriceHistoryUncheckedCreateInput,
          update: { price, compareAtPrice, source: "webhook" },
        });
      }
      // Order lines that arrived before their variant are linked now, and their days recounted.
      const orphans = await tx.orderLine.findMany({
        where: { variantId: null, shopifyVariantId: variantGid },
        select: { contributedDay: true },
      });
      if (orphans.length > 0) {
        await tx.orderLine.updateMany({
          where: { variantId: null, shopifyVariantId: variantGid },
          data: { variantId: row.id },
        });
        for (const d of new Set(orphans.map((o) => o.contributedDay).filter((x): x is string => x !== null))) {
          await recomputeAggregates(tx, shop.id, row.id, d);
        }
      }
    }
    if (bundles) await saveBundlesIn(tx, bundles, { strict: true });
    return { status: "applied" as const, variantIds: touched.sort() };
  });
}

/** products/delete: soft delete (the history stays; lists hide deleted rows). The payload has only the id. */
export async function deleteProduct(s: ShopDb, shop: { id: string }, p: Json, at: Date): Promise<CatalogueResult> {
  const productGid = gid("Product", p.id);
  if (!productGid) return { status: "ignored", reason: "no product id" };
  const product = await s.product.findUnique({
    where: { shopId_shopifyId: { shopId: shop.id, shopifyId: productGid } },
    select: { id: true },
  });
  if (!product) return { status: "ignored", reason: "unknown product" };
  await s.product.updateMany({
    where: { id: product.id, deletedAt: null },
    data: { deletedAt: at },
  });
  await s.variant.updateMany({
    where: { productId: product.id, deletedAt: null },
    data: { deletedAt: at },
  });
  const variants = await s.variant.findMany({
    where: { productId: product.id },
    select: { id: true },
  });
  return { status: "applied", variantIds: variants.map((v) => v.id).sort() };
}

/** inventory_levels/update: `available` of the variant (by inventory item) at the location. */
export async function applyInventoryLevel(
  s: ShopDb,
  shop: { id: string; timezone: string },
  p: Json,
): Promise<CatalogueResult> {
  const itemGid = gid("InventoryItem", p.inventory_item_id);
  const locationGid = gid("Location", p.location_id);
  if (!itemGid || !locationGid) return { status: "ignored", reason: "no inventory item or location" };
  const variant = await s.variant.findFirst({
    where: { inventoryItemId: itemGid },
    select: { id: true, tracked: true },
  });
  if (!variant) return { status: "ignored", reason: "unknown inventory item" };
  const location = await s.location.upsert({
    where: { shopId_shopifyId: { shopId: shop.id, shopifyId: locationGid } },
    create: {
      shopifyId: locationGid,
      name: locationGid,
    } as Prisma.LocationUncheckedCreateInput,
    update: {},
    select: { id: true },
  });
  const updatedAt = date(p.updated_at);
  const key = {
    shopId_variantId_locationId: {
      shopId: shop.id,
      variantId: variant.id,
      locationId: location.id,
    },
  };
  const current = await s.inventoryLevel.findUnique({ where: key });
  if (isStale(updatedAt, current?.shopifyUpdatedAt)) return { status: "stale" };
  const available = Math.trunc(num(p.available));
  await s.inventoryLevel.upsert({
    where: key,
    create: {
      variantId: variant.id,
      locationId: location.id,
      available,
      shopifyUpdatedAt: updatedAt,
    } as Prisma.InventoryLevelUncheckedCreateInput,
    update: { available, shopifyUpdatedAt: updatedAt },
  });
  // The day's stockout mark (app/sync/inventory/snapshot.server.ts); a replay finds it already written.
  if (variant.tracked)
    await recordLevelChange(s, {
      variantId: variant.id,
      locationId: location.id,
      day: dayInZone(updatedAt ?? new Date(), shop.timezone),
      available,
    });
  return { status: "applied", variantIds: [variant.id] };
}

/**
 * inventory_items/update: the unit cost, guarded by Variant.costUpdatedAt (the item's updated_at of the stored
 * cost; the variant's own shopifyUpdatedAt guards its other fields), so an older delivery never overwrites.
 */
export async function applyInventoryItem(s: ShopDb, _shop: { id: string }, p: Json): Promise<CatalogueResult> {
  const itemGid = gid("InventoryItem", p.id);
  if (!itemGid) return { status: "ignored", reason: "no inventory item id" };
  const variants = await s.variant.findMany({
    where: { inventoryItemId: itemGid },
    select: { id: true },
  });
  if (variants.length === 0) return { status: "ignored", reason: "unknown inventory item" };
  const unitCost = money(p.cost);
  const tracked = typeof p.tracked === "boolean" ? { tracked: p.tracked } : {};
  const updatedAt = date(p.updated_at);
  // Equal instants are written again (a replay writes the same values), older ones never.
  const fresh: Prisma.VariantWhereInput = updatedAt
    ? { OR: [{ costUpdatedAt: null }, { costUpdatedAt: { lte: updatedAt } }] }
    : {};
  const written = await s.variant.updateMany({
    where: { inventoryItemId: itemGid, ...fresh },
    data: { unitCost, ...tracked, ...(updatedAt ? { costUpdatedAt: updatedAt } : {}) },
  });
  if (written.count === 0) return { status: "stale" };
  return { status: "applied", variantIds: variants.map((v) => v.id).sort() };
}
