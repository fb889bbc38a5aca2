// `forecast --events`: events adjust the forecast beside the statistical one; every bad line is named.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, runCli, tempDir } from "./helpers";

const base = [
  "forecast",
  "--orders",
  fixture("orders_export.csv"),
  "--products",
  fixture("products_export.csv"),
  "--horizon",
  "14",
];

interface Out {
  events: {
    line: number;
    variants: number;
    outcome?: { days: number; error: { statistical: number; adjusted: number } } | null;
    lesson?: unknown;
  }[];
  variants: {
    sku: string;
    forecast: { mean: number[] };
    statisticalForecast?: { mean: number[] };
    eventsApplied?: { id: string; days: number }[];
  }[];
}

describe("cli forecast --events", () => {
  it("GIVEN a +40% campaign on two SKUs and a shop closure WHEN run THEN those SKUs' forecast is 1.4 x the statistical one on its days and 0 on the closure", async () => {
    // GIVEN events.csv (forecast starts 2024-02-01; campaign 02-03..02-09, closure 02-12..02-13)
    // WHEN
    const r = await runCli([...base, "--events", fixture("events.csv")]);
    // THEN
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Out;
    const fig = out.variants.find((v) => v.sku === "CAND-FIG")!;
    const stat = fig.statisticalForecast!.mean;
    for (let t = 0; t < 14; t++) {
      const want = t >= 11 && t <= 12 ? 0 : t >= 2 && t <= 8 ? stat[t] * 1.4 : stat[t];
      expect(fig.forecast.mean[t]).toBeCloseTo(want, 2);
    }
    expect(fig.eventsApplied).toEqual([
      { id: "line-3", days: 7 },
      { id: "line-4", days: 2 },
    ]);
    const small = out.variants.find((v) => v.sku === "CAND-LAV-S")!;
    expect(small.eventsApplied).toEqual([{ id: "line-4", days: 2 }]);
    // AND the past promotion is measured with the error of both versions
    expect(out.events[0]).toMatchObject({ line: 2, variants: 3 });
    expect(out.events[0].outcome!.days).toBeGreaterThan(0);
    expect(out.events[1]).toHaveProperty("lesson");
  });

  it("GIVEN a file with three bad lines WHEN run THEN each line is named with its code and nothing is written", async () => {
    // GIVEN
    const out = join(tempDir(), "f.json");
    // WHEN
    const r = await runCli([...base, "--events", fixture("events_bad.csv"), "--out", out]);
    // THEN
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("events_bad.csv (line 2, end)");
    expect(r.stderr).toContain("[EVENTS.END_BEFORE_START]");
    expect(r.stderr).toContain("(line 3, effect)");
    expect(r.stderr).toContain("[EVENTS.EFFECT_BELOW_MINUS_100]");
    expect(r.stderr).toContain("(line 4, scope)");
    expect(r.stderr).toContain("[EVENTS.SCOPE_MATCHES_NOTHING]");
    expect(r.stderr).not.toContain("line 5");
    expect(existsSync(out)).toBe(false);
  });

  it("GIVEN an events file without the scope column WHEN run THEN the CSV error names the column", async () => {
    // GIVEN / WHEN
    const r = await runCli([...base, "--events", fixture("vendors.csv")]);
    // THEN
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("CSV.MISSING_COLUMN");
  });
});
