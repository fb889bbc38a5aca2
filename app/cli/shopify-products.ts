// Shopify product export CSV: one row per variant (plus image-only rows); product fields on the first row only.
import { readCsv } from "./csv-stream";
import { amount, num } from "./csv-values";

export const PRODUCT_REQUIRED_COLUMNS = ["Handle", "Variant SKU", "Variant Price"];

export interface ProductVariant {
  /** Variant SKU; when empty, the order export's line-item name "Title - Opt1 / Opt2" (or "Title"). */
  sku: string;
  handle: string;
  name: string;
  vendor: string | null;
  productType: string | null;
  price: number;
  compareAtPrice: number | null;
  /** null when the column is absent or empty (stock unknown). */
  inventoryQty: number | null;
  /** null when "Cost per item" is absent or empty: never assumed 0. */
  unitCost: number | null;
}

export async function readProducts(
  path: string,
  onProgress?: (bytes: number, total: number) => void,
): Promise<Map<string, ProductVariant>> {
  const variants = new Map<string, ProductVariant>();
  let current = { handle: "", title: "", vendor: "", type: "" };
  for await (const row of readCsv(path, { required: PRODUCT_REQUIRED_COLUMNS, onProgress })) {
    const handle = row.get("Handle");
    if (handle !== current.handle) current = { handle, title: "", vendor: "", type: "" };
    current.title = row.get("Title") || current.title;
    current.vendor = row.get("Vendor") || current.vendor;
    current.type = row.get("Type") || current.type;
    const priceCell = row.get("Variant Price");
    if (!priceCell) continue; // image-only row
    const options = ["Option1 Value", "Option2 Value", "Option3 Value"]
      .map((c) => row.get(c))
      .filter((v) => v && v !== "Default Title");
    const title = current.title || handle;
    const name = options.length ? `${title} - ${options.join(" / ")}` : title;
    const sku = row.get("Variant SKU") || name;
    variants.set(sku, {
      sku,
      handle,
      name,
      vendor: current.vendor || null,
      productType: current.type || null,
      price: amount(row, "Variant Price") as number,
      compareAtPrice: amount(row, "Variant Compare At Price", null),
      inventoryQty: num(row, "Variant Inventory Qty", null),
      unitCost: amount(row, "Cost per item", null),
    });
  }
  return variants;
}
