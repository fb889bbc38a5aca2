// Shopify "Export orders" CSV: one row per line item; order-level fields only on an order's first row.
import { createHash } from "node:crypto";
import { readCsv } from "./csv-stream";
import { amount, localDay, num, requiredNum, type DayBounds } from "./csv-values";

export const ORDER_REQUIRED_COLUMNS = ["Name", "Created at", "Lineitem quantity", "Lineitem price", "Lineitem sku"];

export interface OrderLine {
  sku: string;
  quantity: number;
  /** quantity x unit price - line discount (before any order-level refund). */
  netRevenue: number;
}

export interface OrderRecord {
  orderName: string;
  /** Order's local calendar day, YYYY-MM-DD. */
  day: string;
  /** Salted SHA-256 of the lower-cased email (first 16 hex chars); null when no email. The email is never kept. */
  customerKey: string | null;
  financialStatus: string | null;
  /** Order-level refunded amount (0 when none). Not spread over lines. */
  refundedAmount: number;
  lines: OrderLine[];
}

/** Per-SKU daily aggregates: day -> units and net revenue. */
export interface SkuDays {
  units: Map<string, number>;
  revenue: Map<string, number>;
  /** Most recent line-item name, vendor and list prices seen. */
  name: string;
  vendor: string | null;
  lastPrice: number | null;
  lastCompareAt: number | null;
  lastDay: string;
}

export interface OrdersAggregate {
  orders: OrderRecord[];
  skus: Map<string, SkuDays>;
  firstDay: string | null;
  lastDay: string | null;
  stats: {
    rows: number;
    orders: number;
    cancelledOrders: number;
    voidedOrders: number;
    afterAsOfOrders: number;
    skuFromName: number;
    skippedLines: number;
  };
}

export function customerKey(email: string, salt: string): string | null {
  const e = email.trim().toLowerCase();
  if (!e) return null;
  return createHash("sha256").update(`${salt}\u0000${e}`).digest("hex").slice(0, 16);
}

interface OpenOrder {
  record: OrderRecord;
  cancelled: boolean;
  voided: boolean;
}

export async function readOrders(
  path: string,
  opts: {
    asOf?: string;
    salt: string;
    keepOrders?: boolean;
    days?: DayBounds;
    onProgress?: (bytes: number, total: number) => void;
  },
): Promise<OrdersAggregate> {
  const agg: OrdersAggregate = {
    orders: [],
    skus: new Map(),
    firstDay: null,
    lastDay: null,
    stats: {
      rows: 0,
      orders: 0,
      cancelledOrders: 0,
      voidedOrders: 0,
      afterAsOfOrders: 0,
      skuFromName: 0,
      skippedLines: 0,
    },
  };
  let open: OpenOrder | null = null;

  const close = (o: OpenOrder | null): void => {
    if (!o) return;
    agg.stats.orders++;
    if (o.cancelled) return void agg.stats.cancelledOrders++;
    if (o.voided) return void agg.stats.voidedOrders++;
    if (opts.asOf && o.record.day > opts.asOf) return void agg.stats.afterAsOfOrders++;
    const day = o.record.day;
    if (agg.firstDay === null || day < agg.firstDay) agg.firstDay = day;
    if (agg.lastDay === null || day > agg.lastDay) agg.lastDay = day;
    if (opts.keepOrders !== false) agg.orders.push(o.record);
  };

  for await (const row of readCsv(path, { required: ORDER_REQUIRED_COLUMNS, onProgress: opts.onProgress })) {
    agg.stats.rows++;
    const name = row.get("Name");
    if (!name) row.fail("CSV.MALFORMED", "Name", "order name is empty");
    if (!open || open.record.orderName !== name) {
      close(open);
      const created = row.get("Created at");
      if (!created) row.fail("CSV.BAD_DATE", "Created at", "the first row of an order needs its creation date");
      open = {
        record: {
          orderName: name,
          day: localDay(row, "Created at", opts.days),
          customerKey: customerKey(row.get("Email"), opts.salt),
          financialStatus: row.get("Financial Status") || null,
          refundedAmount: num(row, "Refunded Amount", 0) as number,
          lines: [],
        },
        cancelled: row.get("Cancelled at") !== "",
        voided: row.get("Financial Status").toLowerCase() === "voided",
      };
    } else if (row.get("Created at")) {
      localDay(row, "Created at", opts.days); // later rows may repeat it: still validate
    }
    const quantity = requiredNum(row, "Lineitem quantity");
    const price = amount(row, "Lineitem price") as number;
    const discount = num(row, "Lineitem discount", 0) as number;
    const compareAt = amount(row, "Lineitem compare at price", null);
    const lineName = row.get("Lineitem name");
    let sku = row.get("Lineitem sku");
    if (!sku) {
      sku = lineName;
      if (sku) agg.stats.skuFromName++;
    }
    if (!sku || quantity <= 0) {
      agg.stats.skippedLines++;
      continue;
    }
    const netRevenue = Math.round((quantity * price - discount) * 100) / 100;
    open.record.lines.push({ sku, quantity, netRevenue });
    if (open.cancelled || open.voided || (opts.asOf && open.record.day > opts.asOf)) continue;

    const day = open.record.day;
    let s = agg.skus.get(sku);
    if (!s) {
      s = {
        units: new Map(),
        revenue: new Map(),
        name: lineName || sku,
        vendor: null,
        lastPrice: null,
        lastCompareAt: null,
        lastDay: day,
      };
      agg.skus.set(sku, s);
    }
    s.units.set(day, (s.units.get(day) ?? 0) + quantity);
    s.revenue.set(day, (s.revenue.get(day) ?? 0) + netRevenue);
    if (day >= s.lastDay) {
      s.lastDay = day;
      if (lineName) s.name = lineName;
      s.vendor = row.get("Vendor") || s.vendor;
      s.lastPrice = price;
      s.lastCompareAt = compareAt;
    }
  }
  close(open);
  return agg;
}
