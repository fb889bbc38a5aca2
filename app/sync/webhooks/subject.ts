// The row a delivery is about, stored as WebhookDelivery.subjectId so an order's deliveries are found by
// index (shopId, subjectId), never by searching payload text. Pure.
import { gid, isObj } from "./payload";

const ORDER_SUBJECT_TOPICS = new Set(["ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_CANCELLED"]);

/** The order gid for order topics (payload id) and refunds/create (payload order_id); null otherwise. */
export function subjectOf(topic: string, payload: unknown): string | null {
  if (!isObj(payload)) return null;
  if (ORDER_SUBJECT_TOPICS.has(topic)) return gid("Order", payload.id);
  if (topic === "REFUNDS_CREATE") return gid("Order", payload.order_id);
  return null;
}
