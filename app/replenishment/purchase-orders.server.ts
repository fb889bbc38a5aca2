// Purchase orders: drafts from approved reorder decisions (one open draft per vendor, numbered PO-0001.. per
// shop), expected arrival, sent / cancelled, receiving. Idempotent per decision: each line a decision adds is
// recorded as an AuditEvent (purchase_order.line_added, decisionId) and a retry finds it instead of adding again.
import { createHash } from "node:crypto";
import type { ShopContext } from "~/services/shop.server";
import { addDays, dayInZone } from "~/lib/days";
import { getJobQueue } from "~/jobs/index.server";
import { enqueueVariantRecompute } from "~/jobs/standard";
import { isIsoDay, leadTimeDays, nextNumber, statusAfterReceiving, type PurchaseOrderStatus } from "./rules";
import { enqueueReceiptPush, receiptLocation, RECEIPT_PUSH_PENDING } from "./receipts.server";
import { snapshotSupplierTerms } from "./documents.server";
import { isUniqueViolation } from "~/db/unique-violation";

export type PurchaseOrderErrorCode =
  | "PURCHASE_ORDERS.NOT_FOUND"
  | "PURCHASE_ORDERS.INVALID_TRANSITION"
  | "PURCHASE_ORDERS.INVALID_VALUE"
  | "PURCHASE_ORDERS.OVER_RECEIPT"
  | "PURCHASE_ORDERS.UNKNOWN_LOCATION"
  | "PURCHASE_ORDERS.LOCATION_REQUIRED"
  | "PURCHASE_ORDERS.ALREADY_CORRECTED";

export type PoResult<T = object> =
  ({ ok: true } & T) | { ok: false; code: PurchaseOrderErrorCode; field?: string; message: string };

export interface DraftLineInput {
  recommendationId: string;
  variantId: string;
  quantity: number;
  /** Destination (Location.id) of the plan the reorder came from; null for a variant-wide plan. */
  locationId?: string | null;
}

const LINE_ADDED = "purchase_order.line_added";
const OPEN_STATUSES = ["draft", "sent", "partially_received"] as const;

const dayDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** Today in the shop's time zone, YYYY-MM-DD. */
export function shopToday(shop: Pick<ShopContext, "timezone">, now = new Date()): string {
  try {
    return dayInZone(now, shop.timezone);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/**
 * One draft purchase order per vendor for the approved reorder lines. An open draft of the same vendor is
 * reused (a line for the same variant gets the extra units). Calling again with the same decisions returns
 * the same purchase orders and adds nothing.
 */
export async function createPurchaseOrderDrafts(
  shop: ShopContext,
  input: { actor: string; decisionIdByRecommendation: Map<string, string>; lines: DraftLineInput[] },
): Promise<{ purchaseOrderIds: string[] }> {
  const decisionOf = (recommendationId: string) => {
    const id = input.decisionIdByRecommendation.get(recommendationId);
    if (!id) throw new Error(`createPurchaseOrderDrafts: no decision for recommendation ${recommendationId}`);
    return id;
  };
  for (const line of input.lines) {
    if (!Number.isInteger(line.quantity) || line.quantity <= 0) {
      throw new Error(
        `createPurchaseOrderDrafts: quantity must be a positive integer (recommendation ${line.recommendationId})`,
      );
    }
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeDrafts(shop, input.actor, input.lines, decisionOf);
    } catch (error) {
      // Two approvals numbering a purchase order at once: the unique (shopId, number) refuses one; retry.
      const clash = isUniqueViolation(error);
      if (!clash || attempt >= 5) throw error;
    }
  }
}

async function writeDrafts(
  shop: ShopContext,
  actor: string,
  lines: DraftLineInput[],
  decisionOf: (recommendationId: string) => string,
): Promise<{ purchaseOrderIds: string[] }> {
  return shop.db.$transaction(async (tx) => {
    const decisionIds = lines.map((l) => decisionOf(l.recommendationId));
    const done = await tx.auditEvent.findMany({
      where: { action: LINE_ADDED, decisionId: { in: decisionIds } },
      select: { decisionId: true, entityId: true },
    });
    const poIds = new Set(done.map((e) => e.entityId!));
    const doneDecisions = new Set(done.map((e) => e.decisionId));
    const todo = lines.filter((l) => !doneDecisions.has(decisionOf(l.recommendationId)));
    if (todo.length === 0) return { purchaseOrderIds: [...poIds] };

    const variants = await tx.variant.findMany({
      where: { id: { in: todo.map((l) => l.variantId) } },
      select: { id: true, vendor: true, unitCost: true },
    });
    const variantById = new Map(variants.map((v) => [v.id, v]));
    // One draft per vendor and destination.
    const byVendor = new Map<string, DraftLineInput[]>();
    const keyOf = (vendor: string, locationId: string | null) => JSON.stringify([vendor, locationId]);
    for (const line of todo) {
      const v = variantById.get(line.variantId);
      if (!v) throw new Error(`createPurchaseOrderDrafts: variant ${line.variantId} is not in this shop`);
      const key = keyOf(v.vendor?.trim() ?? "", line.locationId ?? null);
      byVendor.set(key, [...(byVendor.get(key) ?? []), line]);
    }
    const vendors = [...byVendor.keys()].map((k) => (JSON.parse(k) as [string, string | null])[0]);
    const terms = new Map(
      (await tx.vendorSettings.findMany({ where: { vendor: { in: vendors } } })).map((t) => [t.vendor, t]),
    );
    const numbers = (await tx.purchaseOrder.findMany({ select: { number: true } })).map((p) => p.number);
    const today = shopToday(shop);

    for (const [key, vendorLines] of byVendor) {
      const [vendor, locationId] = JSON.parse(key) as [string, string | null];
      let po = await tx.purchaseOrder.findFirst({
        where: { vendor, status: "draft", locationId },
        orderBy: { createdAt: "desc" },
        select: { id: true, expectedAt: true },
      });
      if (!po) {
        const number = nextNumber(numbers);
        numbers.push(number);
        const expectedAt = dayDate(addDays(today, leadTimeDays(terms.get(vendor)?.leadTimeMeanDays)));
        po = await tx.purchaseOrder.create({
          data: {
            shopId: shop.id,
            number,
            vendor,
            status: "draft",
            currency: shop.currency,
            expectedAt,
            locationId,
            decisionId: decisionOf(vendorLines[0].recommendationId),
          },
          select: { id: true, expectedAt: true },
        });
        await tx.auditEvent.create({
          data: {
            shopId: shop.id,
            actor,
            action: "purchase_order.created",
            entityType: "PurchaseOrder",
            entityId: po.id,
            data: JSON.stringify({ number, vendor, locationId }),
          },
        });
      }
      poIds.add(po.id);
      for (const line of vendorLines) {
        const existing = await tx.purchaseOrderLine.findFirst({
          where: { purchaseOrderId: po.id, variantId: line.variantId },
        });
        const row = existing
          ? await tx.purchaseOrderLine.update({
              where: { id: existing.id },
              data: { quantity: existing.quantity + line.quantity },
            })
          : await tx.purchaseOrderLine.create({
              data: {
                shopId: shop.id,
                purchaseOrderId: po.id,
                variantId: line.variantId,
                quantity: line.quantity,
                unitCost: variantById.get(line.variantId)!.unitCost,
                expectedAt: po.expectedAt,
              },
            });
        await tx.auditEvent.create({
          data: {
            shopId: shop.id,
            actor,
            action: LINE_ADDED,
            entityType: "PurchaseOrder",
            entityId: po.id,
            decisionId: decisionOf(line.recommendationId),
            data: JSON.stringify({
              recommendationId: line.recommendationId,
              variantId: line.variantId,
              quantity: line.quantity,
              lineId: row.id,
            }),
          },
        });
      }
    }
    return { purchaseOrderIds: [...poIds] };
  });
}

export async function updateExpectedDate(
  shop: ShopContext,
  input: { actor: string; purchaseOrderId: string; expectedAt: string },
): Promise<PoResult> {
  if (!isIsoDay(input.expectedAt)) {
    return {
      ok: false,
      code: "PURCHASE_ORDERS.INVALID_VALUE",
      field: "expectedAt",
      message: "The expected date must be a valid date (YYYY-MM-DD).",
    };
  }
  const po = await shop.db.purchaseOrder.findFirst({
    where: { id: input.purchaseOrderId },
    select: { id: true, status: true, expectedAt: true },
  });
  if (!po) return notFound();
  if (po.status === "received" || po.status === "cancelled") return badTransition(po.status, "reschedule");
  const expectedAt = dayDate(input.expectedAt);
  await shop.db.$transaction([
    shop.db.purchaseOrder.update({ where: { id: po.id }, data: { expectedAt } }),
    shop.db.purchaseOrderLine.updateMany({ where: { purchaseOrderId: po.id }, data: { expectedAt } }),
    audit(shop, input.actor, "purchase_order.rescheduled", po.id, {
      before: po.expectedAt?.toISOString().slice(0, 10) ?? null,
      after: input.expectedAt,
    }),
  ]);
  await recomputeLinesOf(shop, po.id);
  return { ok: true };
}

const TRANSITIONS: Record<"sent" | "cancelled", readonly PurchaseOrderStatus[]> = {
  sent: ["draft"],
  cancelled: ["draft", "sent"],
};

export async function setPurchaseOrderStatus(
  shop: ShopContext,
  input: { actor: string; purchaseOrderId: string; status: "sent" | "cancelled" },
): Promise<PoResult> {
  const po = await shop.db.purchaseOrder.findFirst({
    where: { id: input.purchaseOrderId },
    select: { id: true, status: true },
  });
  if (!po) return notFound();
  if (!TRANSITIONS[input.status].includes(po.status as PurchaseOrderStatus))
    return badTransition(po.status, input.status);
  await shop.db.$transaction([
    shop.db.purchaseOrder.update({
      where: { id: po.id },
      data: { status: input.status, ...(input.status === "sent" ? { sentAt: new Date() } : {}) },
    }),
    audit(shop, input.actor, `purchase_order.${input.status}`, po.id, { before: po.status, after: input.status }),
  ]);
  // The vendor's references and prices of the day stay with what was sent.
  if (input.status === "sent") await snapshotSupplierTerms(shop.db, po.id, shop.currency);
  if (input.status === "cancelled") await recomputeLinesOf(shop, po.id);
  return { ok: true };
}

export interface ReceiptInput {
  actor: string;
  purchaseOrderId: string;
  /** One key per receipt the merchant submits: a replay (double click, retried request) records nothing more. */
  idempotencyKey: string;
  lines: { lineId: string; quantity: number }[];
  /** Where the units arrived (Location.id). Default: the purchase order's destination, else the shop's only location. */
  locationId?: string;
}

/** The receipt's AuditEvent id: derived from the key, so a replay collides on the primary key. */
export function receiptIdOf(shopId: string, purchaseOrderId: string, idempotencyKey: string): string {
  return `rcpt_${createHash("sha256").update(`${shopId}\n${purchaseOrderId}\n${idempotencyKey}`).digest("hex").slice(0, 32)}`;
}

class ReceiptConflict extends Error {}

/**
 * Adds received units per line, never more than ordered; the status follows. Lines named twice are summed.
 * Check and write are atomic on both databases: the transaction first writes the purchase-order row (a row
 * lock on PostgreSQL until commit, the write lock on SQLite), then reads the lines and updates each one only
 * if its received units are still those it read (`updateMany where receivedQuantity = read`).
 */
export async function receiveUnits(
  shop: ShopContext,
  input: ReceiptInput,
): Promise<PoResult<{ status: PurchaseOrderStatus; replayed: boolean }>> {
  const wanted = new Map<string, { quantity: number; index: number }>();
  for (const [i, l] of input.lines.entries()) {
    if (!Number.isInteger(l.quantity) || l.quantity < 0) {
      return {
        ok: false,
        code: "PURCHASE_ORDERS.INVALID_VALUE",
        field: `lines.${i}.quantity`,
        message: "Received units must be a whole number, 0 or more.",
      };
    }
    const prev = wanted.get(l.lineId);
    wanted.set(l.lineId, { quantity: (prev?.quantity ?? 0) + l.quantity, index: prev?.index ?? i });
  }
  const receiptId = receiptIdOf(shop.id, input.purchaseOrderId, input.idempotencyKey);
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await shop.db.$transaction((tx) =>
        receiveInTransaction(tx as unknown as ShopContext["db"], shop, input, wanted, receiptId),
      );
      if (result.ok && !result.replayed) await recomputeLinesOf(shop, input.purchaseOrderId);
      // Shopify's stock follows through the receipt's job (also on a replay, in case the first enqueue was lost).
      if (result.ok) await enqueueReceiptPush(shop, receiptId);
      return result;
    } catch (error) {
      // The same receipt committed by a concurrent request: its primary key refuses this one.
      if (isUniqueViolation(error)) return replayOf(shop, input.purchaseOrderId);
      if (!(error instanceof ReceiptConflict) || attempt >= 3) throw error;
    }
  }
}

