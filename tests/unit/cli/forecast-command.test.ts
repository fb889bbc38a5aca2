import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, runCli, tempDir } from "./helpers";

const full = [
  "--orders",
  fixture("orders_export.csv"),
  "--products",
  fixture("products_export.csv"),
  "--vendors",
  fixture("vendors.csv"),
  "--inventory-history",
  fixture("inventory_history.csv"),
];

interface Variant {
  sku: string;
  name: string;
  model: string;
  demandClass: string;
  forecast: { start: string; mean: number[]; quantiles: Record<string, number[]> };
  backtest: Record<string, unknown>;
  replenishment?: Record<string, { value: unknown; explanation: string; reason?: string }> & { error?: unknown };
}

describe("cli forecast", () => {
  it("GIVEN the fixture exports WHEN run THEN the JSON has the documented shape", async () => {
    const r = await runCli(["forecast", ...full, "--horizon", "14", "--levels", "0.9,0.5"]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { asOf: string; horizon: number; levels: number[]; variants: Variant[] };
    expect(out.asOf).toBe("2024-01-31");
    expect(out.horizon).toBe(14);
    expect(out.levels).toEqual([0.5, 0.9]);
    expect(out.variants.map((v) => v.sku)).toEqual(["CAND-FIG", "CAND-LAV-L", "CAND-LAV-S", "Gift Wrap", "MATCH-BOX"]);
    for (const v of out.variants) {
      expect(typeof v.name).toBe("string");
      expect(typeof v.model).toBe("string");
      expect(typeof v.demandClass).toBe("string");
      expect(v.forecast.start).toBe("2024-02-01");
      expect(v.forecast.mean).toHaveLength(14);
      expect(Object.keys(v.forecast.quantiles).sort()).toEqual(["0.5", "0.9"]);
      for (const q of Object.values(v.forecast.quantiles)) expect(q).toHaveLength(14);
      expect(Object.keys(v.backtest)).toEqual(expect.arrayContaining(["mase", "rmsse", "wape", "bias"]));
    }
  });

  it("GIVEN stock known for candles but not gift wrap WHEN run THEN only stocked SKUs get a replenishment block, each figure explained", async () => {
    const r = await runCli(["forecast", ...full]);
    const out = JSON.parse(r.stdout) as { variants: Variant[] };
    const bySku = new Map(out.variants.map((v) => [v.sku, v]));
    expect(bySku.get("Gift Wrap")!.replenishment).toBeUndefined();
    const fig = bySku.get("CAND-FIG")!.replenishment!;
    expect(fig.error).toBeUndefined();
    expect(fig.method).toMatch(/forecast engine/); // S from the engine's count quantile over L + R
    for (const k of [
      "safetyStock",
      "reorderPoint",
      "orderUpTo",
      "suggestedOrderQty",
      "projectedStockoutDate",
      "daysOfCover",
      "marginAtRisk",
      "overstockUnits",
      "overstockCapital",
    ]) {
      expect(fig[k].explanation.length, k).toBeGreaterThan(10);
    }
    // Vendor terms from vendors.csv: MOQ 24, case pack 6.
    const qty = fig.suggestedOrderQty.value as number;
    expect(qty === 0 || (qty >= 24 && qty % 6 === 0)).toBe(true);
    // Long Matches have no cost per item: capital is null with a coded reason.
    const matches = bySku.get("MATCH-BOX")!.replenishment!;
    expect(matches.overstockCapital.value).toBeNull();
    expect(matches.overstockCapital.reason).toBe("INVENTORY.UNIT_COST_MISSING");
  });

  it("GIVEN --as-of WHEN run THEN the forecast starts the next day and later orders are ignored", async () => {
    const r = await runCli([
      "forecast",
      "--orders",
      fixture("orders_export.csv"),
      "--as-of",
      "2024-01-10",
      "--horizon",
      "7",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { asOf: string; stats: { afterAsOfOrders: number }; variants: Variant[] };
    expect(out.asOf).toBe("2024-01-10");
    expect(out.stats.afterAsOfOrders).toBeGreaterThan(0);
    expect(out.variants.every((v) => v.forecast.start === "2024-01-11")).toBe(true);
  });

  it("GIVEN --out WHEN run THEN the file holds the JSON and no temp file is left", async () => {
    const dir = tempDir();
    const out = join(dir, "forecast.json");
    const r = await runCli(["forecast", "--orders", fixture("orders_export.csv"), "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8")).variants.length).toBe(5);
    expect(readdirSync(dir)).toEqual(["forecast.json"]);
  });

  it("GIVEN the output never carries customer emails WHEN run THEN no '@' appears", async () => {
    const r = await runCli(["forecast", ...full]);
    expect(r.stdout).not.toContain("@");
  });
});

describe("cli forecast: malformed input writes nothing", () => {
  it.each([
    ["orders_bad_date.csv", ["line 6", 'column "Created at"', "2024-13-45"]],
    ["orders_bad_quantity.csv", ["line 8", 'column "Lineitem quantity"', '"two"']],
    ["orders_missing_column.csv", ["line 1", 'column "Lineitem price"']],
  ])("GIVEN %s WHEN run THEN it exits 1, names line and column, and leaves no output file", async (file, parts) => {
    const dir = tempDir();
    const out = join(dir, "forecast.json");
    const r = await runCli(["forecast", "--orders", fixture(file), "--out", out]);
    expect(r.code).toBe(1);
    for (const p of parts) expect(r.stderr).toContain(p);
    expect(r.stderr).toContain(file);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("GIVEN an existing output file and a bad input WHEN run THEN the old file is left untouched", async () => {
    const dir = tempDir();
    const out = join(dir, "forecast.json");
    writeFileSync(out, "previous");
    const r = await runCli(["forecast", "--orders", fixture("orders_bad_date.csv"), "--out", out]);
    expect(r.code).toBe(1);
    expect(readFileSync(out, "utf8")).toBe("previous");
  });

  it("GIVEN a bad products file WHEN run THEN the error names that file", async () => {
    const r = await runCli([
      "forecast",
      "--orders",
      fixture("orders_export.csv"),
      "--products",
      fixture("orders_export.csv"),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/orders_export\.csv .*"Handle"/);
  });
});

describe("cli dispatch and help", () => {
  it("GIVEN --help WHEN run THEN usage is printed and the exit code is 0", async () => {
    const r = await runCli(["forecast", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--orders <file>");
    expect(r.stdout).toContain("--as-of");
  });

  it("GIVEN no command WHEN run THEN the command list is printed and the exit code is 2", async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("forecast");
  });

  it("GIVEN an unknown command WHEN run THEN it says which", async () => {
    const r = await runCli(["forcast"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "forcast"');
  });

  it("GIVEN the price command WHEN dispatched with --help THEN the pricing command answers", async () => {
    const r = await runCli(["price", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("price");
  });
});

describe("cli as a subprocess (npm run cli)", () => {
  it("GIVEN a malformed export WHEN run through tsx THEN the process exits 1 with the line in stderr", async () => {
    const { spawnSync } = await import("node:child_process");
    const root = join(__dirname, "../../..");
    const p = spawnSync(
      join(root, "node_modules/.bin/tsx"),
      ["app/cli/main.ts", "forecast", "--orders", fixture("orders_bad_date.csv")],
      { cwd: root, encoding: "utf8" },
    );
    expect(p.status).toBe(1);
    expect(p.stderr).toContain("line 6");
    expect(p.stdout).toBe("");
  }, 30_000);
});
