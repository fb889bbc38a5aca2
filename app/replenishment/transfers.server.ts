// Transfers between locations: suggestions (Recommendation kind "transfer") approved as decisions become
// StockTransfer rows, and job "transfer.create" { transferId } creates each as a DRAFT transfer in Shopify
// through inventoryTransferCreate. The idempotency key is the transfer's id, so a retried job (or a lost answer)
// never creates a second draft. Drafts move no stock: the merchant ships them from Shopify's admin.
import { approveRecommendations } from "~/decisions/decide.server";
import { defineJobHandler } from "~/jobs/registry";
import { jobTarget } from "./job-shop.server";
import type { ShopContext } from "~/services/shop.server";
import type { AdminGateway } from "~/shopify/admin-gateway.server";
import { createDraftTransfer } from "~/shopify/inventory.server";
import { adminGatewayForShop } from "~/shopify/session.server";

import { TRANSFER_JOB_TYPE } from "./stock-transfers.server";

export async function approveTransfers(
  shop: ShopContext,
  input: { actor: string; idempotencyKey: string; recommendationIds: string[] },
): Promise<{ approved: number; failed: { recommendationId: string; code: string; message: string }[] }> {
  const known = new Set(
    (
      await shop.db.recommendation.findMany({
        where: { id: { in: input.recommendationIds }, kind: "transfer" },
        select: { id: true },
      })
    ).map((r) => r.id),
  );
  const failed = input.recommendationIds
    .filter((id) => !known.has(id))
    .map((recommendationId) => ({
      recommendationId,
      code: "DECISIONS.NOT_FOUND",
      message: "transfer suggestion not found",
    }));
  if (known.size === 0) return { approved: 0, failed };
  const result = await approveRecommendations(shop, {
    actor: input.actor,
    idempotencyKey: `transfers:${input.idempotencyKey}`,
    items: [...known].map((recommendationId) => ({ recommendationId })),
  });
  for (const o of result.outcomes)
    if (!o.ok)
      failed.push({
        recommendationId: o.recommendationId,
        code: o.code ?? "DECISIONS.INVALID_VALUE",
        message: o.message ?? "",
      });
  return { approved: result.outcomes.filter((o) => o.ok).length, failed };
}

export type TransferOutcome = { status: "created" | "failed"; message?: string } | { status: "later"; message: string };

export async function createTransferInShopify(
  shop: ShopContext,
  transferId: string,
  options: { gateway?: AdminGateway } = {},
): Promise<TransferOutcome> {
  const t = await shop.db.stockTransfer.findFirst({ where: { id: transferId } });
  if (!t) return { status: "failed", message: "transfer not found" };
  if (t.status !== "pending") return { status: t.status as "created" };
  const [locations, variant] = await Promise.all([
    shop.db.location.findMany({
      where: { id: { in: [t.originLocationId, t.destinationLocationId] } },
      select: { id: true, shopifyId: true, name: true },
    }),
    shop.db.variant.findFirst({ where: { id: t.variantId }, select: { inventoryItemId: true, sku: true } }),
  ]);
  const origin = locations.find((l) => l.id === t.originLocationId);
  const destination = locations.find((l) => l.id === t.destinationLocationId);
  const failWith = async (error: string): Promise<TransferOutcome> => {
    await shop.db.$transaction([
      shop.db.stockTransfer.update({ where: { id: t.id }, data: { status: "failed", error } }),
      shop.db.decision.updateMany({ where: { id: t.decisionId }, data: { pushStatus: "failed", pushError: error } }),
      shop.db.auditEvent.create({
        data: {
          shopId: shop.id,
          actor: "pilotage",
          action: "transfer.failed",
          entityType: "StockTransfer",
          entityId: t.id,
          decisionId: t.decisionId,
          data: JSON.stringify({ error }),
        },
      }),
    ]);
    return { status: "failed", message: error };
  };
  if (!origin || !destination)
    return failWith("INVENTORY.LOCATION_UNKNOWN: a location of the transfer is no longer in this shop");
  if (!variant?.inventoryItemId)
    return failWith("INVENTORY.ITEM_UNKNOWN: the variant has no inventory item in Shopify");
  let gateway = options.gateway;
  if (!gateway) {
    const g = await adminGatewayForShop(shop.domain);
    if (!g.ok) return { status: "later", message: `${g.error.code}: ${g.error.message}` };
    gateway = g.value;
  }
  const result = await createDraftTransfer(gateway, {
    key: `transfer-${t.id}`,
    input: {
      originLocationId: origin.shopifyId,
      destinationLocationId: destination.shopifyId,
      lineItems: [{ inventoryItemId: variant.inventoryItemId, quantity: t.quantity }],
      referenceName: `Pilotage ${t.id}`,
      note: `Suggested by Pilotage: ${destination.name} runs out before a vendor order could arrive.`,
      tags: ["pilotage"],
    },
  });
  if (!result.ok)
    return result.retry
      ? { status: "later", message: `${result.code}: ${result.message}` }
      : failWith(`SHOPIFY.${result.code}: ${result.message}`);
  await shop.db.$transaction([
    shop.db.stockTransfer.update({
      where: { id: t.id },
      data: { status: "created", shopifyId: result.id, shopifyName: result.name, error: null },
    }),
    shop.db.decision.updateMany({
      where: { id: t.decisionId },
      data: { pushStatus: "pushed", pushedAt: new Date(), pushError: null },
    }),
    shop.db.auditEvent.create({
      data: {
        shopId: shop.id,
        actor: "pilotage",
        action: "transfer.created",
        entityType: "StockTransfer",
        entityId: t.id,
        decisionId: t.decisionId,
        data: JSON.stringify({ shopifyId: result.id, name: result.name, status: result.status }),
      },
    }),
  ]);
  return { status: "created" };
}

export interface TransferView {
  id: string;
  variantId: string;
  product: string;
  variant: string;
  sku: string | null;
  from: string;
  to: string;
  quantity: number;
  status: string;
  shopifyName: string | null;
  error: string | null;
  createdAt: string;
}

export async function recentTransfers(shop: ShopContext, take = 50): Promise<TransferView[]> {
  const rows = await shop.db.stockTransfer.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take,
    include: { variant: { select: { title: true, sku: true, product: { select: { title: true } } } } },
  });
  const names = new Map(
    (await shop.db.location.findMany({ select: { id: true, name: true } })).map((l) => [l.id, l.name]),
  );
  return rows.map((r) => ({
    id: r.id,
    variantId: r.variantId,
    product: r.variant.product.title,
    variant: r.variant.title,
    sku: r.variant.sku,
    from: names.get(r.originLocationId) ?? "",
    to: names.get(r.destinationLocationId) ?? "",
    quantity: r.quantity,
    status: r.status,
    shopifyName: r.shopifyName,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
  }));
}

defineJobHandler(TRANSFER_JOB_TYPE, async (job) => {
  const { id, shop } = await jobTarget(job, "transferId");
  const outcome = await createTransferInShopify(shop, id);
  if (outcome.status === "later") throw new Error(`transfer.create: ${outcome.message}`);
  return outcome;
});
