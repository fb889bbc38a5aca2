// The purchase order as a PDF (pdfkit), A4, in the vendor's language. Fonts are DejaVu Sans (npm
// dejavu-fonts-ttf; Bitstream Vera / DejaVu licence, which allows embedding and redistribution), embedded as
// subsets, so the document looks the same on any reader and carries every accented character.
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { translator } from "~/i18n";
import { formatDay, formatMoney, formatNumber } from "~/lib/format";
import type { SupplierDocument } from "./documents.server";

const require = createRequire(import.meta.url);
export const PDF_FONTS = {
  regular: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  bold: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
};

const MARGIN = 48;
/** Column x positions and widths on an A4 page (595 pt wide). */
const COLS = [
  { key: "supplierSku", x: MARGIN, w: 80, align: "left" },
  { key: "sku", x: MARGIN + 84, w: 80, align: "left" },
  { key: "item", x: MARGIN + 168, w: 160, align: "left" },
  { key: "quantity", x: MARGIN + 332, w: 40, align: "right" },
  { key: "unitPrice", x: MARGIN + 376, w: 60, align: "right" },
  { key: "total", x: MARGIN + 440, w: 59, align: "right" },
] as const;

export function renderPurchaseOrderPdf(doc: SupplierDocument, now = new Date()): Promise<Buffer> {
  const t = translator(doc.locale);
  const money = (v: number | null) =>
    v === null ? t("purchasing.pdf.priceToConfirm") : formatMoney(v, doc.currency, doc.locale, 2);
  const day = (d: string | null) => (d ? formatDay(d, doc.locale) : t("purchasing.pdf.asap"));
  const pdf = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    font: PDF_FONTS.regular,
    lang: doc.locale === "fr" ? "fr-FR" : "en-US",
    bufferPages: true,
    info: {
      Title: t("purchasing.pdf.title", { number: doc.number }),
      Author: doc.shopName,
      Subject: doc.vendor,
      CreationDate: now,
    },
  });
  pdf.registerFont("regular", PDF_FONTS.regular);
  pdf.registerFont("bold", PDF_FONTS.bold);
  const chunks: Buffer[] = [];
  pdf.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });

  const width = pdf.page.width - 2 * MARGIN;
  pdf
    .font("bold")
    .fontSize(18)
    .text(t("purchasing.pdf.title", { number: doc.number }), MARGIN, MARGIN);
  pdf.moveDown(0.5);
  const top = pdf.y;
  const block = (x: number, heading: string, lines: (string | null)[]) => {
    pdf
      .font("bold")
      .fontSize(9)
      .text(heading, x, top, { width: width / 2 - 8 });
    pdf.font("regular").fontSize(10);
    for (const l of lines) if (l) pdf.text(l, x, undefined, { width: width / 2 - 8 });
    return pdf.y;
  };
  const leftEnd = block(MARGIN, t("purchasing.pdf.buyer"), [
    doc.shopName,
    doc.destination ? `${t("purchasing.pdf.deliverTo")}: ${doc.destination}` : null,
  ]);
  const rightEnd = block(MARGIN + width / 2 + 8, t("purchasing.pdf.supplier"), [
    doc.vendor,
    doc.contactName,
    doc.contactEmail,
  ]);
  pdf.y = Math.max(leftEnd, rightEnd) + 10;
  pdf.font("regular").fontSize(10);
  pdf.text(`${t("purchasing.pdf.orderDate")}: ${day(doc.orderDate)}`, MARGIN);
  pdf.text(`${t("purchasing.pdf.expected")}: ${day(doc.expectedAt)}`, MARGIN);
  pdf.text(t("purchasing.pdf.currency", { currency: doc.currency }), MARGIN);
  pdf.moveDown(1);

  const header = () => {
    const y = pdf.y;
    pdf.font("bold").fontSize(9);
    const labels: Record<(typeof COLS)[number]["key"], string> = {
      supplierSku: t("purchasing.pdf.col.supplierSku"),
      sku: t("purchasing.pdf.col.sku"),
      item: t("purchasing.pdf.col.item"),
      quantity: t("purchasing.pdf.col.quantity"),
      unitPrice: t("purchasing.pdf.col.unitPrice"),
      total: t("purchasing.pdf.col.total"),
    };
    let bottom = y;
    for (const c of COLS) {
      pdf.text(labels[c.key], c.x, y, { width: c.w, align: c.align });
      bottom = Math.max(bottom, pdf.y);
    }
    pdf
      .moveTo(MARGIN, bottom + 2)
      .lineTo(MARGIN + width, bottom + 2)
      .lineWidth(0.5)
      .stroke();
    pdf.y = bottom + 6;
  };
  header();
  pdf.font("regular").fontSize(9);
  for (const line of doc.lines) {
    const cells: Record<(typeof COLS)[number]["key"], string> = {
      supplierSku: line.supplierSku ?? "—",
      sku: line.sku ?? "—",
      item: line.item,
      quantity: formatNumber(line.quantity, doc.locale),
      unitPrice: money(line.unitPrice),
      total: line.lineTotal === null ? "—" : money(line.lineTotal),
    };
    const height = Math.max(...COLS.map((c) => pdf.heightOfString(cells[c.key], { width: c.w })));
    if (pdf.y + height > pdf.page.height - MARGIN - 40) {
      pdf.addPage();
      header();
      pdf.font("regular").fontSize(9);
    }
    const y = pdf.y;
    for (const c of COLS) pdf.text(cells[c.key], c.x, y, { width: c.w, align: c.align });
    pdf.y = y + height + 4;
  }
  pdf
    .moveTo(MARGIN, pdf.y)
    .lineTo(MARGIN + width, pdf.y)
    .lineWidth(0.5)
    .stroke();
  pdf.moveDown(0.5);
  pdf.font("bold").fontSize(10);
  const totalY = pdf.y;
  pdf.text(
    `${t("purchasing.pdf.total")} (${formatNumber(doc.units, doc.locale)} ${t("purchasing.pdf.units")})`,
    MARGIN,
    totalY,
    { width: 320 },
  );
  pdf.text(formatMoney(doc.total, doc.currency, doc.locale, 2), COLS[5].x - 80, totalY, {
    width: COLS[5].w + 80,
    align: "right",
  });
  pdf.font("regular").fontSize(9).moveDown(1);
  if (doc.unpriced > 0) pdf.text(t("purchasing.pdf.unpriced", { count: doc.unpriced }), MARGIN, undefined, { width });
  pdf.moveDown(0.5).text(t("purchasing.pdf.footer"), MARGIN, undefined, { width });

  // Page numbers once every page exists.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    pdf.page.margins.bottom = 0; // the footer sits in the margin: no automatic page break
    pdf
      .font("regular")
      .fontSize(8)
      .text(t("purchasing.pdf.page", { page: i + 1, pages: range.count }), MARGIN, pdf.page.height - MARGIN + 10, {
        width,
        align: "right",
        lineBreak: false,
      });
  }
  pdf.end();
  return done;
}
