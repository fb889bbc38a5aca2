import type { Locale } from "~/i18n";

const tag = (locale: Locale) => (locale === "fr" ? "fr-FR" : "en-US");

export function formatMoney(value: number, currency: string, locale: Locale, digits = 0): string {
  return new Intl.NumberFormat(tag(locale), { style: "currency", currency, maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

export function formatPercent(value: number, locale: Locale, digits = 1): string {
  return new Intl.NumberFormat(tag(locale), { style: "percent", maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(tag(locale)).format(value);
}

export function formatDay(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}
