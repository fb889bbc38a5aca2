import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";

// Shopify's library answers bots (including "HeadlessChrome") with 410 Gone: present as a desktop Chrome.
const USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";

/** A page at 1280 px, as a merchant's desktop browser, with Shopify's CDN answered offline. */
export async function newMerchantPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, userAgent: USER_AGENT, ...options });
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
