// Receipts reach Shopify's stock (job "inventory.receipt" { receiptId }): the receipt's units are added to
// "available" at its location through inventoryAdjustQuantities (reason `received`, or `correction` for an
// undo), with the purchase order as referenceDocumentUri and each change's `changeFromQuantity` set to the
// quantity read just before (compare-and-set). Never applied twice:
// - the attempt's idempotency key is `${receiptId}:${attempt}` and its quantities are stored BEFORE sending, so
//   a retry after a crash or a lost answer resends the very same request and Shopify answers the first result;
// - when Shopify's quantity moved meanwhile (CHANGE_FROM_QUANTITY_STALE) nothing was applied: the quantities
//   are read again and a new attempt (new key) is sent;
// - a lease on the receipt row keeps two workers from sending different attempts at once.
// Then the quantities are read back (verified), the local inventory levels follow, and the result is audited.
// Undo: a correcting receipt subtracts the same units (correctReceipt).
import { getJobQueue } from "~/jobs/index.server";
import { defineJobHandler } from "~/jobs/registry";
import { jobTarget } from "./job-shop.server";
import { enqueueVariantRecompute } from "~/jobs/standard";
import type { ShopContext } from "~/services/shop.server";
import type { AdminGateway } from "~/shopify/admin-gateway.server";
import { adjustAvailable, readAvailable } from "~/shopify/inventory.server";
import { adminGatewayForShop } from "~/shopify/session.server";
import { receiptIdOf, type PoResult } from "./purchase-orders.server";
import { statusAfterReceiving, type PurchaseOrderStatus } from "./rules";
import { isUniqueViolation } from "~/db/unique-violation";

export const RECEIPT_JOB_TYPE = "inventory.receipt";
export const RECEIPT_PUSH_PENDING = "pending";
/** Statuses still to be written to Shopify. */
const OPEN = ["pending", "sending"];
const LEASE_MS = 120_000;
/** Compare-and-set attempts in one run before the job is retried later. */
const CAS_ATTEMPTS = 5;

type Db = ShopContext["db"];

export interface ReceiptLine {
  lineId: string;
  variantId: string;
  quantity: number;
}

/** The receipt's location: the one named, else the purchase order's destination, else the shop's only location. */
export async function receiptLocation(
  db: Db,
  locationId: string | null | undefined,
): Promise<
  | { ok: true; id: string }
  | {
      ok: false;
      code: "PURCHASE_ORDERS.UNKNOWN_LOCATION" | "PURCHASE_ORDERS.LOCATION_REQUIRED";
      field: string;
      message: string;
    }
> {
  if (locationId) {
    const found = await db.location.findFirst({ where: { id: locationId }, select: { id: true } });
    if (found) return { ok: true, id: found.id };
    return {
      ok: false,
      code: "PURCHASE_ORDERS.UNKNOWN_LOCATION",
      field: "locationId",
      message: "This location does not exist in this shop.",
    };
  }
  const active = await db.location.findMany({ where: { isActive: true }, select: { id: true }, take: 2 });
  if (active.length === 1) return { ok: true, id: active[0].id };
  return {
    ok: false,
    code: "PURCHASE_ORDERS.LOCATION_REQUIRED",
    field: "locationId",
    message: "Choose the location where the units arrived.",
  };
}

export async function enqueueReceiptPush(shop: Pick<ShopContext, "id" | "db">, receiptId: string): Promise<void> {
  const row = await shop.db.inventoryReceipt.findFirst({ where: { id: receiptId }, select: { pushStatus: true } });
  if (!row || !OPEN.includes(row.pushStatus)) return;
  await getJobQueue().enqueue({
    shopId: shop.id,
    type: RECEIPT_JOB_TYPE,
    payload: { receiptId },
    coalesceKey: receiptId,
  });
}

export type PushOutcome =
  | { status: "verified" | "applied" | "failed" | "skipped"; message?: string }
  /** Not finished: try again later (another worker holds it, the request failed, or the quantities keep moving). */
  | { status: "later"; message: string };

export interface PushReceiptOptions {
  gateway?: AdminGateway;
  now?: () => Date;
}

