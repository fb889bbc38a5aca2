// Bad input files and flags fail early, naming the line and column, instead of wasting hours or memory:
// implausible dates, a duplicated header column, --out problems, semicolon files, unbalanced quotes,
// runaway fields and negative prices.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadShopifyExports, type CsvInputError } from "../../../app/cli/shopify-csv";
import { MAX_RECORD_BYTES } from "../../../app/cli/csv-stream";
import { fixture, runCli, tempDir } from "./helpers";

const TODAY = "2026-12-05";
const HEADER = "Name,Email,Financial Status,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku";
const row = (name: string, created: string, price = "12.50", sku = "MUG") =>
  `${name},a@example.com,paid,${created},1,Mug,${price},${sku}`;
const GOOD = [row("#1", "2026-11-01 10:00:00 +0100"), row("#2", "2026-11-02 10:00:00 +0100")];

/** Writes `lines` as a CSV file in a fresh folder; returns its path. */
function csv(lines: string[], name = "orders.csv"): string {
  const path = join(tempDir(), name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

async function failure(opts: Parameters<typeof loadShopifyExports>[0]): Promise<CsvInputError> {
  const r = await loadShopifyExports({ today: TODAY, ...opts });
  if (r.ok) throw new Error("expected a failure");
  return r.error;
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe("implausible dates", () => {
  it.each(["2199-01-01 10:00:00 +0100", "9999-12-31 23:59:59 +0000", "2026-12-13 00:00:00 +0000"])(
    "GIVEN an order dated %s WHEN loaded THEN it is refused on its line and column",
    async (created) => {
      // GIVEN two good orders and a third dated far after today
      const orders = csv([HEADER, ...GOOD, row("#3", created)]);
      // WHEN loaded
      const e = await failure({ orders });
      // THEN the error names line 4 and "Created at"
      expect(e).toMatchObject({ code: "CSV.BAD_DATE", line: 4, column: "Created at" });
      expect(e.message).toMatch(/in the future/);
    },
  );

  it("GIVEN an order dated tomorrow in another time zone WHEN loaded THEN it is kept", async () => {
    const orders = csv([HEADER, ...GOOD, row("#3", "2026-12-06 01:00:00 +1400")]);
    const r = await loadShopifyExports({ orders, today: TODAY });
    expect(r.ok && r.data.asOf).toBe("2026-12-06");
  });

  it("GIVEN an order dated 1999-12-31 WHEN loaded THEN it is refused as before any plausible history", async () => {
    const e = await failure({ orders: csv([HEADER, row("#0", "1999-12-31 23:00:00 +0000"), ...GOOD]) });
    expect(e).toMatchObject({ code: "CSV.BAD_DATE", line: 2, column: "Created at" });
  });

  it("GIVEN --as-of 2199-01-01 WHEN loaded THEN it is refused before reading", async () => {
    const e = await failure({ orders: csv([HEADER, ...GOOD]), asOf: "2199-01-01" });
    expect(e).toMatchObject({ code: "CSV.BAD_DATE", file: "--as-of" });
  });

  it("GIVEN an inventory history row dated 2199 WHEN loaded THEN it is refused on its line", async () => {
    const history = csv(["date,sku,available", "2026-11-01,MUG,3", "2199-01-01,MUG,4"], "history.csv");
    const e = await failure({ orders: csv([HEADER, ...GOOD]), inventoryHistory: history });
    expect(e).toMatchObject({ code: "CSV.BAD_DATE", file: "history.csv", line: 3, column: "date" });
  });

  it("GIVEN a row dated 2199 WHEN the forecast command runs THEN exit 1 names line and column, without a stack", async () => {
    const r = await runCli(["forecast", "--orders", csv([HEADER, ...GOOD, row("#3", "2199-01-01 10:00:00 +0100")])]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('orders.csv (line 4, column "Created at")');
    noStack(r.stderr);
  });
});

describe("header problems", () => {
  it("GIVEN a header with a column twice WHEN loaded THEN the error names it", async () => {
    // GIVEN "Lineitem price" twice (the last copy would silently win)
    const orders = csv([`${HEADER},Lineitem price`, `${GOOD[0]},99.00`]);
    // WHEN loaded
    const e = await failure({ orders });
    // THEN a typed error names the column on line 1
    expect(e).toMatchObject({ code: "CSV.DUPLICATE_COLUMN", line: 1, column: "Lineitem price" });
    expect(e.message).toContain("columns 7 and 9");
  });
});

describe("--out", () => {
  it("GIVEN --out in a folder that does not exist WHEN run THEN exit 2 before reading anything, with a clear message", async () => {
    // GIVEN a missing orders file too: the --out problem must be found first, before any work
    const dir = tempDir();
    const r = await runCli([
      "forecast",
      "--orders",
      join(dir, "missing.csv"),
      "--out",
      join(dir, "nope", "forecast.json"),
    ]);
    // THEN exit 2 names --out and the folder, without a stack trace
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: --out: the directory");
    expect(r.stderr).toContain("does not exist");
    expect(r.stderr).not.toContain("missing.csv");
    noStack(r.stderr);
  });

  it("GIVEN --out naming the orders export WHEN run THEN exit 2 and the export is untouched", async () => {
    const orders = csv([HEADER, ...GOOD]);
    const before = readFileSync(orders, "utf8");
    const r = await runCli(["forecast", "--orders", orders, "--out", join(orders, "..", ".", "orders.csv")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--out: is the same file as --orders");
    expect(readFileSync(orders, "utf8")).toBe(before);
  });

  it("GIVEN --out naming the products export WHEN the price command runs THEN exit 2 and the export is untouched", async () => {
    const products = join(tempDir(), "products.csv");
    writeFileSync(products, readFileSync(fixture("products_export.csv")));
    const r = await runCli([
      "price",
      "--orders",
      fixture("orders_export.csv"),
      "--products",
      products,
      "--out",
      products,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("same file as --products");
    expect(readFileSync(products, "utf8")).toBe(readFileSync(fixture("products_export.csv"), "utf8"));
  });

  it("GIVEN --out naming a folder WHEN run THEN exit 2", async () => {
    const r = await runCli(["forecast", "--orders", fixture("orders_export.csv"), "--out", tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is a directory");
  });
});

describe("semicolon-delimited files (Excel in French)", () => {
  it("GIVEN an export saved with ';' and decimal commas WHEN loaded THEN it is read like the comma file", async () => {
    // GIVEN the same two orders, once with commas and once as French Excel saves them
    const comma = csv([HEADER, ...GOOD]);
    const semi = csv([
      HEADER.replaceAll(",", ";"),
      ...GOOD.map((l) => l.replaceAll(",", ";").replace("12.50", "12,50")),
    ]);
    // WHEN both are loaded
    const a = await loadShopifyExports({ orders: comma, today: TODAY });
    const b = await loadShopifyExports({ orders: semi, today: TODAY });
    // THEN they give the same SKUs, units and prices
    if (!a.ok || !b.ok) throw new Error("both should load");
    expect(b.data.skus).toEqual(a.data.skus);
    expect(b.data.skus[0].price).toBe(12.5);
  });

  it("GIVEN a ';' file with day-first dates WHEN loaded THEN the error says to export again", async () => {
    const e = await failure({
      orders: csv([HEADER.replaceAll(",", ";"), "#1;a@example.com;paid;01/11/2026 10:00;1;Mug;12,50;MUG"]),
    });
    expect(e).toMatchObject({ code: "CSV.BAD_DATE", line: 2, column: "Created at" });
    expect(e.message).toContain("export it again from Shopify");
  });
});

describe("unbalanced quotes and runaway fields", () => {
  it("GIVEN a quote opened on line 3 and never closed WHEN loaded THEN the error is at line 3, not at the end of the file", async () => {
    // GIVEN a quoted name opened on line 3, followed by more rows
    const lines = [
      HEADER,
      GOOD[0],
      `#2,a@example.com,paid,2026-11-02 10:00:00 +0100,1,"Mug,12.50,MUG`,
      ...Array.from({ length: 20 }, (_, i) => row(`#${i + 3}`, "2026-11-03 10:00:00 +0100")),
    ];
    // WHEN loaded
    const e = await failure({ orders: csv(lines) });
    // THEN the error names line 3
    expect(e).toMatchObject({ code: "CSV.UNCLOSED_QUOTE", line: 3 });
  });

  it("GIVEN a stray quote that ends a field on line 4 WHEN loaded THEN the error is at line 4", async () => {
    const lines = [
      HEADER,
      ...GOOD,
      `#3,a@example.com,paid,2026-11-03 10:00:00 +0100,1,"Mug "Grand",12.50,MUG`,
      row("#4", "2026-11-04 10:00:00 +0100"),
    ];
    const e = await failure({ orders: csv(lines) });
    expect(e).toMatchObject({ code: "CSV.UNCLOSED_QUOTE", line: 4 });
  });

  it("GIVEN a field over the record limit on line 3 WHEN loaded THEN it fails there with CSV.RECORD_TOO_LARGE", async () => {
    // GIVEN a line-item name of MAX_RECORD_BYTES + 1 MiB (a 150 MB field fails the same way, once the limit is read)
    const huge = "x".repeat(MAX_RECORD_BYTES + 1024 * 1024);
    const orders = csv([
      HEADER,
      GOOD[0],
      `#2,a@example.com,paid,2026-11-02 10:00:00 +0100,1,${huge},12.50,MUG`,
      GOOD[1],
    ]);
    expect(statSync(orders).size).toBeGreaterThan(MAX_RECORD_BYTES);
    // WHEN loaded
    const e = await failure({ orders });
    // THEN the record is refused on its line
    expect(e).toMatchObject({ code: "CSV.RECORD_TOO_LARGE", line: 3 });
  });
});

describe("negative prices", () => {
  it("GIVEN a negative line-item price on line 3 WHEN loaded THEN it is refused on its line and column", async () => {
    const e = await failure({ orders: csv([HEADER, GOOD[0], row("#2", "2026-11-02 10:00:00 +0100", "-12.50")]) });
    expect(e).toMatchObject({ code: "CSV.BAD_NUMBER", line: 3, column: "Lineitem price" });
    expect(e.message).toContain("cannot be negative");
  });

  it.each([
    ["Variant Price", "mug,Mug,Acme,MUG,-10.00,,4.00"],
    ["Variant Compare At Price", "mug,Mug,Acme,MUG,10.00,-1,4.00"],
    ["Cost per item", "mug,Mug,Acme,MUG,10.00,,-4.00"],
  ])(
    "GIVEN a negative %s in the products export WHEN loaded THEN it is refused on its line and column",
    async (column, line) => {
      const products = csv(
        ["Handle,Title,Vendor,Variant SKU,Variant Price,Variant Compare At Price,Cost per item", line],
        "products.csv",
      );
      const e = await failure({ orders: csv([HEADER, ...GOOD]), products });
      expect(e).toMatchObject({ code: "CSV.BAD_NUMBER", file: "products.csv", line: 2, column });
    },
  );
});
