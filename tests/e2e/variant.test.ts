// The dashboard and the variant page of the demo in Chromium, in English and French, with screenshots.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, newMerchantPage } from "../support/browser";
import { startDemo, type RunningDemo } from "../support/demo";
import { ROOT } from "../support/server";

const SHOTS = path.join(ROOT, "docs", "screenshots");

/** Polaris fades images in and chart.js draws after hydration: wait until the page has settled. */
async function settledScreenshot(page: Page, file: string) {
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => [...document.images].every((img) => img.complete));
  await page.waitForTimeout(600);
  await page.screenshot({ path: path.join(SHOTS, file), fullPage: true });
}

/** Number of chart canvases that chart.js has drawn on (non-blank pixels). */
async function drawnCharts(page: Page): Promise<number> {
  return page.evaluate(() =>
    [...document.querySelectorAll("canvas")].filter((c) => {
      const ctx = c.getContext("2d");
      if (!ctx || !c.width || !c.height) return false;
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < data.length; i += 16) if (data[i] !== 0) return true;
      return false;
    }).length,
  );
}

describe("dashboard and variant page (Chromium)", () => {
  let demo: RunningDemo;
  let browser: Browser;
  let page: Page;
  let variantId: string;

  beforeAll(async () => {
    // GIVEN the demo on its own copy of the seeded, recomputed shop, with its summary refreshed as recompute.shop will
    demo = await startDemo();
    const { createPrismaClient } = await import("~/db.server");
    const { refreshShopSummary } = await import("~/services/dashboard.server");
    const { loadVariantDetail } = await import("~/services/variant.server");
    const { forShop } = await import("~/db/scoped.server");
    const db = createPrismaClient(demo.dbUrl);
    try {
      const shop = await db.shop.findFirstOrThrow();
      await refreshShopSummary(shop.id, db);
      // A variant with a price change, stockout days in its history and a pending reorder when one has them:
      // every chart of the page then has something to show.
      const reorders = new Set((await db.recommendation.findMany({ where: { kind: "reorder", status: "pending" } })).map((r) => r.variantId));
      const priced = (
        await db.recommendation.findMany({ where: { kind: "price", status: "pending", proposedPrice: { not: null } }, orderBy: { expectedProfitDelta: "desc" } })
      ).filter((p) => Number(p.proposedPrice) !== Number(p.currentPrice));
      const ctx = { id: shop.id, domain: shop.domain, currency: shop.currency, timezone: shop.timezone, db: forShop(db, shop.id) };
      const withStockouts: string[] = [];
      for (const p of priced.slice(0, 80)) {
        const d = await loadVariantDetail(ctx, p.variantId);
        if (d?.history.some((h) => !h.available)) withStockouts.push(p.variantId);
      }
      variantId = withStockouts.find((id) => reorders.has(id)) ?? withStockouts[0] ?? priced[0].variantId;
    } finally {
      await db.$disconnect();
    }
    browser = await launchChromium();
    page = await newMerchantPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it("GIVEN the demo WHEN the dashboard opens THEN the risk, overstock and pending cards show and both charts draw", async () => {
    // WHEN
    const response = await page.goto(`${demo.url}/app?locale=en`);
    // THEN
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { name: "Dashboard", level: 1 }).waitFor();
    for (const label of ["Stockout risk", "Overstock at cost", "Pending recommendations", "Measured impact to date", "Variants by days of stock cover"]) {
      expect(await page.getByText(label, { exact: true }).first().isVisible()).toBe(true);
    }
    await settledScreenshot(page, "dashboard.png");
    expect(await drawnCharts(page)).toBeGreaterThanOrEqual(2);
  });

  it("GIVEN the Recommendations page WHEN a row's link is followed THEN the variant page opens", async () => {
    // GIVEN
    await page.goto(`${demo.url}/app/recommendations`);
    const link = page.locator('a[href^="/app/variants/"]').first();
    await link.waitFor();
    // WHEN
    await link.click();
    // THEN
    await page.waitForURL("**/app/variants/**");
    await page.getByRole("heading", { name: "Sales and forecast" }).waitFor();
  });

  it("GIVEN a variant with a pending reorder and price WHEN opened by id THEN its four sections and three charts show", async () => {
    // WHEN
    const response = await page.goto(`${demo.url}/app/variants/${variantId}`);
    // THEN
    expect(response?.status()).toBe(200);
    for (const name of ["Sales and forecast", "Projected inventory", "Expected profit against price", "How accurate past forecasts were", "Pending recommendations"]) {
      await page.getByRole("heading", { name }).waitFor();
    }
    await settledScreenshot(page, "variant.png");
    expect(await drawnCharts(page)).toBe(3);
  });

  it("GIVEN another shop's or an unknown id WHEN opened THEN a 404 page says the variant is not found", async () => {
    const response = await page.goto(`${demo.url}/app/variants/not-a-variant`);
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { name: "Variant not found" }).first().waitFor();
  });

  it("GIVEN French WHEN the dashboard and the variant page open THEN they speak French", async () => {
    // WHEN
    await page.goto(`${demo.url}/app?locale=fr`);
    // THEN
    await page.getByRole("heading", { name: "Tableau de bord", level: 1 }).waitFor();
    expect(await page.getByText("Risque de rupture", { exact: true }).first().isVisible()).toBe(true);
    await settledScreenshot(page, "dashboard-fr.png");
    await page.goto(`${demo.url}/app/variants/${variantId}`);
    await page.getByRole("heading", { name: "Ventes et prévision" }).waitFor();
    await page.getByRole("heading", { name: "Marge attendue selon le prix" }).waitFor();
    await settledScreenshot(page, "variant-fr.png");
    await page.goto(`${demo.url}/app?locale=en`);
  });
});