export async function pushReceipt(
  shop: ShopContext,
  receiptId: string,
  options: PushReceiptOptions = {},
): Promise<PushOutcome> {
  const now = options.now ?? (() => new Date());
  const claimed = await shop.db.inventoryReceipt.updateMany({
    where: { id: receiptId, pushStatus: { in: OPEN }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now() } }] },
    data: { lockedUntil: new Date(now().getTime() + LEASE_MS) },
  });
  if (claimed.count === 0) {
    const row = await shop.db.inventoryReceipt.findFirst({ where: { id: receiptId }, select: { pushStatus: true } });
    if (!row) return { status: "failed", message: "receipt not found" };
    if (!OPEN.includes(row.pushStatus)) return { status: row.pushStatus as "verified" };
    return { status: "later", message: "another worker is writing this receipt" };
  }
  try {
    return await pushClaimed(shop, receiptId, options, now);
  } finally {
    await shop.db.inventoryReceipt.updateMany({ where: { id: receiptId }, data: { lockedUntil: null } });
  }
}

async function pushClaimed(
  shop: ShopContext,
  receiptId: string,
  options: PushReceiptOptions,
  now: () => Date,
): Promise<PushOutcome> {
  const receipt = await shop.db.inventoryReceipt.findFirstOrThrow({ where: { id: receiptId } });
  const lines = JSON.parse(receipt.lines) as ReceiptLine[];
  if (receipt.correctsId) {
    const original = await shop.db.inventoryReceipt.findFirst({
      where: { id: receipt.correctsId },
      select: { pushStatus: true },
    });
    if (original && OPEN.includes(original.pushStatus))
      return { status: "later", message: "waiting for the receipt it corrects" };
    if (!original || original.pushStatus === "failed" || original.pushStatus === "skipped") {
      // The corrected units never reached Shopify: there is nothing to take back there.
      return finish(
        shop,
        receipt.id,
        { pushStatus: "skipped", pushError: "the corrected receipt never reached Shopify" },
        "skipped",
      );
    }
  }
  const [location, po, variants] = await Promise.all([
    shop.db.location.findFirst({ where: { id: receipt.locationId }, select: { id: true, shopifyId: true } }),
    shop.db.purchaseOrder.findFirst({ where: { id: receipt.purchaseOrderId }, select: { number: true } }),
    shop.db.variant.findMany({
      where: { id: { in: lines.map((l) => l.variantId) } },
      select: { id: true, inventoryItemId: true },
    }),
  ]);
  const itemOf = new Map(variants.map((v) => [v.id, v.inventoryItemId]));
  const deltas = new Map<string, number>();
  for (const l of lines) {
    const item = itemOf.get(l.variantId);
    if (!item)
      return fail(
        shop,
        receipt.id,
        "INVENTORY.ITEM_UNKNOWN",
        `Variant ${l.variantId} has no inventory item in Shopify.`,
      );
    deltas.set(item, (deltas.get(item) ?? 0) + l.quantity);
  }
  if (!location || !po)
    return fail(shop, receipt.id, "INVENTORY.LOCATION_UNKNOWN", "The receipt's location is not in this shop.");
  const items = [...deltas.keys()];
  let gateway = options.gateway;
  if (!gateway) {
    const g = await adminGatewayForShop(shop.domain);
    if (!g.ok) return { status: "later", message: `${g.error.code}: ${g.error.message}` };
    gateway = g.value;
  }

  let attempt = receipt.pushAttempt;
  let changeFrom: Record<string, number> | null =
    receipt.pushStatus === "sending" && receipt.changeFrom
      ? (JSON.parse(receipt.changeFrom) as Record<string, number>)
      : null;
  for (let tries = 0; tries < CAS_ATTEMPTS; tries++) {
    if (!changeFrom) {
      const read = await readAvailable(gateway, location.shopifyId, items);
      if (!read.ok) {
        if (read.code === "LOCATION_NOT_FOUND")
          return fail(shop, receipt.id, "INVENTORY.LOCATION_UNKNOWN", read.message);
        return { status: "later", message: read.message };
      }
      const missing = items.find((i) => read.available.get(i) == null);
      if (missing)
        return fail(
          shop,
          receipt.id,
          "INVENTORY.NOT_STOCKED",
          `Item ${missing} is not stocked at this location in Shopify.`,
        );
      changeFrom = Object.fromEntries(items.map((i) => [i, read.available.get(i)!]));
      // Stored before sending: a retry resends exactly this attempt (same key, same quantities).
      const next = await shop.db.inventoryReceipt.updateMany({
        where: { id: receipt.id, pushAttempt: attempt },
        data: { pushAttempt: attempt + 1, pushStatus: "sending", changeFrom: JSON.stringify(changeFrom) },
      });
      if (next.count !== 1) return { status: "later", message: "the receipt changed while it was being written" };
      attempt += 1;
    }
    const result = await adjustAvailable(gateway, {
      key: `${receipt.id}:${attempt}`,
      reason: receipt.kind === "correction" ? "correction" : "received",
      referenceDocumentUri: `gid://pilotage/PurchaseOrder/${po.number}`,
      changes: items.map((i) => ({
        inventoryItemId: i,
        locationId: location.shopifyId,
        delta: deltas.get(i)!,
        changeFromQuantity: changeFrom![i],
        ledgerDocumentUri: `gid://pilotage/InventoryReceipt/${receipt.id}`,
      })),
    });
    if (result.ok)
      return verify(shop, gateway, {
        receipt,
        location,
        items,
        deltas,
        changeFrom,
        groupId: result.groupId,
        lines,
        now,
      });
    if (result.kind === "retry") return { status: "later", message: `${result.code}: ${result.message}` };
    if (result.kind === "rejected") {
      const code =
        result.code === "INVALID_LOCATION"
          ? "INVENTORY.LOCATION_UNKNOWN"
          : result.code === "ITEM_NOT_STOCKED_AT_LOCATION"
            ? "INVENTORY.NOT_STOCKED"
            : `SHOPIFY.${result.code}`;
      return fail(shop, receipt.id, code, result.message);
    }
    // Stale: Shopify's quantity moved since it was read. Nothing was applied; read again, send a new attempt.
    await shop.db.inventoryReceipt.updateMany({
      where: { id: receipt.id, pushAttempt: attempt },
      data: { pushStatus: "pending", changeFrom: null },
    });
    changeFrom = null;
  }
  return { status: "later", message: `Shopify's quantities kept changing (${CAS_ATTEMPTS} attempts)` };
}

