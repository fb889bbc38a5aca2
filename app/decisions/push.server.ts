// Job "price.push" { batchId }: sends a batch's approved prices to Shopify through productVariantsBulkUpdate
// (grouped per product; the gateway paces on the shop's cost bucket), then reads every price back and marks
// the decision verified when Shopify holds it. Compare-and-set: Shopify's current prices are read first (one
// query per product), and a decision is sent only while Shopify still holds its `before` price; a price changed
// in Shopify since (by the merchant, another app) is never overwritten: the decision ends "conflict" with both
// prices (docs/decisions/0018). Safe to run again: decisions already verified, failed or in conflict are
// skipped, and one Shopify already holds (a mutation went out before a crash) is verified, never applied twice.
import { getDb, type Db } from "~/db.server";
import { forShop } from "~/db/scoped.server";
import { defineJobHandler } from "~/jobs/registry";
import { getJobQueue } from "~/jobs/index.server";
import { PermanentJobError, type JobHandler, type JobQueue } from "~/jobs/types";
import type { ShopContext } from "~/services/shop.server";
import type { AdminGateway } from "~/shopify/admin-gateway.server";
import { updateVariantPrices, type PriceUpdate } from "~/shopify/prices.server";
import { adminGatewayForShop } from "~/shopify/session.server";
import { readVariantPrices, type ShopifyPrice } from "~/shopify/variant-prices.server";
import { holds, type PriceState } from "./price-state";
import { enqueueSummary, findByIds, parsePriceState, PUSH_JOB_TYPE, shopPolicy } from "./shared.server";

export interface PushOptions {
  /** Default: the shop's gateway from its offline session. */
  gateway?: AdminGateway;
  progress?: (fraction: number, message?: string) => Promise<void>;
  /** Products pushed at once (the gateway's bucket mirror paces them together). Default 4. */
  concurrency?: number;
}

export interface PushReport {
  total: number;
  verified: number;
  failed: number;
  /** Not sent: Shopify's price was changed since the decision. */
  conflict: number;
  /** Pushed but not read back (the read failed): the job is retried. */
  unverified: number;
}

interface Item {
  id: string;
  kind: string;
  /** pending: never sent; pushing / pushed: a mutation may have reached Shopify. */
  status: string;
  automatic: boolean;
  variantId: string;
  recommendationId: string | null;
  rollbackOfId: string | null;
  variantGid: string;
  productGid: string;
  before: PriceState;
  after: PriceState;
}

type Outcome =
  | { status: "verified"; at: Date }
  | { status: "failed"; error: string }
  | { status: "pushed"; error: string }
  | { status: "conflict"; error: string; shopify: ShopifyPrice };

const OPEN = ["pending", "pushing", "pushed"];
const show = (p: PriceState): string =>
  p.price.toFixed(2) + (p.compareAtPrice === null ? "" : ` (compare-at ${p.compareAtPrice.toFixed(2)})`);

export async function pushBatch(shop: ShopContext, batchId: string, options: PushOptions = {}): Promise<PushReport> {
  const items = await openItems(shop, batchId);
  const report: PushReport = { total: items.length, verified: 0, failed: 0, conflict: 0, unverified: 0 };
  if (items.length === 0) return report;
  const policy = await shopPolicy(shop);
  const ready: Item[] = [];
  for (const item of items) {
    if (item.automatic && policy.paused)
      await record(shop, item, { status: "failed", error: "DECISIONS.PAUSED: the shop is paused" }, report);
    else if (!item.variantGid || !item.productGid)
      await record(shop, item, { status: "failed", error: "variant no longer in the catalogue" }, report);
    else ready.push(item);
  }
  if (ready.length === 0) return report;
  let gateway = options.gateway;
  if (!gateway) {
    const g = await adminGatewayForShop(shop.domain);
    if (!g.ok) {
      for (const item of ready)
        await record(shop, item, { status: "failed", error: `${g.error.code}: ${g.error.message}` }, report);
      return report;
    }
    gateway = g.value;
  }
  const byProduct = new Map<string, Item[]>();
  for (const item of ready) byProduct.set(item.productGid, [...(byProduct.get(item.productGid) ?? []), item]);
  const groups = [...byProduct.entries()];
  let done = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < groups.length) {
      const [productGid, group] = groups[next++];
      const markPushing = (ids: string[]) =>
        shop.db.decision
          .updateMany({ where: { id: { in: ids } }, data: { pushStatus: "pushing" } })
          .then(() => undefined);
      const outcomes = await pushProduct(gateway, productGid, group, markPushing);
      for (const item of group) await record(shop, item, outcomes.get(item.id)!, report);
      done += group.length;
      await options.progress?.(done / ready.length, `${done}/${ready.length}`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, groups.length)) }, worker));
  return report;
}

