// What the recompute needs for plans per location and ABC classes: the shop's active locations and split of
// orders between them, each variant's stock per location, units sold per location (from the orders'
// fulfilment location), open purchase orders by destination and approved transfers still on their way.
import { addDays } from "~/core/days";
import { ENGINE_DEFAULTS } from "~/core/defaults";
import {
  classifyAbc,
  demandShares,
  type AbcClass,
  type AbcThresholds,
  type DemandShares,
  type IncomingShipment,
} from "~/core/inventory/index";
import type { LocationFacts } from "~/core/decisions/index";
import type { ShopDb } from "~/db/scoped.server";
import { incomingByVariantLocation } from "~/replenishment/incoming.server";
import { decimalOrNull, sumOrZero, type DecimalLike } from "~/core/money";

export interface ShopLocations {
  /** Active locations: Location.id by Shopify gid. */
  idByGid: Map<string, string>;
  active: Set<string>;
  /** Orders per location over the window: the prior of every variant's demand shares. */
  shopUnits: Map<string, number>;
  from: string;
  asOf: string;
}

const windowStart = (asOf: string) => addDays(asOf, -(ENGINE_DEFAULTS.abcWindowDays - 1));

export async function shopLocations(db: ShopDb, asOf: string): Promise<ShopLocations> {
  const from = windowStart(asOf);
  const [rows, orders] = await Promise.all([
    db.location.findMany({ where: { isActive: true }, select: { id: true, shopifyId: true } }),
    db.order.groupBy({
      by: ["locationGid"],
      where: { day: { gte: from, lte: asOf }, cancelledAt: null, test: false },
      _count: { _all: true },
    }),
  ]);
  const idByGid = new Map(rows.map((r) => [r.shopifyId, r.id]));
  const shopUnits = new Map<string, number>();
  for (const o of orders) {
    const id = o.locationGid ? idByGid.get(o.locationGid) : undefined;
    if (id) shopUnits.set(id, (shopUnits.get(id) ?? 0) + o._count._all);
  }
  return { idByGid, active: new Set(rows.map((r) => r.id)), shopUnits, from, asOf };
}

/** ABC classes of the shop's variants by gross profit over the window (net revenue less the cost of units kept). */
export async function shopAbcClasses(
  db: ShopDb,
  asOf: string,
  variants: { id: string; unitCost: DecimalLike | null }[],
  thresholds: AbcThresholds,
): Promise<Map<string, AbcClass>> {
  const sales = await db.dailySales.groupBy({
    by: ["variantId"],
    where: { day: { gte: windowStart(asOf), lte: asOf } },
    _sum: { units: true, refundedUnits: true, netRevenue: true },
  });
  const cost = new Map(variants.map((v) => [v.id, decimalOrNull(v.unitCost, "Variant.unitCost")]));
  return classifyAbc(
    sales
      .filter((r) => cost.has(r.variantId))
      .map((r) => ({
        id: r.variantId,
        revenue: sumOrZero(r._sum.netRevenue, "DailySales.netRevenue"),
        units: Math.max(0, (r._sum.units ?? 0) - (r._sum.refundedUnits ?? 0)),
        unitCost: cost.get(r.variantId) ?? null,
      })),
    thresholds,
  ).classes;
}

export interface LevelRow {
  variantId: string;
  locationId: string;
  onHand: number;
  committed: number;
  incoming: number;
}

