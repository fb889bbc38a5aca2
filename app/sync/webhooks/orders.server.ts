// orders/create, orders/updated, orders/cancelled and refunds/create.
// An order is a pure function of the deliveries stored for it: the newest order payload (by updated_at)
// plus the union of every refund seen (by refund id, from order payloads and refunds/create). So duplicates,
// replays and reordering all converge on the same rows. The aggregates are then recomputed FROM the stored
// lines for every (variant, day) the order touches, before or after, so an update corrects, never adds.
import type { Prisma } from "@prisma/client";
import {
  contributionColumns,
  contributionOf,
  fromMilli,
  netMilli,
  toMilli,
} from "~/db/contribution";
import { customerKeyOf } from "~/db/customer-key.server";
import type { ShopDb } from "~/db/scoped.server";
import { dayInZone } from "~/lib/days";
import { arr, date, gid, isObj, num, str, type Json } from "./payload";
import { customerKeyIn, customerKeySecret } from "./scrub";

export const ORDER_TOPICS = [
  "ORDERS_CREATE",
  "ORDERS_UPDATED",
  "ORDERS_CANCELLED",
] as const;
export const REFUND_TOPIC = "REFUNDS_CREATE";

export { customerKeySecret };

export type OrderApplyResult =
  | { status: "applied"; variantIds: string[] }
  | { status: "stale" } // an older payload than the stored order: nothing overwritten
  | { status: "deferred" }; // a refund before its order: folded in when the order arrives

interface ShopInfo {
  id: string;
  timezone: string;
}

/**
 * Every stored payload of `topics` about this order, found by the indexed subjectId (set at receive time,
 * app/sync/webhooks/subject.ts); `field` is checked again on the payload.
 */
async function storedPayloads(
  s: ShopDb,
  topics: readonly string[],
  orderGid: string,
  field: "id" | "order_id"
): Promise<Json[]> {
  const rows = await s.webhookDelivery.findMany({
    where: { subjectId: orderGid, topic: { in: [...topics] } },
    select: { payload: true },
  });
  const out: Json[] = [];
  for (const r of rows) {
    const p: unknown = JSON.parse(r.payload);
    if (isObj(p) && gid("Order", p[field]) === orderGid) out.push(p);
  }
  return out;
}

const updatedAtOf = (p: Json): number => date(p.updated_at)?.getTime() ?? 0;

/** Newest first; ties broken by content so the choice never depends on arrival order. */
function newest(payloads: Json[]): Json | null {
  const sorted = [...payloads].sort((a, b) => {
    const d = updatedAtOf(b) - updatedAtOf(a);
    if (d !== 0) return d;
    const ja = JSON.stringify(a);
    const jb = JSON.stringify(b);
    return ja < jb ? 1 : ja > jb ? -1 : 0;
  });
  return sorted[0] ?? null;
}

interface LineRefund {
  quantity: number;
  milli: number;
}

/** Refunded quantity and amount per line gid, each refund (by id) counted once. */
function refundsByLine(refunds: Json[]): Map<string, LineRefund> {
  const seen = new Set<string>();
  const out = new Map<string, LineRefund>();
  for (const r of refunds) {
    const id = str(r.id);
    if (id === null || seen.has(id)) continue;
    seen.add(id);
    for (const rl of arr(r.refund_line_items)) {
      const lineId = gid(
        "LineItem",
        rl.line_item_id ?? (isObj(rl.line_item) ? rl.line_item.id : null)
      );
      if (!lineId) continue;
      const prev = out.get(lineId) ?? { quantity: 0, milli: 0 };
      out.set(lineId, {
        quantity: prev.quantity + num(rl.quantity),
        milli: prev.milli + toMilli(num(rl.subtotal)),
      });
    }
  }
  return out;
}

const lineDiscountMilli = (li: Json): number => {
  const allocations = arr(li.discount_allocations);
  if (allocations.length > 0)
    return allocations.reduce((sum, a) => sum + toMilli(num(a.amount)), 0);
  return toMilli(num(li.total_discount));
};

const milliOf = (d: Prisma.Decimal | null | undefined): number =>
  d == null ? 0 : toMilli(d.toString());

/**
 * Applies the order `orderGid` from every delivery stored for it. `incomingUpdatedAt` is the payload that
 * triggered this (null for a refund): older than the stored order means stale.
 */
