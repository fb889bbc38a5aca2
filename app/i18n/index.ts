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

type Vars = Record<string, string | number>;

/**
 * Fills `{name}` with a variable (numbers in the locale's digits) and picks the branch of
 * `{name, plural, =0 {…} one {…} other {…}}` by the locale's plural rules, `#` being the number
 * (the ICU MessageFormat subset the catalogues use).
 */
export function formatMessage(template: string, vars: Vars | undefined, locale: Locale): string {
  if (!template.includes("{")) return template;
  const { numbers, plurals } = intlOf(locale);
  const value = (name: string): string => {
    const v = vars?.[name];
    if (v === undefined) return `{${name}}`;
    return typeof v === "number" ? numbers.format(v) : v;
  };
  const render = (text: string, hash: string | null): string => {
    let out = "";
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      if (c === "#" && hash !== null) {
        out += hash;
        i++;
        continue;
      }
      if (c !== "{") {
        out += c;
        i++;
        continue;
      }
      const end = closing(text, i);
      const body = text.slice(i + 1, end);
      const plural = /^\s*(\w+)\s*,\s*plural\s*,/.exec(body);
      if (plural) {
        const n = Number(vars?.[plural[1]]);
        const branches = parseBranches(body.slice(plural[0].length));
        const branch =
          branches.get(`=${n}`) ??
          branches.get(Number.isFinite(n) ? plurals.select(n) : "other") ??
          branches.get("other") ??
          "";
        out += render(branch, Number.isFinite(n) ? numbers.format(n) : "");
      } else out += value(body.trim());
      i = end + 1;
    }
    return out;
  };
  return render(template, null);
}

const INTL = new Map<Locale, { numbers: Intl.NumberFormat; plurals: Intl.PluralRules }>();
function intlOf(locale: Locale) {
  let x = INTL.get(locale);
  if (!x) {
    const tag = locale === "fr" ? "fr-FR" : "en-US";
    INTL.set(
      locale,
      (x = { numbers: new Intl.NumberFormat(tag, { maximumFractionDigits: 2 }), plurals: new Intl.PluralRules(tag) }),
    );
  }
  return x;
}

/** Index of the `}` that closes the `{` at `open`. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  return text.length;
}

function parseBranches(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const key = /\s*(=?\w+)\s*\{/y;
  let i = 0;
  for (;;) {
    key.lastIndex = i;
    const m = key.exec(text);
    if (!m) return out;
    const open = i + m[0].length - 1;
    const end = closing(text, open);
    out.set(m[1], text.slice(open + 1, end));
    i = end + 1;
  }
}

export function translator(locale: Locale): Translate {
  const catalogue = CATALOGUES[locale];
  return (key, vars) => formatMessage(catalogue[key], vars, locale);
}

export const I18nContext = createContext<{ locale: Locale; t: Translate }>({ locale: "en", t: translator("en") });

export function useI18n() {
  return useContext(I18nContext);
}
