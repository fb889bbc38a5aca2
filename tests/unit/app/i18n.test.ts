import { describe, expect, it } from "vitest";
import { en, fr } from "~/i18n/messages";
import { formatMessage, normaliseLocale, translator } from "~/i18n";

describe("admin texts", () => {
  it("exist in English and French with the same keys and placeholders", () => {
    // GIVEN both catalogues
    // WHEN their keys and placeholders are compared
    const placeholders = (s: string) =>
      [...s.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1])
        .sort()
        .join(",");
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

describe("message format", () => {
  it("picks the plural branch by the language's rules, with the number in local digits", () => {
    // GIVEN a message with a plural branch
    const msg = "{count, plural, =0 {none} one {# price is} other {# prices are}} below";
    // WHEN it is formatted for several counts
    // THEN English says "1 price is", French treats 0 and 1 as singular and groups digits
    expect(formatMessage(msg, { count: 1 }, "en")).toBe("1 price is below");
    expect(formatMessage(msg, { count: 2 }, "en")).toBe("2 prices are below");
    expect(formatMessage(msg, { count: 0 }, "en")).toBe("none below");
    const fr = "{count, plural, one {# prix est} other {# prix sont}} en dessous ({name})";
    expect(formatMessage(fr, { count: 1, name: "x" }, "fr")).toBe("1 prix est en dessous (x)");
    expect(formatMessage(fr, { count: 1.5, name: "x" }, "fr")).toBe("1,5 prix est en dessous (x)");
    expect(formatMessage(fr, { count: 1200, name: "x" }, "fr").replace(/\s/g, " ")).toBe(
      "1 200 prix sont en dessous (x)",
    );
  });

  it("leaves an unknown variable visible rather than empty", () => {
    expect(formatMessage("Hello {name}", {}, "en")).toBe("Hello {name}");
  });
});
