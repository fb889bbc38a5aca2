// orders/create, orders/updated, orders/cancelled and refunds/create.
// An order is a pure function of the deliveries stored for it: the newest order payload (by updated_at)
// plus the union of every refund seen (by refund id, from order payloads and refunds/create). So duplicates,
// replays and reordering all converge on the same rows. The aggregates are then recomputed FROM the stored
// lines for every (variant, day) the order touches, before or after, so an update corrects, never adds.
import type { Prisma } from "@prisma/client";
import { contributionColumns, contributionOf, fromMilli, netMilli, toMilli } from "~/db/contribution";
import { customerKeyOf } from "~/db/customer-key.server";
import { createId } from "~/db/ids";
import { decimalOrNull } from "~/core/money";
import { databaseTarget, type Db } from "~/db.server";
import { readTimeouts } from "~/env.server";
import { forShop, shopTransaction, type ShopDb } from "~/db/scoped.server";
import { rawParams } from "~/db/bulk.server";
import { dayInZone } from "~/lib/days";
import { arr, date, gid, isObj, num, str, type Json } from "./payload";
import { customerKeyIn, customerKeySecret } from "./scrub";

export const ORDER_TOPICS = ["ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_CANCELLED"] as const;
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

type OwnPayload = NonNullable<OrderRequest["own"]>;

/**
 * Every stored order and refund payload about these orders, by the indexed subjectId (one query); the payloads the
 * caller already parsed (`own`, with their subject) are not read again.
 */
async function storedPayloads(
  s: ShopDb,
  orderGids: string[],
  own: (OwnPayload & { subjectId: string })[],
): Promise<Map<string, { orders: Json[]; refunds: Json[] }>> {
  const rows = await s.webhookDelivery.findMany({
    where: {
      subjectId: { in: orderGids },
      topic: { in: [...ORDER_TOPICS, REFUND_TOPIC] },
      ...(own.length > 0 ? { id: { notIn: own.map((o) => o.deliveryId) } } : {}),
    },
    select: { payload: true, topic: true, subjectId: true },
  });
  const out = new Map(orderGids.map((g) => [g, { orders: [] as Json[], refunds: [] as Json[] }]));
  const add = (subjectId: string | null, topic: string, p: unknown) => {
    const bucket = subjectId ? out.get(subjectId) : undefined;
    if (!bucket) return;
    // `field` is checked again on the payload: the subject says where to look, the payload what it is.
    const refund = topic === REFUND_TOPIC;
    if (isObj(p) && gid("Order", p[refund ? "order_id" : "id"]) === subjectId)
      (refund ? bucket.refunds : bucket.orders).push(p);
  };
  for (const r of rows) add(r.subjectId, r.topic, JSON.parse(r.payload));
  for (const o of own) add(o.subjectId, o.topic, o.payload);
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
      const lineId = gid("LineItem", rl.line_item_id ?? (isObj(rl.line_item) ? rl.line_item.id : null));
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
  if (allocations.length > 0) return allocations.reduce((sum, a) => sum + toMilli(num(a.amount)), 0);
  return toMilli(num(li.total_discount));
};

/** A stored contribution column: null contributes nothing. */
const milliOf = (d: Prisma.Decimal | null, what: string): number => toMilli(decimalOrNull(d, what) ?? 0);

type LineData = Omit<Prisma.OrderLineUncheckedCreateInput, "shopId" | "orderId">;

interface OrderPlan {
  orderGid: string;
  orderUpdatedAt: Date;
  orderData: Omit<Prisma.OrderUncheckedCreateInput, "shopId" | "shopifyId">;
  lines: LineData[];
}

