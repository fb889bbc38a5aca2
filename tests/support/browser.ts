import path from "node:path";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { ROOT } from "./server";

/** Where the e2e tests save the README's screenshots. */
export const SCREENSHOTS = path.join(ROOT, "docs", "screenshots");

// Shopify's library answers bots (including "HeadlessChrome") with 410 Gone: present as a desktop Chrome.
const USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";

/** A page at 1280 px, as a merchant's desktop browser, with Shopify's CDN answered offline. */
export async function newMerchantPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    userAgent: USER_AGENT,
    ...options,
  });
  const page = await context.newPage();
  await stubShopifyCdn(page);
  return page;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** App Bridge's script lives on Shopify's CDN, unreachable here: answer it with an empty script. */
export async function stubShopifyCdn(page: Page) {
  await page.route(/^https:\/\/cdn\.shopify\.com\//, (route) =>
    route.fulfill({ status: 200, contentType: "application/javascript", body: "/* offline */" }),
  );
}

/**
 * Saves a screenshot to docs/screenshots once the page is settled: network idle, images loaded, then `settleMs`
 * for animations. `fullPage: false` captures the 1280 x 900 viewport (sticky footers would otherwise be painted
 * across the middle of a long page).
 */
export async function settledScreenshot(
  page: Page,
  file: string,
  options: { fullPage?: boolean; settleMs?: number } = {},
) {
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => [...document.images].every((img) => img.complete));
  await page.waitForTimeout(options.settleMs ?? 400);
  await page.screenshot({ path: path.join(SCREENSHOTS, file), fullPage: options.fullPage ?? true });
}
