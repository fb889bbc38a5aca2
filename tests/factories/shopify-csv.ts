// Shopify-format CSV exports of a simulated shop, for CLI tests, fixtures and benchmarks.
// Orders: the admin's "Export orders" layout (one row per line item, order-level fields only on the
// first row of each order). Products: the product export (Title, Vendor, Type only on the first row).
import { expandSnapshots, type SimOrder, type SimShop } from "../../app/demo/simulator";

export const ORDER_EXPORT_COLUMNS = [
  "Name",
  "Email",
  "Financial Status",
  "Paid at",
  "Fulfillment Status",
  "Fulfilled at",
  "Accepts Marketing",
  "Currency",
  "Subtotal",
  "Shipping",
  "Taxes",
  "Total",
  "Discount Code",
  "Discount Amount",
  "Shipping Method",
  "Created at",
  "Lineitem quantity",
  "Lineitem name",
  "Lineitem price",
  "Lineitem compare at price",
  "Lineitem sku",
  "Lineitem requires shipping",
  "Lineitem taxable",
  "Lineitem fulfillment status",
  "Billing Name",
  "Billing Street",
  "Billing Address1",
  "Billing Address2",
  "Billing Company",
  "Billing City",
  "Billing Zip",
  "Billing Province",
  "Billing Country",
  "Billing Phone",
  "Shipping Name",
  "Shipping Street",
  "Shipping Address1",
  "Shipping Address2",
  "Shipping Company",
  "Shipping City",
  "Shipping Zip",
  "Shipping Province",
  "Shipping Country",
  "Shipping Phone",
  "Notes",
  "Note Attributes",
  "Cancelled at",
  "Payment Method",
  "Payment Reference",
  "Refunded Amount",
  "Vendor",
  "Outstanding Balance",
  "Employee",
  "Location",
  "Device ID",
  "Id",
  "Tags",
  "Risk Level",
  "Source",
  "Lineitem discount",
  "Tax 1 Name",
  "Tax 1 Value",
  "Tax 2 Name",
  "Tax 2 Value",
  "Tax 3 Name",
  "Tax 3 Value",
  "Tax 4 Name",
  "Tax 4 Value",
  "Tax 5 Name",
  "Tax 5 Value",
  "Phone",
  "Receipt Number",
  "Duties",
  "Billing Province Name",
  "Shipping Province Name",
  "Payment ID",
  "Payment Terms Name",
  "Next Payment Due At",
  "Payment References",
] as const;

export const PRODUCT_EXPORT_COLUMNS = [
  "Handle",
  "Title",
  "Body (HTML)",
  "Vendor",
  "Product Category",
  "Type",
  "Tags",
  "Published",
  "Option1 Name",
  "Option1 Value",
  "Option2 Name",
  "Option2 Value",
  "Option3 Name",
  "Option3 Value",
  "Variant SKU",
  "Variant Grams",
  "Variant Inventory Tracker",
  "Variant Inventory Qty",
  "Variant Inventory Policy",
  "Variant Fulfillment Service",
  "Variant Price",
  "Variant Compare At Price",
  "Variant Requires Shipping",
  "Variant Taxable",
  "Variant Barcode",
  "Image Src",
  "Image Position",
  "Image Alt Text",
  "Gift Card",
  "SEO Title",
  "SEO Description",
  "Variant Image",
  "Variant Weight Unit",
  "Variant Tax Code",
  "Cost per item",
  "Status",
] as const;

type Row = Record<string, string | number | null | undefined>;

function cell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  const s = typeof v === "number" ? String(v) : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(columns: readonly string[], rows: Row[]): string {
  const lines = [columns.map(cell).join(",")];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c])).join(","));
  return lines.join("\n") + "\n";
}

const money = (x: number) => x.toFixed(2);

/** "2025-03-15T19:23:45+01:00" -> "2025-03-15 19:23:45 +0100" (the export's format). */
export function exportTimestamp(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})([+-])(\d{2}):(\d{2})$/.exec(iso);
  if (!m) throw new Error(`exportTimestamp: not an ISO timestamp with offset: "${iso}"`);
  return `${m[1]} ${m[2]} ${m[3]}${m[4]}${m[5]}`;
}