export async function applyOrder(
  s: ShopDb,
  shop: ShopInfo,
  orderGid: string,
  incomingUpdatedAt: Date | null
): Promise<OrderApplyResult> {
  const existing = await s.order.findUnique({
    where: { shopId_shopifyId: { shopId: shop.id, shopifyId: orderGid } },
  });
  if (
    incomingUpdatedAt &&
    existing &&
    incomingUpdatedAt.getTime() < existing.shopifyUpdatedAt.getTime()
  )
    return { status: "stale" };
  const orderPayloads = await storedPayloads(s, ORDER_TOPICS, orderGid, "id");
  const order = newest(orderPayloads);
  if (!order) return { status: "deferred" };
  const orderUpdatedAt =
    date(order.updated_at) ?? date(order.created_at) ?? new Date(0);
  if (
    existing &&
    orderUpdatedAt.getTime() < existing.shopifyUpdatedAt.getTime()
  )
    return { status: "stale" };

  const refundPayloads = await storedPayloads(
    s,
    [REFUND_TOPIC],
    orderGid,
    "order_id"
  );
  const refunds = refundsByLine([
    ...orderPayloads.flatMap((p) => arr(p.refunds)),
    ...refundPayloads,
  ]);

  const processedAt =
    date(order.processed_at) ?? date(order.created_at) ?? orderUpdatedAt;
  const day = dayInZone(processedAt, shop.timezone);
  // Stored payloads are scrubbed (./scrub.ts): the customer is already its key.
  const customerKey =
    customerKeyIn(order) ??
    (isObj(order.customer) && order.customer.id != null
      ? customerKeyOf(gid("Customer", order.customer.id)!, customerKeySecret())
      : null);
  const cancelled = date(order.cancelled_at) !== null;

  const lineItems = arr(order.line_items);
  const variantGids = [
    ...new Set(
      lineItems
        .map((li) => gid("ProductVariant", li.variant_id))
        .filter((v): v is string => v !== null)
    ),
  ];
  const variants = await s.variant.findMany({
    where: { shopifyId: { in: variantGids } },
    select: { id: true, shopifyId: true },
  });
  const variantIdOf = new Map(variants.map((v) => [v.shopifyId, v.id]));

  let subtotal = 0;
  let discounts = 0;
  let refundedTotal = 0;
  const lines: Omit<
    Prisma.OrderLineUncheckedCreateInput,
    "shopId" | "orderId"
  >[] = [];
  for (const li of lineItems) {
    const lineGid = gid("LineItem", li.id);
    if (!lineGid) continue;
    const shopifyVariantId = gid("ProductVariant", li.variant_id);
    const quantity = Math.max(0, Math.trunc(num(li.quantity)));
    const unitPriceMilli = toMilli(num(li.price));
    const discountMilli = lineDiscountMilli(li);
    const refund = refunds.get(lineGid) ?? { quantity: 0, milli: 0 };
    subtotal += unitPriceMilli * quantity;
    discounts += discountMilli;
    refundedTotal += refund.milli;
    const c = contributionOf({
      day,
      customerKey,
      quantity,
      refundedQuantity: refund.quantity,
      unitPriceMilli,
      discountMilli,
      refundedMilli: refund.milli,
      cancelled,
    });
    lines.push({
      shopifyId: lineGid,
      variantId: shopifyVariantId
        ? variantIdOf.get(shopifyVariantId) ?? null
        : null,
      shopifyVariantId,
      quantity,
      refundedQuantity: refund.quantity,
      unitPrice: fromMilli(unitPriceMilli),
      discount: fromMilli(discountMilli),
      refundedAmount: fromMilli(refund.milli),
      cancelled,
      customerKey,
      day,
      ...contributionColumns(c),
      shopifyUpdatedAt: orderUpdatedAt,
    });
  }

  const orderData = {
    name: str(order.name),
    customerKey,
    processedAt,
    day,
    currency: str(order.currency) ?? "USD",
    subtotal: fromMilli(subtotal),
    totalDiscounts: fromMilli(discounts),
    totalRefunded: fromMilli(refundedTotal),
    cancelledAt: date(order.cancelled_at),
    test: order.test === true,
    locationGid: orderLocation(order),
    shopifyUpdatedAt: orderUpdatedAt,
  };

  return s.$transaction(async (tx) => {
    const row = await tx.order.upsert({
      where: { shopId_shopifyId: { shopId: shop.id, shopifyId: orderGid } },
      create: {
        shopifyId: orderGid,
        ...orderData,
      } as Prisma.OrderUncheckedCreateInput,
      update: orderData,
      select: { id: true },
    });
    const before = await tx.orderLine.findMany({
      where: { orderId: row.id },
      select: { shopifyId: true, variantId: true, contributedDay: true },
    });
    const affected = new Map<string, { variantId: string; day: string }>();
    const touch = (
      variantId: string | null | undefined,
      d: string | null | undefined
    ) => {
      if (variantId && d)
        affected.set(`${variantId}|${d}`, { variantId, day: d });
    };
    for (const b of before) touch(b.variantId, b.contributedDay);
    const keep = new Set(lines.map((l) => l.shopifyId));
    const removed = before
      .filter((b) => !keep.has(b.shopifyId))
      .map((b) => b.shopifyId);
    if (removed.length > 0)
      await tx.orderLine.deleteMany({ where: { shopifyId: { in: removed } } });
    for (const line of lines) {
      touch(line.variantId, line.contributedDay);
      await tx.orderLine.upsert({
        where: {
          shopId_shopifyId: { shopId: shop.id, shopifyId: line.shopifyId },
        },
        create: {
          ...line,
          orderId: row.id,
        } as Prisma.OrderLineUncheckedCreateInput,
        update: { ...line, orderId: row.id },
      });
    }
    for (const key of affected.values())
      await recomputeAggregates(
        tx as unknown as ShopDb,
        shop.id,
        key.variantId,
        key.day
      );
    return {
      status: "applied" as const,
      variantIds: [
        ...new Set([...affected.values()].map((k) => k.variantId)),
      ].sort(),
    };
  });
}