/** The order's rows as its stored payloads say (pure but for the customer key's hash). */
function planOrder(
  shop: ShopInfo,
  orderGid: string,
  order: Json,
  orderPayloads: Json[],
  refundPayloads: Json[],
  variantIdOf: Map<string, string>,
): OrderPlan {
  const orderUpdatedAt = date(order.updated_at) ?? date(order.created_at) ?? new Date(0);
  const refunds = refundsByLine([...orderPayloads.flatMap((p) => arr(p.refunds)), ...refundPayloads]);
  const processedAt = date(order.processed_at) ?? date(order.created_at) ?? orderUpdatedAt;
  const day = dayInZone(processedAt, shop.timezone);
  // Stored payloads are scrubbed (./scrub.ts): the customer is already its key.
  const customerKey =
    customerKeyIn(order) ??
    (isObj(order.customer) && order.customer.id != null
      ? customerKeyOf(gid("Customer", order.customer.id)!, customerKeySecret())
      : null);
  const cancelled = date(order.cancelled_at) !== null;
  const facts = { day, customerKey, cancelled, orderUpdatedAt, refunds, variantIdOf };
  const lines = arr(order.line_items)
    .map((li) => planLine(li, facts))
    .filter((l): l is PlannedLine => l !== null);
  const subtotal = lines.reduce((sum, l) => sum + l.subtotalMilli, 0);
  const discounts = lines.reduce((sum, l) => sum + l.discountMilli, 0);
  const refundedTotal = lines.reduce((sum, l) => sum + l.refundedMilli, 0);
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
  return { orderGid, orderUpdatedAt, orderData, lines: lines.map((l) => l.row) };
}

interface LineContext {
  day: string;
  customerKey: string | null;
  cancelled: boolean;
  orderUpdatedAt: Date;
  refunds: Map<string, LineRefund>;
  variantIdOf: Map<string, string>;
}

interface PlannedLine {
  row: LineData;
  subtotalMilli: number;
  discountMilli: number;
  refundedMilli: number;
}

/** One line item of the order as a row with its contribution; null for a line without an id. */
function planLine(li: Json, o: LineContext): PlannedLine | null {
  const lineGid = gid("LineItem", li.id);
  if (!lineGid) return null;
  const shopifyVariantId = gid("ProductVariant", li.variant_id);
  const quantity = Math.max(0, Math.trunc(num(li.quantity)));
  const unitPriceMilli = toMilli(num(li.price));
  const discountMilli = lineDiscountMilli(li);
  const refund = o.refunds.get(lineGid) ?? { quantity: 0, milli: 0 };
  const c = contributionOf({
    day: o.day,
    customerKey: o.customerKey,
    quantity,
    refundedQuantity: refund.quantity,
    unitPriceMilli,
    discountMilli,
    refundedMilli: refund.milli,
    cancelled: o.cancelled,
  });
  const row: LineData = {
    shopifyId: lineGid,
    variantId: shopifyVariantId ? (o.variantIdOf.get(shopifyVariantId) ?? null) : null,
    shopifyVariantId,
    quantity,
    refundedQuantity: refund.quantity,
    unitPrice: fromMilli(unitPriceMilli),
    discount: fromMilli(discountMilli),
    refundedAmount: fromMilli(refund.milli),
    cancelled: o.cancelled,
    customerKey: o.customerKey,
    day: o.day,
    ...contributionColumns(c),
    shopifyUpdatedAt: o.orderUpdatedAt,
  };
  return { row, subtotalMilli: unitPriceMilli * quantity, discountMilli, refundedMilli: refund.milli };
}

export interface OrderRequest {
  orderGid: string;
  /** The updated_at of the payload that triggered this (null for a refund): older than the stored order = stale. */
  incomingUpdatedAt: Date | null;
  /** The stored delivery that triggered this, already parsed (saves reading it again). */
  own?: { deliveryId: string; topic: string; payload: Json };
}

/**
 * Applies the order `orderGid` from every delivery stored for it. `incomingUpdatedAt` is the payload that
 * triggered this (null for a refund): older than the stored order means stale.
 */
