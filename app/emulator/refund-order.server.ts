// A refund made through the emulator (POST /emulator/refunds): units of an order's lines are refunded at the
// line's net unit price (after its discount), and the order is updated (its updated_at moves to the refund).
import type { EmuOrder, EmuRefund, EmulatorState } from "./state.server";

export interface RefundOrderInput {
  orderId: string;
  lines: { lineId: string; quantity: number }[];
}

export type RefundOrderResult = { ok: true; order: EmuOrder; refund: EmuRefund } | { ok: false; message: string };

const cents = (n: number) => Math.round(n * 100) / 100;

export function refundOrder(state: EmulatorState, input: RefundOrderInput, now: Date): RefundOrderResult {
  const order = typeof input.orderId === "string" ? state.orderById.get(input.orderId) : undefined;
  if (!order) return { ok: false, message: `orderId: unknown order "${String(input.orderId)}"` };
  if (!Array.isArray(input.lines) || input.lines.length === 0)
    return { ok: false, message: "lines: at least one { lineId, quantity }" };
  const refunded = new Map<string, number>();
  for (const r of order.refunds)
    for (const x of r.lines) refunded.set(x.lineId, (refunded.get(x.lineId) ?? 0) + x.quantity);
  const lines: EmuRefund["lines"] = [];
  for (const [i, asked] of input.lines.entries()) {
    const line = order.lines.find((l) => l.id === asked.lineId);
    if (!line) return { ok: false, message: `lines[${i}].lineId: no line "${String(asked.lineId)}" on ${order.id}` };
    const left = line.quantity - (refunded.get(line.id) ?? 0);
    if (!Number.isInteger(asked.quantity) || asked.quantity < 1 || asked.quantity > left) {
      return {
        ok: false,
        message: `lines[${i}].quantity: must be an integer between 1 and ${left}, got ${String(asked.quantity)}`,
      };
    }
    const net = (line.price * line.quantity - line.discount) / line.quantity;
    lines.push({
      id: `gid://shopify/RefundLineItem/${state.next.refundLine++}`,
      lineId: line.id,
      quantity: asked.quantity,
      amount: cents(net * asked.quantity),
    });
  }
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, "Z");
  const refund: EmuRefund = { id: `gid://shopify/Refund/${state.next.refund++}`, createdAt: stamp, lines };
  order.refunds.push(refund);
  order.updatedAt = stamp;
  return { ok: true, order, refund };
}
