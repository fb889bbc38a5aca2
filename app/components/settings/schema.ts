// The Settings form: one zod schema shared by the server (validation) and the page (field errors).
// Percentages are fractions (0.2 = 20 %), as stored in ShopSettings. Bounds live in FIELD_SPECS so an
// error names the field and its allowed range.
import { z } from "zod";

export type FieldUnit = "pct" | "int" | "number" | "money";
export interface FieldSpec {
  min: number;
  max: number;
  unit: FieldUnit;
}

export const FIELD_SPECS = {
  minMarginPct: { min: 0, max: 0.95, unit: "pct" },
  maxPriceChangePct: { min: 0.01, max: 0.5, unit: "pct" },
  cooldownDays: { min: 0, max: 365, unit: "int" },
  observedRangeDistance: { min: 0, max: 1, unit: "pct" },
  minConfidence: { min: 0.5, max: 0.99, unit: "pct" },
  serviceLevel: { min: 0.5, max: 0.999, unit: "pct" },
  abcShareA: { min: 0.5, max: 0.99, unit: "pct" },
  abcShareB: { min: 0.5, max: 0.999, unit: "pct" },
  serviceLevelA: { min: 0.5, max: 0.999, unit: "pct" },
  serviceLevelB: { min: 0.5, max: 0.999, unit: "pct" },
  serviceLevelC: { min: 0.5, max: 0.999, unit: "pct" },
  reviewPeriodDays: { min: 1, max: 90, unit: "int" },
  targetCoverDays: { min: 1, max: 365, unit: "int" },
  longTermValueWeight: { min: 0, max: 1, unit: "number" },
  paymentFeePct: { min: 0, max: 0.2, unit: "pct" },
  paymentFeeFixed: { min: 0, max: 10, unit: "money" },
  fulfilmentCostPerUnit: { min: 0, max: 1000, unit: "money" },
  holdingCostPct: { min: 0, max: 1, unit: "pct" },
  sellThroughDays: { min: 28, max: 730, unit: "int" },
  leadTimeMeanDays: { min: 0, max: 365, unit: "number" },
  leadTimeSdDays: { min: 0, max: 180, unit: "number" },
  moq: { min: 1, max: 1_000_000, unit: "int" },
  casePack: { min: 1, max: 100_000, unit: "int" },
  maxChangePct: { min: 0.001, max: 0.5, unit: "pct" },
  autonomyMinMarginPct: { min: 0, max: 0.95, unit: "pct" },
  maxPerDay: { min: 0, max: 100_000, unit: "int" },
  maxOrderValue: { min: 0, max: 10_000_000, unit: "money" },
} as const satisfies Record<string, FieldSpec>;

export type SpecName = keyof typeof FIELD_SPECS;

export const ROUNDINGS = ["none", "0.99", "0.95", "0.90", "1.00"] as const;
export const COMPARE_AT_POLICIES = ["keep", "clear", "set-on-decrease"] as const;
export const AUTONOMY_MODES = ["suggest", "auto"] as const;

function field(name: SpecName) {
  const s: FieldSpec = FIELD_SPECS[name];
  const base = z.number().finite().min(s.min).max(s.max);
  return s.unit === "int" ? base.int() : base;
}
const optional = (name: SpecName) => field(name).nullable();

export const vendorSchema = z.object({
  vendor: z.string().trim().min(1).max(255),
  leadTimeMeanDays: field("leadTimeMeanDays"),
  leadTimeSdDays: field("leadTimeSdDays"),
  moq: field("moq"),
  casePack: field("casePack"),
});

const priceRule = z
  .object({
    mode: z.enum(AUTONOMY_MODES),
    maxChangePct: optional("maxChangePct"),
    minMarginPct: optional("autonomyMinMarginPct"),
    maxPerDay: optional("maxPerDay"),
  })
  .superRefine((r, ctx) => {
    // Automatic prices need every limit: "within limits" means all of them are set.
    if (r.mode !== "auto") return;
    for (const key of ["maxChangePct", "minMarginPct", "maxPerDay"] as const) {
      if (r[key] === null) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: "required" });
    }
  });

