// Cohort estimate of what a product's new customers are worth: for every customer, the first order
// defines the acquiring products; the gross margin of that customer's later orders within 180 and
// 365 days is their value. Empirically, customers whose window is not complete by asOf are
// right-censored and left out; with the BG/NBD + Gamma-Gamma option the incomplete part is predicted. Product means are shrunk to the shop mean with a
// credibility weight n / (n + k) (Buhlmann 1967), so a product with few customers is not extreme.

import { expectedPurchases, expectedSpend, fitBgNbd, fitGammaGamma, type RfmCustomer } from "./bgnbd";
import type { CustomerOrder, CustomerValueReport, ProductAcquisition, ValueWindow } from "./types";

const DAY = 86_400_000;
const CREDIBILITY_K = 10;

function day(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);
}

function orderMargin(o: CustomerOrder): { margin: number; missing: number } {
  let margin = 0;
  let missing = 0;
  for (const l of o.lines) {
    if (l.unitCost == null || !Number.isFinite(l.unitCost)) missing++;
    else margin += (l.unitPrice - l.unitCost) * l.quantity;
  }
  return { margin, missing };
}

export interface CustomerValueOptions {
  asOf: string;
  /** Group by "product" (productId, else SKU) or "sku". Default "product". */
  by?: "product" | "sku";
  /**
   * "empirical" (default): observed margin, customers with an incomplete window left out.
   * "bgnbd": observed margin plus, for the part of the window after asOf, BG/NBD expected purchases x
   * Gamma-Gamma expected spend, so recent customers count too.
   */
  model?: "empirical" | "bgnbd";
}

interface CustomerHistory {
  firstDay: number;
  firstKeys: string[];
  /** Repeat purchases: day offset from the first order and the margin that day (orders of a day merged). */
  repeats: { d: number; margin: number }[];
}

export function customerValueByProduct(orders: CustomerOrder[], opts: CustomerValueOptions): CustomerValueReport {
  const builder = new CustomerValueBuilder(opts);
  const byCustomer = new Map<string, CustomerOrder[]>();
  for (const o of orders) {
    if (!o.customerKey) builder.addAnonymous(o);
    else if (!byCustomer.has(o.customerKey)) byCustomer.set(o.customerKey, [o]);
    else (byCustomer.get(o.customerKey) as CustomerOrder[]).push(o);
  }
  for (const list of byCustomer.values()) builder.addCustomer(list);
  return builder.finish();
}

/**
 * customerValueByProduct one customer at a time, so a caller can stream a shop's orders by customer and keep
 * only each customer's summary. Customers given in the same order give the same report.
 */
export class CustomerValueBuilder {
  private readonly asOf: number;
  private readonly customers: CustomerHistory[] = [];
  private readonly unitsSold = new Map<string, number>();
  private linesWithoutCost = 0;

  constructor(private readonly opts: CustomerValueOptions) {
    this.asOf = day(opts.asOf);
  }

  private keyOf(l: { sku: string; productId?: string }): string {
    return this.opts.by === "sku" ? l.sku : (l.productId ?? l.sku);
  }

  private countUnits(o: CustomerOrder): boolean {
    if (day(o.date) > this.asOf) return false;
    for (const l of o.lines) this.unitsSold.set(this.keyOf(l), (this.unitsSold.get(this.keyOf(l)) ?? 0) + l.quantity);
    return true;
  }

  /** An order without a known customer: its units count, it acquires nobody. */
  addAnonymous(o: CustomerOrder): void {
    this.countUnits(o);
  }

  /** Every order of ONE customer (orders after asOf are ignored). Each customer is added once. */
  addCustomer(orders: CustomerOrder[]): void {
    const list = orders.filter((o) => this.countUnits(o));
    if (list.length === 0) return;
    list.sort((a, b) => a.date.localeCompare(b.date));
    const firstDay = day(list[0].date);
    this.linesWithoutCost += orderMargin(list[0]).missing;
    const byDay = new Map<number, number>();
    for (let i = 1; i < list.length; i++) {
      const { margin, missing } = orderMargin(list[i]);
      this.linesWithoutCost += missing;
      const d = day(list[i].date) - firstDay;
      byDay.set(d, (byDay.get(d) ?? 0) + margin);
    }
    // Same-day follow-up orders are part of the first purchase occasion, not repeats.
    const sameDay = byDay.get(0);
    byDay.delete(0);
    const repeats = [...byDay].map(([d, margin]) => ({ d, margin })).sort((a, b) => a.d - b.d);
    if (sameDay !== undefined) repeats.unshift({ d: 0, margin: sameDay });
    this.customers.push({ firstDay, firstKeys: [...new Set(list[0].lines.map((l) => this.keyOf(l)))], repeats });
  }