/** Per variant of the batch with stock at one active location or more: its location facts and demand shares. */
export async function batchLocationFacts(
  db: ShopDb,
  shop: ShopLocations,
  ids: string[],
  levels: LevelRow[],
  opts: {
    timezone: string;
    reviewPeriodDays: number;
    now?: Date;
    /** The batch's open purchase-order units per variant and location, when the caller has read them. */
    onOrder?: Map<string, Map<string, IncomingShipment[]>>;
  },
): Promise<Map<string, { facts: LocationFacts[]; shares: DemandShares }>> {
  const now = opts.now ?? new Date();
  const since = new Date(now.getTime() - opts.reviewPeriodDays * 86_400_000);
  const [lines, onOrder, transfers] = await Promise.all([
    db.orderLine.findMany({
      where: { variantId: { in: ids }, day: { gte: shop.from, lte: shop.asOf }, cancelled: false },
      select: { variantId: true, quantity: true, orderId: true },
    }),
    opts.onOrder ?? incomingByVariantLocation({ db, timezone: opts.timezone }, ids),
    // Approved transfers count as moving stock for one review period (until the merchant has shipped them).
    db.stockTransfer.findMany({
      where: { variantId: { in: ids }, status: { in: ["pending", "created"] }, createdAt: { gte: since } },
      select: { variantId: true, originLocationId: true, destinationLocationId: true, quantity: true, createdAt: true },
    }),
  ]);
  // The orders' locations, read in slices (SQLite binds at most 999 parameters per statement).
  const orderIds = [...new Set(lines.map((l) => l.orderId))];
  const locationOf = new Map<string, string | null>();
  for (let i = 0; i < orderIds.length; i += 500) {
    const rows = await db.order.findMany({
      where: { id: { in: orderIds.slice(i, i + 500) } },
      select: { id: true, locationGid: true },
    });
    for (const o of rows) locationOf.set(o.id, o.locationGid);
  }
  const sold = new Map<string, Map<string, number>>();
  for (const l of lines) {
    const gid = locationOf.get(l.orderId);
    const loc = gid ? shop.idByGid.get(gid) : undefined;
    if (!loc || !l.variantId) continue;
    const m = sold.get(l.variantId) ?? new Map<string, number>();
    m.set(loc, (m.get(loc) ?? 0) + l.quantity);
    sold.set(l.variantId, m);
  }
  const moves = new Map<string, { out: number; in: IncomingShipment[] }>();
  const move = (variantId: string, locationId: string) => {
    const key = `${variantId}|${locationId}`;
    let m = moves.get(key);
    if (!m) moves.set(key, (m = { out: 0, in: [] }));
    return m;
  };
  for (const t of transfers) {
    move(t.variantId, t.originLocationId).out += t.quantity;
    const day = addDays(t.createdAt.toISOString().slice(0, 10), Math.ceil(ENGINE_DEFAULTS.transferLeadTimeDays));
    move(t.variantId, t.destinationLocationId).in.push({ units: t.quantity, expectedDate: day });
  }
  const levelsOf = new Map<string, LevelRow[]>();
  for (const l of levels) {
    if (!shop.active.has(l.locationId)) continue;
    levelsOf.set(l.variantId, [...(levelsOf.get(l.variantId) ?? []), l]);
  }
  const out = new Map<string, { facts: LocationFacts[]; shares: DemandShares }>();
  for (const [variantId, rows] of levelsOf) {
    rows.sort((a, b) => (a.locationId < b.locationId ? -1 : 1));
    const shares = demandShares(
      rows.map((r) => r.locationId),
      sold.get(variantId),
      shop.shopUnits,
    );
    const orders = onOrder.get(variantId) ?? new Map<string, IncomingShipment[]>();
    // Units on purchase orders without a destination arrive where most of the demand is.
    const main = [...shares.shares].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    const facts = rows.map((r): LocationFacts => {
      const m = moves.get(`${variantId}|${r.locationId}`);
      return {
        locationId: r.locationId,
        onHand: r.onHand,
        committed: r.committed,
        incoming: r.incoming,
        onOrder: [
          ...(orders.get(r.locationId) ?? []),
          ...(r.locationId === main ? (orders.get("") ?? []) : []),
          ...(m?.in ?? []),
        ],
        outgoing: m?.out ?? 0,
      };
    });
    out.set(variantId, { facts, shares });
  }
  return out;
}
