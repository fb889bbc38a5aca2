// What the Replenishment and purchase-order pages read: pending reorders grouped by vendor, and purchase
// orders with their lines. Every read goes through the shop-scoped client.
import type { ShopContext } from "~/services/shop.server";
import { leadTimeDays, type PurchaseOrderStatus } from "./rules";
import { purchaseOrderCsv } from "./csv";
import { variantName } from "~/lib/variant-label";
import { decimalOrNull } from "~/core/money";

/** Lines read per page load; the Recommendations screen pages through the rest. */
const MAX_LINES = 2000;

const day = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);

export interface ReorderLine {
  recommendationId: string;
  variantId: string;
  sku: string | null;
  product: string;
  variant: string;
  quantity: number;
  position: number | null;
  unitCost: number | null;
  value: number | null;
  stockoutDate: string | null;
  /** The location the reorder is for (plans per location); null for a variant-wide plan. */
  location: string | null;
  /** The location's share of the variant's demand and where it comes from. */
  demandShare: { value: number; source: string } | null;
  /** ABC class by gross profit over the last 12 months; null = unclassified. */
  abcClass: string | null;
}

export interface VendorGroup {
  vendor: string;
  leadTimeDays: number;
  lines: ReorderLine[];
  units: number;
  value: number;
  /** Lines without a unit cost are left out of `value`. */
  missingCosts: number;
  earliestStockout: string | null;
}

export interface PurchaseOrderSummary {
  id: string;
  number: string;
  vendor: string;
  status: PurchaseOrderStatus;
  expectedAt: string | null;
  createdAt: string;
  lines: number;
  units: number;
  receivedUnits: number;
  value: number;
  /** Destination location's name; null before destinations. */
  destination: string | null;
}

function stockoutOf(expectedImpact: string): string | null {
  try {
    const plan = JSON.parse(expectedImpact) as { projectedStockoutDate?: { value?: unknown } };
    const v = plan.projectedStockoutDate?.value;
    return typeof v === "string" ? v : null;
  } catch {
    return null;
  }
}

function shareOf(expectedImpact: string): { value: number; source: string } | null {
  try {
    const s = (JSON.parse(expectedImpact) as { demandShare?: { value?: unknown; source?: unknown } }).demandShare;
    return s && typeof s.value === "number" && typeof s.source === "string"
      ? { value: s.value, source: s.source }
      : null;
  } catch {
    return null;
  }
}

/** Location names by id (the shop's locations are few). */
export async function locationNames(shop: ShopContext): Promise<Map<string, string>> {
  return new Map((await shop.db.location.findMany({ select: { id: true, name: true } })).map((l) => [l.id, l.name]));
}