async function receiveInTransaction(
  tx: ShopContext["db"],
  shop: ShopContext,
  input: ReceiptInput,
  wanted: Map<string, { quantity: number; index: number }>,
  receiptId: string,
): Promise<PoResult<{ status: PurchaseOrderStatus; replayed: boolean }>> {
  const now = new Date();
  const locked = await tx.purchaseOrder.updateMany({
    where: { id: input.purchaseOrderId, status: { in: [...OPEN_STATUSES] } },
    data: { updatedAt: now },
  });
  if (await tx.auditEvent.findUnique({ where: { id: receiptId }, select: { id: true } }))
    return replayOf(shop, input.purchaseOrderId, tx);
  const po = await tx.purchaseOrder.findFirst({
    where: { id: input.purchaseOrderId },
    select: {
      id: true,
      status: true,
      sentAt: true,
      locationId: true,
      lines: { select: { id: true, variantId: true, quantity: true, receivedQuantity: true } },
    },
  });
  if (!po) return notFound();
  if (locked.count === 0) return badTransition(po.status, "receive");
  const location = await receiptLocation(tx, input.locationId ?? po.locationId);
  if (!location.ok) return location;
  const byId = new Map(po.lines.map((l) => [l.id, l]));
  for (const [lineId, { quantity, index }] of wanted) {
    const line = byId.get(lineId);
    if (!line)
      return {
        ok: false,
        code: "PURCHASE_ORDERS.NOT_FOUND",
        field: `lines.${index}.lineId`,
        message: "This line is not on the purchase order.",
      };
    if (line.receivedQuantity + quantity > line.quantity) {
      return {
        ok: false,
        code: "PURCHASE_ORDERS.OVER_RECEIPT",
        field: `lines.${index}.quantity`,
        message: `At most ${line.quantity - line.receivedQuantity} units are still expected on this line (${quantity} entered).`,
      };
    }
  }
  const received = new Map(po.lines.map((l) => [l.id, l.receivedQuantity]));
  for (const [lineId, { quantity }] of wanted) {
    if (quantity === 0) continue;
    const before = received.get(lineId)!;
    const written = await tx.purchaseOrderLine.updateMany({
      where: { id: lineId, receivedQuantity: before },
      data: { receivedQuantity: before + quantity },
    });
    if (written.count !== 1) throw new ReceiptConflict(`line ${lineId} changed during the receipt`);
    received.set(lineId, before + quantity);
  }
  const status = statusAfterReceiving(
    po.lines.map((l) => ({ quantity: l.quantity, receivedQuantity: received.get(l.id)! })),
    po.status as PurchaseOrderStatus,
  );
  await tx.purchaseOrder.update({
    where: { id: po.id },
    data: { status, ...(status === "received" ? { receivedAt: now } : {}), ...(po.sentAt ? {} : { sentAt: now }) },
  });
  const lines = [...wanted].map(([lineId, { quantity }]) => ({ lineId, quantity }));
  await tx.auditEvent.create({
    data: {
      id: receiptId,
      shopId: shop.id,
      actor: input.actor,
      action: "purchase_order.received",
      entityType: "PurchaseOrder",
      entityId: po.id,
      data: JSON.stringify({ lines, before: po.status, after: status, locationId: location.id }),
    },
  });
  const variantOf = new Map(po.lines.map((l) => [l.id, l.variantId]));
  const moved = lines.filter((l) => l.quantity !== 0).map((l) => ({ ...l, variantId: variantOf.get(l.lineId)! }));
  await tx.inventoryReceipt.create({
    data: {
      id: receiptId,
      shopId: shop.id,
      purchaseOrderId: po.id,
      locationId: location.id,
      lines: JSON.stringify(moved),
      actor: input.actor,
      // A receipt of zero units has nothing to write to Shopify.
      pushStatus: moved.length > 0 ? RECEIPT_PUSH_PENDING : "skipped",
    },
  });
  return { ok: true, status, replayed: false };
}

