// An order placed through the emulator (POST /emulator/orders): it joins the state as a new order and takes the
// units from the location's available stock (committed until fulfilled).
import type { SimOrderLine } from "~/demo/simulator";
import type { EmuLevel, EmuOrder, EmulatorState } from "./state.server";

export interface PlaceOrderInput {
  variantId: string;
  quantity: number;
  /** Default: the location with the most available units of that variant. */
  locationId?: string;
  /** A customer GID; default none (anonymous). */
  customerId?: string | null;
  /** Unit price; default the variant's current price. */
  price?: number;
}

export type PlaceOrderResult =
  | {
      ok: true;
      order: EmuOrder;
      level: EmuLevel | null;
      /** A bundle's sale takes its components' stock, as Shopify does. */ componentLevels: EmuLevel[];
    }
  | { ok: false; message: string };

export function placeOrder(state: EmulatorState, input: PlaceOrderInput, now: Date): PlaceOrderResult {
  const variant = typeof input.variantId === "string" ? state.variantById.get(input.variantId) : undefined;
  if (!variant) return { ok: false, message: `variantId: unknown variant "${String(input.variantId)}"` };
  if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > 10_000) {
    return { ok: false, message: `quantity: must be an integer between 1 and 10000, got ${String(input.quantity)}` };
  }
  if (input.locationId !== undefined && !state.locations.some((l) => l.id === input.locationId)) {
    return { ok: false, message: `locationId: unknown location "${input.locationId}"` };
  }
  if (input.price !== undefined && !(Number.isFinite(input.price) && input.price >= 0)) {
    return { ok: false, message: `price: must be a non-negative number, got ${String(input.price)}` };
  }
  const levels = state.levels.filter((l) => l.inventoryItemId === variant.inventoryItemId);
  const level = input.locationId
    ? (levels.find((l) => l.locationId === input.locationId) ?? null)
    : ([...levels].sort((a, b) => b.available - a.available)[0] ?? null);
  const locationId = input.locationId ?? level?.locationId ?? state.locations[0].id;
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, "Z");
  const product = state.productById.get(variant.productId)!;
  const line: SimOrderLine = {
    id: `gid://shopify/LineItem/${state.next.lineItem++}`,
    variantId: variant.id,
    sku: variant.sku,
    title: variant.title === "Default Title" ? product.title : `${product.title} - ${variant.title}`,
    quantity: input.quantity,
    price: input.price ?? variant.price,
    compareAtPrice: variant.compareAtPrice,
    discount: 0,
  };
  const number = state.next.order++;
  const order: EmuOrder = {
    id: `gid://shopify/Order/${number}`,
    name: `#${1000 + (state.orders.length + 1)}`,
    createdAt: stamp,
    updatedAt: stamp,
    day: stamp.slice(0, 10),
    customerId: input.customerId ?? null,
    email: null,
    cancelledAt: null,
    locationId,
    lines: [line],
    refunds: [],
  };
  state.orders.push(order);
  state.orderById.set(order.id, order);
  if (level) {
    level.available -= input.quantity;
    level.committed += input.quantity;
    level.updatedAt = stamp;
  }
  const componentLevels: EmuLevel[] = [];
  for (const c of variant.components) {
    const item = state.variantById.get(c.variantId)?.inventoryItemId;
    const taken = state.levels.find((l) => l.inventoryItemId === item && l.locationId === locationId);
    if (!taken) continue;
    taken.available -= input.quantity * c.quantity;
    taken.committed += input.quantity * c.quantity;
    taken.updatedAt = stamp;
    componentLevels.push(taken);
  }
  return { ok: true, order, level, componentLevels };
}
