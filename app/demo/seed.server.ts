// Writes a simulated shop (app/demo/simulator.ts) into the database: shop and settings, vendors,
// locations, catalogue, inventory levels and snapshots, orders and lines, the daily sales and
// customer daily sales aggregates, and price history. Every write goes through forShop().
// Idempotent: a shop already seeded from the same simulator seed is left as it is; a shop whose
// seeding was interrupted (importStatus != "done") is cleared and written again.
import type { Prisma } from "@prisma/client";
import { databaseUrlOf, type Db } from "~/db.server";
import { openBulkWriter, type BulkWriter } from "~/db/bulk.server";
import {
  contributionColumns,
  contributionOf,
  fromMilli,
  netMilli,
  toMilli,
  type Contribution,
} from "~/db/contribution";
import { customerKeyOf } from "~/db/customer-key.server";
import { createId } from "~/db/ids";
import { forShop } from "~/db/scoped.server";
import { rebuildBundleDemand } from "~/bundles/store.server";
import type { SimShop } from "./simulator";
import { addDays } from "~/core/days";
import { toDecimalString } from "~/core/money";

export interface SeedOptions {
  /** HMAC secret for customer keys (default: a fixed demo secret). */
  customerKeySecret?: string;
  onProgress?: (step: string) => void;
  /** Add two planned merchant events (a campaign, a closure) so the demo shows the Events page (issue 15). Default false. */
  plannedEvents?: boolean;
}

export interface SeedReport {
  shopId: string;
  skipped: boolean;
  rows: Record<string, number>;
  ms: number;
}

const DEMO_CUSTOMER_SECRET = "pilotage-demo-customers";

