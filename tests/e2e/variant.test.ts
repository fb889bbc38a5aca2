// The dashboard and the variant page of the demo in Chromium, in English and French, with screenshots.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { RunningDemo } from "../support/demo";
import { settledScreenshot } from "../support/browser";
import { closeDemoInBrowser, openDemoInBrowser } from "../support/e2e";

/** Number of chart canvases that chart.js has drawn on (non-blank pixels). */
async function drawnCharts(page: Page): Promise<number> {
  return page.evaluate(
    () =>
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
    ({ demo, browser, page } = await openDemoInBrowser());
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
      const reorders = new Set(
        (await db.recommendation.findMany({ where: { kind: "reorder", status: "pending" } })).map((r) => r.variantId),
      );
      const priced = (
        await db.recommendation.findMany({
          where: { kind: "price", status: "pending", proposedPrice: { not: null } },
          orderBy: { expectedProfitDelta: "desc" },
        })
      ).filter((p) => Number(p.proposedPrice) !== Number(p.currentPrice));
      const ctx = {
        id: shop.id,
        domain: shop.domain,
        currency: shop.currency,
        timezone: shop.timezone,
        db: forShop(db, shop.id),
      };
      const withStockouts: string[] = [];
      for (const p of priced.slice(0, 80)) {
        const d = await loadVariantDetail(ctx, p.variantId);
        if (d?.history.some((h) => !h.available)) withStockouts.push(p.variantId);
      }
      variantId = withStockouts.find((id) => reorders.has(id)) ?? withStockouts[0] ?? priced[0].variantId;
    } finally {
      await db.$disconnect();
    }
  });

  afterAll(async () => {
    await closeDemoInBrowser({ demo, browser });
  });

  it("GIVEN the demo WHEN the dashboard opens THEN the risk, overstock and pending cards show and both charts draw", async () => {
    // WHEN
    const response = await page.goto(`${demo.url}/app?locale=en`);
    // THEN
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { name: "Dashboard", level: 1 }).waitFor();
    for (const label of [
      "Stockout risk",
      "Overstock at cost",
      "Pending recommendations",
      "Measured impact to date",
      "Variants by days of stock cover",
    ]) {
      expect(await page.getByText(label, { exact: true }).first().isVisible()).toBe(true);
    }
    await settledScreenshot(page, "dashboard.png", { settleMs: 600 });
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
    for (const name of [
      "Sales and forecast",
      "Projected inventory",
      "Expected profit against price",
      "How accurate past forecasts were",
      "Pending recommendations",
    ]) {
      await page.getByRole("heading", { name }).waitFor();
    }
    await settledScreenshot(page, "variant.png", { settleMs: 600 });
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
    await settledScreenshot(page, "dashboard-fr.png", { settleMs: 600 });
    await page.goto(`${demo.url}/app/variants/${variantId}`);
    await page.getByRole("heading", { name: "Ventes et prévision" }).waitFor();
    await page.getByRole("heading", { name: "Marge attendue selon le prix" }).waitFor();
    await settledScreenshot(page, "variant-fr.png", { settleMs: 600 });
    await page.goto(`${demo.url}/app?locale=en`);
  });

  it("GIVEN an order larger than the stock WHEN it reaches the app THEN the variant page says oversold, no higher price is suggested and the storefront says sold out", async () => {
    const { createPrismaClient } = await import("~/db.server");
    const db = createPrismaClient(demo.dbUrl);
    const poll = async <T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 120_000): Promise<T> => {
      const until = Date.now() + ms;
      for (;;) {
        const value = await read();
        if (done(value) || Date.now() > until) return value;
        await new Promise((r) => setTimeout(r, 500));
      }
    };
    try {
      // GIVEN a tracked variant with a few units, and no purchase order
      const level = await db.inventoryLevel.findFirstOrThrow({
        where: { available: { gte: 2, lte: 6 } },
        orderBy: { available: "asc" },
      });
      const variant = await db.variant.findUniqueOrThrow({
        where: { id: level.variantId },
        include: { product: true },
      });
      const available =
        (await db.inventoryLevel.aggregate({ where: { variantId: variant.id }, _sum: { available: true } }))._sum
          .available ?? 0;
      const before = await db.forecast.findFirstOrThrow({ where: { variantId: variant.id } });
      // WHEN a shopper orders 3 more units than are available, through the emulator (signed webhooks follow)
      const res = await fetch(`${demo.emulatorUrl}/emulator/orders`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ variantId: variant.shopifyId, quantity: available + 3 }),
      });
      expect(res.status).toBe(201);
      await poll(
        () => db.inventoryLevel.aggregate({ where: { variantId: variant.id }, _sum: { available: true } }),
        (a) => (a._sum.available ?? 0) < 0,
      );
      await poll(
        () => db.forecast.findFirstOrThrow({ where: { variantId: variant.id } }),
        (f) => f.computedAt.getTime() !== before.computedAt.getTime(),
      );
      // THEN the variant page shows the oversold units
      await page.goto(`${demo.url}/app/variants/${variant.id}`);
      await expect(page.getByTestId("oversold").textContent()).resolves.toMatch(
        /^\d+ units? (is|are) sold but not in stock/,
      );
      // AND no higher price is pending for it (a recompute started before the stock update may land first:
      // the one the stock update triggers follows)
      const notRaised = (r: { proposedPrice: unknown; currentPrice: unknown } | null) =>
        r?.proposedPrice == null || Number(r.proposedPrice) <= Number(r.currentPrice);
      const price = await poll(
        () => db.recommendation.findFirst({ where: { variantId: variant.id, kind: "price", status: "pending" } }),
        notRaised,
        60_000,
      );
      if (price?.proposedPrice != null)
        expect(Number(price.proposedPrice)).toBeLessThanOrEqual(Number(price.currentPrice));
      // AND the storefront block says sold out (no purchase order, so no date), in both languages
      const numeric = variant.shopifyId.split("/").pop();
      for (const [locale, text] of [
        ["en", "Sold out"],
        ["fr", "Épuisé"],
      ] as const) {
        await poll(
          () => db.availabilitySignal.findFirst({ where: { variantId: variant.id } }),
          (s) => s?.state === "sold_out",
          60_000,
        );
        await page.goto(
          `${demo.url}/demo/storefront/products/${variant.product.handle}?variant=${numeric}&locale=${locale}`,
        );
        await expect(
          page.locator("[data-pilotage-availability] .pilotage-availability__text").textContent(),
        ).resolves.toMatch(new RegExp(text));
      }
    } finally {
      await db.$disconnect();
    }
  });
});
