// The e2e files' shared start and end: the demo on its own copy of the seeded, recomputed shop, Chromium, one
// merchant page at 1280 px, and (when asked) a Prisma client on the demo's database.
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { createPrismaClient, type Db } from "~/db.server";
import { launchChromium, newMerchantPage } from "./browser";
import { startDemo, type RunningDemo } from "./demo";

export interface DemoInBrowser {
  demo: RunningDemo;
  browser: Browser;
  page: Page;
  /** Only with `{ db: true }`. */
  db: Db;
}

/** Call in beforeAll; pair with closeDemoInBrowser in afterAll. */
export async function openDemoInBrowser(
  options: { db?: boolean; page?: BrowserContextOptions } = {},
): Promise<DemoInBrowser> {
  const demo = await startDemo();
  const db = (options.db ? createPrismaClient(demo.dbUrl) : undefined) as Db;
  const browser = await launchChromium();
  const page = await newMerchantPage(browser, options.page);
  return { demo, browser, page, db };
}

/** Closes what openDemoInBrowser opened (whatever part of it a failed start left). */
export async function closeDemoInBrowser(opened: Partial<DemoInBrowser>): Promise<void> {
  await opened.db?.$disconnect();
  await opened.browser?.close();
  await opened.demo?.stop();
}