async function verify(
  shop: ShopContext,
  gateway: AdminGateway,
  x: {
    receipt: { id: string; purchaseOrderId: string; locationId: string; kind: string };
    location: { id: string; shopifyId: string };
    items: string[];
    deltas: Map<string, number>;
    changeFrom: Record<string, number>;
    groupId: string;
    lines: ReceiptLine[];
    now: () => Date;
  },
): Promise<PushOutcome> {
  const expected = new Map(x.items.map((i) => [i, x.changeFrom[i] + x.deltas.get(i)!]));
  const read = await readAvailable(gateway, x.location.shopifyId, x.items);
  const moved = read.ok ? x.items.filter((i) => read.available.get(i) !== expected.get(i)) : x.items;
  const status = read.ok && moved.length === 0 ? "verified" : "applied";
  const at = x.now();
  await shop.db.$transaction(async (tx) => {
    await tx.inventoryReceipt.update({
      where: { id: x.receipt.id },
      data: {
        pushStatus: status,
        adjustmentGroupId: x.groupId,
        appliedAt: at,
        verifiedAt: status === "verified" ? at : null,
        pushError:
          status === "verified" ? null : `read back differs (sold or changed since) for ${moved.length} item(s)`,
      },
    });
    // The app's copy of the levels follows what Shopify now holds (a webhook would bring the same).
    const variantIds = [...new Set(x.lines.map((l) => l.variantId))];
    const variants = await tx.variant.findMany({
      where: { id: { in: variantIds } },
      select: { id: true, inventoryItemId: true },
    });
    for (const v of variants) {
      const held = read.ok ? read.available.get(v.inventoryItemId!) : null;
      const delta = x.deltas.get(v.inventoryItemId!) ?? 0;
      await tx.inventoryLevel.updateMany({
        where: { variantId: v.id, locationId: x.location.id },
        data: {
          ...(held != null ? { available: held } : { available: { increment: delta } }),
          onHand: { increment: delta },
          shopifyUpdatedAt: at,
        },
      });
    }
    await tx.auditEvent.create({
      data: {
        shopId: shop.id,
        actor: "pilotage",
        action: x.receipt.kind === "correction" ? "inventory.correction_applied" : "inventory.receipt_applied",
        entityType: "PurchaseOrder",
        entityId: x.receipt.purchaseOrderId,
        data: JSON.stringify({
          receiptId: x.receipt.id,
          adjustmentGroupId: x.groupId,
          locationId: x.location.id,
          changes: Object.fromEntries(x.deltas),
          expected: Object.fromEntries(expected),
          verified: status === "verified",
        }),
      },
    });
  });
  const queue = getJobQueue();
  for (const variantId of new Set(x.lines.map((l) => l.variantId)))
    await enqueueVariantRecompute(queue, shop.id, variantId);
  return { status };
}

