import { describe, expect, it } from "vitest";
import { acquisitionValue, customerValueByProduct, type CustomerOrder } from "~/core/customers";

const line = (sku: string, unitPrice: number, unitCost: number | null, quantity = 1) => ({
  sku,
  productId: sku,
  quantity,
  unitPrice,
  unitCost,
});

describe("customer value by acquiring product (empirical cohorts)", () => {
  // GIVEN 20 customers who start with the gateway product and each spend margin 10 on a later order within 180 days,
  // 20 who start with the other product and never return, and a guest order without a customer key
  const orders: CustomerOrder[] = [];
  for (let i = 0; i < 20; i++) {
    orders.push({ customerKey: `g${i}`, date: "2024-01-10", lines: [line("GATE", 20, 8)] });
    orders.push({ customerKey: `g${i}`, date: "2024-03-01", lines: [line("OTHER", 30, 20)] });
    orders.push({ customerKey: `o${i}`, date: "2024-01-15", lines: [line("OTHER", 30, 20)] });
  }
  orders.push({ customerKey: null, date: "2024-02-01", lines: [line("GATE", 20, 8)] });
  const report = customerValueByProduct(orders, { asOf: "2025-06-30" });

  it("measures each product's acquisition role", () => {
    // THEN the gateway product acquired half of the 40 new customers, the other product the rest
    const gate = report.products.get("GATE")!;
    expect(report.newCustomers).toBe(40);
    expect(gate.firstOrderCustomers).toBe(20);
    expect(gate.acquisitionShare).toBe(0.5);
    expect(gate.unitsSold).toBe(21);
    expect(gate.newCustomersPerUnit).toBeCloseTo(20 / 21, 10);
  });

  it("values the customers a product brings over 180 and 365 days, shrunk to the shop mean", () => {
    // THEN gateway customers are worth more than the shop mean (5), other-product customers less
    const gate = report.products.get("GATE")!;
    const other = report.products.get("OTHER")!;
    expect(report.shop.value180.mean).toBe(5);
    expect(gate.value180.customers).toBe(20);
    expect(gate.value180.mean).toBeCloseTo((20 * 10 + 10 * 5) / 30, 10);
    expect(other.value365.mean).toBeCloseTo((0 + 10 * 5) / 30, 10);
    expect(acquisitionValue(gate)!.valuePerCustomer).toBeGreaterThan(acquisitionValue(other)!.valuePerCustomer);
  });

  it("leaves right-censored customers out of a window they have not completed", () => {
    // GIVEN asOf only 100 days after the first orders
    const early = customerValueByProduct(orders, { asOf: "2024-04-20" });
    // THEN nobody has a complete 180-day window yet
    expect(early.products.get("GATE")!.value180.customers).toBe(0);
    expect(early.shop.value180.customers).toBe(0);
  });

  it("never assumes a zero cost: lines without a cost are counted and left out of the margin", () => {
    const r = customerValueByProduct(
      [
        { customerKey: "x", date: "2024-01-01", lines: [line("A", 10, 4)] },
        { customerKey: "x", date: "2024-02-01", lines: [line("A", 10, null)] },
      ],
      { asOf: "2025-01-01" },
    );
    expect(r.linesWithoutCost).toBe(1);
    expect(r.shop.value365.mean).toBe(0);
  });

  it("splits a first order's customer over the products in it", () => {
    const r = customerValueByProduct(
      [{ customerKey: "y", date: "2024-01-01", lines: [line("A", 10, 4), line("B", 10, 4)] }],
      { asOf: "2024-02-01" },
    );
    expect(r.products.get("A")!.attributedCustomers).toBe(0.5);
    expect(r.products.get("A")!.firstOrderCustomers).toBe(1);
  });
});
