// What one order line adds to the sales aggregates (DailySales, CustomerDailySales). Pure.
// The stored line keeps its contribution (OrderLine.contributed*), so orders/updated and refunds
// CORRECT the aggregates: subtract the stored contribution, add the new one, in one transaction.
// Money is in integer thousandths of the currency unit here (every ISO currency has at most 3
// decimals), so sums are exact; the database stores Decimal.

import { fromMilli, toMilli } from "~/core/money";

export interface LineFacts {
  day: string; // order day, shop time zone
  customerKey: string | null;
  quantity: number;
  refundedQuantity: number;
  unitPriceMilli: number; // list price per unit
  discountMilli: number; // whole line
  refundedMilli: number;
  cancelled: boolean;
}

export interface Contribution {
  day: string | null; // null: counts nowhere (cancelled)
  customerKey: string | null;
  units: number;
  refundedUnits: number;
  grossMilli: number;
  discountMilli: number;
  refundedMilli: number;
}

export const NO_CONTRIBUTION: Contribution = {
  day: null,
  customerKey: null,
  units: 0,
  refundedUnits: 0,
  grossMilli: 0,
  discountMilli: 0,
  refundedMilli: 0,
};

/** Cancelled orders are not demand and bring no revenue. Refunds reduce revenue, not units ordered. */
export function contributionOf(line: LineFacts): Contribution {
  if (line.cancelled || line.quantity <= 0) return NO_CONTRIBUTION;
  return {
    day: line.day,
    customerKey: line.customerKey,
    units: line.quantity,
    refundedUnits: Math.min(line.refundedQuantity, line.quantity),
    grossMilli: line.quantity * line.unitPriceMilli,
    discountMilli: line.discountMilli,
    refundedMilli: line.refundedMilli,
  };
}

/** The OrderLine columns that record what a line contributed to the aggregates (so a correction can undo it). */
export function contributionColumns(c: Contribution) {
  return {
    contributedDay: c.day,
    contributedCustomerKey: c.customerKey,
    contributedUnits: c.units,
    contributedRefundedUnits: c.refundedUnits,
    contributedGross: fromMilli(c.grossMilli),
    contributedDiscount: fromMilli(c.discountMilli),
    contributedRefunded: fromMilli(c.refundedMilli),
  };
}

export const netMilli = (c: Pick<Contribution, "grossMilli" | "discountMilli" | "refundedMilli">): number =>
  c.grossMilli - c.discountMilli - c.refundedMilli;

// Money in thousandths lives with the other money conversions (~/core/money).
export { fromMilli, toMilli };