async function fail(shop: ShopContext, receiptId: string, code: string, message: string): Promise<PushOutcome> {
  return finish(shop, receiptId, { pushStatus: "failed", pushError: `${code}: ${message}` }, "failed", message);
}

async function finish(
  shop: ShopContext,
  receiptId: string,
  data: { pushStatus: string; pushError: string },
  status: "failed" | "skipped",
  message?: string,
): Promise<PushOutcome> {
  const receipt = await shop.db.inventoryReceipt.update({
    where: { id: receiptId },
    data,
    select: { purchaseOrderId: true },
  });
  await shop.db.auditEvent.create({
    data: {
      shopId: shop.id,
      actor: "pilotage",
      action: `inventory.receipt_${status}`,
      entityType: "PurchaseOrder",
      entityId: receipt.purchaseOrderId,
      data: JSON.stringify({ receiptId, error: data.pushError }),
    },
  });
  return { status, message };
}

export interface CorrectionInput {
  actor: string;
  purchaseOrderId: string;
  receiptId: string;
  /** One key per correction the merchant submits (a replay records nothing more). */
  idempotencyKey: string;
}

/**
 * Undoes a receipt: its units come off the purchase order's received units (the status follows) and a
 * correcting receipt takes them back from Shopify's stock. One correction per receipt.
 */
