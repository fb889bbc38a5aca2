import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runPriceCommand } from "../../../app/cli/price-command";
import { writePricingExport } from "../../fixtures/pricing/generate-export";
import { fixture, tempDir } from "./helpers";

interface Out {
  asOf: string;
  horizon: number;
  variants: {
    sku: string;
    currentPrice: number | null;
    recommendedPrice: number | null;
    unitCost: number | null;
    action: string;
    elasticity: { estimate: number; se: number; source: string };
    expected: { current: Record<string, number>; recommended: Record<string, number> };
    reasons: { code: string; text: string }[];
    bounds: { code: string; side: string; value: number; binding: boolean }[];
  }[];
}

async function price(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runPriceCommand(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
  });
  return { code, stdout, stderr };
}

const shopify = ["--orders", fixture("orders_export.csv"), "--products", fixture("products_export.csv")];

// Each run parses, forecasts and prices a whole export: allow more than the default 5 s under a loaded machine.
describe("cli price on the Shopify fixtures", { timeout: 60_000 }, () => {
  it("GIVEN the fixture exports WHEN run THEN every variant has the documented shape and guardrails hold", async () => {
    const r = await price([...shopify, "--inventory-history", fixture("inventory_history.csv"), "--rounding", "0.99"]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Out;
    expect(out.asOf).toBe("2024-01-31");
    expect(out.horizon).toBe(28);
    expect(out.variants.map((v) => v.sku)).toEqual(["CAND-FIG", "CAND-LAV-L", "CAND-LAV-S", "Gift Wrap", "MATCH-BOX"]);
    for (const v of out.variants) {
      expect(["raise", "lower", "keep", "withheld"]).toContain(v.action);
      expect(Object.keys(v.expected.current).sort()).toEqual([
        "grossProfit",
        "holdingCost",
        "leftValue",
        "profit",
        "revenue",
        "units",
        "unitsLeft",
      ]);
      expect(typeof v.elasticity.estimate).toBe("number");
      expect(v.reasons.length).toBeGreaterThan(0);
      if (v.action !== "withheld" && v.unitCost != null && v.currentPrice != null) {
        const p = v.recommendedPrice!;
        expect(Math.abs(p / v.currentPrice - 1)).toBeLessThanOrEqual(0.1 + 1e-9);
        expect((p - v.unitCost) / p).toBeGreaterThanOrEqual(0.2 - 1e-9);
        if (p !== v.currentPrice) expect(Math.round(p * 100) % 100).toBe(99);
      }
    }
  });

  it("GIVEN products without 'Cost per item' WHEN run THEN they are withheld with UNIT_COST_MISSING, never priced at cost 0", async () => {
    const out = JSON.parse((await price(shopify)).stdout) as Out;
    for (const sku of ["MATCH-BOX", "Gift Wrap"]) {
      const v = out.variants.find((x) => x.sku === sku)!;
      expect(v.action).toBe("withheld");
      expect(v.unitCost).toBeNull();
      expect(v.recommendedPrice).toBeNull();
      expect(v.reasons.map((x) => x.code)).toContain("PRICING.UNIT_COST_MISSING");
    }
  });

  it("GIVEN prices that never varied in the fixture WHEN run THEN each says so and uses a pooled level", async () => {
    const out = JSON.parse((await price(shopify)).stdout) as Out;
    const lav = out.variants.find((x) => x.sku === "CAND-LAV-L")!;
    expect(lav.reasons.map((x) => x.code)).toContain("PRICING.PRICE_NEVER_VARIED");
    expect(lav.elasticity.source).not.toBe("variant");
  });

  it("GIVEN 3 units of a candle in stock and no restock date WHEN run THEN the price is raised to stretch the stock", async () => {
    const out = JSON.parse((await price(shopify)).stdout) as Out;
    const fig = out.variants.find((x) => x.sku === "CAND-FIG")!;
    expect(fig.action).toBe("raise");
    expect(fig.reasons.map((x) => x.code)).toContain("PRICING.STOCK_SCARCE");
  });

  it("GIVEN --out WHEN run THEN the file is written whole and nothing else is left in the folder", async () => {
    const dir = tempDir();
    const file = join(dir, "prices.json");
    const r = await price([...shopify, "--out", file]);
    expect(r.code).toBe(0);
    expect((JSON.parse(readFileSync(file, "utf8")) as Out).variants).toHaveLength(5);
    expect(readdirSync(dir)).toEqual(["prices.json"]);
  });

  it("GIVEN a broken orders file WHEN run THEN exit 1, a named error, and no output file", async () => {
    const dir = tempDir();
    const file = join(dir, "prices.json");
    const r = await price([
      "--orders",
      fixture("orders_bad_date.csv"),
      "--products",
      fixture("products_export.csv"),
      "--out",
      file,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: .*Created at/);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([
    [["--orders", "x.csv"], "--products"],
    [[...shopify, "--rounding", "0.9"], "--rounding"],
    [[...shopify, "--max-change", "2"], "--max-change"],
    [[...shopify, "--clv-weight", "-1"], "--clv-weight"],
    [[...shopify, "--as-of", "31/01/2024"], "--as-of"],
    [[...shopify, "--bogus", "1"], "--bogus"],
    [[...shopify, "--clv-model", "pareto"], "--clv-model"],
  ])("GIVEN bad arguments %j WHEN run THEN exit 2 naming %s", async (argv, flag) => {
    const r = await price(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${flag}`);
  });
});

describe("cli price on a generated Shopify export with price changes and repeat customers", { timeout: 60_000 }, () => {
  const dir = tempDir();
  const g = writePricingExport(dir);

  it("GIVEN a gateway product whose price varied WHEN run THEN its own elasticity is recovered (true -2)", async () => {
    const r = await price(["--orders", g.orders, "--products", g.products]);
    expect(r.code, r.stderr).toBe(0);
    const a = (JSON.parse(r.stdout) as Out).variants.find((v) => v.sku === "CAND-A")!;
    expect(a.elasticity.source).toBe("variant");
    expect(Math.abs(a.elasticity.estimate + 2)).toBeLessThan(0.5);
  });

  it("GIVEN --clv-weight 1 WHEN run THEN the gateway product's price is not above the price without it, with a CUSTOMER_VALUE reason", async () => {
    const without = (
      JSON.parse((await price(["--orders", g.orders, "--products", g.products])).stdout) as Out
    ).variants.find((v) => v.sku === "CAND-A")!;
    const withClv = (
      JSON.parse((await price(["--orders", g.orders, "--products", g.products, "--clv-weight", "1"])).stdout) as Out
    ).variants.find((v) => v.sku === "CAND-A")!;
    expect(withClv.recommendedPrice!).toBeLessThanOrEqual(without.recommendedPrice!);
    expect(withClv.reasons.map((x) => x.code)).toContain("PRICING.CUSTOMER_VALUE");
  });

  it("GIVEN --clv-model bgnbd WHEN run THEN customer value uses the model and the run succeeds", async () => {
    const r = await price([
      "--orders",
      g.orders,
      "--products",
      g.products,
      "--clv-weight",
      "0.5",
      "--clv-model",
      "bgnbd",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Out & { customers: { method: string; value365: number } };
    expect(out.customers.method).toBe("bgnbd");
    expect(out.customers.value365).toBeGreaterThan(0);
  });

  it("GIVEN an explicit empty out folder WHEN the products file is missing THEN exit 1 and nothing is written", async () => {
    const out = join(dir, "x.json");
    writeFileSync(join(dir, "keep.txt"), "");
    const r = await price(["--orders", g.orders, "--products", join(dir, "nope.csv"), "--out", out]);
    expect(r.code).not.toBe(0);
    expect(existsSync(out)).toBe(false);
  });
});
