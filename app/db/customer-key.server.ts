// Customer ids are stored pseudonymised: a keyed hash (HMAC-SHA256), never the id, email or name.
// The same customer always gets the same key for a given secret, so lifetime value still works,
// and customers/redact can find and unlink the key.
import { createHmac } from "node:crypto";

export function customerKeyOf(customerId: string, secret: string): string {
  if (!secret) throw new Error("customerKeyOf needs a secret");
  return "c_" + createHmac("sha256", secret).update(customerId).digest("hex").slice(0, 32);
}
