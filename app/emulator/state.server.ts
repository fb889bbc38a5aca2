// The emulator's in-memory shop, built from a simulated shop (app/demo/simulator.ts): products, variants,
// inventory items with unit costs, inventory levels per location, orders with customers, line items, refunds
// and cancellations. Mutations (price updates, metafields, placed orders) change it in place.
import type { SimOrder, SimShop } from "~/demo/simulator";
import { productHeader, type ProductHeader } from "~/shopify/product-header.server";

export interface EmuVariant {
  id: string;
  productId: string;
  title: string;
  sku: string;
  price: number;
  compareAtPrice: number | null;
  inventoryItemId: string;
  unitCost: number | null;
  position: number;
  createdAt: string;
  updatedAt: string;
  /** A bundle's components (productVariantComponents), with their ProductVariantComponent ids. */
  components: { id: string; variantId: string; quantity: number }[];
}

export interface EmuProduct extends ProductHeader {
  createdAt: string;
  updatedAt: string;
  variantIds: string[];
}

export interface EmuLevel {
  id: string;
  inventoryItemId: string;
  locationId: string;
  available: number;
  onHand: number;
  committed: number;
  incoming: number;
  updatedAt: string;
}

export interface EmuRefund {
  id: string;
  createdAt: string;
  lines: { id: string; lineId: string; quantity: number; amount: number }[];
}

export interface EmuOrder extends Omit<SimOrder, "refunds"> {
  updatedAt: string;
  refunds: EmuRefund[];
}

export interface EmuMetafield {
  id: string;
  ownerId: string;
  namespace: string;
  key: string;
  value: string;
  type: string;
  createdAt: string;
  updatedAt: string;
}

export interface EmulatorState {
  shop: SimShop["shop"];
  /** The app's API client id, used to resolve `$app` namespaces (app--{id}--...). */
  appId: string;
  locations: { id: string; name: string }[];
  products: EmuProduct[];
  productById: Map<string, EmuProduct>;
  variantById: Map<string, EmuVariant>;
  variantByItem: Map<string, EmuVariant>;
  levels: EmuLevel[];
  orders: EmuOrder[];
  orderById: Map<string, EmuOrder>;
  metafields: Map<string, EmuMetafield>;
  /** Next numeric ids for objects the emulator creates. */
  next: { order: number; lineItem: number; metafield: number; refund: number; refundLine: number };
}

/** Numeric part of a GID, e.g. 42 for gid://shopify/Product/42. */
export const gidNumber = (gid: string): number => Number(/\/(\d+)(\?.*)?$/.exec(gid)?.[1] ?? NaN);
const byGid = (a: { id: string }, b: { id: string }) => gidNumber(a.id) - gidNumber(b.id);

function toInstant(iso: string): number {
  return Date.parse(iso);
}

/** The latest of the order's own timestamps: creation, cancellation and refunds. */
function orderUpdatedAt(o: SimOrder): string {
  let latest = o.createdAt;
  for (const t of [o.cancelledAt, ...o.refunds.map((r) => r.createdAt)]) {
    if (t && toInstant(t) > toInstant(latest)) latest = t;
  }
  return latest;
}

export function buildState(sim: SimShop, appId = "pilotage"): EmulatorState {
  const firstDay = sim.days[0];
  const created = `${firstDay}T08:00:00Z`;
  const lastChange = new Map<string, string>();
  for (const row of sim.priceHistory) lastChange.set(row.variantId, row.day);

  const products: EmuProduct[] = [];
  let componentNo = 0;
  const variantById = new Map<string, EmuVariant>();
  const variantByItem = new Map<string, EmuVariant>();
  for (const p of sim.products) {
    let productUpdated = created;
    p.variants.forEach((v, i) => {
      const updatedAt = `${lastChange.get(v.id) ?? firstDay}T08:00:00Z`;
      if (updatedAt > productUpdated) productUpdated = updatedAt;
      const variant: EmuVariant = {
        id: v.id,
        productId: p.id,
        title: v.title,
        sku: v.sku,
        price: v.price,
        compareAtPrice: v.compareAtPrice,
        inventoryItemId: v.inventoryItemId,
        unitCost: v.unitCost,
        position: i + 1,
        createdAt: created,
        updatedAt,
        components: (v.components ?? []).map((c) => ({
          id: `gid://shopify/ProductVariantComponent/${++componentNo}`,
          ...c,
        })),
      };
      variantById.set(v.id, variant);
      variantByItem.set(v.inventoryItemId, variant);
    });
    products.push({
      ...productHeader(p),
      tags: [...p.tags],
      createdAt: created,
      updatedAt: productUpdated,
      variantIds: p.variants.map((v) => v.id),
    });
  }
  products.sort(byGid);

  const lastDay = `${sim.days[sim.days.length - 1]}T20:00:00Z`;
  let levelNo = 0;
  const levels: EmuLevel[] = sim.inventory.map((l) => {
    const variant = variantById.get(l.variantId);
    if (!variant) throw new Error(`emulator: inventory level of unknown variant ${l.variantId}`);
    return {
      id: `gid://shopify/InventoryLevel/${++levelNo}?inventory_item_id=${gidNumber(variant.inventoryItemId)}`,
      inventoryItemId: variant.inventoryItemId,
      locationId: l.locationId,
      available: l.available,
      onHand: l.onHand,
      committed: l.onHand - l.available,
      incoming: l.incoming,
      updatedAt: lastDay,
    };
  });

  let refundNo = 0;
  let refundLineNo = 0;
  const orders: EmuOrder[] = sim.orders.map((o) => ({
    ...o,
    lines: o.lines.map((l) => ({ ...l })),
    updatedAt: orderUpdatedAt(o),
    refunds: o.refunds.map((r) => ({
      id: `gid://shopify/Refund/${800000 + ++refundNo}`,
      createdAt: r.createdAt,
      lines: r.lines.map((x) => ({ id: `gid://shopify/RefundLineItem/${900000 + ++refundLineNo}`, ...x })),
    })),
  }));
  let maxLine = 300000;
  let maxOrder = 500000;
  for (const o of orders) {
    maxOrder = Math.max(maxOrder, gidNumber(o.id));
    for (const l of o.lines) maxLine = Math.max(maxLine, gidNumber(l.id));
  }

  return {
    shop: { ...sim.shop },
    appId,
    locations: sim.locations.map((l) => ({ ...l })),
    products,
    productById: new Map(products.map((p) => [p.id, p])),
    variantById,
    variantByItem,
    levels,
    orders,
    orderById: new Map(orders.map((o) => [o.id, o])),
    metafields: new Map(),
    next: {
      order: maxOrder + 1,
      lineItem: maxLine + 1,
      metafield: 1,
      refund: 800000 + refundNo + 1,
      refundLine: 900000 + refundLineNo + 1,
    },
  };
}

/** Resolves `$app` / `$app:suffix` to the stored reserved namespace `app--{appId}` / `app--{appId}--suffix`. */
export function resolveNamespace(state: EmulatorState, namespace: string | null | undefined): string {
  if (!namespace || namespace === "$app") return `app--${state.appId}`;
  if (namespace.startsWith("$app:")) return `app--${state.appId}--${namespace.slice(5)}`;
  return namespace;
}
