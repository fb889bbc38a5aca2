// Units on order: open purchase-order lines (quantity - received) with their expected arrival day. They
// feed the replenishment plan (inventory position and dated arrivals) and the storefront "back around" date.
// Drafts count: approving a reorder is the decision to order, and counting it stops the next recompute
// from suggesting the same units again; cancelling the purchase order removes them.
import type { ShopDb } from "~/db/scoped.server";
import { openUnits } from "./rules";
import { shopToday } from "./purchase-orders.server";

/** Same shape as app/core/inventory IncomingShipment. */
export interface IncomingShipment {
  units: number;
  /** Expected arrival, YYYY-MM-DD. */
  expectedDate: string;
}

/**
 * Open purchase-order units per variant, one shipment per arrival day, earliest first. A line without a
 * date arrives on its purchase order's date, else today. Pass variantIds to read one batch.
 */
export async function incomingByVariant(
  shop: { db: ShopDb; timezone?: string },
  variantIds?: string[],
): Promise<Map<string, IncomingShipment[]>> {
  return acrossLocations(await incomingByVariantLocation(shop, variantIds));
}

/** incomingByVariantLocation's shipments summed over locations: one per variant and arrival day. */
export function acrossLocations(
  byVariantLocation: Map<string, Map<string, IncomingShipment[]>>,
): Map<string, IncomingShipment[]> {
  const out = new Map<string, IncomingShipment[]>();
  for (const [variantId, byLocation] of byVariantLocation) {
    const days = new Map<string, number>();
    for (const list of byLocation.values())
      for (const s of list) days.set(s.expectedDate, (days.get(s.expectedDate) ?? 0) + s.units);
    out.set(variantId, shipments(days));
  }
  return out;
}

/**
 * The same per variant and destination location (Location.id; "" for purchase orders drafted before
 * destinations existed).
 */
export async function incomingByVariantLocation(
  shop: { db: ShopDb; timezone?: string },
  variantIds?: string[],
): Promise<Map<string, Map<string, IncomingShipment[]>>> {
  const today = shopToday({ timezone: shop.timezone ?? "UTC" });
  const lines = await shop.db.purchaseOrderLine.findMany({
    where: {
      ...(variantIds ? { variantId: { in: variantIds } } : {}),
      purchaseOrder: { status: { in: ["draft", "sent", "partially_received"] } },
    },
    select: {
      variantId: true,
      quantity: true,
      receivedQuantity: true,
      expectedAt: true,
      purchaseOrder: { select: { expectedAt: true, locationId: true } },
    },
  });
  const byKey = new Map<string, Map<string, Map<string, number>>>();
  for (const line of lines) {
    const units = openUnits(line);
    if (units <= 0) continue;
    const at = line.expectedAt ?? line.purchaseOrder.expectedAt;
    const day = at ? at.toISOString().slice(0, 10) : today;
    const byLocation = byKey.get(line.variantId) ?? new Map<string, Map<string, number>>();
    const location = line.purchaseOrder.locationId ?? "";
    const days = byLocation.get(location) ?? new Map<string, number>();
    days.set(day, (days.get(day) ?? 0) + units);
    byLocation.set(location, days);
    byKey.set(line.variantId, byLocation);
  }
  const out = new Map<string, Map<string, IncomingShipment[]>>();
  for (const [variantId, byLocation] of byKey) {
    out.set(variantId, new Map([...byLocation].map(([location, days]) => [location, shipments(days)])));
  }
  return out;
}

/** One shipment per arrival day, earliest first. */
function shipments(days: Map<string, number>): IncomingShipment[] {
  return [...days].sort(([a], [b]) => a.localeCompare(b)).map(([expectedDate, units]) => ({ units, expectedDate }));
}

/** The storefront "back around" date: the first arrival on or after today (null when nothing is on order). */
export function nextArrival(shipments: IncomingShipment[] | undefined, today: string): string | null {
  if (!shipments?.length) return null;
  const next = shipments.find((s) => s.expectedDate >= today) ?? shipments[shipments.length - 1];
  return next.expectedDate < today ? today : next.expectedDate;
}
