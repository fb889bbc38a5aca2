// The Recommendations screen in Chromium against the demo: explanation, an edited price approved and pushed
// to the emulator, and a bulk approval of 50.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import type { Db } from "~/db.server";
import { DEMO_ACCESS_TOKEN } from "~/demo/prepare.server";
import { expectedAt } from "~/core/pricing/profit-curve";
import type { RunningDemo } from "../support/demo";
import { settledScreenshot } from "../support/browser";
import { closeDemoInBrowser, openDemoInBrowser } from "../support/e2e";

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

/** Approves the selected rows: the confirmation (count and totals), then the margin-floor override if asked. */
async function approveSelected(): Promise<string> {
  await page.getByRole("button", { name: "Approve", exact: true }).first().click();
  const confirm = page.getByRole("dialog", { name: /^Approve \d+ suggestions?\?$/ });
  await confirm.waitFor();
  const asked = (await confirm.textContent()) ?? "";
  await confirm.getByRole("button", { name: /^Approve \d+$/ }).click();
  // A price below the margin floor asks for a written reason, then resubmits.
  const override = page.getByRole("dialog", { name: "Approve below the margin floor?" });
  const summary = page.getByTestId("decision-summary");
  await Promise.race([override.waitFor(), summary.waitFor()]);
  if (await override.isVisible()) {
    await override.getByLabel("Reason").fill("End-to-end test: agreed clearance price");
    await override.getByRole("button", { name: "Approve with override" }).click();
  }
  return asked;
}

async function waitForPush(): Promise<{ verified: number; failed: number }> {
  const progress = page.getByTestId("push-progress");
  await page.waitForFunction(
    () => document.querySelector('[data-testid="push-progress"]')?.getAttribute("data-done") === "true",
    null,
    { timeout: 120_000 },
  );
  return {
    verified: Number(await progress.getAttribute("data-verified")),
    failed: Number(await progress.getAttribute("data-failed")),
  };
}

const rowVariantId = async (row: Locator) =>
  ((await row.locator('a[href^="/app/variants/"]').first().getAttribute("href")) ?? "").split("/").pop()!;

