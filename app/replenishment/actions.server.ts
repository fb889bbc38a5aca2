// The Replenishment and purchase-order pages' actions: one zod-validated JSON body per intent, dispatched
// to the services. Failures are typed results the page shows on the field or as a banner.
import { z } from "zod";
import type { ShopContext } from "~/services/shop.server";
import { approveRecommendations } from "~/decisions/decide.server";
import {
  receiveUnits,
  setPurchaseOrderStatus,
  updateExpectedDate,
  type PurchaseOrderErrorCode,
} from "./purchase-orders.server";
import { correctReceipt } from "./receipts.server";
import { approveTransfers } from "./transfers.server";

const id = z.string().min(1).max(100);

export const replenishmentBody = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("approve"),
    idempotencyKey: z.string().min(8).max(100),
    recommendationIds: z.array(id).min(1).max(2000),
    /** Quantities the merchant edited before approving, by recommendation id. */
    quantities: z.record(id, z.number()).optional(),
  }),
  z.object({ intent: z.literal("status"), purchaseOrderId: id, status: z.enum(["sent", "cancelled"]) }),
  z.object({ intent: z.literal("expected"), purchaseOrderId: id, expectedAt: z.string().max(20) }),
  z.object({
    intent: z.literal("receive"),
    purchaseOrderId: id,
    /** One per receipt the merchant submits: a replayed request records nothing more. */
    idempotencyKey: z.string().min(8).max(100),
    // One inventoryAdjustQuantities call per receipt: at most 250 lines.
    lines: z
      .array(z.object({ lineId: id, quantity: z.number() }))
      .min(1)
      .max(250),
    /** Where the units arrived; default the purchase order's destination. */
    locationId: id.optional(),
  }),
  /** Undo a receipt with a correcting receipt. */
  z.object({
    intent: z.literal("correct"),
    purchaseOrderId: id,
    receiptId: id,
    idempotencyKey: z.string().min(8).max(100),
  }),
  /** Approve suggested transfers between locations: each becomes a draft transfer in Shopify. */
  z.object({
    intent: z.literal("approveTransfers"),
    idempotencyKey: z.string().min(8).max(100),
    recommendationIds: z.array(id).min(1).max(500),
  }),
]);

export type ReplenishmentActionResult =
  | {
      intent: "approve";
      ok: true;
      approved: number;
      purchaseOrders: { id: string; number: string }[];
      failed: { recommendationId: string; code: string; message: string }[];
    }
  | { intent: "status" | "expected" | "receive" | "correct"; ok: true; purchaseOrderId: string }
  | {
      intent: "approveTransfers";
      ok: true;
      approved: number;
      failed: { recommendationId: string; code: string; message: string }[];
    }
  | {
      intent: string;
      ok: false;
      code: PurchaseOrderErrorCode | "REPLENISHMENT.INVALID_REQUEST";
      purchaseOrderId?: string;
      field?: string;
      message: string;
    };

export async function runReplenishmentAction(
  shop: ShopContext,
  actor: string,
  raw: unknown,
): Promise<{ status: number; body: ReplenishmentActionResult }> {
  const parsed = replenishmentBody.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      status: 400,
      body: {
        intent: "invalid",
        ok: false,
        code: "REPLENISHMENT.INVALID_REQUEST",
        field: issue?.path.join("."),
        message: issue?.message ?? "invalid request",
      },
    };
  }
  const input = parsed.data;
  if (input.intent === "approve") {
    // Only this shop's pending reorder suggestions are approved here (price approvals live on Recommendations).
    const reorders = await shop.db.recommendation.findMany({
      where: { id: { in: input.recommendationIds }, kind: "reorder" },
      select: { id: true },
    });
    const known = new Set(reorders.map((r) => r.id));
    const failed: { recommendationId: string; code: string; message: string }[] = input.recommendationIds
      .filter((r) => !known.has(r))
      .map((recommendationId) => ({
        recommendationId,
        code: "DECISIONS.NOT_FOUND",
        message: "reorder suggestion not found",
      }));
    let approved = 0;
    let purchaseOrderIds: string[] = [];
    if (known.size > 0) {
      const result = await approveRecommendations(shop, {
        actor,
        idempotencyKey: `replenishment:${input.idempotencyKey}`,
        items: [...known].map((recommendationId) => {
          const quantity = input.quantities?.[recommendationId];
          return quantity === undefined ? { recommendationId } : { recommendationId, quantity };
        }),
      });
      approved = result.outcomes.filter((o) => o.ok).length;
      purchaseOrderIds = result.purchaseOrderIds;
      for (const o of result.outcomes) {
        if (!o.ok)
          failed.push({
            recommendationId: o.recommendationId,
            code: o.code ?? "DECISIONS.INVALID_VALUE",
            message: o.message ?? "",
          });
      }
    }
    const purchaseOrders = await shop.db.purchaseOrder.findMany({
      where: { id: { in: purchaseOrderIds } },
      select: { id: true, number: true },
      orderBy: { number: "asc" },
    });
    return { status: 200, body: { intent: "approve", ok: true, approved, purchaseOrders, failed } };
  }
  if (input.intent === "approveTransfers") {
    const r = await approveTransfers(shop, {
      actor,
      idempotencyKey: input.idempotencyKey,
      recommendationIds: input.recommendationIds,
    });
    return { status: 200, body: { intent: "approveTransfers", ok: true, ...r } };
  }
  const result =
    input.intent === "status"
      ? await setPurchaseOrderStatus(shop, { actor, purchaseOrderId: input.purchaseOrderId, status: input.status })
      : input.intent === "expected"
        ? await updateExpectedDate(shop, {
            actor,
            purchaseOrderId: input.purchaseOrderId,
            expectedAt: input.expectedAt,
          })
        : input.intent === "correct"
          ? await correctReceipt(shop, {
              actor,
              purchaseOrderId: input.purchaseOrderId,
              receiptId: input.receiptId,
              idempotencyKey: input.idempotencyKey,
            })
          : await receiveUnits(shop, {
              actor,
              purchaseOrderId: input.purchaseOrderId,
              idempotencyKey: input.idempotencyKey,
              lines: input.lines,
              locationId: input.locationId,
            });
  if (!result.ok) {
    return {
      status: result.code === "PURCHASE_ORDERS.NOT_FOUND" && !result.field ? 404 : 422,
      body: {
        intent: input.intent,
        ok: false,
        code: result.code,
        purchaseOrderId: input.purchaseOrderId,
        field: result.field,
        message: result.message,
      },
    };
  }
  return { status: 200, body: { intent: input.intent, ok: true, purchaseOrderId: input.purchaseOrderId } };
}