export async function applyOrder(
  db: Db,
  shop: ShopInfo,
  orderGid: string,
  incomingUpdatedAt: Date | null,
): Promise<OrderApplyResult> {
  return (await applyOrders(db, shop, [{ orderGid, incomingUpdatedAt }]))[0];
}

/**
 * Applies several orders at once, each as applyOrder would, with a few queries for the whole set and ONE
 * transaction (the webhook lane's batches, docs/decisions/0016). Results are in the order of `requests`.
 */
export async function applyOrders(db: Db, shop: ShopInfo, requests: OrderRequest[]): Promise<OrderApplyResult[]> {
  const s = forShop(db, shop.id);
  const gids = [...new Set(requests.map((r) => r.orderGid))].sort();
  const existing = await storedUpdatedAt(s, gids);
  const stale = (r: OrderRequest) => {
    const stored = existing.get(r.orderGid);
    return r.incomingUpdatedAt !== null && stored !== undefined && r.incomingUpdatedAt.getTime() < stored;
  };
  const wanted = gids.filter((g) => requests.some((r) => r.orderGid === g && !stale(r)));
  // A request's own delivery is about its order (subjectId = orderGid): the caller found the gid in that payload.
  const own = requests
    .filter((r) => r.own && wanted.includes(r.orderGid))
    .map((r) => ({ ...r.own!, subjectId: r.orderGid }));
  const payloads =
    wanted.length > 0 ? await storedPayloads(s, wanted, own) : new Map<string, { orders: Json[]; refunds: Json[] }>();
  const newestOf = ordersToApply(wanted, payloads, existing);
  const variantIdOf = await variantIdsOf(s, newestOf.values());
  const plans = [...newestOf].map(([g, order]) =>
    planOrder(shop, g, order, payloads.get(g)!.orders, payloads.get(g)!.refunds, variantIdOf),
  );

  const applied = plans.length > 0 ? await writeOrders(db, shop.id, plans) : new Map<string, string[]>();
  return requests.map((r): OrderApplyResult => {
    if (stale(r)) return { status: "stale" };
    const variantIds = applied.get(r.orderGid);
    if (variantIds) return { status: "applied", variantIds };
    return (payloads.get(r.orderGid)?.orders.length ?? 0) === 0 ? { status: "deferred" } : { status: "stale" };
  });
}

/** The stored orders' Shopify updated_at (epoch ms), by order gid. */
async function storedUpdatedAt(s: ShopDb, gids: string[]): Promise<Map<string, number>> {
  const rows = await s.order.findMany({
    where: { shopifyId: { in: gids } },
    select: { shopifyId: true, shopifyUpdatedAt: true },
  });
  return new Map(rows.map((o) => [o.shopifyId, o.shopifyUpdatedAt.getTime()]));
}

/**
 * The newest payload of each wanted order, unless it has none yet (a refund before its order: deferred) or it is
 * older than the stored order (stale as a whole).
 */
function ordersToApply(
  wanted: string[],
  payloads: Map<string, { orders: Json[] }>,
  existing: Map<string, number>,
): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const g of wanted) {
    const order = newest(payloads.get(g)!.orders);
    if (!order) continue;
    const updatedAt = (date(order.updated_at) ?? date(order.created_at) ?? new Date(0)).getTime();
    const stored = existing.get(g);
    if (stored !== undefined && updatedAt < stored) continue;
    out.set(g, order);
  }
  return out;
}

/** Our variant id for each Shopify variant gid the orders' lines name (unknown variants are absent). */
async function variantIdsOf(s: ShopDb, orders: Iterable<Json>): Promise<Map<string, string>> {
  const variantGids = new Set<string>();
  for (const order of orders)
    for (const li of arr(order.line_items)) {
      const v = gid("ProductVariant", li.variant_id);
      if (v) variantGids.add(v);
    }
  if (variantGids.size === 0) return new Map();
  const variants = await s.variant.findMany({
    where: { shopifyId: { in: [...variantGids] } },
    select: { id: true, shopifyId: true },
  });
  return new Map(variants.map((v) => [v.shopifyId, v.id]));
}

