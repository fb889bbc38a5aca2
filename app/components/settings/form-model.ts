// The Settings form state: every field as the text the merchant typed, keyed by its path
// ("serviceLevel", "vendors.2.moq", "autonomy.price.maxChangePct"). Percentages show as 0-100.
import type { Translate } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import { formatMoney, formatNumber, formatPercent } from "~/lib/format";
import type { Locale } from "~/i18n";
import { specOf, type FieldError, type SettingsInput } from "./schema";

export type FormState = Record<string, string>;

const CHOICES = new Set(["priceRounding", "compareAtPolicy", "autonomy.price.mode", "autonomy.reorder.mode"]);

function show(path: string, value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "number") return String(value);
  const spec = specOf(path);
  return spec?.unit === "pct" ? String(Math.round(value * 100 * 1e4) / 1e4) : String(value);
}

export function toFormState(values: SettingsInput): FormState {
  const out: FormState = {};
  for (const [key, value] of Object.entries(values)) {
    if (key === "vendors" || key === "autonomy") continue;
    out[key] = show(key, value);
  }
  values.vendors.forEach((v, i) => {
    for (const [key, value] of Object.entries(v)) out[`vendors.${i}.${key}`] = show(key, value);
  });
  for (const [type, rule] of Object.entries(values.autonomy)) {
    for (const [key, value] of Object.entries(rule))
      out[`autonomy.${type}.${key}`] = show(`autonomy.${type}.${key}`, value);
  }
  return out;
}

/** Text back to numbers (blank = null, unreadable text stays text so the server names the field). */
function parse(path: string, text: string): unknown {
  if (CHOICES.has(path) || path.endsWith(".vendor")) return text;
  const trimmed = text.trim().replace(",", ".");
  if (trimmed === "") return null;
  const n = Number(trimmed);
  if (!Number.isFinite(n)) return text;
  return specOf(path)?.unit === "pct" ? Math.round((n / 100) * 1e6) / 1e6 : n;
}

export function fromFormState(state: FormState, vendorCount: number): unknown {
  const get = (path: string) => parse(path, state[path] ?? "");
  const top = [
    "minMarginPct",
    "maxPriceChangePct",
    "priceRounding",
    "cooldownDays",
    "compareAtPolicy",
    "observedRangeDistance",
    "minConfidence",
    "serviceLevel",
    "reviewPeriodDays",
    "targetCoverDays",
    "longTermValueWeight",
    "paymentFeePct",
    "paymentFeeFixed",
    "fulfilmentCostPerUnit",
    "holdingCostPct",
    "sellThroughDays",
    "abcShareA",
    "abcShareB",
    "serviceLevelA",
    "serviceLevelB",
    "serviceLevelC",
  ];
  const values: Record<string, unknown> = Object.fromEntries(top.map((k) => [k, get(k)]));
  values.vendors = Array.from({ length: vendorCount }, (_, i) => ({
    vendor: state[`vendors.${i}.vendor`] ?? "",
    leadTimeMeanDays: get(`vendors.${i}.leadTimeMeanDays`),
    leadTimeSdDays: get(`vendors.${i}.leadTimeSdDays`),
    moq: get(`vendors.${i}.moq`),
    casePack: get(`vendors.${i}.casePack`),
  }));
  values.autonomy = {
    price: {
      mode: get("autonomy.price.mode"),
      maxChangePct: get("autonomy.price.maxChangePct"),
      minMarginPct: get("autonomy.price.minMarginPct"),
      maxPerDay: get("autonomy.price.maxPerDay"),
    },
    reorder: {
      mode: get("autonomy.reorder.mode"),
      maxOrderValue: get("autonomy.reorder.maxOrderValue"),
      maxPerDay: get("autonomy.reorder.maxPerDay"),
    },
  };
  return values;
}

/** The label key of a path's field. */
export function labelKey(path: string): MessageKey {
  const parts = path.split(".");
  const last = parts[parts.length - 1];
  if (parts[0] === "autonomy" && last === "minMarginPct") return "settings.field.autonomyMinMarginPct";
  return `settings.field.${last}` as MessageKey;
}

export function errorText(path: string, error: FieldError, t: Translate, locale: Locale, currency: string): string {
  const field = t(labelKey(path));
  const fmt = (x: number) =>
    error.unit === "pct"
      ? formatPercent(x, locale, x * 100 < 1 ? 1 : (x * 1000) % 10 ? 1 : 0)
      : error.unit === "money"
        ? formatMoney(x, currency, locale)
        : formatNumber(x, locale);
  if (error.code === "required") return t("settings.error.required", { field });
  if (error.code === "choice") return t("settings.error.choice");
  if (error.code === "abcOrder") return t("settings.error.abcOrder");
  if (error.code === "range" && error.min !== undefined && error.max !== undefined) {
    return t(error.integer ? "settings.error.rangeInt" : "settings.error.range", {
      field,
      min: fmt(error.min),
      max: fmt(error.max),
    });
  }
  return t("settings.error.invalid");
}
