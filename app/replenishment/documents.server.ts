// Supplier-ready purchase orders: what a vendor receives (its own references and prices in its currency, the
// destination, dates), in the vendor's language. A sent order keeps the references and prices it was sent
// with (copied onto its lines when it is marked sent); a draft shows the vendor's current price list. Lines
// without a supplier price show the shop's unit cost when the vendor bills in the shop's currency, else
// "to confirm". The PDF (./pdf.server.ts) and the .eml (an e-mail ready to send, the PDF attached) are built here.
import type { Locale } from "~/i18n";
import { translator } from "~/i18n";
import { formatDay, formatNumber } from "~/lib/format";
import type { ShopContext } from "~/services/shop.server";
import { loadPurchaseOrder } from "./views.server";
import { renderPurchaseOrderPdf } from "./pdf.server";
import { decimalOrNull } from "~/core/money";

export interface SupplierLine {
  supplierSku: string | null;
  sku: string | null;
  item: string;
  quantity: number;
  /** In the document's currency; null = to confirm. */
  unitPrice: number | null;
  lineTotal: number | null;
}

export interface SupplierDocument {
  number: string;
  locale: Locale;
  currency: string;
  shopName: string;
  vendor: string;
  contactName: string | null;
  contactEmail: string | null;
  destination: string | null;
  orderDate: string;
  expectedAt: string | null;
  lines: SupplierLine[];
  units: number;
  /** Sum of the priced lines. */
  total: number;
  unpriced: number;
}

type Tx = ShopContext["db"];

interface VendorRow {
  currency: string | null;
  contactName: string | null;
  contactEmail: string | null;
  documentLocale: string;
}

/** The vendor's references and prices for these variants (its price list in Settings). */
async function priceList(db: Tx, vendor: string, variantIds: string[]) {
  const items = await db.supplierItem.findMany({
    where: { vendor, variantId: { in: variantIds } },
    select: { variantId: true, supplierSku: true, unitCost: true },
  });
  return new Map(items.map((i) => [i.variantId, { supplierSku: i.supplierSku, unitCost: decimalOrNull(i.unitCost) }]));
}

/** When a purchase order is marked sent: its lines keep the vendor's references, prices and currency of that day. */
export async function snapshotSupplierTerms(db: Tx, purchaseOrderId: string, shopCurrency: string): Promise<void> {
  const po = await db.purchaseOrder.findFirst({
    where: { id: purchaseOrderId },
    select: { vendor: true, lines: { select: { id: true, variantId: true } } },
  });
  if (!po) return;
  const vendor = await db.vendorSettings.findFirst({ where: { vendor: po.vendor }, select: { currency: true } });
  const prices = await priceList(
    db,
    po.vendor,
    po.lines.map((l) => l.variantId),
  );
  for (const l of po.lines) {
    const p = prices.get(l.variantId);
    await db.purchaseOrderLine.update({
      where: { id: l.id },
      data: {
        supplierSku: p?.supplierSku ?? null,
        supplierUnitCost: p?.unitCost ?? null,
        supplierCurrency: vendor?.currency ?? shopCurrency,
      },
    });
  }
}

export async function supplierDocument(shop: ShopContext, purchaseOrderId: string): Promise<SupplierDocument | null> {
  const po = await loadPurchaseOrder(shop, purchaseOrderId);
  if (!po) return null;
  const [vendorRow, shopRow, stored, destination] = await Promise.all([
    shop.db.vendorSettings.findFirst({
      where: { vendor: po.vendor },
      select: { currency: true, contactName: true, contactEmail: true, documentLocale: true },
    }) as Promise<VendorRow | null>,
    shop.db.shop.findFirst({ select: { name: true } }),
    shop.db.purchaseOrderLine.findMany({
      where: { purchaseOrderId: po.id },
      select: { id: true, supplierSku: true, supplierUnitCost: true, supplierCurrency: true },
    }),
    po.locationId
      ? shop.db.location.findFirst({ where: { id: po.locationId }, select: { name: true } })
      : Promise.resolve(null),
  ]);
  const snapshot = new Map(stored.map((s) => [s.id, s]));
  const sent = stored.some((s) => s.supplierCurrency !== null);
  const currency =
    (sent ? stored.find((s) => s.supplierCurrency)?.supplierCurrency : vendorRow?.currency) ?? shop.currency;
  const current = sent
    ? new Map()
    : await priceList(
        shop.db,
        po.vendor,
        po.lines.map((l) => l.variantId),
      );
  const lines: SupplierLine[] = po.lines.map((l) => {
    const s = snapshot.get(l.id);
    const terms = sent
      ? { supplierSku: s?.supplierSku ?? null, unitCost: decimalOrNull(s?.supplierUnitCost) }
      : current.get(l.variantId);
    const unitPrice = terms?.unitCost ?? (currency === shop.currency ? l.unitCost : null);
    return {
      supplierSku: terms?.supplierSku ?? null,
      sku: l.sku,
      item: l.variant && l.variant !== "Default Title" ? `${l.product} · ${l.variant}` : l.product,
      quantity: l.quantity,
      unitPrice,
      lineTotal: unitPrice === null ? null : Math.round(unitPrice * l.quantity * 100) / 100,
    };
  });
  return {
    number: po.number,
    locale: vendorRow?.documentLocale === "fr" ? "fr" : "en",
    currency,
    shopName: shopRow?.name ?? shop.domain,
    vendor: po.vendor,
    contactName: vendorRow?.contactName ?? null,
    contactEmail: vendorRow?.contactEmail ?? null,
    destination: destination?.name ?? null,
    orderDate: (po.sentAt ?? po.createdAt).slice(0, 10),
    expectedAt: po.expectedAt,
    lines,
    units: lines.reduce((s, l) => s + l.quantity, 0),
    total: Math.round(lines.reduce((s, l) => s + (l.lineTotal ?? 0), 0) * 100) / 100,
    unpriced: lines.filter((l) => l.unitPrice === null).length,
  };
}