/** Writes the planned orders, their lines and the aggregates they touch in one transaction; variant ids per order. */
async function writeOrders(db: Db, shopId: string, plans: OrderPlan[]): Promise<Map<string, string[]>> {
  return shopTransaction(
    db,
    shopId,
    async (tx, root) => {
      const orderIds = await upsertOrders(tx, plans);
      const touched = await replaceLines(tx, shopId, plans, orderIds);
      const pairs = touched.all();
      await lockAggregates(tx, pairs);
      await recomputeAggregatesMany(tx, shopId, pairs, root);
      return new Map(plans.map((p) => [p.orderGid, touched.variantsOf(p.orderGid)]));
      // Waiting for another worker's locks counts in the transaction's time: as long as any statement may take.
    },
    { maxWait: 10_000, timeout: readTimeouts().databaseMs },
  );
}

/**
 * Known orders are updated one by one, new ones inserted together (an order inserted meanwhile by another worker
 * fails the transaction on the unique index, and its deliveries are applied again one by one). Order id by gid.
 */
async function upsertOrders(tx: ShopDb, plans: OrderPlan[]): Promise<Map<string, string>> {
  const orderIds = new Map(
    (
      await tx.order.findMany({
        where: { shopifyId: { in: plans.map((p) => p.orderGid) } },
        select: { id: true, shopifyId: true },
      })
    ).map((o) => [o.shopifyId, o.id]),
  );
  const fresh: Prisma.OrderCreateManyInput[] = [];
  for (const plan of plans) {
    const id = orderIds.get(plan.orderGid);
    if (id) await tx.order.update({ where: { id }, data: plan.orderData });
    else {
      const row = { id: createId(), shopifyId: plan.orderGid, ...plan.orderData } as Prisma.OrderCreateManyInput;
      fresh.push(row);
      orderIds.set(plan.orderGid, row.id!);
    }
  }
  if (fresh.length > 0) await tx.order.createMany({ data: fresh });
  return orderIds;
}

/** The (variant, day) pairs whose aggregates the written lines change, before or after, per order. */
class TouchedPairs {
  private readonly byOrder = new Map<string, Map<string, Pair>>();
  private readonly every = new Map<string, Pair>();
  touch(orderGid: string, variantId: string | null | undefined, day: string | null | undefined): void {
    if (!variantId || !day) return;
    const key = `${variantId}|${day}`;
    const pair = { variantId, day };
    this.every.set(key, pair);
    const mine = this.byOrder.get(orderGid) ?? new Map<string, Pair>();
    mine.set(key, pair);
    this.byOrder.set(orderGid, mine);
  }
  all(): Pair[] {
    return [...this.every.values()];
  }
  variantsOf(orderGid: string): string[] {
    return [...new Set([...(this.byOrder.get(orderGid)?.values() ?? [])].map((k) => k.variantId))].sort();
  }
}

/**
 * Replaces each order's lines with the planned ones: lines no longer in the order are deleted, a new order's lines
 * inserted together, a known order's upserted one by one. Returns the pairs touched before or after.
 */
