// JSONL rows of each phase to upsert steps. Children carry `__parentId` and may come after unrelated rows, so
// each sink keeps a COMPACT context per parent (the facts its children need, never the rows) and writes parents
// before children (a parent always precedes its children in the file). `replay` rows (before the checkpoint)
// only rebuild the context: their writes are already committed.
import { contributionColumns, contributionOf, fromMilli, toMilli } from "~/db/contribution";
import { customerKeyOf } from "~/db/customer-key.server";
import { SqlRef, type UpsertStep, type WriteStep } from "~/db/bulk-upsert.server";
import type { JsonlRow } from "~/shopify/jsonl.server";
import type { BundleCollector } from "~/bundles/import.server";

export interface Sink {
  accept(row: JsonlRow, replay: boolean): void;
  /** Rows waiting to be written. */
  readonly pending: number;
  /** The steps of the waiting rows (parents first), emptying the sink. */
  take(): WriteStep[];
  /** Rows skipped (no parent known, unknown variant). */
  readonly skipped: number;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : null);
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const date = (v: unknown): Date | null => {
  const s = str(v);
  const t = s ? Date.parse(s) : NaN;
  return Number.isNaN(t) ? null : new Date(t);
};
const money = (v: unknown): number => {
  const amount = obj(v)?.amount ?? obj(obj(v)?.shopMoney)?.amount;
  return amount === undefined || amount === null ? 0 : toMilli(amount as string);
};
const decimal = (v: unknown): string | null =>
  v === null || v === undefined || v === "" ? null : fromMilli(toMilli(v as string));

/** Splits a sink's rows by model, in write order. */
class StepBuffer {
  private readonly steps: UpsertStep[];
  constructor(steps: Omit<UpsertStep, "rows">[]) {
    this.steps = steps.map((s) => ({ ...s, rows: [] }));
  }
  push(i: number, row: Obj) {
    this.steps[i].rows.push(row);
  }
  get size() {
    return this.steps.reduce((a, s) => a + s.rows.length, 0);
  }
  take(): WriteStep[] {
    const out = this.steps.filter((s) => s.rows.length > 0).map((s) => ({ ...s }));
    for (const s of this.steps) s.rows = [];
    return out;
  }
}

const PRODUCT: Omit<UpsertStep, "rows"> = {
  upsert: "Product",
  key: ["shopId", "shopifyId"],
  guard: "shopifyUpdatedAt",
};
const costCase = (c: string) =>
  `CASE WHEN "Variant"."costUpdatedAt" IS NULL OR EXCLUDED."costUpdatedAt" >= "Variant"."costUpdatedAt" THEN EXCLUDED."${c}" ELSE "Variant"."${c}" END`;
const VARIANT: Omit<UpsertStep, "rows"> = {
  upsert: "Variant",
  key: ["shopId", "shopifyId"],
  guard: "shopifyUpdatedAt",
  set: { unitCost: costCase("unitCost"), costUpdatedAt: costCase("costUpdatedAt") },
};

/** Products, then variants with the unit cost of their inventory item; bundle components go to `bundles`. */
export function catalogueSink(bundles?: BundleCollector): Sink {
  const products = new Map<string, { vendor: string | null; productType: string | null }>();
  const buffer = new StepBuffer([PRODUCT, VARIANT]);
  let skipped = 0;
  return {
    accept(row, replay) {
      if (!row.__parentId) {
        const id = str(row.id);
        if (!id) return;
        products.set(id, { vendor: str(row.vendor), productType: str(row.productType) });
        if (replay) return;
        buffer.push(0, {
          shopifyId: id,
          title: str(row.title) ?? "",
          handle: str(row.handle),
          vendor: str(row.vendor),
          productType: str(row.productType),
          status: str(row.status) ?? "ACTIVE",
          shopifyUpdatedAt: date(row.updatedAt),
          deletedAt: null,
        });
        return;
      }
      if (bundles?.accept(row)) return;
      if (replay) return;
      const product = products.get(row.__parentId);
      const id = str(row.id);
      if (!product || !id) {
        skipped++;
        return;
      }
      const item = obj(row.inventoryItem);
      const cost = obj(item?.unitCost);
      buffer.push(1, {
        shopifyId: id,
        productId: new SqlRef("Product", row.__parentId),
        title: str(row.title) ?? "",
        sku: str(row.sku),
        vendor: product.vendor,
        productType: product.productType,
        price: decimal(row.price) ?? "0.000",
        compareAtPrice: decimal(row.compareAtPrice),
        unitCost: cost ? decimal(cost.amount) : null,
        inventoryItemId: str(item?.id),
        requiresComponents: row.requiresComponents === true,
        costUpdatedAt: date(item?.updatedAt) ?? date(row.updatedAt),
        shopifyUpdatedAt: date(row.updatedAt),
        deletedAt: null,
      });
    },
    get pending() {
      return buffer.size;
    },
    take: () => buffer.take(),
    get skipped() {
      return skipped;
    },
  };
}

