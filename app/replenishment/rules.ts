// Purchase-order rules without I/O: numbering, lead time to an arrival date, status after receiving.
export type PurchaseOrderStatus = "draft" | "sent" | "partially_received" | "received" | "cancelled";
export const PURCHASE_ORDER_STATUSES: readonly PurchaseOrderStatus[] = [
  "draft",
  "sent",
  "partially_received",
  "received",
  "cancelled",
];

/** The next number after the shop's existing ones: PO-0001, PO-0002, ... (more digits past 9999). */
export function nextNumber(existing: readonly string[]): string {
  let max = 0;
  for (const n of existing) {
    const m = /^PO-(\d+)$/.exec(n);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `PO-${String(max + 1).padStart(4, "0")}`;
}

/** Whole days to the expected arrival (vendor mean lead time rounded up; 14 when the vendor has no terms). */
export function leadTimeDays(meanDays: number | null | undefined): number {
  return meanDays == null || !Number.isFinite(meanDays) ? 14 : Math.max(0, Math.ceil(meanDays));
}

export function isIsoDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function statusAfterReceiving(
  lines: { quantity: number; receivedQuantity: number }[],
  current: PurchaseOrderStatus,
): PurchaseOrderStatus {
  const received = lines.reduce((s, l) => s + l.receivedQuantity, 0);
  if (lines.length > 0 && lines.every((l) => l.receivedQuantity >= l.quantity)) return "received";
  if (received > 0) return "partially_received";
  return current === "draft" ? "draft" : "sent";
}

/** Units still expected on a line of an open purchase order. */
export function openUnits(line: { quantity: number; receivedQuantity: number }): number {
  return Math.max(0, line.quantity - line.receivedQuantity);
}
