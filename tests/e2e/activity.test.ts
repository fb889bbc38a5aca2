// The Activity page in Chromium against the demo: a price approved through the Recommendations action reaches
// the emulator; rolled back from the Activity page (confirmation modal), the old price returns.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { Db } from "~/db.server";
import { DEMO_ACCESS_TOKEN } from "~/demo/prepare.server";
import type { RunningDemo } from "../support/demo";
import { settledScreenshot } from "../support/browser";
import { closeDemoInBrowser, openDemoInBrowser } from "../support/e2e";

// Shopify's library answers bots with 410 Gone: requests from the test present as a desktop Chrome.
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";

let demo: RunningDemo;
let browser: Browser;
let page: Page;
let db: Db;

/** The variant's price as the emulator's Admin API returns it. */
async function emulatorPrice(shopifyId: string): Promise<number> {
  const res = await fetch(`${demo.emulatorUrl}/admin/api/2026-04/graphql.json`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": DEMO_ACCESS_TOKEN },
    body: JSON.stringify({
      query: `query($id: ID!) { productVariant(id: $id) { price } }`,
      variables: { id: shopifyId },
    }),
  });
  const body = (await res.json()) as { data?: { productVariant?: { price: string } | null } };
  return Number(body.data?.productVariant?.price);
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 120_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("Activity (Chromium, demo)", () => {
  beforeAll(async () => {
    // GIVEN the demo on its own copy of the seeded, recomputed shop
    ({ demo, browser, page, db } = await openDemoInBrowser({ db: true }));
  });

  afterAll(async () => {
    await closeDemoInBrowser({ demo, browser, db });
  });

  it("rolls an approved price back from the Activity page and the emulator's old price returns", async () => {
    // GIVEN a price suggestion approved through the Recommendations action and verified in the emulator
    const rec = await db.recommendation.findFirstOrThrow({
      where: { kind: "price", status: "pending", proposedPrice: { not: null } },
      orderBy: { expectedProfitDelta: "desc" },
      include: { variant: true },
    });
    const original = Number(rec.variant.price);
    const proposed = Number(rec.proposedPrice);
    expect(proposed).not.toBe(original);
    const form = new URLSearchParams({
      payload: JSON.stringify({
        intent: "approve",
        idempotencyKey: `e2e-activity-${Date.now()}`,
        items: [{ recommendationId: rec.id, overrideReason: "End-to-end test of the rollback" }],
      }),
    });
    const approve = await fetch(`${demo.url}/app/recommendations?_data=routes%2Fapp.recommendations`, {
      method: "POST",
      body: form,
      headers: { "User-Agent": CHROME },
    });
    expect(approve.status).toBe(200);
    expect(((await approve.json()) as { outcomes: { ok: boolean }[] }).outcomes[0].ok).toBe(true);
    const decision = await waitFor("the approval to be verified", () =>
      db.decision.findFirst({ where: { recommendationId: rec.id, pushStatus: "verified" } }),
    );
    expect(await emulatorPrice(rec.variant.shopifyId)).toBeCloseTo(proposed, 2);

    // WHEN the merchant opens Activity, clicks "Roll back" on that decision and confirms
    await page.goto(`${demo.url}/app/activity`);
    await page.getByRole("heading", { name: "Activity", level: 1 }).waitFor();
    await page.getByTestId(`push-${decision.id}`).waitFor();
    const row = page.locator("tr", { has: page.getByTestId(`push-${decision.id}`) });
    await row.getByRole("button", { name: /^Roll back/ }).click();
    const dialog = page.getByRole("dialog", { name: "Roll back this price?" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Roll back", exact: true }).click();

    // THEN a rollback decision is verified, the emulator holds the old price again, and the page shows it
    const rollback = await waitFor("the rollback to be verified", () =>
      db.decision.findFirst({ where: { rollbackOfId: decision.id, pushStatus: "verified" } }),
    );
    expect(await emulatorPrice(rec.variant.shopifyId)).toBeCloseTo(original, 2);
    expect(rollback.kind).toBe("rollback");
    await page.waitForFunction(
      (id) => document.querySelector(`[data-testid="push-${id}"]`)?.getAttribute("data-status") === "verified",
      rollback.id,
      { timeout: 60_000 },
    );
    await expect(row.getByRole("button", { name: /^Roll back/ }).count()).resolves.toBe(0);
    await settledScreenshot(page, "activity.png");
  }, 300_000);

  it("shows the French texts", async () => {
    // GIVEN the decisions of the first test
    // WHEN the page is opened in French
    await page.goto(`${demo.url}/app/activity?locale=fr`);
    // THEN its headings are French
    await page.getByRole("heading", { name: "Activité", level: 1 }).waitFor();
    await expect(page.getByText("Journal d'audit").first().isVisible()).resolves.toBe(true);
    await page.goto(`${demo.url}/app/activity?locale=en`);
  });
});
