import { describe, expect, it } from "vitest";
import { buildShop, exportTimestamp, inventoryHistoryCsv, ordersCsv, productsCsv, vendorsCsv } from "../../factories";

// Minimal CSV reader for the assertions (quoted fields, doubled quotes).
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  return rows;
}

describe("Shopify CSV exports of a simulated shop", () => {
  const shop = buildShop({ variants: 20, days: 60 });

  it("GIVEN a shop WHEN exporting orders THEN one row per line, order-level fields only on the first row, Shopify timestamps", () => {
    // WHEN
    const [header, ...rows] = parseCsv(ordersCsv(shop));
    const col = (name: string) => header.indexOf(name);
    // THEN
    expect(header.slice(0, 3)).toEqual(["Name", "Email", "Financial Status"]);
    expect(rows).toHaveLength(shop.orders.reduce((a, o) => a + o.lines.length, 0));
    const multi = shop.orders.find((o) => o.lines.length > 1)!;
    const its = rows.filter((r) => r[col("Name")] === multi.name);
    expect(its[0][col("Total")]).not.toBe("");
    expect(its[1][col("Total")]).toBe("");
    expect(its[1][col("Lineitem sku")]).toBe(multi.lines[1].sku);
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{4}$/.test(r[col("Created at")]))).toBe(true);
    const cancelled = shop.orders.find((o) => o.cancelledAt);
    if (cancelled) expect(rows.find((r) => r[col("Name")] === cancelled.name)![col("Cancelled at")]).not.toBe("");
  });

  it("GIVEN a shop WHEN exporting products THEN every variant has a row, with an empty Cost per item where the cost is missing", () => {
    const noCost = buildShop({ variants: 20, days: 60 });
    noCost.products[0].variants[0].unitCost = null;
    const [header, ...rows] = parseCsv(productsCsv(noCost));
    expect(rows).toHaveLength(20);
    expect(rows[0][header.indexOf("Cost per item")]).toBe("");
    expect(rows[0][header.indexOf("Title")]).toBe(noCost.products[0].title);
    expect(rows.every((r) => Number(r[header.indexOf("Variant Price")]) > 0)).toBe(true);
  });

  it("GIVEN a shop WHEN exporting stock history and vendors THEN the forecast CLI's side files come out", () => {
    const inv = parseCsv(inventoryHistoryCsv(shop));
    expect(inv[0]).toEqual(["date", "sku", "available"]);
    expect(inv).toHaveLength(1 + 20 * 60);
    const vendors = parseCsv(vendorsCsv(shop));
    expect(vendors[0]).toEqual(["vendor", "lead_time_days", "lead_time_sd_days", "moq", "case_pack"]);
    expect(vendors.length - 1).toBe(shop.vendors.length);
  });

  it("GIVEN an ISO timestamp WHEN converted THEN it takes the export's format, and garbage is refused", () => {
    expect(exportTimestamp("2025-03-15T19:23:45+01:00")).toBe("2025-03-15 19:23:45 +0100");
    expect(() => exportTimestamp("yesterday")).toThrow(/yesterday/);
  });
});
