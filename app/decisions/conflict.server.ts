// A rollback never overwrites a change made in Shopify since the decision (docs/decisions/0018): Shopify's
// current price is read first; when it is not the decision's, the merchant either restores the old price anyway
// (rollback.server.ts, `overwrite`) or keeps Shopify's price, which marks the decision superseded (here).
import type { Decision } from "@prisma/client";
import type { ShopContext } from "~/services/shop.server";
import type { AdminGateway } from "~/shopify/admin-gateway.server";
import { adminGatewayForShop } from "~/shopify/session.server";
import { readVariantPrices } from "~/shopify/variant-prices.server";
import type { DecisionErrorCode } from "./errors";
import { holds, sameState, type PriceConflict, type PriceState } from "./price-state";
import type { KeepResult } from "./types";
import { enqueueSummary, parsePriceState, type DecisionDeps } from "./shared.server";
import { decimal, decimalOrNull } from "~/core/money";

export interface ConflictDeps extends DecisionDeps {
  /** Default: the shop's gateway from its offline session. */
  gateway?: AdminGateway;
}

type Refusal = { ok: false; code: Exclude<DecisionErrorCode, "DECISIONS.ROLLBACK_CONFLICT">; message: string };

export const SUPERSEDED_ACTION = "decision.superseded";
export const CONFLICT_ACTION = "price.rollback_conflict";
const APPLIED = new Set(["pushed", "verified"]);

export interface Applied {
  decision: Decision;
  before: PriceState;
  after: PriceState;
}

/** A price decision of this shop that reached Shopify and was neither rolled back nor superseded. */
export async function appliedDecision(
  shop: ShopContext,
  decisionId: string,
): Promise<{ ok: true; value: Applied } | Refusal> {
  const decision = await shop.db.decision.findFirst({ where: { id: decisionId } });
  if (!decision) return { ok: false, code: "DECISIONS.NOT_FOUND", message: "decision not found" };
  const before = parsePriceState(decision.before);
  const after = parsePriceState(decision.after);
  if (decision.kind !== "price" || !before || !after || !decision.variantId) {
    return { ok: false, code: "DECISIONS.NOT_ROLLBACKABLE", message: "only price decisions can be rolled back" };
  }
  if (decision.rolledBackAt) return { ok: false, code: "DECISIONS.NOT_ROLLBACKABLE", message: "already rolled back" };
  if (decision.supersededAt)
    return { ok: false, code: "DECISIONS.NOT_ROLLBACKABLE", message: "Shopify's later price was kept" };
  if (!APPLIED.has(decision.pushStatus)) {
    return {
      ok: false,
      code: "DECISIONS.NOT_ROLLBACKABLE",
      message: `the price was not applied (push ${decision.pushStatus})`,
    };
  }
  return { ok: true, value: { decision, before, after } };
}

/** Shopify's price and compare-at price of one variant now, through the Admin API gateway. */
export async function shopifyPriceOf(
  shop: ShopContext,
  variantId: string,
  deps: ConflictDeps,
): Promise<{ ok: true; price: PriceState } | Refusal> {
  const variant = await shop.db.variant.findFirst({
    where: { id: variantId },
    select: { shopifyId: true, productId: true, deletedAt: true },
  });
  const product =
    variant && !variant.deletedAt
      ? await shop.db.product.findFirst({ where: { id: variant.productId }, select: { shopifyId: true } })
      : null;
  if (!variant || !product)
    return { ok: false, code: "DECISIONS.NOT_ROLLBACKABLE", message: "variant no longer in the catalogue" };
  let gateway = deps.gateway;
  if (!gateway) {
    const g = await adminGatewayForShop(shop.domain);
    if (!g.ok)
      return { ok: false, code: "DECISIONS.SHOPIFY_UNAVAILABLE", message: `${g.error.code}: ${g.error.message}` };
    gateway = g.value;
  }
  const read = await readVariantPrices(gateway, product.shopifyId, [variant.shopifyId]);
  if (!read.ok)
    return { ok: false, code: "DECISIONS.SHOPIFY_UNAVAILABLE", message: `${read.error.code}: ${read.error.message}` };
  const now = read.prices.get(variant.shopifyId);
  if (!now) return { ok: false, code: "DECISIONS.NOT_ROLLBACKABLE", message: "variant not found in Shopify" };
  return { ok: true, price: now };
}