/** One product: read Shopify's prices, push only where Shopify still holds the decision's `before`, read back. */
async function pushProduct(
  gateway: AdminGateway,
  productGid: string,
  group: Item[],
  markPushing: (ids: string[]) => Promise<void>,
): Promise<Map<string, Outcome>> {
  const out = new Map<string, Outcome>();
  const current = await readVariantPrices(
    gateway,
    productGid,
    group.map((i) => i.variantGid),
  );
  if (!current.ok) {
    for (const i of group)
      out.set(i.id, { status: "failed", error: `${current.error.code}: ${current.error.message}` });
    return out;
  }
  const updates: PriceUpdate[] = [];
  const sending: string[] = [];
  for (const i of group) {
    const now = current.prices.get(i.variantGid);
    if (!now) out.set(i.id, { status: "failed", error: "variant not found in Shopify" });
    else if (holds(now, i.after, i.before))
      continue; // already there (a rerun after a crash): verified below
    else if (!holds(now, i.before, i.after)) {
      out.set(i.id, {
        status: "conflict",
        shopify: now,
        error: `DECISIONS.PUSH_CONFLICT: Shopify holds ${show(now)}, expected ${show(i.before)}; not sent`,
      });
    } else {
      sending.push(i.id);
      updates.push({
        productId: productGid,
        variantId: i.variantGid,
        price: i.after.price,
        ...(i.after.compareAtPrice !== i.before.compareAtPrice ? { compareAtPrice: i.after.compareAtPrice } : {}),
      });
    }
  }
  if (updates.length > 0) {
    await markPushing(sending);
    const results = await updateVariantPrices(gateway, updates);
    const byVariant = new Map(results.map((r) => [r.variantId, r]));
    for (const i of group) {
      const r = byVariant.get(i.variantGid);
      if (!sending.includes(i.id) || !r || r.status === "updated") continue;
      const why = r.error
        ? `${r.error.code}: ${r.error.message}`
        : r.userErrors.map((e) => e.message).join("; ") || "rejected by Shopify";
      out.set(i.id, { status: "failed", error: why });
    }
  }
  const toVerify = group.filter((i) => !out.has(i.id));
  if (toVerify.length === 0) return out;
  const readBack = await readVariantPrices(
    gateway,
    productGid,
    toVerify.map((i) => i.variantGid),
  );
  for (const i of toVerify) {
    if (!readBack.ok) {
      out.set(i.id, { status: "pushed", error: `read-back failed: ${readBack.error.code}` });
      continue;
    }
    const now = readBack.prices.get(i.variantGid);
    if (now && holds(now, i.after, i.before)) out.set(i.id, { status: "verified", at: new Date() });
    else
      out.set(i.id, {
        status: "failed",
        error: `read back ${now ? now.price.toFixed(2) : "nothing"}, expected ${i.after.price.toFixed(2)}`,
      });
  }
  return out;
}

/** Stores one decision's outcome with its consequences, in one transaction. */
async function record(shop: ShopContext, item: Item, outcome: Outcome, report: PushReport): Promise<void> {
  const source = item.kind === "rollback" ? "rollback" : "decision";
  await shop.db.$transaction(async (tx) => {
    if (outcome.status === "verified") {
      const at = outcome.at;
      await tx.decision.update({
        where: { id: item.id },
        data: { pushStatus: "verified", pushedAt: at, verifiedAt: at, pushError: null },
      });
      await tx.variant.update({
        where: { id: item.variantId },
        data: { price: item.after.price, compareAtPrice: item.after.compareAtPrice },
      });
      await tx.priceHistory.upsert({
        where: { shopId_variantId_effectiveAt: { shopId: shop.id, variantId: item.variantId, effectiveAt: at } },
        create: {
          shopId: shop.id,
          variantId: item.variantId,
          effectiveAt: at,
          price: item.after.price,
          compareAtPrice: item.after.compareAtPrice,
          source,
          decisionId: item.id,
        },
        update: { price: item.after.price, compareAtPrice: item.after.compareAtPrice, source, decisionId: item.id },
      });
      if (item.recommendationId)
        await tx.recommendation.updateMany({ where: { id: item.recommendationId }, data: { status: "applied" } });
    } else if (outcome.status === "failed" || outcome.status === "conflict") {
      await tx.decision.update({
        where: { id: item.id },
        data: { pushStatus: outcome.status, pushError: outcome.error.slice(0, 1000) },
      });
      if (item.recommendationId)
        await tx.recommendation.updateMany({ where: { id: item.recommendationId }, data: { status: "failed" } });
      // A rollback that did not reach Shopify leaves the original decision rollbackable again (a conflict then
      // shows the merchant both prices on the next attempt).
      if (item.rollbackOfId)
        await tx.decision.updateMany({ where: { id: item.rollbackOfId }, data: { rolledBackAt: null } });
    } else {
      await tx.decision.update({
        where: { id: item.id },
        data: { pushStatus: "pushed", pushedAt: new Date(), pushError: outcome.error },
      });
    }
    if (outcome.status !== "pushed") {
      await tx.auditEvent.create({
        data: {
          shopId: shop.id,
          actor: "pilotage",
          action: { verified: "price.verified", failed: "price.push_failed", conflict: "price.push_conflict" }[
            outcome.status
          ],
          entityType: "variant",
          entityId: item.variantId,
          decisionId: item.id,
          data: JSON.stringify({
            kind: item.kind,
            before: item.before,
            after: item.after,
            ...(outcome.status === "verified" ? {} : { error: outcome.error }),
            ...(outcome.status === "conflict" ? { shopify: outcome.shopify } : {}),
          }),
        },
      });
    }
  });
  report[outcome.status === "pushed" ? "unverified" : outcome.status]++;
}

