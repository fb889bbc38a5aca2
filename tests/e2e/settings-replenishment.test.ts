// Settings and Replenishment in Chromium on the demo: approve reorders → the PO CSV downloads; the
// printable purchase order; a bad settings value shows its error on the field; the page in French; a chunked full
// recompute still reading histories shows its parts.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { Db } from "~/db.server";
import { JOB_TYPES } from "~/jobs/standard";
import type { RunningDemo } from "../support/demo";
import { settledScreenshot } from "../support/browser";
import { closeDemoInBrowser, openDemoInBrowser } from "../support/e2e";

describe("settings and replenishment (Chromium)", () => {
  let demo: RunningDemo;
  let browser: Browser;
  let page: Page;
  let db: Db;

  beforeAll(async () => {
    // GIVEN the demo on its own copy of the seeded, recomputed shop
    ({ demo, browser, page, db } = await openDemoInBrowser({ db: true, page: { acceptDownloads: true } }));
  });

  afterAll(async () => {
    await closeDemoInBrowser({ demo, browser, db });
  });

  it("approves a vendor's reorders into a draft purchase order whose CSV downloads", async () => {
    // GIVEN the Replenishment page with suggestions grouped by vendor
    await page.goto(`${demo.url}/app/replenishment`);
    await page.getByRole("heading", { name: "Replenishment", level: 1 }).waitFor();
    const selectAll = page.getByRole("checkbox", { name: /^Select all lines of / }).first();
    await selectAll.waitFor({ state: "attached" });
    // WHEN the merchant selects the first vendor's lines, changes the first line's quantity to 7 and approves
    await selectAll.check({ force: true });
    const firstRow = page.locator("tr", { has: page.locator('input[id^="quantity-"]') }).first();
    const editedSku = (await firstRow.locator("td, th").allTextContents())
      .map((c) => c.trim())
      .find((c) => /^[A-Z]{3}-\d{4}-[A-Z0-9]+$/.test(c));
    expect(editedSku).toBeTruthy();
    await firstRow.locator('input[id^="quantity-"]').fill("7");
    const approve = page.locator("#approve-reorders");
    const label = (await approve.textContent()) ?? "";
    const selected = Number(/(\d+)/.exec(label)?.[1]);
    expect(selected).toBeGreaterThan(0);
    await approve.click();
    // THEN draft purchase orders (one per destination location of the vendor) are reported and listed
    const banner = page.getByText(/reorders? approved\. Purchase orders updated: PO-0001/);
    await banner.waitFor();
    const numbers = ((await banner.textContent()) ?? "").match(/PO-\d{4}/g) ?? [];
    expect(numbers[0]).toBe("PO-0001");
    // AND the banner names it as a link to the order, as the list does
    const links = page.getByRole("link", { name: "PO-0001", exact: true });
    // (the list follows once the loader has revalidated after the action)
    await expect.poll(() => links.count(), { timeout: 15_000 }).toBe(2);
    expect(new Set(await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).size).toBe(1);
    await settledScreenshot(page, "replenishment.png");
    // WHEN each one's CSV is downloaded
    const rows: string[] = [];
    for (const number of numbers) {
      const row = page.locator("tr", { has: page.getByRole("link", { name: number, exact: true }) });
      const [download] = await Promise.all([page.waitForEvent("download"), row.locator('button[id^="csv-"]').click()]);
      const bytes = readFileSync((await download.path())!);
      const text = bytes.toString("utf8");
      // THEN it is named after the order: UTF-8 BOM, the header, one row per approved line with a positive quantity
      expect(download.suggestedFilename()).toBe(`${number}.csv`);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = text.slice(1).trimEnd().split("\r\n");
      expect(lines[0]).toBe("SKU,Product,Variant,Quantity,Unit cost,Line total,Expected date");
      for (const line of lines.slice(1)) expect(line).toMatch(/,\d+,(\d+\.\d{2})?,(\d+\.\d{2})?,\d{4}-\d{2}-\d{2}$/);
      rows.push(...lines.slice(1));
    }
    // AND together they hold every approved line, the edited one with the typed quantity
    expect(rows).toHaveLength(selected);
    // (the same variant may have a line for each location: one of them is the edited one)
    expect(rows.filter((r) => r.startsWith(`${editedSku},`)).some((r) => /,7,/.test(r))).toBe(true);
  });

  it("opens the printable purchase order", async () => {
    // GIVEN PO-0001 in the list
    await page.getByRole("link", { name: "PO-0001" }).first().click();
    // WHEN its page opens
    await page.getByRole("heading", { name: "Purchase order PO-0001" }).waitFor();
    // THEN it lists its lines with a total, and print styles hide the navigation
    expect(await page.locator(".po-doc tbody tr").count()).toBeGreaterThan(0);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".pilotage-demo-nav").isVisible()).toBe(false);
    await page.emulateMedia({ media: "screen" });
    await settledScreenshot(page, "purchase-order.png");
  });

  it("shows a bad settings value's error on its field, then saves a good one", async () => {
    // GIVEN the Settings page
    await page.goto(`${demo.url}/app/settings`);
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
    const serviceLevel = page.locator('input[name="serviceLevel"]');
    // WHEN the service level is set to 40 % and saved
    await serviceLevel.fill("40");
    await page.getByRole("button", { name: "Save", exact: true }).first().click();
    // THEN the field shows why
    await page.getByText("Service level must be between 50% and 99.9%.").waitFor();
    expect(await serviceLevel.getAttribute("aria-invalid")).toBe("true");
    expect(await serviceLevel.inputValue()).toBe("40");
    // WHEN a valid value is saved
    await serviceLevel.fill("97");
    await page.getByRole("button", { name: "Save", exact: true }).first().click();
    // THEN it is saved and the error is gone
    await page.getByText("Settings saved. Recommendations are being recomputed with the new values.").waitFor();
    expect(await page.getByText("Service level must be between").count()).toBe(0);
    await page.reload();
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
    expect(await page.locator('input[name="serviceLevel"]').inputValue()).toBe("97");
    await settledScreenshot(page, "settings.png");
  });

  it("speaks French", async () => {
    // WHEN the Settings page is opened in French
    await page.goto(`${demo.url}/app/settings?locale=fr`);
    // THEN its headings, labels and errors are French
    await page.getByRole("heading", { name: "Réglages", level: 1 }).waitFor();
    await page.getByText("Garde-fous de prix").waitFor();
    await page.getByText("Délais fournisseurs").waitFor();
    await page.locator('input[name="serviceLevel"]').fill("100");
    await page.getByRole("button", { name: "Enregistrer", exact: true }).first().click();
    await page.getByText(/Niveau de service doit être compris entre 50\s?% et 99,9\s?%\./).waitFor();
    expect(await page.locator('input[name="serviceLevel"]').inputValue()).toBe("100");
    await settledScreenshot(page, "settings-fr.png");
  });

  it("shows a chunked full recompute reading the histories, part by part", async () => {
    // GIVEN a newer run of the demo shop building its context in 8 parts on the workers, 3 of them read
    const shop = await db.shop.findFirstOrThrow({});
    // (once the full recompute the saved settings asked for, or a scheduled one that is due, has run: so that
    // this run stays the newest)
    const deadline = Date.now() + 120_000;
    const busy = async () =>
      (await db.job.count({
        where: {
          shopId: shop.id,
          type: JOB_TYPES.recomputeShop,
          OR: [{ status: "running" }, { status: "queued", runAt: { lte: new Date(Date.now() + 60_000) } }],
        },
      })) > 0 ||
      (await db.recomputeRun.count({ where: { shopId: shop.id, status: { in: ["building", "deciding"] } } })) > 0;
    while ((await busy()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    const last = await db.recomputeRun.findFirst({ where: { shopId: shop.id }, orderBy: { version: "desc" } });
    const run = await db.recomputeRun.create({
      data: {
        shopId: shop.id,
        version: (last?.version ?? 0) + 1,
        status: "building",
        variants: 16000,
        partsTotal: 8,
        partsDone: 3,
      },
    });
    try {
      // WHEN Settings is opened (in English: the test before switched the admin to French)
      await page.goto(`${demo.url}/app/settings?locale=en`);
      // THEN the card shows the parts read
      await page.getByText("Histories read: 3 of 8 parts (38%)").waitFor();
      await page.getByText("Reading the history", { exact: true }).waitFor();
      await settledScreenshot(page, "settings-recompute-building.png");
      await page.goto(`${demo.url}/app/settings?locale=fr`);
      await page.getByText(/Historiques lus : 3 parties sur 8 \(38\s?%\)/).waitFor();
    } finally {
      await db.recomputeRun.delete({ where: { id: run.id } });
    }
  });
});