/** The orders export of a shop (or of a subset of its orders). */
export function ordersCsv(shop: SimShop, orders: SimOrder[] = shop.orders): string {
  const vendorOf = new Map<string, string>();
  for (const p of shop.products) for (const v of p.variants) vendorOf.set(v.id, p.vendor);
  const locationName = new Map(shop.locations.map((l) => [l.id, l.name]));
  const rows: Row[] = [];
  for (const o of orders) {
    const subtotal = o.lines.reduce((a, l) => a + l.quantity * l.price - l.discount, 0);
    const pos = o.locationId !== shop.locations[0].id;
    const shipping = pos || subtotal >= 49 ? 0 : 4.9;
    const total = subtotal + shipping;
    const refunded = o.refunds.reduce((a, r) => a + r.lines.reduce((b, l) => b + l.amount, 0), 0);
    const discount = o.lines.reduce((a, l) => a + l.discount, 0);
    const status = o.cancelledAt
      ? "voided"
      : refunded >= total - 0.005
        ? "refunded"
        : refunded > 0
          ? "partially_refunded"
          : "paid";
    o.lines.forEach((l, i) => {
      const row: Row = {
        Name: o.name,
        Email: o.email,
        "Created at": exportTimestamp(o.createdAt),
        "Lineitem quantity": l.quantity,
        "Lineitem name": l.title,
        "Lineitem price": money(l.price),
        "Lineitem compare at price": l.compareAtPrice === null ? null : money(l.compareAtPrice),
        "Lineitem sku": l.sku,
        "Lineitem requires shipping": "true",
        "Lineitem taxable": "true",
        "Lineitem fulfillment status": o.cancelledAt ? "pending" : "fulfilled",
        Vendor: vendorOf.get(l.variantId) ?? "",
        "Lineitem discount": money(l.discount),
      };
      if (i === 0) {
        Object.assign(row, {
          "Financial Status": status,
          "Paid at": o.cancelledAt ? null : exportTimestamp(o.createdAt),
          "Fulfillment Status": o.cancelledAt ? "unfulfilled" : "fulfilled",
          "Accepts Marketing": "no",
          Currency: shop.shop.currency,
          Subtotal: money(subtotal),
          Shipping: money(shipping),
          Taxes: money(total - total / 1.2),
          Total: money(total),
          "Discount Code": discount > 0 ? "Remise automatique" : null,
          "Discount Amount": money(discount),
          "Shipping Method": pos ? null : "Colissimo",
          "Billing Country": "FR",
          "Shipping Country": pos ? null : "FR",
          "Cancelled at": o.cancelledAt ? exportTimestamp(o.cancelledAt) : null,
          "Payment Method": pos ? "Carte bancaire (TPE)" : "Shopify Payments",
          "Refunded Amount": money(refunded),
          "Outstanding Balance": "0.00",
          Location: locationName.get(o.locationId),
          Id: o.id.split("/").pop(),
          "Risk Level": "Low",
          Source: pos ? "pos" : "web",
          "Tax 1 Name": "TVA 20%",
          "Tax 1 Value": money(total - total / 1.2),
        });
      }
      rows.push(row);
    });
  }
  return toCsv(ORDER_EXPORT_COLUMNS, rows);
}

/** The products export, with Cost per item (empty where the simulator left the cost out) and current stock. */
export function productsCsv(shop: SimShop): string {
  const stock = new Map<string, number>();
  for (const level of shop.inventory) stock.set(level.variantId, (stock.get(level.variantId) ?? 0) + level.available);
  const rows: Row[] = [];
  for (const p of shop.products) {
    p.variants.forEach((v, i) => {
      const single = v.title === "Default Title";
      const row: Row = {
        Handle: p.handle,
        "Option1 Value": v.title,
        "Variant SKU": v.sku,
        "Variant Grams": 0,
        "Variant Inventory Tracker": "shopify",
        "Variant Inventory Qty": stock.get(v.id) ?? 0,
        "Variant Inventory Policy": "deny",
        "Variant Fulfillment Service": "manual",
        "Variant Price": money(v.price),
        "Variant Compare At Price": v.compareAtPrice === null ? null : money(v.compareAtPrice),
        "Variant Requires Shipping": "true",
        "Variant Taxable": "true",
        "Variant Weight Unit": "kg",
        "Cost per item": v.unitCost === null ? null : money(v.unitCost),
      };
      if (i === 0) {
        Object.assign(row, {
          Title: p.title,
          "Body (HTML)": `<p>${p.title}</p>`,
          Vendor: p.vendor,
          Type: p.productType,
          Tags: p.tags.join(", "),
          Published: "true",
          "Option1 Name": single ? "Title" : "Format",
          "Gift Card": "false",
          Status: p.status.toLowerCase(),
        });
      }
      rows.push(row);
    });
  }
  return toCsv(PRODUCT_EXPORT_COLUMNS, rows);
}

/** `date,sku,available`: opening stock summed over locations, one row per variant and day. */
export function inventoryHistoryCsv(shop: SimShop): string {
  const rows: Row[] = [];
  for (const p of shop.products) {
    for (const v of p.variants) {
      const perLocation = shop.locations.map((l) => expandSnapshots(shop, v.id, l.id));
      shop.days.forEach((day, d) => {
        rows.push({ date: day, sku: v.sku, available: perLocation.reduce((a, s) => a + s[d], 0) });
      });
    }
  }
  return toCsv(["date", "sku", "available"], rows);
}

/** `vendor,lead_time_days,lead_time_sd_days,moq,case_pack` as the forecast CLI reads it. */
export function vendorsCsv(shop: SimShop): string {
  return toCsv(
    ["vendor", "lead_time_days", "lead_time_sd_days", "moq", "case_pack"],
    shop.vendors.map((v) => ({
      vendor: v.name,
      lead_time_days: v.leadTimeDays,
      lead_time_sd_days: v.leadTimeSdDays,
      moq: v.moq,
      case_pack: v.casePack,
    })),
  );
}