/** Row ids are made here so children can point at their parents without reading them back. */
function rowId(_kind: string, _shopId: string, _key: string): string {
  return createId();
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Midnight of `day` in `timeZone`, as a UTC instant. */
export function zonedMidnight(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  const guess = Date.UTC(y, m - 1, d);
  const format = formatterFor(timeZone);
  const offsetAt = (t: number) => {
    const parts = format.formatToParts(new Date(t));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - t;
  };
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}

/** Children before parents, so clearing a half-seeded shop never trips a foreign key. */
const CLEAR_ORDER = [
  "customerDailySales",
  "dailySales",
  "orderLine",
  "order",
  "priceHistory",
  "inventorySnapshot",
  "inventoryLevel",
  "inventoryReceipt",
  "stockTransfer",
  "bundleDailyDemand",
  "bundleComponent",
  "supplierItem",
  "purchaseOrderLine",
  "purchaseOrder",
  "decision",
  "recommendation",
  "forecast",
  "event",
  "variant",
  "product",
  "location",
  "vendorSettings",
  "autonomyRule",
  "shopSettings",
  "auditEvent",
  "job",
  "webhookDelivery",
] as const;

export async function seedDemoShop(db: Db, sim: SimShop, options: SeedOptions = {}): Promise<SeedReport> {
  const started = Date.now();
  const secret = options.customerKeySecret ?? DEMO_CUSTOMER_SECRET;
  const progress = options.onProgress ?? (() => undefined);
  const source = `demo:${sim.seed}`;
  const info = sim.shop;

  const existing = await db.shop.findUnique({ where: { domain: info.domain } });
  if (existing && existing.source === source && existing.importStatus === "done") {
    return { shopId: existing.id, skipped: true, rows: {}, ms: Date.now() - started };
  }
  const shop = await db.shop.upsert({
    where: { domain: info.domain },
    create: {
      domain: info.domain,
      name: info.name,
      currency: info.currency,
      timezone: info.timezone,
      locale: info.locale,
      source,
    },
    update: { name: info.name, currency: info.currency, timezone: info.timezone, locale: info.locale, source },
  });
  const s = forShop(db, shop.id);
  await s.shop.update({
    where: { id: shop.id },
    data: {
      importStatus: "running",
      importProgress: 0,
      importStartedAt: new Date(),
      importFinishedAt: null,
      importError: null,
    },
  });
  progress("clear");
  await s.$transaction(
    CLEAR_ORDER.map((model) =>
      (s[model] as unknown as { deleteMany(a: object): Promise<unknown> }).deleteMany({}),
    ) as never,
  );

  const writer = await openBulkWriter(databaseUrlOf(db), shop.id);
  try {
    const rows = await writeShop(s, writer, shop.id, sim, secret, progress);
    if (options.plannedEvents) await s.event.createMany({ data: await demoEvents(s, shop.id, sim) });
    rows.bundleDailyDemand = await rebuildBundleDemand(db, shop.id);
    await s.shop.update({
      where: { id: shop.id },
      data: { importStatus: "done", importProgress: 1, importFinishedAt: new Date(), lastSyncedAt: new Date() },
    });
    return { shopId: shop.id, skipped: false, rows, ms: Date.now() - started };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    await s.shop
      .update({ where: { id: shop.id }, data: { importStatus: "failed", importError: message } })
      .catch(() => undefined);
    throw error;
  } finally {
    await writer.close();
  }
}

async function writeShop(
  s: ReturnType<typeof forShop>,
  writer: BulkWriter,
  shopId: string,
  sim: SimShop,
  secret: string,
  progress: (step: string) => void,
): Promise<Record<string, number>> {
  const info = sim.shop;
  const shop = { id: shopId };
  const rows: Record<string, number> = {};
  // Bulk rows: one transaction per table, so a table is either fully written or not at all.
  const insert = async <T extends object>(name: string, model: Prisma.ModelName, data: T[]) => {
    progress(name);
    rows[name] = await writer.insert(model, data as Record<string, unknown>[]);
  };

  await s.shopSettings.create({ data: { shopId } });
  await insert<Prisma.AutonomyRuleCreateManyInput>("autonomyRule", "AutonomyRule", [
    { shopId, actionType: "price", mode: "suggest", maxChangePct: 0.03, maxPerDay: 20 },
    { shopId, actionType: "reorder", mode: "suggest" },
  ]);
  await insert<Prisma.VendorSettingsCreateManyInput>(
    "vendorSettings",
    "VendorSettings",
    sim.vendors.map((v, i) => ({
      shopId,
      vendor: v.name,
      leadTimeMeanDays: v.leadTimeDays,
      leadTimeSdDays: v.leadTimeSdDays,
      moq: v.moq,
      casePack: v.casePack,
      ...demoSupplier(v.name, i),
    })),
  );

  const locationIds = new Map(sim.locations.map((l) => [l.id, rowId("loc", shop.id, l.id)]));
  await insert<Prisma.LocationCreateManyInput>(
    "location",
    "Location",
    sim.locations.map((l) => ({ shopId, id: locationIds.get(l.id)!, shopifyId: l.id, name: l.name })),
  );

  const variantIds = new Map<string, string>();
  const productRows: Prisma.ProductCreateManyInput[] = [];
  const variantRows: Prisma.VariantCreateManyInput[] = [];
  const firstDay = zonedMidnight(sim.days[0], info.timezone);
  for (const p of sim.products) {
    const productId = rowId("prd", shop.id, p.id);
    productRows.push({
      shopId,
      id: productId,
      shopifyId: p.id,
      title: p.title,
      handle: p.handle,
      vendor: p.vendor,
      productType: p.productType,
      status: p.status,
      shopifyCreatedAt: firstDay,
      shopifyUpdatedAt: firstDay,
    });
    for (const v of p.variants) {
      const id = rowId("var", shop.id, v.id);
      variantIds.set(v.id, id);
      const launch = v.truth.launchDay ? zonedMidnight(v.truth.launchDay, info.timezone) : firstDay;
      variantRows.push({
        shopId,
        id,
        productId,
        shopifyId: v.id,
        title: v.title,
        sku: v.sku,
        vendor: p.vendor,
        productType: p.productType,
        price: toDecimalString(v.price),
        compareAtPrice: toDecimalString(v.compareAtPrice),
        unitCost: toDecimalString(v.unitCost),
        inventoryItemId: v.inventoryItemId,
        requiresComponents: (v.components?.length ?? 0) > 0,
        shopifyCreatedAt: launch,
        shopifyUpdatedAt: launch,
      });
    }
  }
  await insert("product", "Product", productRows);
  await insert("variant", "Variant", variantRows);
  const variantOf = (shopifyId: string) => {
    const id = variantIds.get(shopifyId);
    if (!id) throw new Error(`seedDemoShop: unknown variant ${shopifyId}`);
    return id;
  };
  await insert<Prisma.BundleComponentCreateManyInput>(
    "bundleComponent",
    "BundleComponent",
    sim.products.flatMap((p) =>
      p.variants.flatMap((v) =>
        (v.components ?? []).map((c) => ({
          shopId,
          bundleVariantId: variantOf(v.id),
          componentVariantId: variantOf(c.variantId),
          quantity: c.quantity,
        })),
      ),
    ),
  );
  const locationOf = (shopifyId: string) => {
    const id = locationIds.get(shopifyId);
    if (!id) throw new Error(`seedDemoShop: unknown location ${shopifyId}`);
    return id;
  };

  await insert<Prisma.InventoryLevelCreateManyInput>(
    "inventoryLevel",
    "InventoryLevel",
    sim.inventory.map((l) => ({
      shopId,
      variantId: variantOf(l.variantId),
      locationId: locationOf(l.locationId),
      available: l.available,
      onHand: l.onHand,
      committed: Math.max(0, l.onHand - l.available),
      incoming: l.incoming,
    })),
  );
  await insert<Prisma.InventorySnapshotCreateManyInput>(
    "inventorySnapshot",
    "InventorySnapshot",
    sim.snapshots.map((r) => ({
      shopId,
      variantId: variantOf(r.variantId),
      locationId: locationOf(r.locationId),
      day: r.day,
      available: r.available,
      onHand: Math.max(0, r.available),
    })),
  );
  await insert<Prisma.PriceHistoryCreateManyInput>(
    "priceHistory",
    "PriceHistory",
    sim.priceHistory.map((r) => ({
      shopId,
      variantId: variantOf(r.variantId),
      effectiveAt: zonedMidnight(r.day, info.timezone),
      price: toDecimalString(r.price),
      compareAtPrice: toDecimalString(r.compareAtPrice),
      source: "demo",
    })),
  );

  // Orders, lines, and the aggregates built from the lines' contributions (app/db/contribution.ts).
  const orderRows: Prisma.OrderCreateManyInput[] = [];
  const lineRows: Prisma.OrderLineCreateManyInput[] = [];
  const daily = new Map<string, { variantId: string; day: string; c: Contribution; lines: number }>();
  const customerDaily = new Map<
    string,
    { customerKey: string; variantId: string; day: string; units: number; net: number }
  >();
  const customerKeys = new Map<string, string>();
  for (const o of sim.orders) {
    const orderId = rowId("ord", shop.id, o.id);
    let customerKey: string | null = null;
    if (o.customerId) {
      customerKey = customerKeys.get(o.customerId) ?? customerKeyOf(o.customerId, secret);
      customerKeys.set(o.customerId, customerKey);
    }
    const refunded = new Map<string, { quantity: number; milli: number }>();
    let updatedAt = Date.parse(o.createdAt);
    for (const r of o.refunds) {
      updatedAt = Math.max(updatedAt, Date.parse(r.createdAt));
      for (const rl of r.lines) {
        const prev = refunded.get(rl.lineId) ?? { quantity: 0, milli: 0 };
        refunded.set(rl.lineId, { quantity: prev.quantity + rl.quantity, milli: prev.milli + toMilli(rl.amount) });
      }
    }
    if (o.cancelledAt) updatedAt = Math.max(updatedAt, Date.parse(o.cancelledAt));
    const shopifyUpdatedAt = new Date(updatedAt);
    let subtotal = 0;
    let discounts = 0;
    let refundedTotal = 0;
    for (const line of o.lines) {
      const variantId = variantOf(line.variantId);
      const refund = refunded.get(line.id) ?? { quantity: 0, milli: 0 };
      const unitPriceMilli = toMilli(line.price);
      const discountMilli = toMilli(line.discount);
      subtotal += unitPriceMilli * line.quantity;
      discounts += discountMilli;
      refundedTotal += refund.milli;
      const c = contributionOf({
        day: o.day,
        customerKey,
        quantity: line.quantity,
        refundedQuantity: refund.quantity,
        unitPriceMilli,
        discountMilli,
        refundedMilli: refund.milli,
        cancelled: o.cancelledAt !== null,
      });
      lineRows.push({
        shopId,
        id: rowId("oli", shop.id, line.id),
        orderId,
        shopifyId: line.id,
        variantId,
        shopifyVariantId: line.variantId,
        quantity: line.quantity,
        refundedQuantity: refund.quantity,
        unitPrice: fromMilli(unitPriceMilli),
        discount: fromMilli(discountMilli),
        refundedAmount: fromMilli(refund.milli),
        cancelled: o.cancelledAt !== null,
        customerKey,
        day: o.day,
        ...contributionColumns(c),
        shopifyUpdatedAt,
      });
      if (c.day === null) continue;
      const key = `${variantId}|${c.day}`;
      const agg = daily.get(key);
      if (agg) {
        agg.lines++;
        agg.c = {
          ...agg.c,
          units: agg.c.units + c.units,
          refundedUnits: agg.c.refundedUnits + c.refundedUnits,
          grossMilli: agg.c.grossMilli + c.grossMilli,
          discountMilli: agg.c.discountMilli + c.discountMilli,
          refundedMilli: agg.c.refundedMilli + c.refundedMilli,
        };
      } else {
        daily.set(key, { variantId, day: c.day, c, lines: 1 });
      }
      if (c.customerKey) {
        const ckey = `${c.customerKey}|${variantId}|${c.day}`;
        const cagg = customerDaily.get(ckey) ?? { customerKey: c.customerKey, variantId, day: c.day, units: 0, net: 0 };
        cagg.units += c.units;
        cagg.net += netMilli(c);
        customerDaily.set(ckey, cagg);
      }
    }
    orderRows.push({
      shopId,
      id: orderId,
      shopifyId: o.id,
      name: o.name,
      customerKey,
      processedAt: new Date(o.createdAt),
      day: o.day,
      currency: info.currency,
      subtotal: fromMilli(subtotal),
      totalDiscounts: fromMilli(discounts),
      totalRefunded: fromMilli(refundedTotal),
      cancelledAt: o.cancelledAt ? new Date(o.cancelledAt) : null,
      locationGid: o.locationId,
      shopifyUpdatedAt,
    });
  }
  await insert("order", "Order", orderRows);
  await insert("orderLine", "OrderLine", lineRows);
  await insert<Prisma.DailySalesCreateManyInput>(
    "dailySales",
    "DailySales",
    [...daily.values()].map(({ variantId, day, c, lines }) => ({
      shopId,
      variantId,
      day,
      units: c.units,
      refundedUnits: c.refundedUnits,
      lines,
      grossRevenue: fromMilli(c.grossMilli),
      discounts: fromMilli(c.discountMilli),
      refunds: fromMilli(c.refundedMilli),
      netRevenue: fromMilli(netMilli(c)),
      avgPrice: c.units > 0 ? fromMilli((c.grossMilli - c.discountMilli) / c.units) : null,
    })),
  );
  await insert<Prisma.CustomerDailySalesCreateManyInput>(
    "customerDailySales",
    "CustomerDailySales",
    [...customerDaily.values()].map((r) => ({
      shopId,
      customerKey: r.customerKey,
      variantId: r.variantId,
      day: r.day,
      units: r.units,
      netRevenue: fromMilli(r.net),
    })),
  );
  return rows;
}

/** A demo vendor's contact for purchase-order e-mails (example.com addresses); every third one writes in English. */
function demoSupplier(vendor: string, index: number) {
  const slug = vendor
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return {
    contactName: "Service commandes",
    contactEmail: `commandes@${slug}.example.com`,
    documentLocale: index % 3 === 2 ? "en" : "fr",
  };
}

/**
 * The demo's events: a +40% campaign on the first product type and a two-day closure after the last simulated day;
 * and, when a variant had a price promotion in the last year, that promotion entered as a past event (+30%) with
 * the same promotion planned again, so the page shows what the past one really did and what it teaches.
 */
async function demoEvents(s: ReturnType<typeof forShop>, shopId: string, sim: SimShop) {
  const last = sim.days[sim.days.length - 1];
  const day = (n: number) => addDays(last, n);
  const type = sim.products[0].productType;
  const events: Prisma.EventCreateManyInput[] = [
    {
      shopId,
      name: `${type}: winter campaign`,
      kind: "campaign",
      startDay: day(5),
      endDay: day(11),
      scopeType: "productType",
      scopeValue: type,
      effectType: "percent",
      effectValue: 40,
    },
    {
      shopId,
      name: "Closed for stock-taking",
      kind: "closure",
      startDay: day(20),
      endDay: day(21),
      scopeType: "shop",
      scopeValue: null,
      effectType: "stop",
      effectValue: null,
    },
  ];
  const promo = lastPromotion(sim);
  if (promo) {
    const row = await s.variant.findFirst({ where: { shopifyId: promo.variant.id }, select: { id: true } });
    if (row) {
      const scope = {
        scopeType: "variants",
        scopeValue: JSON.stringify([row.id]),
        effectType: "percent",
        effectValue: 30,
      };
      const name = promo.variant.sku || promo.variant.title;
      events.push(
        {
          shopId,
          name: `${name}: spring promotion`,
          kind: "promotion",
          startDay: sim.days[promo.from],
          endDay: sim.days[promo.to],
          ...scope,
        },
        { shopId, name: `${name}: promotion again`, kind: "promotion", startDay: day(14), endDay: day(20), ...scope },
      );
    }
  }
  return events;
}

/** The most recent run of 5 to 25 days, in the last year, when a top seller's price was cut by 8% or more and came back. */
function lastPromotion(
  sim: SimShop,
): { variant: SimShop["products"][number]["variants"][number]; from: number; to: number } | null {
  let best: { variant: SimShop["products"][number]["variants"][number]; from: number; to: number } | null = null;
  const n = sim.days.length;
  const yearAgo = sim.days[Math.max(0, n - 365)];
  const sold = new Map<string, number>();
  for (const o of sim.orders)
    if (o.day >= yearAgo && !o.cancelledAt)
      for (const l of o.lines) sold.set(l.variantId, (sold.get(l.variantId) ?? 0) + l.quantity);
  const top = sim.products
    .flatMap((p) => p.variants)
    .sort((a, b) => (sold.get(b.id) ?? 0) - (sold.get(a.id) ?? 0))
    .slice(0, 30);
  for (const variant of top) {
    const p = sim.days.map((d) => sim.truthPrice(variant.id, d));
    for (let i = Math.max(1, n - 365); i < n - 1; i++) {
      if (!(p[i] < 0.92 * p[i - 1])) continue;
      let j = i;
      while (j < n && p[j] < 0.99 * p[i - 1]) j++;
      if (j < n && j - i >= 5 && j - i <= 25 && (!best || i > best.from)) best = { variant, from: i, to: j - 1 };
      i = j;
    }
  }
  return best;
}