async function replaceLines(
  tx: ShopDb,
  shopId: string,
  plans: OrderPlan[],
  orderIds: Map<string, string>,
): Promise<TouchedPairs> {
  const before = await tx.orderLine.findMany({
    where: { orderId: { in: [...orderIds.values()] } },
    select: { orderId: true, shopifyId: true, variantId: true, contributedDay: true },
  });
  const beforeOf = new Map<string, typeof before>();
  for (const b of before) beforeOf.set(b.orderId, [...(beforeOf.get(b.orderId) ?? []), b]);
  const touched = new TouchedPairs();
  const removed: string[] = [];
  const created: Prisma.OrderLineCreateManyInput[] = [];
  for (const plan of plans) {
    const orderId = orderIds.get(plan.orderGid)!;
    const previous = beforeOf.get(orderId) ?? [];
    for (const b of previous) touched.touch(plan.orderGid, b.variantId, b.contributedDay);
    const keep = new Set(plan.lines.map((l) => l.shopifyId));
    removed.push(...previous.filter((b) => !keep.has(b.shopifyId)).map((b) => b.shopifyId));
    for (const line of plan.lines) {
      touched.touch(plan.orderGid, line.variantId, line.contributedDay);
      if (previous.length === 0) created.push({ ...line, orderId } as Prisma.OrderLineCreateManyInput);
      else
        await tx.orderLine.upsert({
          where: { shopId_shopifyId: { shopId, shopifyId: line.shopifyId } },
          create: { ...line, orderId } as Prisma.OrderLineUncheckedCreateInput,
          update: { ...line, orderId },
        });
    }
  }
  if (removed.length > 0) await tx.orderLine.deleteMany({ where: { shopifyId: { in: removed } } });
  if (created.length > 0) await tx.orderLine.createMany({ data: created });
  return touched;
}

interface Pair {
  variantId: string;
  day: string;
}

/**
 * PostgreSQL (READ COMMITTED): locks the DailySales rows of these (variant, day) pairs, creating empty ones first, so
 * two workers never rebuild the same aggregate from different snapshots of its lines: the second waits for the first
 * to commit, then reads every line. Rows are taken in (variant, day) order; a rare deadlock fails one transaction,
 * whose deliveries are applied again. SQLite has one writer at a time: nothing to do.
 */
async function lockAggregates(s: ShopDb, pairs: Pair[]): Promise<void> {
  if (pairs.length === 0 || databaseTarget().provider !== "postgres") return;
  const sorted = [...pairs].sort((a, b) =>
    a.variantId === b.variantId ? (a.day < b.day ? -1 : 1) : a.variantId < b.variantId ? -1 : 1,
  );
  // The client is typed as SQLite's, which has no skipDuplicates (PostgreSQL's: ON CONFLICT DO NOTHING).
  const createMany = s.dailySales.createMany as unknown as (args: {
    data: Pair[];
    skipDuplicates: boolean;
  }) => Promise<unknown>;
  await createMany({ data: sorted, skipDuplicates: true });
  await s.dailySales.updateMany({ where: { OR: sorted }, data: { lines: { increment: 0 } } });
}

/** DailySales and CustomerDailySales of one variant and day, rebuilt from the stored lines' contributions. */
export async function recomputeAggregates(s: ShopDb, shopId: string, variantId: string, day: string): Promise<void> {
  await recomputeAggregatesMany(s, shopId, [{ variantId, day }]);
}

/**
 * The same for several (variant, day) pairs, with a few queries for all of them. Existing DailySales rows are
 * rewritten by ONE statement when `root` (the same transaction, unscoped) is given, else one update each.
 */
export async function recomputeAggregatesMany(
  s: ShopDb,
  shopId: string,
  pairs: Pair[],
  root?: Prisma.TransactionClient,
): Promise<void> {
  if (pairs.length === 0) return;
  const wanted = new Map(pairs.map((p) => [keyOf(p), p]));
  const variantIds = [...new Set(pairs.map((p) => p.variantId))];
  const days = [...new Set(pairs.map((p) => p.day))];
  // Every line of these variants on these days (a superset of the pairs when both lists have several values).
  const lines = await s.orderLine.findMany({
    where: { variantId: { in: variantIds }, contributedDay: { in: days } },
    select: CONTRIBUTION_SELECT,
  });
  const totals = sumContributions(lines, wanted);
  await writeDailySales(s, shopId, { wanted, variantIds, days }, totals, root);
  await writeCustomerDailySales(s, wanted, totals);
}

const keyOf = (p: { variantId: string | null; day: string | null }) => `${p.variantId}|${p.day}`;

