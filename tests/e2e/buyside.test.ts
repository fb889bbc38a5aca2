// The buy-side loop in Chromium on the demo (issue 14): approve a reorder, receive part of it, and Shopify's
// stock (the emulator's) at the purchase order's destination rises by the units received, once, even when the
// request is repeated; the supplier PDF and e-mail download. Screenshots: purchase-order-receipts.png.
// Needs the 2026-04 Admin schema for the emulator (ADMIN_SCHEMA_PATH, or @shopify/dev-mcp >= 1.16).
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { Db } from "~/db.server";
import { DEMO_ACCESS_TOKEN } from "~/demo/prepare.server";
import type { RunningDemo } from "../support/demo";
import { ROOT } from "../support/server";
import { closeDemoInBrowser, openDemoInBrowser } from "../support/e2e";

const SHOTS = path.join(ROOT, "docs", "screenshots");

describe("the buy-side loop (Chromium)", () => {
  let demo: RunningDemo;
  let browser: Browser;
  let page: Page;
  let db: Db;

  beforeAll(async () => {
    // GIVEN the demo on its own copy of the seeded, recomputed shop (two locations)
    ({ demo, browser, page, db } = await openDemoInBrowser({ db: true, page: { acceptDownloads: true } }));
  });

  afterAll(async () => {
    await closeDemoInBrowser({ demo, browser, db });
  });

  /** Shopify's (the emulator's) available units of an inventory item at a location. */
  async function available(itemId: string, locationId: string, attempt = 1): Promise<number> {
    // A kept-alive connection the emulator closed while idle answers ECONNRESET once: ask again.
    const res = await fetch(`${demo.emulatorUrl}/admin/api/2026-04/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": DEMO_ACCESS_TOKEN },
      body: JSON.stringify({
        query: `query Level($id: ID!, $loc: ID!) { inventoryItem(id: $id) { inventoryLevel(locationId: $loc) { quantities(names: ["available"]) { quantity } } } }`,
        variables: { id: itemId, loc: locationId },
      }),
    }).catch((error: Error) => {
      if (attempt >= 3) throw error;
      return null;
    });
    if (!res) return available(itemId, locationId, attempt + 1);
    const body = (await res.json()) as {
      data: { inventoryItem: { inventoryLevel: { quantities: { quantity: number }[] } } };
    };
    return body.data.inventoryItem.inventoryLevel.quantities[0].quantity;
  }

  async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = await read();
      if (ok(v) || Date.now() > end) return v;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  it("approves a reorder, receives part of it, and Shopify's stock at the destination rises once", async () => {
    // GIVEN the Replenishment page with reorder suggestions per location
    await page.goto(`${demo.url}/app/replenishment`);
    await page.getByRole("heading", { name: "Replenishment", level: 1 }).waitFor();
    const firstLine = page.locator('input[id^="select-"]').first();
    await firstLine.waitFor({ state: "attached" });
    // WHEN the merchant selects one suggestion and approves it
    await firstLine.check({ force: true });
    await page.locator("#approve-reorders").click();
    await page.getByText(/Purchase orders updated: PO-0001/).waitFor();
    // THEN PO-0001 exists with a destination location
    const po = await db.purchaseOrder.findFirstOrThrow({
      where: { number: "PO-0001" },
      include: { lines: { include: { variant: true } } },
    });
    expect(po.locationId).not.toBeNull();
    const location = await db.location.findFirstOrThrow({ where: { id: po.locationId! } });
    const line = po.lines[0];
    const item = line.variant.inventoryItemId!;
    const before = await available(item, location.shopifyId);
    const received = Math.max(1, Math.floor(line.quantity / 2));
    expect(received).toBeLessThanOrEqual(line.quantity);

    // WHEN its page opens and part of the line is received
    // (the banner and the list both link to it, to the same page)
    await page.getByRole("link", { name: "PO-0001", exact: true }).first().click();
    await page.getByRole("heading", { name: "Purchase order PO-0001" }).waitFor();
    await page.locator(`#receive-${line.id}`).fill(String(received));
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.method() === "POST" && r.url().includes(`/app/purchase-orders/${po.id}`)),
      page.getByRole("button", { name: "Record received units", exact: true }).last().click(),
    ]);
    // THEN Shopify's available units at the destination rise by the units received, and the page says so
    const after = await until(
      () => available(item, location.shopifyId),
      (v) => v === before + received,
    );
    expect(after).toBe(before + received);
    await page.getByText("Shopify stock updated and checked").waitFor({ timeout: 30_000 });

    // WHEN the same request is sent again (a retried request)
    const replay = await page.request.post(request.url(), {
      data: request.postData() ?? "",
      headers: { "Content-Type": "application/json" },
    });
    expect(replay.status()).toBe(200);
    await new Promise((r) => setTimeout(r, 3000));
    // THEN nothing more is received, in Pilotage or in Shopify
    expect(await available(item, location.shopifyId)).toBe(before + received);
    expect(await db.inventoryReceipt.count({ where: { purchaseOrderId: po.id } })).toBe(1);
    expect((await db.purchaseOrderLine.findUniqueOrThrow({ where: { id: line.id } })).receivedQuantity).toBe(received);
    await page.reload();
    await page.getByText("Shopify stock updated and checked").waitFor();
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: path.join(SHOTS, "purchase-order-receipts.png"), fullPage: true });
  });

  it("downloads the supplier PDF and an e-mail with it attached", async () => {
    // GIVEN PO-0001's page
    const po = await db.purchaseOrder.findFirstOrThrow({ where: { number: "PO-0001" } });
    // WHEN the PDF and the e-mail are downloaded
    const [pdf] = await Promise.all([page.waitForEvent("download"), page.locator(`#pdf-${po.id}`).click()]);
    const [eml] = await Promise.all([page.waitForEvent("download"), page.locator(`#eml-${po.id}`).click()]);
    // THEN the PDF is a PDF named after the order and the e-mail carries it, addressed to the vendor
    expect(pdf.suggestedFilename()).toBe("PO-0001.pdf");
    expect(
      readFileSync((await pdf.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    expect(eml.suggestedFilename()).toBe("PO-0001.eml");
    const text = readFileSync((await eml.path())!, "utf8");
    expect(text).toMatch(/^To: .*<commandes@[a-z0-9-]+\.example\.com>\r$/m);
    expect(text).toMatch(/Content-Disposition: attachment; filename="PO-0001\.pdf"/);
  });
});