const reorderRule = z
  .object({
    mode: z.enum(AUTONOMY_MODES),
    maxOrderValue: optional("maxOrderValue"),
    maxPerDay: optional("maxPerDay"),
  })
  .superRefine((r, ctx) => {
    if (r.mode !== "auto") return;
    for (const key of ["maxOrderValue", "maxPerDay"] as const) {
      if (r[key] === null) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: "required" });
    }
  });

export const settingsSchema = z
  .object({
    minMarginPct: field("minMarginPct"),
    maxPriceChangePct: field("maxPriceChangePct"),
    priceRounding: z.enum(ROUNDINGS),
    cooldownDays: field("cooldownDays"),
    compareAtPolicy: z.enum(COMPARE_AT_POLICIES),
    observedRangeDistance: field("observedRangeDistance"),
    minConfidence: field("minConfidence"),
    serviceLevel: field("serviceLevel"),
    reviewPeriodDays: field("reviewPeriodDays"),
    targetCoverDays: field("targetCoverDays"),
    longTermValueWeight: field("longTermValueWeight"),
    paymentFeePct: field("paymentFeePct"),
    paymentFeeFixed: field("paymentFeeFixed"),
    fulfilmentCostPerUnit: field("fulfilmentCostPerUnit"),
    holdingCostPct: field("holdingCostPct"),
    sellThroughDays: field("sellThroughDays"),
    abcShareA: field("abcShareA"),
    abcShareB: field("abcShareB"),
    serviceLevelA: field("serviceLevelA"),
    serviceLevelB: field("serviceLevelB"),
    serviceLevelC: field("serviceLevelC"),
    vendors: z.array(vendorSchema).max(5000),
    autonomy: z.object({ price: priceRule, reorder: reorderRule }),
  })
  .superRefine((v, ctx) => {
    // Class B ends after class A: its cumulative share cannot be below A's.
    if (v.abcShareB < v.abcShareA)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["abcShareB"], message: "abcOrder" });
  });

export type SettingsInput = z.infer<typeof settingsSchema>;

/** A field error the page renders on its field: "range" names the bounds, "choice" a bad option. */
export interface FieldError {
  code: "range" | "required" | "choice" | "invalid" | "abcOrder";
  min?: number;
  max?: number;
  unit?: FieldUnit;
  integer?: boolean;
}

/** The spec of a form path ("vendors.2.moq" → moq; "autonomy.price.minMarginPct" → autonomyMinMarginPct). */
export function specOf(path: string): FieldSpec | null {
  const parts = path.split(".");
  const last = parts[parts.length - 1];
  if (parts[0] === "autonomy" && last === "minMarginPct") return FIELD_SPECS.autonomyMinMarginPct;
  return (FIELD_SPECS as Record<string, FieldSpec>)[last] ?? null;
}

/** zod issues to one error per field path (the first issue wins). */
export function fieldErrors(error: z.ZodError): Record<string, FieldError> {
  const out: Record<string, FieldError> = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".") || "form";
    if (out[path]) continue;
    const spec = specOf(path);
    const missing = issue.code === "invalid_type" && (issue.received === "null" || issue.received === "undefined");
    if (issue.message === "abcOrder") {
      out[path] = { code: "abcOrder" };
    } else if (issue.message === "required" || missing) {
      out[path] = { code: "required" };
    } else if (issue.code === "invalid_enum_value") {
      out[path] = { code: "choice" };
    } else if (spec) {
      out[path] = { code: "range", min: spec.min, max: spec.max, unit: spec.unit, integer: spec.unit === "int" };
    } else {
      out[path] = { code: "invalid" };
    }
  }
  return out;
}