/** A receipt already recorded: nothing more is written; the answer is the purchase order's status now. */
async function replayOf(
  shop: ShopContext,
  purchaseOrderId: string,
  db: ShopContext["db"] = shop.db,
): Promise<PoResult<{ status: PurchaseOrderStatus; replayed: boolean }>> {
  const po = await db.purchaseOrder.findFirst({ where: { id: purchaseOrderId }, select: { status: true } });
  return po ? { ok: true, status: po.status as PurchaseOrderStatus, replayed: true } : notFound();
}

/** Units on order changed: the variants' plans are recomputed (one coalesced job per variant). */
async function recomputeLinesOf(shop: ShopContext, purchaseOrderId: string): Promise<void> {
  const lines = await shop.db.purchaseOrderLine.findMany({ where: { purchaseOrderId }, select: { variantId: true } });
  const queue = getJobQueue();
  for (const variantId of new Set(lines.map((l) => l.variantId)))
    await enqueueVariantRecompute(queue, shop.id, variantId);
}

function audit(shop: ShopContext, actor: string, action: string, purchaseOrderId: string, data: unknown) {
  return shop.db.auditEvent.create({
    data: {
      shopId: shop.id,
      actor,
      action,
      entityType: "PurchaseOrder",
      entityId: purchaseOrderId,
      data: JSON.stringify(data),
    },
  });
}

function notFound(): { ok: false; code: "PURCHASE_ORDERS.NOT_FOUND"; message: string } {
  return { ok: false, code: "PURCHASE_ORDERS.NOT_FOUND", message: "This purchase order does not exist in this shop." };
}

function badTransition(
  from: string,
  to: string,
): { ok: false; code: "PURCHASE_ORDERS.INVALID_TRANSITION"; message: string } {
  return {
    ok: false,
    code: "PURCHASE_ORDERS.INVALID_TRANSITION",
    message: `A ${from} purchase order cannot be ${to === "receive" ? "received" : to === "reschedule" ? "rescheduled" : `marked ${to}`}.`,
  };
}

export { OPEN_STATUSES };
