// The demo's sample product page renders the theme app extension's Liquid with the shop's signals; switching
// variant updates the signal from the embedded facts and then from the (signed) app proxy, in both languages.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { RunningDemo } from "../support/demo";
import { ROOT } from "../support/server";
import { closeDemoInBrowser, openDemoInBrowser } from "../support/e2e";

const SHOT = (name: string) => path.join(ROOT, "docs", "screenshots", name);
const TEXT = {
  en: {
    in_stock: /In stock/,
    low_stock: /Only (\d+|a few) left/,
    selling_fast: /Selling fast/,
    back_soon: /Back in stock around/,
    ships_by: /Ships by/,
    sold_out: /Sold out/,
  },
  fr: {
    in_stock: /En stock/,
    low_stock: /Plus que/,
    selling_fast: /Part vite/,
    back_soon: /De retour vers le/,
    ships_by: /Expédié d'ici le/,
    sold_out: /Épuisé/,
  },
};

describe("demo storefront availability block (Chromium)", () => {
  let demo: RunningDemo;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // GIVEN the demo with its signals computed
    ({ demo, browser, page } = await openDemoInBrowser());
  });

  afterAll(async () => {
    await closeDemoInBrowser({ demo, browser });
  });

  async function visibleState() {
    const el = page.locator("[data-pilotage-availability]");
    return {
      text: ((await el.textContent()) ?? "").trim(),
      hidden: await el.evaluate((n) => (n as HTMLElement).hidden),
    };
  }

  for (const locale of ["en", "fr"] as const) {
    it(`shows the signal and follows the variant switch (${locale})`, async () => {
      // WHEN the product page opens
      await page.goto(`${demo.url}/demo/storefront${locale === "fr" ? "?locale=fr" : ""}`);
      await page.locator("[data-pilotage-availability]").waitFor({ state: "attached" });
      const options = await page
        .locator("select[name=id] option")
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      const embedded = JSON.parse(
        (await page.locator("script[data-pilotage-signals]").textContent()) ?? "{}",
      ) as Record<string, { facts: { state: string } | null }>;
      const signals = Object.fromEntries(Object.entries(embedded).map(([id, v]) => [id, v.facts]));
      // THEN the first paint already carries the selected variant's signal (no request needed)
      const first = await visibleState();
      const firstState = signals[options[0]]?.state;
      if (firstState && firstState !== "none")
        expect(first.text).toMatch(TEXT[locale][firstState as keyof (typeof TEXT)["en"]]);

      // WHEN the shopper picks a variant whose signal differs
      const other = options.find(
        (id) => signals[id]?.state && signals[id]!.state !== "none" && signals[id]!.state !== firstState,
      );
      expect(other, "the demo product should have variants with different signals").toBeTruthy();
      const proxied = page.waitForResponse(
        (r) => r.url().includes("/apps/pilotage/availability") && r.url().includes(`variant=${other}`),
      );
      await page.selectOption("select[name=id]", other!);
      // THEN the app proxy answers the signed request, and the text and live region follow the new variant
      const response = await proxied;
      expect(response.status()).toBe(200);
      expect(await response.json()).toMatchObject({ variant: other });
      const after = await visibleState();
      expect(after.text).toMatch(TEXT[locale][signals[other!]!.state as keyof (typeof TEXT)["en"]]);
      expect(after.text).not.toBe(first.text);
      expect(await page.locator("[data-pilotage-availability]").getAttribute("aria-live")).toBe("polite");
      await page.screenshot({ path: SHOT(locale === "fr" ? "storefront-fr.png" : "storefront.png"), fullPage: true });
    });
  }

  it("answers an unknown variant neutrally through the proxy", async () => {
    // WHEN the storefront asks for a variant the app does not know (the demo signs it as Shopify would)
    const res = await fetch(`${demo.url}/apps/pilotage/availability?variant=1`);
    // THEN the answer is neutral and cacheable, not an error page
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
    expect(await res.json()).toMatchObject({ state: "none" });
  });
});
