// Personal data is never stored: before a delivery is written, the customer becomes its pseudonymised key
// (app/db/customer-key.server.ts) and contact fields (email, phone, names, addresses, IP) are dropped. Pure.
import { customerKeyOf } from "~/db/customer-key.server";
import { gid, isObj, type Json } from "./payload";

const DROPPED = new Set([
  "email",
  "contact_email",
  "phone",
  "first_name",
  "last_name",
  "billing_address",
  "shipping_address",
  "default_address",
  "addresses",
  "browser_ip",
  "client_details",
  "note",
  "note_attributes",
]);

/** The key of the customer-id hash: CUSTOMER_KEY_SECRET when set, else the app secret. */
export function customerKeySecret(): string {
  return (
    process.env.CUSTOMER_KEY_SECRET || process.env.SHOPIFY_API_SECRET || ""
  );
}

/** The customer object of a scrubbed payload: only the key. */
export interface ScrubbedCustomer {
  key: string;
}

function scrub(value: unknown, secret: string): unknown {
  if (Array.isArray(value)) return value.map((v) => scrub(v, secret));
  if (!isObj(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    if (DROPPED.has(k)) continue;
    if (k === "customer") {
      const id = isObj(v) ? gid("Customer", v.id) : null;
      out[k] =
        isObj(v) && typeof v.key === "string"
          ? { key: v.key }
          : id
          ? { key: customerKeyOf(id, secret) }
          : null;
      continue;
    }
    out[k] = scrub(v, secret);
  }
  return out;
}

/** `payload` without personal data; the customer id replaced by its key. */
export function scrubPayload(payload: unknown, secret: string): unknown {
  return scrub(payload, secret);
}

/** The customer key of a scrubbed payload's `customer`, or null. */
export const customerKeyIn = (payload: Json): string | null =>
  isObj(payload.customer) && typeof payload.customer.key === "string"
    ? payload.customer.key
    : null;
