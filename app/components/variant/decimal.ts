import type { Locale } from "~/i18n";

/** A plain number with fixed decimals in the admin locale (1.15 / 1,15). */
export function formatDecimal(value: number, locale: Locale, digits = 2): string {
  if (!Number.isFinite(value)) return "—";
  return new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}