export async function purchaseOrderPdfFile(
  shop: ShopContext,
  purchaseOrderId: string,
): Promise<{ filename: string; body: Buffer } | null> {
  const doc = await supplierDocument(shop, purchaseOrderId);
  if (!doc) return null;
  return { filename: `${doc.number}.pdf`, body: await renderPurchaseOrderPdf(doc) };
}

/** An RFC 2047 encoded word for a header value that is not plain ASCII. */
function headerText(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, "utf8").toString("base64")}?=`;
}

/** Base64 in lines of 76 characters (RFC 2045). */
const base64Lines = (data: Buffer) => (data.toString("base64").match(/.{1,76}/g) ?? []).join("\r\n");

/** A mailbox for a header: "Name" <address>, the name encoded when needed; only the address when no name. */
function mailbox(name: string | null, address: string): string {
  if (!name) return address;
  const display = /^[\x20-\x7e]*$/.test(name) ? `"${name.replace(/["\\]/g, "\\$&")}"` : headerText(name);
  return `${display} <${address}>`;
}

/**
 * The e-mail to the vendor as a .eml file (RFC 5322, MIME multipart/mixed): a short text in the vendor's
 * language and the PDF attached. `X-Unsent: 1` makes mail clients open it as a draft ready to send.
 */
export function purchaseOrderEml(doc: SupplierDocument, pdf: Buffer, now = new Date()): string {
  const t = translator(doc.locale);
  const boundary = `pilotage-${doc.number}-${now.getTime().toString(36)}`;
  const subject = t("purchasing.eml.subject", { number: doc.number, shop: doc.shopName });
  const body = t("purchasing.eml.body", {
    name: doc.contactName ?? doc.vendor,
    number: doc.number,
    lines: doc.lines.length,
    units: formatNumber(doc.units, doc.locale),
    date: doc.expectedAt ? formatDay(doc.expectedAt, doc.locale) : t("purchasing.pdf.asap"),
    destination: doc.destination ?? doc.shopName,
    shop: doc.shopName,
  });
  const headers = [
    ...(doc.contactEmail ? [`To: ${mailbox(doc.contactName ?? doc.vendor, doc.contactEmail)}`] : []),
    `Subject: ${headerText(subject)}`,
    `Date: ${now.toUTCString().replace("GMT", "+0000")}`,
    "MIME-Version: 1.0",
    "X-Unsent: 1",
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
  ];
  return [
    ...headers,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    "",
    base64Lines(Buffer.from(body.replace(/\r?\n/g, "\r\n"), "utf8")),
    `--${boundary}`,
    `Content-Type: application/pdf; name="${doc.number}.pdf"`,
    "Content-Transfer-Encoding: base64",
    `Content-Disposition: attachment; filename="${doc.number}.pdf"`,
    "",
    base64Lines(pdf),
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

export async function purchaseOrderEmlFile(
  shop: ShopContext,
  purchaseOrderId: string,
): Promise<{ filename: string; body: string; contactEmail: string | null } | null> {
  const doc = await supplierDocument(shop, purchaseOrderId);
  if (!doc) return null;
  const pdf = await renderPurchaseOrderPdf(doc);
  return { filename: `${doc.number}.eml`, body: purchaseOrderEml(doc, pdf), contactEmail: doc.contactEmail };
}