describe("Recommendations (Chromium, demo)", () => {
  beforeAll(async () => {
    // GIVEN the demo on its own copy of the seeded, recomputed shop
    ({ demo, browser, page, db } = await openDemoInBrowser({ db: true }));
  });

  afterAll(async () => {
    await closeDemoInBrowser({ demo, browser, db });
  });

  it("lists suggestions sorted by expected profit and opens the explanation panel", async () => {
    // WHEN the merchant opens the screen
    await page.goto(`${demo.url}/app/recommendations`);
    await page.getByRole("heading", { name: "Recommendations", level: 1 }).waitFor();
    // THEN rows show, each linked to its variant page, with the totals
    const rows = page.locator("table tbody tr");
    expect(await rows.count()).toBe(25);
    expect(await rows.first().locator('a[href^="/app/variants/"]').count()).toBe(1);
    await expect(page.getByTestId("totals").textContent()).resolves.toMatch(/suggestions/);
    await settledScreenshot(page, "recommendations.png", { fullPage: false });
    // AND each row leads with one plain sentence
    expect(((await rows.first().getByTestId("headline").textContent()) ?? "").length).toBeGreaterThan(30);
    // WHEN "How this was computed" is clicked on the first price row (reorders may lead the list), then its
    // disclosure in the panel
    await rows
      .filter({ has: page.getByText("Price", { exact: true }) })
      .first()
      .getByRole("button", { name: /^How this was computed/ })
      .click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Reasons", { exact: true }).waitFor();
    await dialog.getByRole("button", { name: "How this was computed" }).click();
    // THEN the panel shows the reasons, then the forecast, the reaction to price and the limits
    for (const heading of ["Sales forecast", "Reaction to price", "Your limits on this price"])
      await dialog.getByText(heading, { exact: true }).waitFor();
    await settledScreenshot(page, "recommendations-explain.png", { fullPage: false });
    await dialog.getByRole("button", { name: "Close" }).first().click();
  });

  it("recomputes the expected profit of an edited price at once, with the engine's own function", async () => {
    // GIVEN the first price suggestion and its stored objective
    await page.goto(`${demo.url}/app/recommendations?type=price`);
    const row = page.locator("table tbody tr").first();
    const variantId = await rowVariantId(row);
    const rec = await db.recommendation.findFirstOrThrow({ where: { variantId, kind: "price", status: "pending" } });
    const impact = JSON.parse(rec.expectedImpact);
    const current = Number(rec.currentPrice);
    const edited = Math.round(current * 1.03 * 100) / 100;
    // WHEN the merchant types another price (no server round trip)
    await row.getByRole("textbox", { name: /^Proposed price for/ }).fill(edited.toFixed(2));
    // THEN the row's expected profit is expectedAt(edited) - expectedAt(current), at once
    const want =
      expectedAt(impact.model, impact.uncertainty, edited).profit -
      expectedAt(impact.model, impact.uncertainty, current).profit;
    const money = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency: "EUR",
      minimumFractionDigits: Math.abs(want) >= 100 ? 0 : 2,
      maximumFractionDigits: Math.abs(want) >= 100 ? 0 : 2,
    }).format(want);
    await expect(row.getByTestId(`effect-${rec.id}`).textContent()).resolves.toBe(
      `${want > 0 ? "+" : ""}${money} profit`,
    );
    await row.getByText(/at your price$/).waitFor();
  });

  it("finds a suggestion by SKU or product title", async () => {
    // GIVEN a suggestion's SKU
    await page.goto(`${demo.url}/app/recommendations`);
    const variantId = await rowVariantId(page.locator("table tbody tr").nth(3));
    const variant = await db.variant.findUniqueOrThrow({ where: { id: variantId }, include: { product: true } });
    // WHEN the merchant types it in the search field
    await page.getByPlaceholder("Search by product or SKU").fill(variant.sku!.toLowerCase());
    await page.waitForURL(/[?&]q=/);
    // THEN only that variant's suggestions are listed
    const rows = page.locator("table tbody tr");
    await expect
      .poll(async () => (await Promise.all((await rows.all()).map(rowVariantId))).every((id) => id === variantId))
      .toBe(true);
    // AND a product title works as well
    await page.getByPlaceholder("Search by product or SKU").fill(variant.product.title);
    await page.waitForURL((u) => u.searchParams.get("q") === variant.product.title);
    await expect
      .poll(async () =>
        (await rows.locator("a[href^='/app/variants/']").allTextContents()).every((t) => t === variant.product.title),
      )
      .toBe(true);
  });

  it("approves one edited price and the emulator's variant price changes", async () => {
    // GIVEN the first price suggestion, its proposed price edited by one cent toward the current price
    await page.goto(`${demo.url}/app/recommendations?type=price`);
    const row = page.locator("table tbody tr").first();
    const variantId = await rowVariantId(row);
    const variant = await db.variant.findUniqueOrThrow({ where: { id: variantId } });
    const input = row.getByRole("textbox", { name: /^Proposed price for/ });
    const proposed = Number(await input.inputValue());
    const current = Number(variant.price);
    const edited = Math.round((proposed > current ? proposed - 0.01 : proposed + 0.01) * 100) / 100;
    await input.fill(edited.toFixed(2));
    // WHEN it is selected and approved
    await row.getByRole("checkbox").first().click({ force: true });
    await approveSelected();
    const pushed = await waitForPush();
    // THEN the emulator's variant carries the edited price, read back through its Admin API
    expect(pushed).toEqual({ verified: 1, failed: 0 });
    expect(await emulatorPrice(variant.shopifyId)).toBeCloseTo(edited, 2);
    const decision = await db.decision.findFirstOrThrow({ where: { variantId } });
    expect(JSON.parse(decision.after).price).toBeCloseTo(edited, 2);
  });

  it("bulk approves 50 recommendations and pushes every price", async () => {
    // GIVEN a page of 50 price suggestions
    await page.goto(`${demo.url}/app/recommendations?type=price&size=50`);
    const rows = page.locator("table tbody tr");
    await rows.nth(49).waitFor();
    const ids: string[] = await Promise.all(Array.from({ length: 50 }, (_, i) => rowVariantId(rows.nth(i))));
    const before = await db.decision.count();
    // WHEN all are selected and approved
    await page.locator("table thead").getByRole("checkbox").first().click({ force: true });
    const recs = await db.recommendation.findMany({
      where: { variantId: { in: ids }, kind: "price", status: "pending" },
    });
    const total = recs.reduce((a, r) => a + Number(r.expectedProfitDelta), 0);
    const summary = await approveSelected();
    const pushed = await waitForPush();
    // THEN the confirmation named the count and the total expected profit
    const money = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency: "EUR",
      maximumFractionDigits: 0,
    }).format(total);
    expect(summary).toContain(`50 price changes: expected profit +${money} in all`);
    // AND 50 decisions exist and the emulator has every approved price
    expect(await db.decision.count()).toBe(before + 50);
    expect(pushed.failed).toBe(0);
    const decisions = await db.decision.findMany({ where: { variantId: { in: ids } } });
    expect(decisions).toHaveLength(50);
    const variants = new Map(
      (await db.variant.findMany({ where: { id: { in: ids } } })).map((v) => [v.id, v.shopifyId]),
    );
    for (const d of decisions.slice(0, 10)) {
      expect(await emulatorPrice(variants.get(d.variantId ?? "")!)).toBeCloseTo(JSON.parse(d.after).price, 2);
    }
  });
});