async function openItems(shop: ShopContext, batchId: string): Promise<Item[]> {
  const decisions = await shop.db.decision.findMany({
    where: { batchId, kind: { in: ["price", "rollback"] }, pushStatus: { in: OPEN } },
    orderBy: { createdAt: "asc" },
  });
  const variantIds = [...new Set(decisions.map((d) => d.variantId).filter((v): v is string => v !== null))];
  const variants = await findByIds(variantIds, (slice) =>
    shop.db.variant.findMany({
      where: { id: { in: slice } },
      select: { id: true, shopifyId: true, productId: true, deletedAt: true },
    }),
  );
  const products = await findByIds([...new Set(variants.map((v) => v.productId))], (slice) =>
    shop.db.product.findMany({ where: { id: { in: slice } }, select: { id: true, shopifyId: true } }),
  );
  const variantById = new Map(variants.map((v) => [v.id, v]));
  const productGid = new Map(products.map((p) => [p.id, p.shopifyId]));
  const items: Item[] = [];
  for (const d of decisions) {
    const before = parsePriceState(d.before);
    const after = parsePriceState(d.after);
    if (!before || !after || !d.variantId) throw new Error(`decision ${d.id}: malformed price decision`);
    const v = variantById.get(d.variantId);
    items.push({
      id: d.id,
      kind: d.kind,
      status: d.pushStatus,
      automatic: d.automatic,
      variantId: d.variantId,
      recommendationId: d.recommendationId,
      rollbackOfId: d.rollbackOfId,
      variantGid: v && !v.deletedAt ? v.shopifyId : "",
      productGid: v && !v.deletedAt ? (productGid.get(v.productId) ?? "") : "",
      before,
      after,
    });
  }
  return items;
}

export interface PushStatus {
  total: number;
  pushed: number;
  verified: number;
  failed: { decisionId: string; variantId: string; error: string }[];
  done: boolean;
}

export async function pushStatus(shop: ShopContext, batchId: string): Promise<PushStatus> {
  const rows = await shop.db.decision.findMany({
    where: { batchId, kind: { in: ["price", "rollback"] } },
    select: { id: true, variantId: true, pushStatus: true, pushError: true },
  });
  return {
    total: rows.length,
    pushed: rows.filter((r) => r.pushStatus === "pushed" || r.pushStatus === "verified").length,
    verified: rows.filter((r) => r.pushStatus === "verified").length,
    failed: rows
      .filter((r) => r.pushStatus === "failed" || r.pushStatus === "conflict")
      .map((r) => ({ decisionId: r.id, variantId: r.variantId ?? "", error: r.pushError ?? "" })),
    done: rows.every((r) => r.pushStatus !== "pending" && r.pushStatus !== "pushing"),
  };
}

/**
 * The job: a report per run; pushed-but-unverified decisions make it fail, so the queue retries them.
 * Takes the database and the queue (and optionally the gateway) so tests run it on their own.
 */
export function pushBatchHandler(
  dbOf: () => Db = getDb,
  queueOf: () => JobQueue = getJobQueue,
  options: Pick<PushOptions, "gateway"> = {},
): JobHandler<{ batchId?: unknown }> {
  return async (job, ctx) => {
    const batchId = job.payload?.batchId;
    if (typeof batchId !== "string" || !batchId)
      throw new PermanentJobError("price.push: payload.batchId must be a non-empty string");
    const db = dbOf();
    const shop = await db.shop.findUnique({
      where: { id: job.shopId },
      select: { id: true, domain: true, currency: true, timezone: true },
    });
    if (!shop) throw new PermanentJobError(`price.push: shop ${job.shopId} not found`);
    const report = await pushBatch({ ...shop, db: forShop(db, shop.id) }, batchId, {
      ...options,
      progress: (f, m) => ctx.progress(f, m),
    });
    await enqueueSummary(shop.id, { queue: queueOf() });
    if (report.unverified > 0)
      throw new Error(`price.push: ${report.unverified} price(s) pushed but not read back yet`);
    return { ...report };
  };
}

defineJobHandler(PUSH_JOB_TYPE, pushBatchHandler());