interface Totals {
  lines: number;
  units: number;
  refundedUnits: number;
  grossMilli: number;
  discountMilli: number;
  refundedMilli: number;
  perCustomer: Map<string, { units: number; net: number }>;
}

/** What the aggregates are rebuilt from: each stored line's contribution. */
const CONTRIBUTION_SELECT = {
  variantId: true,
  contributedDay: true,
  contributedCustomerKey: true,
  contributedUnits: true,
  contributedRefundedUnits: true,
  contributedGross: true,
  contributedDiscount: true,
  contributedRefunded: true,
} satisfies Prisma.OrderLineSelect;

type StoredContribution = Prisma.OrderLineGetPayload<{ select: typeof CONTRIBUTION_SELECT }>;

/** The stored lines' contributions summed per wanted (variant, day), and per customer within it. */
function sumContributions(lines: StoredContribution[], wanted: Map<string, Pair>): Map<string, Totals> {
  const totals = new Map<string, Totals>();
  for (const l of lines) {
    const key = `${l.variantId}|${l.contributedDay}`;
    if (!wanted.has(key)) continue;
    const total = totals.get(key) ?? {
      lines: 0,
      units: 0,
      refundedUnits: 0,
      grossMilli: 0,
      discountMilli: 0,
      refundedMilli: 0,
      perCustomer: new Map(),
    };
    totals.set(key, total);
    const c = {
      units: l.contributedUnits,
      refundedUnits: l.contributedRefundedUnits,
      grossMilli: milliOf(l.contributedGross, "contributedGross"),
      discountMilli: milliOf(l.contributedDiscount, "contributedDiscount"),
      refundedMilli: milliOf(l.contributedRefunded, "contributedRefunded"),
    };
    total.lines++;
    total.units += c.units;
    total.refundedUnits += c.refundedUnits;
    total.grossMilli += c.grossMilli;
    total.discountMilli += c.discountMilli;
    total.refundedMilli += c.refundedMilli;
    if (l.contributedCustomerKey) {
      const agg = total.perCustomer.get(l.contributedCustomerKey) ?? { units: 0, net: 0 };
      agg.units += c.units;
      agg.net += netMilli(c);
      total.perCustomer.set(l.contributedCustomerKey, agg);
    }
  }
  return totals;
}

/**
 * DailySales of the wanted pairs set to the totals: rows without lines any more are deleted, new ones inserted
 * together, existing ones rewritten by ONE statement when `root` is given, else one update each.
 */
