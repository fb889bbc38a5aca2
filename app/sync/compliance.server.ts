// Compliance and lifecycle webhooks (issue 5, item 6): customers/redact, shop/redact, customers/data_request,
// app/uninstalled. Customers are known only by their pseudonymised key (app/db/customer-key.server.ts).
import type { Db } from "~/db.server";
import { forShop } from "~/db/scoped.server";
import type { JobQueue } from "~/jobs/types";
import { log } from "~/logger.server";
import { customerKeySecret } from "~/sync/webhooks/orders.server";
import { gid, isObj, type Json } from "~/sync/webhooks/payload";
import { customerKeyIn } from "~/sync/webhooks/scrub";
import { customerKeyOf } from "~/db/customer-key.server";
import { forgetShopContext } from "~/services/shop.server";
import { forgetProxyShop } from "~/storefront/proxy.server";

export interface ShopRef {
  id: string;
  domain: string;
}

/** The customer key named by a compliance payload (scrubbed: { customer: { key } }, or raw: { customer: { id } }). */
export function complianceCustomerKey(payload: Json): string | null {
  const key = customerKeyIn(payload);
  if (key) return key;
  const id = isObj(payload.customer) ? gid("Customer", payload.customer.id) : null;
  return id ? customerKeyOf(id, customerKeySecret()) : null;
}

/** customers/redact: unlinks the customer from orders and lines and deletes their CustomerDailySales rows. */
export async function redactCustomer(
  db: Db,
  shop: ShopRef,
  customerKey: string,
): Promise<{ orders: number; lines: number; customerRows: number }> {
  const s = forShop(db, shop.id);
  const result = await s.$transaction(async (tx) => {
    const orders = await tx.order.updateMany({
      where: { customerKey },
      data: { customerKey: null },
    });
    const lines = await tx.orderLine.updateMany({
      where: { customerKey },
      data: { customerKey: null },
    });
    await tx.orderLine.updateMany({
      where: { contributedCustomerKey: customerKey },
      data: { contributedCustomerKey: null },
    });
    const customerRows = await tx.customerDailySales.deleteMany({
      where: { customerKey },
    });
    // Stored deliveries still name the key: drop it there too, so replaying them cannot re-link the customer.
    const deliveries = await tx.webhookDelivery.findMany({
      where: { payload: { contains: customerKey } },
      select: { id: true, payload: true },
    });
    for (const d of deliveries) {
      await tx.webhookDelivery.update({
        where: { id: d.id },
        data: {
          payload: d.payload.split(`{"key":"${customerKey}"}`).join("null"),
        },
      });
    }
    return {
      orders: orders.count,
      lines: lines.count,
      customerRows: customerRows.count,
    };
  });
  log.info("customer redacted", { shopId: shop.id, ...result });
  return result;
}

/** customers/data_request: what is stored about the customer, written as an AuditEvent the app can show. */
export async function customerDataReport(db: Db, shop: ShopRef, customerKey: string, requestId: string | null) {
  const s = forShop(db, shop.id);
  const orders = await s.order.findMany({
    where: { customerKey },
    orderBy: { processedAt: "asc" },
    select: {
      shopifyId: true,
      name: true,
      day: true,
      currency: true,
      subtotal: true,
      totalDiscounts: true,
      totalRefunded: true,
      cancelledAt: true,
    },
  });
  const daily = await s.customerDailySales.findMany({
    where: { customerKey },
    orderBy: [{ day: "asc" }, { variantId: "asc" }],
    select: { variantId: true, day: true, units: true, netRevenue: true },
  });
  const data = {
    customerKey,
    requestId,
    note: "Pilotage stores a pseudonymised key of the customer id, never an email, name, phone or address.",
    orders: orders.map((o) => ({
      ...o,
      subtotal: o.subtotal.toString(),
      totalDiscounts: o.totalDiscounts.toString(),
      totalRefunded: o.totalRefunded.toString(),
    })),
    dailySales: daily.map((d) => ({
      ...d,
      netRevenue: d.netRevenue.toString(),
    })),
  };
  const event = await s.auditEvent.create({
    data: {
      actor: "shopify",
      action: "compliance.customer_data_request",
      entityType: "Customer",
      entityId: customerKey,
      data: JSON.stringify(data),
    } as never,
    select: { id: true },
  });
  log.info("customer data request answered", {
    shopId: shop.id,
    auditEventId: event.id,
    orders: orders.length,
    dailyRows: daily.length,
  });
  return { auditEventId: event.id, data };
}

