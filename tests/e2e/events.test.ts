// The Events page in Chromium against the demo: the seeded planned events are listed, a bad event is refused with
// its named error and nothing saved, a good one is added; screenshots in English and French.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createPrismaClient, type Db } from "~/db.server";
import { launchChromium, newMerchantPage } from "../support/browser";
import { startDemo, type RunningDemo } from "../support/demo";
import { ROOT } from "../support/server";

const SHOTS = path.join(ROOT, "docs", "screenshots");

async function settledScreenshot(page: Page, file: string) {
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => [...document.images].every((img) => img.complete));
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SHOTS, file), fullPage: true });
}

let demo: RunningDemo;
let browser: Browser;
let page: Page;
let db: Db;

describe("Events (Chromium, demo)", () => {
  beforeAll(async () => {
    // GIVEN the demo on its own copy of the seeded, recomputed shop (with two planned events)
    demo = await startDemo();
    db = createPrismaClient(demo.dbUrl);
    browser = await launchChromium();
    page = await newMerchantPage(browser);
  });

  afterAll(async () => {
    await db?.$disconnect();
    await browser?.close();
    await demo?.stop();
  });

  it(
    "lists the planned events, names a bad one's error without saving it, and adds a good one",
    { timeout: 900_000 },
    async () => {
      // WHEN the page opens
      await page.goto(`${demo.url}/app/events?locale=en`);
      // THEN the seeded events are listed
      await expect.poll(() => page.getByText("Closed for stock-taking").count()).toBeGreaterThan(0);
      await expect.poll(() => page.getByText("winter campaign").count()).toBeGreaterThan(0);
      const before = await db.event.count();
      // WHEN an event with an end before its start is submitted
      await page.getByLabel("Name").fill("Backwards");
      await page.getByLabel("Last day").fill("2020-01-01");
      await page.getByRole("button", { name: "Add event" }).click();
      // THEN its error is named and nothing is saved
      await expect.poll(() => page.locator('[data-code="EVENTS.END_BEFORE_START"]').count()).toBe(1);
      expect(await db.event.count()).toBe(before);
      // WHEN a good one is submitted
      await page.getByLabel("Name").fill("Spring launch");
      const start = await page.getByLabel("First day").inputValue();
      await page.getByLabel("Last day").fill(start);
      await page.getByRole("button", { name: "Add event" }).click();
      // THEN it is saved, and the shop recompute it asked for runs (the web process runs the jobs in the demo)
      await expect.poll(() => db.event.count()).toBe(before + 1);
      const busy = () => db.job.count({ where: { status: { in: ["queued", "running"] }, runAt: { lte: new Date() } } });
      await expect.poll(busy, { timeout: 600_000, interval: 2000 }).toBe(0);
      await page.goto(`${demo.url}/app/events?locale=en`, { timeout: 120_000 });
      await expect.poll(() => page.getByText("Spring launch").count()).toBeGreaterThan(0);
      await settledScreenshot(page, "events.png");
      await page.goto(`${demo.url}/app/events?locale=fr`, { timeout: 120_000 });
      await expect.poll(() => page.getByText("Ajouter un événement").count()).toBeGreaterThan(0);
      await settledScreenshot(page, "events-fr.png");
      await page.goto(`${demo.url}/app/events?locale=en`, { timeout: 120_000 });
    },
  );
});