async function writeDailySales(
  s: ShopDb,
  shopId: string,
  keys: { wanted: Map<string, Pair>; variantIds: string[]; days: string[] },
  totals: Map<string, Totals>,
  root?: Prisma.TransactionClient,
): Promise<void> {
  const { wanted, variantIds, days } = keys;
  const pairs = [...wanted.values()];
  const stored = new Set(
    (
      await s.dailySales.findMany({
        where: { variantId: { in: variantIds }, day: { in: days } },
        select: { variantId: true, day: true },
      })
    ).map(keyOf),
  );
  const gone = pairs.filter((p) => !totals.has(keyOf(p)) && stored.has(keyOf(p)));
  if (gone.length > 0)
    await s.dailySales.deleteMany({ where: { OR: gone.map((p) => ({ variantId: p.variantId, day: p.day })) } });
  const created: Prisma.DailySalesCreateManyInput[] = [];
  const updated: DailyRow[] = [];
  // Sorted: two writers of overlapping pairs take the rows' locks in the same order.
  for (const [key, total] of [...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const { variantId, day } = wanted.get(key)!;
    const data = {
      units: total.units,
      refundedUnits: total.refundedUnits,
      lines: total.lines,
      grossRevenue: fromMilli(total.grossMilli),
      discounts: fromMilli(total.discountMilli),
      refunds: fromMilli(total.refundedMilli),
      netRevenue: fromMilli(netMilli(total)),
      avgPrice: total.units > 0 ? fromMilli((total.grossMilli - total.discountMilli) / total.units) : null,
    };
    if (!stored.has(key)) created.push({ variantId, day, ...data } as Prisma.DailySalesCreateManyInput);
    else if (root) updated.push({ variantId, day, ...data });
    else await s.dailySales.update({ where: { shopId_variantId_day: { shopId, variantId, day } }, data });
  }
  if (updated.length > 0) await updateDailySales(root!, shopId, updated);
  if (created.length > 0) await s.dailySales.createMany({ data: created });
}

/** CustomerDailySales of the wanted pairs replaced by the per-customer totals. */
async function writeCustomerDailySales(
  s: ShopDb,
  wanted: Map<string, Pair>,
  totals: Map<string, Totals>,
): Promise<void> {
  await s.customerDailySales.deleteMany({
    where: { OR: [...wanted.values()].map((p) => ({ variantId: p.variantId, day: p.day })) },
  });
  const customers: Prisma.CustomerDailySalesCreateManyInput[] = [];
  for (const [key, total] of totals) {
    const { variantId, day } = wanted.get(key)!;
    for (const [customerKey, v] of total.perCustomer) {
      customers.push({
        customerKey,
        variantId,
        day,
        units: v.units,
        netRevenue: fromMilli(v.net),
      } as Prisma.CustomerDailySalesCreateManyInput);
    }
  }
  if (customers.length > 0) await s.customerDailySales.createMany({ data: customers });
}

interface DailyRow {
  variantId: string;
  day: string;
  units: number;
  refundedUnits: number;
  lines: number;
  grossRevenue: string;
  discounts: string;
  refunds: string;
  netRevenue: string;
  avgPrice: string | null;
}

const DAILY_COLUMNS = [
  "units",
  "refundedUnits",
  "lines",
  "grossRevenue",
  "discounts",
  "refunds",
  "netRevenue",
  "avgPrice",
] as const;

/**
 * Rewrites existing DailySales rows of one shop in one statement: UPDATE ... FROM (VALUES ...). Reviewed raw SQL
 * (outside forShop): every row is matched on "shopId" = the shop, as well as variant and day. Values as Prisma writes
 * them: PostgreSQL with explicit casts; SQLite converts by column affinity, dates as ISO text (app/db/bulk.server.ts).
 */
async function updateDailySales(root: Prisma.TransactionClient, shopId: string, rows: DailyRow[]): Promise<void> {
  const types = [
    "text",
    "text",
    "integer",
    "integer",
    "integer",
    "numeric",
    "numeric",
    "numeric",
    "numeric",
    "numeric",
  ];
  const { params, mark } = rawParams(databaseTarget().provider);
  // In the order they appear in the statement (SQLite's "?" are positional).
  const now = mark(new Date(), "timestamp(3)");
  const values = rows
    .map(
      (r) => `(${[r.variantId, r.day, ...DAILY_COLUMNS.map((c) => r[c])].map((v, i) => mark(v, types[i])).join(", ")})`,
    )
    .join(", ");
  const shop = mark(shopId, "text");
  const set = DAILY_COLUMNS.map((c, i) => `"${c}" = v.column${i + 3}`).join(", ");
  await root.$executeRawUnsafe(
    `UPDATE "DailySales" SET ${set}, "updatedAt" = ${now} FROM (VALUES ${values}) AS v ` +
      `WHERE "DailySales"."shopId" = ${shop} AND "DailySales"."variantId" = v.column1 AND "DailySales"."day" = v.column2`,
    ...params,
  );
}

/** Where the order is fulfilled from: its first fulfillment's location, else the (retail) location it names. */
function orderLocation(order: Json): string | null {
  const first = arr(order.fulfillments).find(isObj);
  return gid("Location", first?.location_id) ?? gid("Location", order.location_id);
}