/** Locations, then their levels (variants unknown to the catalogue are skipped). */
export function inventorySink(knownVariants: ReadonlySet<string>): Sink {
  const buffer = new StepBuffer([
    { upsert: "Location", key: ["shopId", "shopifyId"] },
    { upsert: "InventoryLevel", key: ["shopId", "variantId", "locationId"], guard: "shopifyUpdatedAt" },
  ]);
  let skipped = 0;
  return {
    accept(row, replay) {
      if (replay) return; // levels need nothing from their location but its id
      if (!row.__parentId) {
        const id = str(row.id);
        if (id) buffer.push(0, { shopifyId: id, name: str(row.name) ?? id, isActive: true });
        return;
      }
      const variantId = str(obj(obj(row.item)?.variant)?.id);
      if (!variantId || !knownVariants.has(variantId)) {
        skipped++;
        return;
      }
      const q = new Map<string, number>();
      for (const entry of Array.isArray(row.quantities) ? row.quantities : []) {
        const e = obj(entry);
        if (e && typeof e.name === "string") q.set(e.name, Number(e.quantity) || 0);
      }
      buffer.push(1, {
        variantId: new SqlRef("Variant", variantId),
        locationId: new SqlRef("Location", row.__parentId),
        available: q.get("available") ?? 0,
        onHand: q.get("on_hand") ?? 0,
        committed: q.get("committed") ?? 0,
        incoming: q.get("incoming") ?? 0,
        shopifyUpdatedAt: date(row.updatedAt),
      });
    },
    get pending() {
      return buffer.size;
    },
    take: () => buffer.take(),
    get skipped() {
      return skipped;
    },
  };
}

/** What an order's lines need from it: a few scalars, and the refunds of refunded lines only. */
interface OrderContext {
  day: string;
  customerKey: string | null;
  cancelled: boolean;
  updatedAt: Date;
  refunds: Map<string, { quantity: number; milli: number }> | null;
  /** Units still expected (subtotalLineItemsQuantity minus lines seen). */
  remaining: number;
  /** The order's row; its subtotal and discounts are the sums of the lines seen (replayed ones included). */
  row: Obj;
  subtotalMilli: number;
  discountMilli: number;
}

export interface OrdersSinkOptions {
  timezone: string;
  customerSecret: string;
  /** Contexts of completed orders kept for stragglers (default 10,000). */
  recentLimit?: number;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** YYYY-MM-DD of `at` in `timeZone` (one formatter per zone: constructing one costs more than formatting). */
export function dayOf(at: Date, timeZone: string): string {
  let f = dayFormats.get(timeZone);
  if (!f)
    dayFormats.set(
      timeZone,
      (f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })),
    );
  return f.format(at);
}