export async function pendingReordersByVendor(
  shop: ShopContext,
): Promise<{ groups: VendorGroup[]; truncated: boolean }> {
  const recs = await shop.db.recommendation.findMany({
    where: { kind: "reorder", status: "pending", proposedQuantity: { gt: 0 } },
    orderBy: [{ expectedProfitDelta: "desc" }, { id: "asc" }],
    take: MAX_LINES + 1,
    select: {
      id: true,
      variantId: true,
      proposedQuantity: true,
      currentQuantity: true,
      expectedImpact: true,
      locationId: true,
      variant: {
        select: {
          title: true,
          sku: true,
          vendor: true,
          unitCost: true,
          product: { select: { title: true } },
          forecast: { select: { abcClass: true } },
        },
      },
    },
  });
  const truncated = recs.length > MAX_LINES;
  const names = await locationNames(shop);
  const terms = new Map((await shop.db.vendorSettings.findMany({})).map((t) => [t.vendor, t]));
  const groups = new Map<string, VendorGroup>();
  for (const r of recs.slice(0, MAX_LINES)) {
    const vendor = r.variant.vendor?.trim() ?? "";
    let g = groups.get(vendor);
    if (!g) {
      g = {
        vendor,
        leadTimeDays: leadTimeDays(terms.get(vendor)?.leadTimeMeanDays),
        lines: [],
        units: 0,
        value: 0,
        missingCosts: 0,
        earliestStockout: null,
      };
      groups.set(vendor, g);
    }
    const quantity = r.proposedQuantity ?? 0;
    const unitCost = decimalOrNull(r.variant.unitCost);
    const stockoutDate = stockoutOf(r.expectedImpact);
    g.lines.push({
      recommendationId: r.id,
      variantId: r.variantId,
      sku: r.variant.sku,
      product: r.variant.product.title,
      variant: variantName(r.variant.title) ?? "",
      quantity,
      position: r.currentQuantity,
      unitCost,
      value: unitCost === null ? null : unitCost * quantity,
      stockoutDate,
      location: r.locationId ? (names.get(r.locationId) ?? null) : null,
      demandShare: shareOf(r.expectedImpact),
      abcClass: r.variant.forecast?.abcClass ?? null,
    });
    g.units += quantity;
    if (unitCost === null) g.missingCosts += 1;
    else g.value += unitCost * quantity;
    if (stockoutDate && (!g.earliestStockout || stockoutDate < g.earliestStockout)) g.earliestStockout = stockoutDate;
  }
  // Within a vendor, the line that runs out first comes first (no projected stockout last).
  const urgency = (a: ReorderLine, b: ReorderLine) =>
    (a.stockoutDate ?? "9999").localeCompare(b.stockoutDate ?? "9999") || a.product.localeCompare(b.product);
  for (const g of groups.values()) g.lines.sort(urgency);
  // Most urgent vendor first; vendors with no projected stockout last, by name.
  const list = [...groups.values()].sort(
    (a, b) =>
      (a.earliestStockout ?? "9999").localeCompare(b.earliestStockout ?? "9999") || a.vendor.localeCompare(b.vendor),
  );
  return { groups: list, truncated };
}

export async function listPurchaseOrders(shop: ShopContext, take = 100): Promise<PurchaseOrderSummary[]> {
  const pos = await shop.db.purchaseOrder.findMany({
    orderBy: [{ createdAt: "desc" }, { number: "desc" }],
    take,
    select: {
      id: true,
      number: true,
      vendor: true,
      status: true,
      expectedAt: true,
      createdAt: true,
      locationId: true,
      lines: { select: { quantity: true, receivedQuantity: true, unitCost: true } },
    },
  });
  const names = await locationNames(shop);
  return pos.map((po) => ({
    destination: po.locationId ? (names.get(po.locationId) ?? null) : null,
    id: po.id,
    number: po.number,
    vendor: po.vendor,
    status: po.status as PurchaseOrderStatus,
    expectedAt: day(po.expectedAt),
    createdAt: po.createdAt.toISOString(),
    lines: po.lines.length,
    units: po.lines.reduce((s, l) => s + l.quantity, 0),
    receivedUnits: po.lines.reduce((s, l) => s + l.receivedQuantity, 0),
    value: po.lines.reduce((s, l) => s + (decimalOrNull(l.unitCost) ?? 0) * l.quantity, 0),
  }));
}

export interface PurchaseOrderDetail extends Omit<PurchaseOrderSummary, "lines" | "destination"> {
  currency: string;
  /** Destination (Location.id) and its name; null on orders drafted before destinations. */
  locationId: string | null;
  locationName: string | null;
  sentAt: string | null;
  receivedAt: string | null;
  notes: string | null;
  lines: {
    id: string;
    variantId: string;
    sku: string | null;
    product: string;
    variant: string;
    quantity: number;
    receivedQuantity: number;
    unitCost: number | null;
    lineTotal: number | null;
    expectedAt: string | null;
  }[];
}

