// Optional CSVs: inventory history (date,sku,available) and vendor terms (vendor,lead_time_days,...).
import { readCsv } from "./csv-stream";
import { localDay, num, requiredNum, type DayBounds } from "./csv-values";

export interface VendorTerms {
  vendor: string;
  leadTimeDays: number;
  leadTimeSdDays: number;
  moq: number;
  casePack: number;
}

/** Inventory level per SKU per day (end of day). */
export type InventoryHistory = Map<string, Map<string, number>>;

export async function readInventoryHistory(path: string, days?: DayBounds): Promise<InventoryHistory> {
  const out: InventoryHistory = new Map();
  for await (const row of readCsv(path, { required: ["date", "sku", "available"] })) {
    const day = localDay(row, "date", days);
    const sku = row.get("sku");
    if (!sku) row.fail("CSV.MALFORMED", "sku", "sku is empty");
    const available = requiredNum(row, "available");
    let m = out.get(sku);
    if (!m) out.set(sku, (m = new Map()));
    m.set(day, available);
  }
  return out;
}

export async function readVendors(path: string): Promise<Map<string, VendorTerms>> {
  const out = new Map<string, VendorTerms>();
  for await (const row of readCsv(path, { required: ["vendor", "lead_time_days"] })) {
    const vendor = row.get("vendor");
    if (!vendor) row.fail("CSV.MALFORMED", "vendor", "vendor is empty");
    const lead = requiredNum(row, "lead_time_days");
    const sd = num(row, "lead_time_sd_days", 0) as number;
    const moq = num(row, "moq", 1) as number;
    const casePack = num(row, "case_pack", 1) as number;
    if (lead < 0) row.fail("CSV.BAD_NUMBER", "lead_time_days", "lead time cannot be negative");
    if (sd < 0) row.fail("CSV.BAD_NUMBER", "lead_time_sd_days", "lead time spread cannot be negative");
    if (moq < 0) row.fail("CSV.BAD_NUMBER", "moq", "MOQ cannot be negative");
    if (!(Number.isInteger(casePack) && casePack >= 1))
      row.fail("CSV.BAD_NUMBER", "case_pack", "case pack must be a whole number of at least 1");
    out.set(vendor, { vendor, leadTimeDays: lead, leadTimeSdDays: sd, moq, casePack });
  }
  return out;
}