/** Orders (refunds inline), then line items carrying the same contributed* columns as the webhook path. */
export function ordersSink(options: OrdersSinkOptions): Sink {
  const open = new Map<string, OrderContext>();
  const recent = new Map<string, OrderContext>();
  const recentLimit = options.recentLimit ?? 10_000;
  const buffer = new StepBuffer([
    { upsert: "Order", key: ["shopId", "shopifyId"], guard: "shopifyUpdatedAt" },
    { upsert: "OrderLine", key: ["shopId", "shopifyId"], guard: "shopifyUpdatedAt" },
  ]);
  const keys = new Map<string, string>();
  const keyOf = (customerId: string) => {
    let key = keys.get(customerId);
    if (!key) {
      if (keys.size > 100_000) keys.clear();
      keys.set(customerId, (key = customerKeyOf(customerId, options.customerSecret)));
    }
    return key;
  };
  // Orders to (re)write at the next take(): new ones, and those whose lines changed their sums. Written with the
  // sums so far, so the aggregate rebuild only updates the orders whose stored lines disagree (docs/decisions/0008).
  const dirty = new Map<string, OrderContext>();
  const complete = (id: string, ctx: OrderContext) => {
    open.delete(id);
    recent.set(id, ctx);
    if (recent.size > recentLimit) recent.delete(recent.keys().next().value as string);
  };
  let skipped = 0;

  const acceptOrder = (row: JsonlRow, replay: boolean) => {
    const id = str(row.id);
    if (!id) return;
    const processedAt = date(row.processedAt) ?? date(row.createdAt) ?? new Date(0);
    const updatedAt = date(row.updatedAt) ?? processedAt;
    const customerId = str(obj(row.customer)?.id);
    const day = dayOf(processedAt, options.timezone);
    const customerKey = customerId ? keyOf(customerId) : null;
    const ctx: OrderContext = {
      day,
      customerKey,
      cancelled: date(row.cancelledAt) !== null,
      updatedAt,
      refunds: null,
      remaining: Number(row.subtotalLineItemsQuantity ?? Infinity),
      row: {
        shopifyId: id,
        name: str(row.name),
        customerKey,
        processedAt,
        day,
        currency: str(row.currencyCode) ?? "USD",
        totalRefunded: "0.000",
        cancelledAt: date(row.cancelledAt),
        test: row.test === true,
        locationGid: orderLocation(row),
        shopifyUpdatedAt: updatedAt,
      },
      subtotalMilli: 0,
      discountMilli: 0,
    };
    let refundedMilli = 0;
    const seen = new Set<string>();
    for (const r of Array.isArray(row.refunds) ? row.refunds : []) {
      const refund = obj(r);
      const rid = str(refund?.id);
      if (!refund || (rid && seen.has(rid))) continue;
      if (rid) seen.add(rid);
      const items = obj(refund.refundLineItems);
      const nodes = Array.isArray(items?.nodes)
        ? items.nodes
        : Array.isArray(items?.edges)
          ? items.edges.map((e) => obj(e)?.node)
          : [];
      for (const n of nodes) {
        const item = obj(n);
        const lineId = str(obj(item?.lineItem)?.id);
        if (!item || !lineId) continue;
        const milli = money(obj(item.subtotalSet)?.shopMoney);
        ctx.refunds ??= new Map();
        const prev = ctx.refunds.get(lineId) ?? { quantity: 0, milli: 0 };
        ctx.refunds.set(lineId, { quantity: prev.quantity + (Number(item.quantity) || 0), milli: prev.milli + milli });
        refundedMilli += milli;
      }
    }
    ctx.row.totalRefunded = fromMilli(refundedMilli);
    if (ctx.remaining <= 0) complete(id, ctx);
    else open.set(id, ctx);
    if (!replay) dirty.set(id, ctx);
  };

  const acceptLine = (row: JsonlRow, parentId: string, replay: boolean) => {
    const ctx = open.get(parentId) ?? recent.get(parentId);
    const id = str(row.id);
    if (!ctx || !id) {
      if (!replay) skipped++;
      return;
    }
    const quantity = Math.max(0, Math.trunc(Number(row.quantity) || 0));
    ctx.remaining -= quantity;
    if (ctx.remaining <= 0 && open.has(parentId)) complete(parentId, ctx);
    const unitPriceMilli = money(obj(row.originalUnitPriceSet)?.shopMoney);
    const discountMilli = money(obj(row.totalDiscountSet)?.shopMoney);
    ctx.subtotalMilli += unitPriceMilli * quantity;
    ctx.discountMilli += discountMilli;
    if (replay) return;
    dirty.set(parentId, ctx);
    const variantGid = str(obj(row.variant)?.id);
    const refund = ctx.refunds?.get(id) ?? { quantity: 0, milli: 0 };
    const c = contributionOf({
      day: ctx.day,
      customerKey: ctx.customerKey,
      quantity,
      refundedQuantity: refund.quantity,
      unitPriceMilli,
      discountMilli,
      refundedMilli: refund.milli,
      cancelled: ctx.cancelled,
    });
    buffer.push(1, {
      shopifyId: id,
      orderId: new SqlRef("Order", parentId),
      variantId: new SqlRef("Variant", variantGid),
      shopifyVariantId: variantGid,
      quantity,
      refundedQuantity: refund.quantity,
      unitPrice: fromMilli(unitPriceMilli),
      discount: fromMilli(discountMilli),
      refundedAmount: fromMilli(refund.milli),
      cancelled: ctx.cancelled,
      customerKey: ctx.customerKey,
      day: ctx.day,
      ...contributionColumns(c),
      shopifyUpdatedAt: ctx.updatedAt,
    });
  };

  return {
    accept(row, replay) {
      if (row.__parentId) acceptLine(row, row.__parentId, replay);
      else acceptOrder(row, replay);
    },
    get pending() {
      return buffer.size + dirty.size;
    },
    take() {
      for (const ctx of dirty.values()) {
        buffer.push(0, {
          ...ctx.row,
          subtotal: fromMilli(ctx.subtotalMilli),
          totalDiscounts: fromMilli(ctx.discountMilli),
        });
      }
      dirty.clear();
      return buffer.take();
    },
    get skipped() {
      return skipped;
    },
  };
}

/** Where an order is fulfilled from: its first fulfillment's location, else its retail location (gids). */
function orderLocation(row: JsonlRow): string | null {
  const first = obj(Array.isArray(row.fulfillments) ? row.fulfillments[0] : null);
  return str(obj(first?.location)?.id) ?? str(obj(row.retailLocation)?.id);
}