/** One purchase order of this shop, or null (another shop's id reads as not found). */
export async function loadPurchaseOrder(shop: ShopContext, id: string): Promise<PurchaseOrderDetail | null> {
  const po = await shop.db.purchaseOrder.findFirst({
    where: { id },
    include: {
      lines: {
        orderBy: { id: "asc" },
        include: { variant: { select: { title: true, sku: true, product: { select: { title: true } } } } },
      },
    },
  });
  if (!po) return null;
  const lines = po.lines
    .map((l) => {
      const unitCost = decimalOrNull(l.unitCost);
      return {
        id: l.id,
        variantId: l.variantId,
        sku: l.variant.sku,
        product: l.variant.product.title,
        variant: variantName(l.variant.title) ?? "",
        quantity: l.quantity,
        receivedQuantity: l.receivedQuantity,
        unitCost,
        lineTotal: unitCost === null ? null : unitCost * l.quantity,
        expectedAt: day(l.expectedAt ?? po.expectedAt),
      };
    })
    .sort((a, b) => a.product.localeCompare(b.product) || a.variant.localeCompare(b.variant));
  return {
    id: po.id,
    number: po.number,
    vendor: po.vendor,
    status: po.status as PurchaseOrderStatus,
    currency: po.currency,
    locationId: po.locationId,
    locationName: po.locationId
      ? ((await shop.db.location.findFirst({ where: { id: po.locationId }, select: { name: true } }))?.name ?? null)
      : null,
    expectedAt: day(po.expectedAt),
    createdAt: po.createdAt.toISOString(),
    sentAt: po.sentAt?.toISOString() ?? null,
    receivedAt: po.receivedAt?.toISOString() ?? null,
    notes: po.notes,
    units: lines.reduce((s, l) => s + l.quantity, 0),
    receivedUnits: lines.reduce((s, l) => s + l.receivedQuantity, 0),
    value: lines.reduce((s, l) => s + (l.lineTotal ?? 0), 0),
    lines,
  };
}

/** The CSV download of one purchase order, or null when it is not this shop's. */
export async function purchaseOrderCsvFile(
  shop: ShopContext,
  id: string,
): Promise<{ filename: string; body: string } | null> {
  const po = await loadPurchaseOrder(shop, id);
  if (!po) return null;
  return { filename: `${po.number}.csv`, body: purchaseOrderCsv(po.lines) };
}

export interface TransferSuggestionView {
  recommendationId: string;
  variantId: string;
  product: string;
  variant: string;
  sku: string | null;
  from: string;
  to: string;
  units: number;
  stockoutDate: string | null;
  vendor: string | null;
}

/** Pending transfer suggestions, the earliest stockout first. */
export async function pendingTransfers(shop: ShopContext, take = 200): Promise<TransferSuggestionView[]> {
  const recs = await shop.db.recommendation.findMany({
    where: { kind: "transfer", status: "pending" },
    orderBy: [{ expectedProfitDelta: "desc" }, { id: "asc" }],
    take,
    select: {
      id: true,
      variantId: true,
      proposedQuantity: true,
      locationId: true,
      sourceLocationId: true,
      expectedImpact: true,
      vendor: true,
      variant: { select: { title: true, sku: true, product: { select: { title: true } } } },
    },
  });
  const names = await locationNames(shop);
  return recs
    .map((r) => {
      let stockoutDate: string | null = null;
      try {
        const v = (JSON.parse(r.expectedImpact) as { stockoutDate?: unknown }).stockoutDate;
        stockoutDate = typeof v === "string" ? v : null;
      } catch {
        stockoutDate = null;
      }
      return {
        recommendationId: r.id,
        variantId: r.variantId,
        product: r.variant.product.title,
        variant: r.variant.title,
        sku: r.variant.sku,
        from: names.get(r.sourceLocationId ?? "") ?? "",
        to: names.get(r.locationId ?? "") ?? "",
        units: r.proposedQuantity ?? 0,
        stockoutDate,
        vendor: r.vendor,
      };
    })
    .sort(
      (a, b) =>
        (a.stockoutDate ?? "9999").localeCompare(b.stockoutDate ?? "9999") ||
        a.recommendationId.localeCompare(b.recommendationId),
    );
}