  finish(): CustomerValueReport {
    const { customers, unitsSold, asOf, opts } = this;
    const windowValue = opts.model === "bgnbd" ? bgnbdWindows(customers, asOf) : empiricalWindow(asOf);
    interface Acc {
      first: number;
      attributed: number;
      s180: number;
      n180: number;
      s365: number;
      n365: number;
    }
    const acc = new Map<string, Acc>();
    const shop = { s180: 0, n180: 0, s365: 0, n365: 0 };
    for (const c of customers) {
      const v180 = windowValue(c, 180);
      const v365 = windowValue(c, 365);
      if (v180 !== null) {
        shop.s180 += v180;
        shop.n180++;
      }
      if (v365 !== null) {
        shop.s365 += v365;
        shop.n365++;
      }
      for (const k of c.firstKeys) {
        if (!acc.has(k)) acc.set(k, { first: 0, attributed: 0, s180: 0, n180: 0, s365: 0, n365: 0 });
        const a = acc.get(k) as Acc;
        a.first++;
        a.attributed += 1 / c.firstKeys.length;
        if (v180 !== null) {
          a.s180 += v180;
          a.n180++;
        }
        if (v365 !== null) {
          a.s365 += v365;
          a.n365++;
        }
      }
    }
    const shop180 = shop.n180 ? shop.s180 / shop.n180 : 0;
    const shop365 = shop.n365 ? shop.s365 / shop.n365 : shop180;
    const shrink = (s: number, n: number, prior: number): ValueWindow => ({
      mean: (s + CREDIBILITY_K * prior) / (n + CREDIBILITY_K),
      customers: n,
    });
    const newCustomers = customers.length;
    const products = new Map<string, ProductAcquisition>();
    for (const [key, units] of unitsSold) {
      const a = acc.get(key) ?? { first: 0, attributed: 0, s180: 0, n180: 0, s365: 0, n365: 0 };
      products.set(key, {
        key,
        firstOrderCustomers: a.first,
        attributedCustomers: a.attributed,
        acquisitionShare: newCustomers ? a.first / newCustomers : 0,
        unitsSold: units,
        newCustomersPerUnit: units > 0 ? a.attributed / units : 0,
        value180: shrink(a.s180, a.n180, shop180),
        value365: shrink(a.s365, a.n365, shop365),
      });
    }
    return {
      asOf: opts.asOf,
      method: opts.model ?? "empirical",
      newCustomers,
      shop: { value180: { mean: shop180, customers: shop.n180 }, value365: { mean: shop365, customers: shop.n365 } },
      products,
      linesWithoutCost: this.linesWithoutCost,
    };
  }
}

/** Observed margin within the window; null (right-censored) when the window is not complete by asOf. */
function empiricalWindow(asOf: number) {
  return (c: CustomerHistory, w: number): number | null => {
    if (c.firstDay + w > asOf) return null;
    return c.repeats.filter((r) => r.d <= w).reduce((s, r) => s + r.margin, 0);
  };
}

/** Observed margin up to asOf plus the model's expectation for the rest of the window. */
function bgnbdWindows(customers: CustomerHistory[], asOf: number) {
  const rfm = (c: CustomerHistory): RfmCustomer => {
    const rep = c.repeats.filter((r) => r.d > 0);
    return { x: rep.length, tx: rep.length ? rep[rep.length - 1].d / 7 : 0, T: (asOf - c.firstDay) / 7 };
  };
  const params = fitBgNbd(customers.map(rfm));
  const spendData = customers
    .map((c) => {
      const rep = c.repeats.filter((r) => r.d > 0);
      return { x: rep.length, m: rep.length ? rep.reduce((s, r) => s + r.margin, 0) / rep.length : 0 };
    })
    .filter((d) => d.x >= 1 && d.m > 0);
  const gg = spendData.length >= 5 ? fitGammaGamma(spendData) : null;
  const fallbackSpend = spendData.length ? spendData.reduce((s, d) => s + d.m, 0) / spendData.length : 0;
  return (c: CustomerHistory, w: number): number | null => {
    const seen = Math.min(w, asOf - c.firstDay);
    const observed = c.repeats.filter((r) => r.d <= seen).reduce((s, r) => s + r.margin, 0);
    const rest = w - seen;
    if (rest <= 0) return observed;
    const h = rfm(c);
    const meanSpend = h.x ? c.repeats.filter((r) => r.d > 0).reduce((s, r) => s + r.margin, 0) / h.x : 0;
    const spend = gg ? expectedSpend(gg, meanSpend > 0 ? h.x : 0, meanSpend) : fallbackSpend;
    return observed + expectedPurchases(params, h, rest / 7) * spend;
  };
}

/** The pricing engine's view of a product: new customers per unit and what each is worth (365 days). */
export function acquisitionValue(
  p: ProductAcquisition | undefined,
  window: 180 | 365 = 365,
): { newCustomersPerUnit: number; valuePerCustomer: number; acquisitionShare: number } | null {
  if (!p || p.attributedCustomers <= 0) return null;
  return {
    newCustomersPerUnit: p.newCustomersPerUnit,
    valuePerCustomer: Math.max(0, window === 180 ? p.value180.mean : p.value365.mean),
    acquisitionShare: p.acquisitionShare,
  };
}
