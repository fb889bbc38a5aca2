// Purchase order as CSV (RFC 4180: CRLF rows, fields with a comma, quote or line break are quoted and
// quotes doubled), with a UTF-8 byte order mark so Excel reads accents right.
export const PO_CSV_COLUMNS = [
  "SKU",
  "Product",
  "Variant",
  "Quantity",
  "Unit cost",
  "Line total",
  "Expected date",
] as const;

export interface PoCsvLine {
  sku: string | null;
  product: string;
  variant: string;
  quantity: number;
  unitCost: number | null;
  expectedAt: string | null;
}

export function csvField(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  // A leading = + - @ would run as a formula in a spreadsheet; a quote-prefixed apostrophe keeps it text.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === "string" ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const money = (x: number) => x.toFixed(2);

export function purchaseOrderCsv(lines: PoCsvLine[]): string {
  const rows = [PO_CSV_COLUMNS.map(csvField).join(",")];
  for (const l of lines) {
    rows.push(
      [
        csvField(l.sku),
        csvField(l.product),
        csvField(l.variant),
        csvField(l.quantity),
        csvField(l.unitCost === null ? null : money(l.unitCost)),
        csvField(l.unitCost === null ? null : money(l.unitCost * l.quantity)),
        csvField(l.expectedAt),
      ].join(","),
    );
  }
  return `\uFEFF${rows.join("\r\n")}\r\n`;
}
