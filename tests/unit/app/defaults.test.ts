// One home for every default (issue 11, item 1): the Prisma schema's @default values, the settings form's
// ranges and the source code all agree with app/core/defaults.ts, and no default is restated elsewhere.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUTONOMY_DEFAULTS, ENGINE_DEFAULTS, SHOP_DEFAULTS, VENDOR_DEFAULTS } from "~/core/defaults";
import { FIELD_SPECS } from "~/components/settings/schema";

const root = path.resolve(__dirname, "../../..");

/** `field Type @default(value)` lines of one model in prisma/schema.prisma. */
function prismaDefaults(model: string): Record<string, string> {
  const schema = readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
  const body = schema.match(new RegExp(`model ${model} \\{([\\s\\S]*?)\\n\\}`))?.[1] ?? "";
  const out: Record<string, string> = {};
  for (const m of body.matchAll(/^\s*(\w+)\s+\w+\??\s+@default\(([^)]*)\)/gm)) out[m[1]] = m[2].replace(/^"|"$/g, "");
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    // Generated code, texts and the simulator's own data (its vendors' real terms) are not defaults.
    if (statSync(full).isDirectory()) return ["generated", "i18n", "sim"].includes(name) ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const NUMERIC = Object.entries({ ...SHOP_DEFAULTS, ...VENDOR_DEFAULTS }).filter(([, v]) => typeof v === "number") as [
  string,
  number,
][];
/** CLI flags that carry a default, by the default's name. */
const CLI_FLAGS: Record<string, string> = {
  "min-margin": "minMarginPct",
  "max-change": "maxPriceChangePct",
  "min-confidence": "minConfidence",
  "payment-fee": "paymentFeePct",
  "service-level": "serviceLevel",
  "review-days": "reviewPeriodDays",
  "lead-time-days": "leadTimeMeanDays",
  "target-cover-days": "targetCoverDays",
  "holding-cost": "holdingCostPct",
  "sell-through-days": "sellThroughDays",
};

describe("defaults have one home", () => {
  it("GIVEN the Prisma schema WHEN its @default values are read THEN they equal app/core/defaults.ts", () => {
    // GIVEN / WHEN
    const shop = prismaDefaults("ShopSettings");
    const vendor = prismaDefaults("VendorSettings");
    // THEN every shop and vendor default is in the schema with the same value
    for (const [key, value] of Object.entries(SHOP_DEFAULTS))
      expect(shop[key], `ShopSettings.${key}`).toBe(String(value));
    for (const [key, value] of Object.entries(VENDOR_DEFAULTS))
      expect(vendor[key], `VendorSettings.${key}`).toBe(String(value));
  });

  it("GIVEN the settings form WHEN its ranges are read THEN every default lies inside its field's range", () => {
    for (const [key, value] of NUMERIC) {
      const spec = (FIELD_SPECS as Record<string, { min: number; max: number }>)[key];
      expect(spec, `FIELD_SPECS.${key}`).toBeDefined();
      expect(value, key).toBeGreaterThanOrEqual(spec.min);
      expect(value, key).toBeLessThanOrEqual(spec.max);
    }
    expect(AUTONOMY_DEFAULTS.price.maxChangePct).toBeLessThanOrEqual(FIELD_SPECS.maxChangePct.max);
  });

  it("GIVEN every source file in app/ WHEN searched THEN no default value is restated next to its name", () => {
    // GIVEN the patterns a restated default takes: `minMarginPct ?? 0.2`, `minMarginPct: 0.2`, `num("min-margin", 0.2`
    const offences: string[] = [];
    for (const file of sourceFiles(path.join(root, "app"))) {
      if (file.endsWith(path.join("core", "defaults.ts"))) continue;
      const text = readFileSync(file, "utf8");
      for (const [key, value] of NUMERIC) {
        const literal = `(?:${String(value).replace(".", "\\.")}|${value === Math.trunc(value) ? `${value}\\.0+` : "(?!)"})\\b`;
        const near = new RegExp(`\\b${key}\\b\\s*(?:\\?\\?|:|=)\\s*${literal}`, "g");
        for (const m of text.matchAll(near)) offences.push(`${path.relative(root, file)}: ${m[0]}`);
      }
      for (const [flag, key] of Object.entries(CLI_FLAGS)) {
        const value =
          (SHOP_DEFAULTS as Record<string, unknown>)[key] ?? (VENDOR_DEFAULTS as Record<string, unknown>)[key];
        const re = new RegExp(`["']${flag}["']\\s*,\\s*${String(value).replace(".", "\\.")}\\b`, "g");
        for (const m of text.matchAll(re)) offences.push(`${path.relative(root, file)}: ${m[0]}`);
      }
      for (const m of text.matchAll(/["']horizon["']\s*,\s*28\b/g))
        offences.push(`${path.relative(root, file)}: ${m[0]} (ENGINE_DEFAULTS.horizonDays)`);
    }
    // THEN there are none
    expect(offences).toEqual([]);
    expect(ENGINE_DEFAULTS.horizonDays).toBe(28);
  });
});