/** Audits a rollback that stopped because Shopify's price changed since the decision. */
export async function recordConflict(
  shop: ShopContext,
  actor: string,
  conflict: PriceConflict,
  variantId: string,
): Promise<void> {
  await shop.db.auditEvent.create({
    data: {
      shopId: shop.id,
      actor,
      action: CONFLICT_ACTION,
      entityType: "decision",
      entityId: conflict.decisionId,
      decisionId: conflict.decisionId,
      data: JSON.stringify({ variantId, ...conflict }),
    },
  });
}

/**
 * "Keep Shopify's current price": nothing is pushed; the decision is marked superseded (no longer rollbackable,
 * its measured impact ends there), audited, and the app's copy of the price follows Shopify's.
 */
export async function keepShopifyPrice(
  shop: ShopContext,
  input: { actor: string; decisionId: string },
  deps: ConflictDeps = {},
): Promise<KeepResult> {
  const replay = await keptBefore(shop, input.decisionId);
  if (replay) return replay;
  const applied = await appliedDecision(shop, input.decisionId);
  if (!applied.ok) return applied;
  const { decision, before, after } = applied.value;
  const variantId = decision.variantId!;
  const now = await shopifyPriceOf(shop, variantId, deps);
  if (!now.ok) return now;
  if (holds(now.price, after, before))
    return { ok: false, code: "DECISIONS.NO_CONFLICT", message: "Shopify still holds the price this decision set" };
  const conflict: PriceConflict = { decisionId: decision.id, shopify: now.price, decided: after, before };
  const claimed = await shop.db.$transaction(async (tx) => {
    const at = new Date();
    const claim = await tx.decision.updateMany({
      where: { id: decision.id, supersededAt: null, rolledBackAt: null },
      data: { supersededAt: at },
    });
    if (claim.count === 0) return false;
    await tx.auditEvent.create({
      data: {
        shopId: shop.id,
        actor: input.actor,
        action: SUPERSEDED_ACTION,
        entityType: "decision",
        entityId: decision.id,
        decisionId: decision.id,
        data: JSON.stringify({ variantId, ...conflict }),
      },
    });
    const local = await tx.variant.findFirst({
      where: { id: variantId },
      select: { price: true, compareAtPrice: true },
    });
    if (
      local &&
      !sameState(now.price, { price: decimal(local.price), compareAtPrice: decimalOrNull(local.compareAtPrice) })
    ) {
      // A change the webhooks did not bring: the app's copy follows Shopify, dated now.
      await tx.variant.update({
        where: { id: variantId },
        data: { price: now.price.price, compareAtPrice: now.price.compareAtPrice },
      });
      await tx.priceHistory.create({
        data: {
          shopId: shop.id,
          variantId,
          effectiveAt: at,
          price: now.price.price,
          compareAtPrice: now.price.compareAtPrice,
          source: "shopify",
        },
      });
    }
    return true;
  });
  // Lost the claim to a concurrent request: its keep is ours, a rollback is a refusal.
  if (!claimed)
    return (
      (await keptBefore(shop, decision.id)) ?? {
        ok: false,
        code: "DECISIONS.NOT_ROLLBACKABLE",
        message: "already rolled back",
      }
    );
  await enqueueSummary(shop.id, deps);
  return { ok: true, decisionId: decision.id, shopify: now.price };
}

/** The first result of a decision already kept (a repeated request), or null. */
async function keptBefore(shop: ShopContext, decisionId: string): Promise<KeepResult | null> {
  const kept = await shop.db.auditEvent.findFirst({
    where: { action: SUPERSEDED_ACTION, decisionId },
    select: { data: true },
  });
  return kept ? { ok: true, decisionId, shopify: (JSON.parse(kept.data) as PriceConflict).shopify } : null;
}