export async function correctReceipt(
  shop: ShopContext,
  input: CorrectionInput,
): Promise<PoResult<{ status: PurchaseOrderStatus; replayed: boolean; receiptId: string }>> {
  const correctionId = receiptIdOf(shop.id, input.purchaseOrderId, input.idempotencyKey);
  try {
    const result = await shop.db.$transaction(
      async (tx): Promise<PoResult<{ status: PurchaseOrderStatus; replayed: boolean; receiptId: string }>> => {
        const locked = await tx.purchaseOrder.updateMany({
          where: { id: input.purchaseOrderId, status: { not: "cancelled" } },
          data: { updatedAt: new Date() },
        });
        const existing = await tx.inventoryReceipt.findFirst({ where: { id: correctionId }, select: { id: true } });
        const po = await tx.purchaseOrder.findFirst({
          where: { id: input.purchaseOrderId },
          select: { id: true, status: true, lines: { select: { id: true, quantity: true, receivedQuantity: true } } },
        });
        if (!po)
          return {
            ok: false,
            code: "PURCHASE_ORDERS.NOT_FOUND",
            message: "This purchase order does not exist in this shop.",
          };
        if (existing)
          return { ok: true, status: po.status as PurchaseOrderStatus, replayed: true, receiptId: correctionId };
        if (locked.count === 0)
          return {
            ok: false,
            code: "PURCHASE_ORDERS.INVALID_TRANSITION",
            message: `A ${po.status} purchase order cannot be corrected.`,
          };
        const original = await tx.inventoryReceipt.findFirst({
          where: { id: input.receiptId, purchaseOrderId: po.id, kind: "receipt" },
        });
        if (!original)
          return {
            ok: false,
            code: "PURCHASE_ORDERS.NOT_FOUND",
            field: "receiptId",
            message: "This receipt is not on the purchase order.",
          };
        if (await tx.inventoryReceipt.findFirst({ where: { correctsId: original.id }, select: { id: true } })) {
          return {
            ok: false,
            code: "PURCHASE_ORDERS.ALREADY_CORRECTED",
            field: "receiptId",
            message: "This receipt has already been undone.",
          };
        }
        const lines = (JSON.parse(original.lines) as ReceiptLine[]).map((l) => ({ ...l, quantity: -l.quantity }));
        const received = new Map(po.lines.map((l) => [l.id, l.receivedQuantity]));
        for (const l of lines) {
          const before = received.get(l.lineId) ?? 0;
          const written = await tx.purchaseOrderLine.updateMany({
            where: { id: l.lineId, receivedQuantity: before },
            data: { receivedQuantity: before + l.quantity },
          });
          if (written.count !== 1 || before + l.quantity < 0)
            throw new Error(`correctReceipt: line ${l.lineId} changed during the correction`);
          received.set(l.lineId, before + l.quantity);
        }
        const reopened = statusAfterReceiving(
          po.lines.map((l) => ({ quantity: l.quantity, receivedQuantity: received.get(l.id)! })),
          "sent",
        );
        await tx.purchaseOrder.update({
          where: { id: po.id },
          data: { status: reopened, ...(reopened === "received" ? {} : { receivedAt: null }) },
        });
        await tx.inventoryReceipt.create({
          data: {
            id: correctionId,
            shopId: shop.id,
            purchaseOrderId: po.id,
            locationId: original.locationId,
            kind: "correction",
            correctsId: original.id,
            lines: JSON.stringify(lines),
            actor: input.actor,
            pushStatus: lines.length > 0 ? RECEIPT_PUSH_PENDING : "skipped",
          },
        });
        await tx.auditEvent.create({
          data: {
            shopId: shop.id,
            actor: input.actor,
            action: "purchase_order.receipt_corrected",
            entityType: "PurchaseOrder",
            entityId: po.id,
            data: JSON.stringify({ receiptId: original.id, correctionId, lines, before: po.status, after: reopened }),
          },
        });
        return { ok: true, status: reopened, replayed: false, receiptId: correctionId };
      },
    );
    if (result.ok) await enqueueReceiptPush(shop, correctionId);
    return result;
  } catch (error) {
    // A concurrent correction of the same receipt: the unique correctsId refuses the second.
    if (isUniqueViolation(error)) {
      const mine = await shop.db.inventoryReceipt.findFirst({ where: { id: correctionId }, select: { id: true } });
      if (mine) return { ok: true, status: "partially_received", replayed: true, receiptId: correctionId };
      return {
        ok: false,
        code: "PURCHASE_ORDERS.ALREADY_CORRECTED",
        field: "receiptId",
        message: "This receipt has already been undone.",
      };
    }
    throw error;
  }
}

export interface ReceiptView {
  id: string;
  kind: "receipt" | "correction";
  correctsId: string | null;
  correctedBy: string | null;
  locationId: string;
  locationName: string;
  units: number;
  createdAt: string;
  pushStatus: string;
  pushError: string | null;
}

/** The purchase order's receipts, newest first, with their Shopify status. */
export async function receiptsOf(shop: ShopContext, purchaseOrderId: string): Promise<ReceiptView[]> {
  const rows = await shop.db.inventoryReceipt.findMany({
    where: { purchaseOrderId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  const locations = new Map(
    (await shop.db.location.findMany({ select: { id: true, name: true } })).map((l) => [l.id, l.name]),
  );
  const correctedBy = new Map(rows.filter((r) => r.correctsId).map((r) => [r.correctsId!, r.id]));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind === "correction" ? "correction" : "receipt",
    correctsId: r.correctsId,
    correctedBy: correctedBy.get(r.id) ?? null,
    locationId: r.locationId,
    locationName: locations.get(r.locationId) ?? "",
    units: (JSON.parse(r.lines) as ReceiptLine[]).reduce((s, l) => s + l.quantity, 0),
    createdAt: r.createdAt.toISOString(),
    pushStatus: r.pushStatus,
    pushError: r.pushError,
  }));
}

/** The job: "later" outcomes fail the run so the queue retries it with back-off. */
defineJobHandler(RECEIPT_JOB_TYPE, async (job) => {
  const { id, shop } = await jobTarget(job, "receiptId");
  const outcome = await pushReceipt(shop, id);
  if (outcome.status === "later") throw new Error(`inventory.receipt: ${outcome.message}`);
  return outcome;
});