/** shop/redact: every row of the shop, then the shop itself, and its sessions. */
export async function redactShop(db: Db, queue: JobQueue | null, shop: ShopRef): Promise<void> {
  if (queue) await queue.cancelShop(shop.id);
  const s = forShop(db, shop.id);
  // The big children first, then the shop (its remaining rows cascade).
  await s.$transaction([
    s.orderLine.deleteMany({}),
    s.customerDailySales.deleteMany({}),
    s.dailySales.deleteMany({}),
    s.order.deleteMany({}),
    s.purchaseOrderLine.deleteMany({}),
    s.decision.deleteMany({}),
    s.recommendation.deleteMany({}),
  ] as never);
  await db.$transaction([
    db.session.deleteMany({ where: { shop: shop.domain } }),
    db.shop.deleteMany({ where: { id: shop.id } }),
  ]);
  forgetProxyShop(shop.domain, shop.id);
  forgetShopContext(shop.domain);
  log.info("shop redacted", { shopId: shop.id });
}

/** app/uninstalled: removes the sessions and stops the shop's jobs; the data stay until shop/redact. */
export async function uninstallShop(
  db: Db,
  queue: JobQueue,
  shop: ShopRef,
): Promise<{ sessions: number; jobs: number }> {
  const sessions = await db.session.deleteMany({
    where: { shop: shop.domain },
  });
  const jobs = await queue.cancelShop(shop.id);
  await forShop(db, shop.id).shop.update({
    where: { id: shop.id },
    data: { uninstalledAt: new Date() },
  });
  forgetProxyShop(shop.domain, shop.id);
  forgetShopContext(shop.domain);
  log.info("shop uninstalled", {
    shopId: shop.id,
    sessions: sessions.count,
    jobs,
  });
  return { sessions: sessions.count, jobs };
}

const SCOPES_EVENT = "app.scopes_updated";

/** Required scopes missing from `granted` (a write_x scope implies read_x). */
export function missingScopes(granted: readonly string[], required: readonly string[]): string[] {
  const have = new Set(granted);
  return required.filter((s) => !have.has(s) && !(s.startsWith("read_") && have.has(`write_${s.slice(5)}`)));
}

export type ScopesUpdateResult =
  { status: "applied"; sessions: number; missing: string[] } | { status: "ignored"; reason: string };

/**
 * app/scopes_update: the shop's stored sessions take the granted scopes (`current`). The last applied
 * updated_at is kept in the AuditEvent this writes, so an older delivery never overwrites a newer grant.
 */
export async function applyScopesUpdate(
  db: Db,
  shop: ShopRef,
  payload: Json,
  required: readonly string[],
): Promise<ScopesUpdateResult> {
  if (!Array.isArray(payload.current)) return { status: "ignored", reason: "no current scopes" };
  const current = payload.current.filter((x): x is string => typeof x === "string");
  const updatedAt = typeof payload.updated_at === "string" ? new Date(payload.updated_at) : null;
  const s = forShop(db, shop.id);
  const last = await s.auditEvent.findFirst({
    where: { action: SCOPES_EVENT },
    orderBy: { at: "desc" },
    select: { data: true },
  });
  const lastAt = last ? (JSON.parse(last.data) as { updatedAt?: string | null }).updatedAt : null;
  if (updatedAt && lastAt && updatedAt.getTime() <= new Date(lastAt).getTime())
    return { status: "ignored", reason: "stale" };
  const scope = current.join(",");
  const sessions = await db.session.updateMany({ where: { shop: shop.domain }, data: { scope } });
  const missing = missingScopes(current, required);
  await s.auditEvent.create({
    data: {
      actor: "shopify",
      action: SCOPES_EVENT,
      entityType: "Shop",
      entityId: shop.id,
      data: JSON.stringify({
        updatedAt: updatedAt?.toISOString() ?? null,
        previous: Array.isArray(payload.previous) ? payload.previous : null,
        current,
        missing,
      }),
    } as never,
  });
  if (missing.length > 0) log.warn("required scopes missing", { shopId: shop.id, missing });
  log.info("scopes updated", { shopId: shop.id, sessions: sessions.count });
  return { status: "applied", sessions: sessions.count, missing };
}