/** DailySales and CustomerDailySales of one variant and day, rebuilt from the stored lines' contributions. */
export async function recomputeAggregates(
  s: ShopDb,
  shopId: string,
  variantId: string,
  day: string
): Promise<void> {
  const lines = await s.orderLine.findMany({
    where: { variantId, contributedDay: day },
    select: {
      contributedCustomerKey: true,
      contributedUnits: true,
      contributedRefundedUnits: true,
      contributedGross: true,
      contributedDiscount: true,
      contributedRefunded: true,
    },
  });
  const total = {
    units: 0,
    refundedUnits: 0,
    grossMilli: 0,
    discountMilli: 0,
    refundedMilli: 0,
  };
  const perCustomer = new Map<string, { units: number; net: number }>();
  for (const l of lines) {
    const c = {
      units: l.contributedUnits,
      refundedUnits: l.contributedRefundedUnits,
      grossMilli: milliOf(l.contributedGross),
      discountMilli: milliOf(l.contributedDiscount),
      refundedMilli: milliOf(l.contributedRefunded),
    };
    total.units += c.units;
    total.refundedUnits += c.refundedUnits;
    total.grossMilli += c.grossMilli;
    total.discountMilli += c.discountMilli;
    total.refundedMilli += c.refundedMilli;
    if (l.contributedCustomerKey) {
      const agg = perCustomer.get(l.contributedCustomerKey) ?? {
        units: 0,
        net: 0,
      };
      agg.units += c.units;
      agg.net += netMilli(c);
      perCustomer.set(l.contributedCustomerKey, agg);
    }
  }
  if (lines.length === 0) {
    await s.dailySales.deleteMany({ where: { variantId, day } });
  } else {
    const data = {
      units: total.units,
      refundedUnits: total.refundedUnits,
      lines: lines.length,
      grossRevenue: fromMilli(total.grossMilli),
      discounts: fromMilli(total.discountMilli),
      refunds: fromMilli(total.refundedMilli),
      netRevenue: fromMilli(netMilli(total)),
      avgPrice:
        total.units > 0
          ? fromMilli((total.grossMilli - total.discountMilli) / total.units)
          : null,
    };
    await s.dailySales.upsert({
      where: { shopId_variantId_day: { shopId, variantId, day } },
      create: {
        variantId,
        day,
        ...data,
      } as Prisma.DailySalesUncheckedCreateInput,
      update: data,
    });
  }
  await s.customerDailySales.deleteMany({ where: { variantId, day } });
  if (perCustomer.size > 0) {
    await s.customerDailySales.createMany({
      data: [...perCustomer.entries()].map(([customerKey, v]) => ({
        customerKey,
        variantId,
        day,
        units: v.units,
        netRevenue: fromMilli(v.net),
      })) as Prisma.CustomerDailySalesCreateManyInput[],
    });
  }
}

/** Where the order is fulfilled from: its first fulfillment's location, else the (retail) location it names. */
function orderLocation(order: Json): string | null {
  const first = arr(order.fulfillments).find(isObj);
  return gid("Location", first?.location_id) ?? gid("Location", order.location_id);
}
