import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadShopifyExports, type ShopifyExports } from "../../../app/cli/shopify-csv";
import { fixture, tempDir } from "./helpers";

async function load(extra: Partial<Parameters<typeof loadShopifyExports>[0]> = {}): Promise<ShopifyExports> {
  const r = await loadShopifyExports({
    orders: fixture("orders_export.csv"),
    products: fixture("products_export.csv"),
    ...extra,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data;
}

const sku = (d: ShopifyExports, id: string) => {
  const s = d.skus.find((x) => x.sku === id);
  if (!s) throw new Error(`no ${id}`);
  return s;
};
const unitsOn = (d: ShopifyExports, id: string, day: string): number => {
  const s = sku(d, id).series;
  const i = Math.round((Date.parse(day) - Date.parse(s.start)) / 86_400_000);
  return i >= 0 && i < s.units.length ? s.units[i] : 0;
};

describe("loadShopifyExports: orders export", () => {
  it("GIVEN the full 79-column export WHEN loaded THEN every row is read and the unused columns are ignored", async () => {
    const d = await load();
    expect(d.stats.orderRows).toBe(205);
    expect(d.stats.orders).toBe(130);
    expect(d.asOf).toBe("2024-01-31");
    expect(d.firstDay).toBe("2023-11-20");
  });

  it("GIVEN a cancelled order (#1004, the only Large candle sale on 2023-11-22) WHEN loaded THEN it is not demand", async () => {
    const d = await load();
    expect(d.stats.cancelledOrders).toBe(1);
    expect(d.orders.find((o) => o.orderName === "#1004")).toBeUndefined();
    expect(unitsOn(d, "CAND-LAV-L", "2023-11-22")).toBe(0);
    expect(sku(d, "CAND-LAV-L").series.start).toBe("2023-11-23");
  });

  it("GIVEN line items with an empty SKU WHEN loaded THEN they fall back to the line-item name", async () => {
    const d = await load();
    expect(d.stats.skuFromName).toBe(2);
    expect(sku(d, "Gift Wrap").totalUnits).toBe(3);
    expect(d.orders.find((o) => o.orderName === "#1001")!.lines.map((l) => l.sku)).toEqual(["CAND-LAV-S", "Gift Wrap"]);
  });

  it("GIVEN an order at 23:30 -0500 on Jan 31 WHEN loaded THEN it counts on its local day, Jan 31 (not Feb 1 UTC)", async () => {
    const d = await load();
    const late = d.orders.find((o) => o.orderName === "#1130")!;
    expect(late.day).toBe("2024-01-31");
    expect(sku(d, "CAND-FIG").series.units.length).toBe(72); // 2023-11-21 .. 2024-01-31
  });

  it("GIVEN a line discount (#1008, 32.00 less 3.20) WHEN loaded THEN net revenue and the day's realised price are net", async () => {
    const d = await load();
    const o = d.orders.find((x) => x.orderName === "#1008")!;
    expect(o.lines).toEqual([{ sku: "CAND-LAV-L", quantity: 1, netRevenue: 28.8 }]);
  });

  it("GIVEN a partial refund (#1006) WHEN loaded THEN the order keeps its units and reports the refunded amount", async () => {
    const d = await load();
    const o = d.orders.find((x) => x.orderName === "#1006")!;
    expect(o.refundedAmount).toBe(18);
    expect(o.financialStatus).toBe("partially_refunded");
    expect(o.lines[0].quantity).toBe(3);
  });

  it("GIVEN emails WHEN loaded THEN customer keys are salted hashes, case-insensitive, and no email is kept", async () => {
    const d = await load();
    const keys = new Set(d.orders.map((o) => o.customerKey));
    expect(keys.size).toBe(6);
    expect(JSON.stringify(d.orders)).not.toContain("@");
    const other = await load({ salt: "another" });
    expect(other.orders[0].customerKey).not.toBe(d.orders[0].customerKey);
  });

  it("GIVEN a later row of an order without 'Created at' WHEN loaded THEN it inherits the first row's date", async () => {
    const d = await load();
    const o = d.orders.find((x) => x.orderName === "#1010")!;
    expect(o.lines.length).toBe(3);
  });

  it("GIVEN --as-of WHEN loaded THEN later orders are ignored", async () => {
    const d = await load({ asOf: "2024-01-15" });
    expect(d.asOf).toBe("2024-01-15");
    expect(d.orders.every((o) => o.day <= "2024-01-15")).toBe(true);
    expect(d.stats.afterAsOfOrders).toBeGreaterThan(0);
    expect(
      d.skus.every(
        (s) =>
          s.series.units.length ===
          Math.round((Date.parse("2024-01-15") - Date.parse(s.series.start)) / 86_400_000) + 1,
      ),
    ).toBe(true);
  });

  it("GIVEN a quoted field with a comma and a newline before a bad row WHEN loaded THEN the error names the right line", async () => {
    const dir = tempDir();
    const path = join(dir, "orders.csv");
    writeFileSync(
      path,
      "Name,Created at,Lineitem quantity,Lineitem price,Lineitem sku,Notes\n" +
        '#1,2024-01-02 10:00:00 +0100,1,5.00,A,"wrap it, please\nthanks"\n' +
        "#2,2024-01-03 10:00:00 +0100,1,abc,A,\n",
    );
    const r = await loadShopifyExports({ orders: path });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toMatchObject({ code: "CSV.BAD_NUMBER", line: 4, column: "Lineitem price", file: "orders.csv" });
  });
});

describe("loadShopifyExports: products and extra files", () => {
  it("GIVEN the product export WHEN loaded THEN later variant rows inherit title, vendor and type, and image rows are skipped", async () => {
    const d = await load();
    expect(d.stats.productVariants).toBe(5);
    const large = sku(d, "CAND-LAV-L");
    expect(large).toMatchObject({
      name: "Lavender Candle - Large",
      vendor: "Cire & Mèche",
      productType: "Candles",
      price: 32,
      compareAtPrice: 38,
      unitCost: 11.5,
      inventoryQty: 40,
    });
    expect(large.series.group).toBe("Candles");
  });

  it("GIVEN a product without 'Cost per item' WHEN loaded THEN unit cost is null, not 0", async () => {
    expect(sku(await load(), "MATCH-BOX").unitCost).toBeNull();
  });

  it("GIVEN an inventory history WHEN loaded THEN days with available <= 0 are masked as unavailable", async () => {
    const d = await load({ inventoryHistory: fixture("inventory_history.csv") });
    const s = sku(d, "CAND-FIG").series;
    const off = (day: string) => Math.round((Date.parse(day) - Date.parse(s.start)) / 86_400_000);
    expect(s.available![off("2024-01-20")]).toBe(false);
    expect(s.available![off("2024-01-21")]).toBe(false);
    expect(s.available![off("2024-01-22")]).toBe(true);
    expect(sku(d, "CAND-LAV-L").series.available).toBeUndefined();
  });

  it("GIVEN no products file but an inventory history WHEN loaded THEN stock comes from the history's last value", async () => {
    const r = await loadShopifyExports({
      orders: fixture("orders_export.csv"),
      inventoryHistory: fixture("inventory_history.csv"),
    });
    expect(r.ok && r.data.skus.find((s) => s.sku === "CAND-FIG")).toMatchObject({
      inventoryQty: 3,
      stockSource: "inventory-history",
    });
  });

  it("GIVEN a vendors file WHEN loaded THEN terms are keyed by vendor", async () => {
    const d = await load({ vendors: fixture("vendors.csv") });
    expect(d.vendors.get("Allumettes Paris")).toEqual({
      vendor: "Allumettes Paris",
      leadTimeDays: 7,
      leadTimeSdDays: 1,
      moq: 50,
      casePack: 10,
    });
  });
});

describe("loadShopifyExports: malformed input", () => {
  it.each([
    ["orders_bad_date.csv", { code: "CSV.BAD_DATE", line: 6, column: "Created at" }],
    ["orders_bad_quantity.csv", { code: "CSV.BAD_NUMBER", line: 8, column: "Lineitem quantity" }],
    ["orders_missing_column.csv", { code: "CSV.MISSING_COLUMN", line: 1, column: "Lineitem price" }],
  ])("GIVEN %s WHEN loaded THEN a typed error names the file, line and column", async (file, expected) => {
    const r = await loadShopifyExports({ orders: fixture(file) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ ...expected, file });
  });

  it("GIVEN a missing file WHEN loaded THEN CSV.FILE_NOT_FOUND", async () => {
    const r = await loadShopifyExports({ orders: fixture("nope.csv") });
    expect(!r.ok && r.error.code).toBe("CSV.FILE_NOT_FOUND");
  });

  it("GIVEN an as-of before every order WHEN loaded THEN CSV.EMPTY says so", async () => {
    const r = await loadShopifyExports({ orders: fixture("orders_export.csv"), asOf: "2020-01-01" });
    expect(!r.ok && r.error).toMatchObject({ code: "CSV.EMPTY" });
  });
});
