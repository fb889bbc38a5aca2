import { createContext, useContext } from "react";
import { en, fr, type MessageKey } from "./messages";

export type Locale = "en" | "fr";
export const LOCALES: readonly Locale[] = ["en", "fr"];
const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, fr };

/** Maps any admin locale ("fr", "fr-CA", "en-US") to a supported one; English otherwise. */
export function normaliseLocale(value: string | null | undefined): Locale | null {
  if (!value) return null;
  const base = value.trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base) ? (base as Locale) : null;
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const catalogue = CATALOGUES[locale];
  const numbers = new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-US");
  return (key, vars) =>
    catalogue[key].replace(/\{(\w+)\}/g, (_, name: string) => {
      const v = vars?.[name];
      if (v === undefined) return `{${name}}`;
      return typeof v === "number" ? numbers.format(v) : v;
    });
}

export const I18nContext = createContext<{ locale: Locale; t: Translate }>({ locale: "en", t: translator("en") });

export function useI18n() {
  return useContext(I18nContext);
}
