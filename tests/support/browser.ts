import { chromium, type Browser, type Page } from "playwright-core";

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
