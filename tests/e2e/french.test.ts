// Every admin page in French (issue 13): no sentence of the engines' English may reach a French page (a word
// list of the words their texts use, codes, raw JSON, "Default Title"); saves the French screenshots.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { Db } from "~/db.server";
import type { RunningDemo } from "../support/demo";
import { settledScreenshot } from "../support/browser";
import { closeDemoInBrowser, openDemoInBrowser } from "../support/e2e";

/** English words of the engines' texts (reasons, plan figures, audit details, errors), whole words only. */
const ENGLISH_WORDS = [
  "the",
  "and",
  "price",
  "prices",
  "unit",
  "units",
  "day",
  "days",
  "profit",
  "margin",
  "elasticity",
  "below",
  "above",
  "lower",
  "upper",
  "binding",
  "bound",
  "quantile",
  "quantiles",
  "model",
  "forecast",
  "order",
  "orders",
  "reorder",
  "sales",
  "cost",
  "lead",
  "before",
  "after",
  "kind",
  "withheld",
  "expected",
  "confidence",
  "risk",
  "oversold",
];
const WORD = new RegExp(`(?<!\\p{L})(${ENGLISH_WORDS.join("|")})(?!\\p{L})`, "iu");
/** Codes and raw data that must never show: reason codes, bound codes, JSON, placeholders, Shopify's default name. */
const RAW =
  /PRICING\.|INVENTORY\.|DECISIONS\.|IMPACT\.|MAX_CHANGE|MIN_MARGIN|OBSERVED_RANGE|COMPARE_AT|UNIT_COST|\[object Object\]|\{"|\{[a-zA-Z]+\}|Default Title|NaN|undefined|combo\(|MASE|WAPE/;

let demo: RunningDemo;
let browser: Browser;
let page: Page;
let db: Db;

/** The page's visible text, line by line, without the demo's own frame (language switch, banner). */
async function lines(): Promise<string[]> {
  const text = await page.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    clone.querySelectorAll(".pilotage-demo-nav, script, style").forEach((n) => n.remove());
    document.body.appendChild(clone);
    clone.style.position = "absolute";
    const visible = clone.innerText;
    clone.remove();
    return visible;
  });
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Lines that hold an English word of the engines or raw data; product, vendor names and SKUs are French or codes. */
async function englishLines(names: Set<string>): Promise<string[]> {
  return (await lines()).filter((l) => {
    let rest = l;
    for (const n of names) if (n && rest.includes(n)) rest = rest.split(n).join(" ");
    return WORD.test(rest) || RAW.test(rest);
  });
}

