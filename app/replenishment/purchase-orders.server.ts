// Purchase orders: drafts from approved reorder decisions (one open draft per vendor, numbered PO-0001.. per
// shop), expected arrival, sent / cancelled, receiving. Idempotent per decision: each line a decision adds is
// recorded as an AuditEvent (purchase_order.line_added, decisionId) and a retry finds it instead of adding again.
import { Prisma } from "@prisma/client";
import type { ShopContext } from "~/services/shop.server";
import { addDays, dayInZone } from "~/lib/days";
import { getJobQueue } from "~/jobs/index.server";
import { enqueueVariantRecompute } from "~/jobs/standard";
import { isIsoDay, leadTimeDays, nextNumber, statusAfterReceiving, type PurchaseOrderStatus } from "./rules";

export type PurchaseOrderErrorCode =
  | "PURCHASE_ORDERS.NOT_FOUND"
  | "PURCHASE_ORDERS.INVALID_TRANSITION"
  | "PURCHASE_ORDERS.INVALID_VALUE";

export type PoResult<T = object> = ({ ok: true } & T) | { ok: false; code: PurchaseOrderErrorCode; field?: string; message: string };

export interface DraftLineInput {
  recommendationId: string;
  variantId: string;
  quantity: number;
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
      throw new Error(`createPurchaseOrderDrafts: quantity must be a positive integer (recommendation ${line.recommendationId})`);
    }
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeDrafts(shop, input.actor, input.lines, decisionOf);
    } catch (error) {
      // Two approvals numbering a purchase order at once: the unique (shopId, number) refuses one; retry.
      const clash = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
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
    const byVendor = new Map<string, DraftLineInput[]>();
    for (const line of todo) {
      const v = variantById.get(line.variantId);
      if (!v) throw new Error(`createPurchaseOrderDrafts: variant ${line.variantId} is not in this shop`);
      const vendor = v.vendor?.trim() ?? "";
      byVendor.set(vendor, [...(byVendor.get(vendor) ?? []), line]);
    }
    const terms = new Map(
      (await tx.vendorSettings.findMany({ where: { vendor: { in: [...byVendor.keys()] } } })).map((t) => [t.vendor, t]),
    );
    const numbers = (await tx.purchaseOrder.findMany({ select: { number: true } })).map((p) => p.number);
    const today = shopToday(shop);

    for (const [vendor, vendorLines] of byVendor) {
      let po = await tx.purchaseOrder.findFirst({
        where: { vendor, status: "draft" },
        orderBy: { createdAt: "desc" },
        select: { id: true, expectedAt: true },
      });
      if (!po) {
        const number = nextNumber(numbers);
        numbers.push(number);
        const expectedAt = dayDate(addDays(today, leadTimeDays(terms.get(vendor)?.leadTimeMeanDays)));
        po = await tx.purchaseOrder.create({
          data: { shopId: shop.id, number, vendor, status: "draft", currency: shop.currency, expectedAt, decisionId: decisionOf(vendorLines[0].recommendationId) },
          select: { id: true, expectedAt: true },
        });
        await tx.auditEvent.create({
          data: { shopId: shop.id, actor, action: "purchase_order.created", entityType: "PurchaseOrder", entityId: po.id, data: JSON.stringify({ number, vendor }) },
        });
      }
      poIds.add(po.id);
      for (const line of vendorLines) {
        const existing = await tx.purchaseOrderLine.findFirst({ where: { purchaseOrderId: po.id, variantId: line.variantId } });
        const row = existing
          ? await tx.purchaseOrderLine.update({ where: { id: existing.id }, data: { quantity: existing.quantity + line.quantity } })
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
            data: JSON.stringify({ recommendationId: line.recommendationId, variantId: line.variantId, quantity: line.quantity, lineId: row.id }),
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
    return { ok: false, code: "PURCHASE_ORDERS.INVALID_VALUE", field: "expectedAt", message: "The expected date must be a valid date (YYYY-MM-DD)." };
  }
  const po = await shop.db.purchaseOrder.findFirst({ where: { id: input.purchaseOrderId }, select: { id: true, status: true, expectedAt: true } });
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
  const po = await shop.db.purchaseOrder.findFirst({ where: { id: input.purchaseOrderId }, select: { id: true, status: true } });
  if (!po) return notFound();
  if (!TRANSITIONS[input.status].includes(po.status as PurchaseOrderStatus)) return badTransition(po.status, input.status);
  await shop.db.$transaction([
    shop.db.purchaseOrder.update({
      where: { id: po.id },
      data: { status: input.status, ...(input.status === "sent" ? { sentAt: new Date() } : {}) },
    }),
    audit(shop, input.actor, `purchase_order.${input.status}`, po.id, { before: po.status, after: input.status }),
  ]);
  if (input.status === "cancelled") await recomputeLinesOf(shop, po.id);
  return { ok: true };
}

/** Adds received units per line (never more than ordered); the status follows. */
export async function receiveUnits(
  shop: ShopContext,
  input: { actor: string; purchaseOrderId: string; lines: { lineId: string; quantity: number }[] },
): Promise<PoResult<{ status: PurchaseOrderStatus }>> {
  const po = await shop.db.purchaseOrder.findFirst({
    where: { id: input.purchaseOrderId },
    select: { id: true, status: true, sentAt: true, lines: { select: { id: true, quantity: true, receivedQuantity: true } } },
  });
  if (!po) return notFound();
  if (po.status === "received" || po.status === "cancelled") return badTransition(po.status, "receive");
  const byId = new Map(po.lines.map((l) => [l.id, l]));
  for (const [i, l] of input.lines.entries()) {
    const line = byId.get(l.lineId);
    const field = `lines.${i}.quantity`;
    if (!line) return { ok: false, code: "PURCHASE_ORDERS.NOT_FOUND", field: `lines.${i}.lineId`, message: "This line is not on the purchase order." };
    if (!Number.isInteger(l.quantity) || l.quantity < 0) {
      return { ok: false, code: "PURCHASE_ORDERS.INVALID_VALUE", field, message: "Received units must be a whole number, 0 or more." };
    }
    if (line.receivedQuantity + l.quantity > line.quantity) {
      return { ok: false, code: "PURCHASE_ORDERS.INVALID_VALUE", field, message: `At most ${line.quantity - line.receivedQuantity} units are still expected on this line.` };
    }
  }
  const received = new Map(po.lines.map((l) => [l.id, l.receivedQuantity]));
  for (const l of input.lines) received.set(l.lineId, received.get(l.lineId)! + l.quantity);
  const status = statusAfterReceiving(po.lines.map((l) => ({ quantity: l.quantity, receivedQuantity: received.get(l.id)! })), po.status as PurchaseOrderStatus);
  const now = new Date();
  await shop.db.$transaction([
    ...input.lines
      .filter((l) => l.quantity > 0)
      .map((l) => shop.db.purchaseOrderLine.update({ where: { id: l.lineId }, data: { receivedQuantity: received.get(l.lineId)! } })),
    shop.db.purchaseOrder.update({
      where: { id: po.id },
      data: { status, ...(status === "received" ? { receivedAt: now } : {}), ...(po.sentAt ? {} : { sentAt: now }) },
    }),
    audit(shop, input.actor, "purchase_order.received", po.id, { lines: input.lines, before: po.status, after: status }),
  ]);
  await recomputeLinesOf(shop, po.id);
  return { ok: true, status };
}

/** Units on order changed: the variants' plans are recomputed (one coalesced job per variant). */
async function recomputeLinesOf(shop: ShopContext, purchaseOrderId: string): Promise<void> {
  const lines = await shop.db.purchaseOrderLine.findMany({ where: { purchaseOrderId }, select: { variantId: true } });
  const queue = getJobQueue();
  for (const variantId of new Set(lines.map((l) => l.variantId))) await enqueueVariantRecompute(queue, shop.id, variantId);
}

function audit(shop: ShopContext, actor: string, action: string, purchaseOrderId: string, data: unknown) {
  return shop.db.auditEvent.create({ data: { shopId: shop.id, actor, action, entityType: "PurchaseOrder", entityId: purchaseOrderId, data: JSON.stringify(data) } });
}

function notFound(): { ok: false; code: "PURCHASE_ORDERS.NOT_FOUND"; message: string } {
  return { ok: false, code: "PURCHASE_ORDERS.NOT_FOUND", message: "This purchase order does not exist in this shop." };
}

function badTransition(from: string, to: string): { ok: false; code: "PURCHASE_ORDERS.INVALID_TRANSITION"; message: string } {
  return { ok: false, code: "PURCHASE_ORDERS.INVALID_TRANSITION", message: `A ${from} purchase order cannot be ${to === "receive" ? "received" : to === "reschedule" ? "rescheduled" : `marked ${to}`}.` };
}

export { OPEN_STATUSES };
