import { describe, expect, it } from "vitest";
import { en, fr } from "~/i18n/messages";
import { normaliseLocale, translator } from "~/i18n";

describe("admin texts", () => {
  it("exist in English and French with the same keys and placeholders", () => {
    // GIVEN both catalogues
    // WHEN their keys and placeholders are compared
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(",");
    // THEN they match one for one, and no French text is left empty
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(fr[key].trim(), key).not.toBe("");
      expect(placeholders(fr[key]), key).toBe(placeholders(en[key]));
    }
  });

  it("follows the admin locale, falling back to English", () => {
    // GIVEN admin locales as Shopify sends them
    // WHEN they are normalised
    // THEN French variants map to fr, unsupported ones to null
    expect(normaliseLocale("fr-CA")).toBe("fr");
    expect(normaliseLocale("en-US")).toBe("en");
    expect(normaliseLocale("de")).toBeNull();
  });

  it("formats numbers in the merchant's language", () => {
    // GIVEN a text with a count
    // WHEN it is translated
    const frText = translator("fr")("common.variantsCount", { count: 12345 });
    const enText = translator("en")("common.variantsCount", { count: 12345 });
    // THEN digits are grouped the local way
    expect(enText).toBe("12,345 variants");
    expect(frText.replace(/\s/g, " ")).toBe("12 345 variantes");
  });
});
