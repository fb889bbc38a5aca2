// Reading what a recompute needs, a batch of variants at a time: the variants in id order (keyset pages) and
// their daily series, straight from the driver (Prisma's row mapping costs more than the engine at scale).
import type { DailySeries } from "~/core/forecast/index";
import { toDailySeries } from "~/core/decisions/index";
import { decimalOrNull, type DecimalLike } from "~/core/money";
import type { BulkUpserter } from "~/db/bulk-upsert.server";
import type { ShopDb } from "~/db/scoped.server";

export interface VariantRow {
  id: string;
  productId: string;
  productType: string | null;
  vendor: string | null;
  price: unknown;
  compareAtPrice: unknown;
  unitCost: unknown;
}

const VARIANT_SELECT = {
  id: true,
  productId: true,
  productType: true,
  vendor: true,
  price: true,
  compareAtPrice: true,
  unitCost: true,
} as const;

/** Live variants with `from <= id` (or `after < id`) and `id <= upTo` (all optional), in id order, `take` per page. */
export async function* variantPages(
  s: ShopDb,
  opts: { from?: string; after?: string; upTo?: string; take: number; signal?: AbortSignal },
): AsyncGenerator<VariantRow[]> {
  let lower: { gte: string } | { gt: string } | undefined =
    opts.after !== undefined ? { gt: opts.after } : opts.from !== undefined ? { gte: opts.from } : undefined;
  for (;;) {
    opts.signal?.throwIfAborted();
    const id = { ...lower, ...(opts.upTo !== undefined ? { lte: opts.upTo } : {}) };
    const page = await s.variant.findMany({
      where: { deletedAt: null, ...(Object.keys(id).length ? { id } : {}) },
      select: VARIANT_SELECT,
      orderBy: { id: "asc" },
      take: opts.take,
    });
    if (page.length === 0) return;
    yield page;
    if (page.length < opts.take) return;
    lower = { gt: page[page.length - 1].id };
  }
}

/** The given variants (live ones only), in id order. */
export function variantsById(s: ShopDb, ids: string[]): Promise<VariantRow[]> {
  return s.variant.findMany({
    where: { deletedAt: null, id: { in: ids } },
    select: VARIANT_SELECT,
    orderBy: { id: "asc" },
  });
}

const marks = (n: number) => new Array<string>(n).fill("?").join(", ");

/** Each variant's DailySeries over [start, asOf] (sales and stock snapshots), in the order of `variants`. */
export async function readSeries(
  up: BulkUpserter,
  variants: { id: string; productType: string | null }[],
  start: string,
  asOf: string,
): Promise<DailySeries[]> {
  if (variants.length === 0) return [];
  const ids = variants.map((v) => v.id);
  // One after the other: the reader is one connection (pg refuses overlapping queries on a client).
  const sales = await up.query<{ variantId: string; day: string; units: number; avgPrice: unknown }>(
    `SELECT "variantId", "day", "units", "avgPrice" FROM "DailySales" WHERE "shopId" = ? AND "variantId" IN (${marks(ids.length)}) AND "day" >= ? AND "day" <= ?`,
    [up.shopId, ...ids, start, asOf],
  );
  const snaps = await up.query<{ variantId: string; locationId: string; day: string; available: number }>(
    `SELECT "variantId", "locationId", "day", "available" FROM "InventorySnapshot" WHERE "shopId" = ? AND "variantId" IN (${marks(ids.length)}) AND "day" <= ?`,
    [up.shopId, ...ids, asOf],
  );
  const salesOf = groupBy(sales, (r) => r.variantId);
  const snapsOf = groupBy(snaps, (r) => r.variantId);
  return variants.map((v) =>
    toDailySeries({
      id: v.id,
      group: v.productType ?? undefined,
      start,
      end: asOf,
      sales: (salesOf.get(v.id) ?? []).map((r) => ({
        day: r.day,
        units: Number(r.units),
        avgPrice: decimalOrNull(r.avgPrice as DecimalLike | null, "avgPrice"),
      })),
      snapshots: (snapsOf.get(v.id) ?? []).map((r) => ({
        locationId: r.locationId,
        day: r.day,
        available: Number(r.available),
      })),
    }),
  );
}

export function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}