describe("every admin page in French (Chromium, demo)", () => {
  let names: Set<string>;

  beforeAll(async () => {
    // GIVEN the demo, with 3 price decisions and a purchase order made in French through the screens
    ({ demo, browser, page, db } = await openDemoInBrowser({ db: true }));
    const products = await db.product.findMany({
      select: { title: true, vendor: true, variants: { select: { title: true, sku: true } } },
    });
    names = new Set(
      products
        .flatMap((p) => [p.title, p.vendor ?? "", ...p.variants.flatMap((v) => [v.title, v.sku ?? ""])])
        .filter((n) => n.length > 1),
    );
    names.delete("Default Title");
  });

  afterAll(async () => {
    await closeDemoInBrowser({ demo, browser, db });
  });

  it("approves prices and reorders in French, every message French", async () => {
    // WHEN three price suggestions are approved (confirmation, then push) and two reorders become a purchase order
    await page.goto(`${demo.url}/app/recommendations?type=price&locale=fr`);
    const rows = page.locator("table tbody tr");
    for (let i = 0; i < 3; i++) await rows.nth(i).getByRole("checkbox").first().click({ force: true });
    await page.getByRole("button", { name: "Approuver", exact: true }).first().click();
    const confirm = page.getByRole("dialog", { name: "Approuver 3 suggestions ?" });
    await confirm.getByText(/^3 changements de prix : marge attendue \+/).waitFor();
    expect(await englishLines(names)).toEqual([]);
    await confirm.getByRole("button", { name: "Approuver (3)" }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="push-progress"]')?.getAttribute("data-done") === "true",
      null,
      { timeout: 120_000 },
    );
    await page.getByText(/^Terminé : 3 prix sur 3 vérifiés dans Shopify\.$/).waitFor();
    await page.goto(`${demo.url}/app/replenishment?locale=fr`);
    await page.locator('input[id^="select-"]').nth(0).check({ force: true });
    await page.locator('input[id^="select-"]').nth(1).check({ force: true });
    await page.locator("#approve-reorders").click();
    await page.getByText(/^2 réassorts approuvés\. Bons de commande mis à jour :/).waitFor();
    // THEN nothing on either page is English
    expect(await englishLines(names)).toEqual([]);
    await settledScreenshot(page, "replenishment-fr.png", { fullPage: false });
  });

  it("walks every page and finds no English sentence of the engines", async () => {
    const reorder = await db.recommendation.findFirstOrThrow({
      where: { kind: "reorder", status: "pending" },
      orderBy: { expectedProfitDelta: "desc" },
    });
    const withheld = await db.variant.findFirstOrThrow({ where: { unitCost: null } });
    const po = await db.purchaseOrder.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    const visits: { path: string; heading: string; shot?: string; then?: () => Promise<void> }[] = [
      { path: "/app", heading: "Tableau de bord" },
      { path: "/app/recommendations", heading: "Recommandations", shot: "recommendations-fr.png" },
      { path: "/app/recommendations?type=reorder", heading: "Recommandations" },
      { path: `/app/variants/${reorder.variantId}`, heading: "Ventes et prévision" },
      { path: `/app/variants/${withheld.id}`, heading: "Ventes et prévision" },
      { path: "/app/replenishment", heading: "Réapprovisionnement" },
      { path: `/app/purchase-orders/${po.id}`, heading: `Bon de commande ${po.number}`, shot: "purchase-order-fr.png" },
      { path: "/app/impact", heading: "Impact" },
      { path: "/app/activity", heading: "Activité", shot: "activity-fr.png" },
      { path: "/app/settings", heading: "Réglages" },
    ];
    const found: string[] = [];
    for (const v of visits) {
      // WHEN the page opens in French
      await page.goto(`${demo.url}${v.path}${v.path.includes("?") ? "&" : "?"}locale=fr`);
      await page.getByRole("heading", { name: v.heading }).first().waitFor();
      await page.waitForLoadState("networkidle");
      // THEN no line carries an English word of the engines or raw data
      for (const l of await englishLines(names)) found.push(`${v.path}: ${l}`);
      if (v.shot) await settledScreenshot(page, v.shot, { fullPage: false });
    }
    expect(found).toEqual([]);
  });

  it("explains a price and a reorder in French, technical detail included", async () => {
    for (const type of ["price", "reorder"]) {
      // WHEN the explanation of the first suggestion opens, with "Comment c'est calculé" expanded
      await page.goto(`${demo.url}/app/recommendations?type=${type}&locale=fr`);
      await page
        .locator("table tbody tr")
        .first()
        .getByRole("button", { name: /^Comment c'est calculé/ })
        .click();
      const dialog = page.getByRole("dialog");
      await dialog.getByText("Raisons", { exact: true }).waitFor();
      await dialog.getByRole("button", { name: "Comment c'est calculé" }).click();
      await dialog
        .getByText(type === "price" ? "Vos limites sur ce prix" : "Conditions de commande", { exact: true })
        .waitFor();
      // THEN every line of it is French
      expect(await englishLines(names)).toEqual([]);
      if (type === "price") await settledScreenshot(page, "recommendations-explain-fr.png", { fullPage: false });
    }
  });
});
