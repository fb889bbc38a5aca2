// Personal data is never stored: a delivery keeps only the fields the app reads for its topic (an allow-list,
// so a field Shopify adds later can never reach WebhookDelivery.payload), and the customer becomes its
// pseudonymised key (app/db/customer-key.server.ts). The readers are ./orders.server.ts, ./catalogue.server.ts,
// ./process.server.ts, app/sync/compliance.server.ts and app/sync/import/bulk-finish.server.ts: a field they
// start reading must be added here (tests/integration/webhooks/personal-data.test.ts). Pure.
import { customerKeyOf } from "~/db/customer-key.server";
import { gid, isObj, type Json } from "./payload";

/**
 * "value": a string, number, boolean or null (an object or array there is dropped); "strings": an array of
 * strings; "customer": the customer's key only; an object: those fields; [object]: an array of those objects.
 */
type Keep = "value" | "strings" | "customer" | Shape | readonly [Shape];
interface Shape {
  readonly [field: string]: Keep;
}

const REFUND: Shape = {
  id: "value",
  order_id: "value",
  refund_line_items: [{ line_item_id: "value", line_item: { id: "value" }, quantity: "value", subtotal: "value" }],
};

const ORDER: Shape = {
  id: "value",
  name: "value",
  created_at: "value",
  processed_at: "value",
  updated_at: "value",
  cancelled_at: "value",
  currency: "value",
  test: "value",
  customer: "customer",
  line_items: [
    {
      id: "value",
      variant_id: "value",
      quantity: "value",
      price: "value",
      total_discount: "value",
      discount_allocations: [{ amount: "value" }],
    },
  ],
  refunds: [REFUND],
};

const PRODUCT: Shape = {
  id: "value",
  title: "value",
  handle: "value",
  vendor: "value",
  product_type: "value",
  status: "value",
  created_at: "value",
  updated_at: "value",
  variants: [
    {
      id: "value",
      title: "value",
      sku: "value",
      price: "value",
      compare_at_price: "value",
      inventory_item_id: "value",
      inventory_management: "value",
      created_at: "value",
      updated_at: "value",
    },
  ],
};

/** Per topic (as stored: "ORDERS_CREATE"), the fields kept. A topic not listed keeps nothing. */
export const STORED_FIELDS: Readonly<Record<string, Shape>> = {
  ORDERS_CREATE: ORDER,
  ORDERS_UPDATED: ORDER,
  ORDERS_CANCELLED: ORDER,
  REFUNDS_CREATE: REFUND,
  PRODUCTS_CREATE: PRODUCT,
  PRODUCTS_UPDATE: PRODUCT,
  PRODUCTS_DELETE: { id: "value" },
  INVENTORY_LEVELS_UPDATE: {
    inventory_item_id: "value",
    location_id: "value",
    available: "value",
    updated_at: "value",
  },
  INVENTORY_ITEMS_UPDATE: { id: "value", cost: "value", tracked: "value", updated_at: "value" },
  CUSTOMERS_REDACT: { customer: "customer" },
  CUSTOMERS_DATA_REQUEST: { customer: "customer", data_request: { id: "value" } },
  SHOP_REDACT: {},
  APP_UNINSTALLED: {},
  APP_SCOPES_UPDATE: { current: "strings", previous: "strings", updated_at: "value" },
  BULK_OPERATIONS_FINISH: { admin_graphql_api_id: "value" },
};

/** The key of the customer-id hash: CUSTOMER_KEY_SECRET when set, else the app secret. */
export function customerKeySecret(): string {
  return process.env.CUSTOMER_KEY_SECRET || process.env.SHOPIFY_API_SECRET || "";
}

/** The customer object of a scrubbed payload: only the key. */
export interface ScrubbedCustomer {
  key: string;
}

const isScalar = (v: unknown) => v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";

function customerOf(v: unknown, secret: string): ScrubbedCustomer | null {
  if (!isObj(v)) return null;
  if (typeof v.key === "string") return { key: v.key };
  const id = gid("Customer", v.id);
  return id ? { key: customerKeyOf(id, secret) } : null;
}

function pick(value: Json, shape: Shape, secret: string): Json {
  const out: Json = {};
  for (const [field, keep] of Object.entries(shape)) {
    if (!Object.hasOwn(value, field)) continue;
    const v = value[field];
    if (keep === "value") {
      if (isScalar(v)) out[field] = v;
    } else if (keep === "strings") {
      if (Array.isArray(v)) out[field] = v.filter((x) => typeof x === "string");
    } else if (keep === "customer") {
      out[field] = customerOf(v, secret);
    } else if (Array.isArray(keep)) {
      if (Array.isArray(v)) out[field] = v.filter(isObj).map((item) => pick(item, keep[0], secret));
    } else if (isObj(v)) {
      out[field] = pick(v, keep as Shape, secret);
    }
  }
  return out;
}

/** The fields of `payload` the app reads for `topic`, the customer id replaced by its key; {} for anything else. */
export function scrubPayload(topic: string, payload: unknown, secret: string): Json {
  const shape = STORED_FIELDS[topic];
  return shape && isObj(payload) ? pick(payload, shape, secret) : {};
}

/** The customer key of a scrubbed payload's `customer`, or null. */
export const customerKeyIn = (payload: Json): string | null =>
  isObj(payload.customer) && typeof payload.customer.key === "string" ? payload.customer.key : null;
