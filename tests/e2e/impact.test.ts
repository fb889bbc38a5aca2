// The Impact page in Chromium against the demo, with past simulated price changes recorded as executed decisions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { RunningDemo } from "../support/demo";
import { settledScreenshot } from "../support/browser";
import { closeDemoInBrowser, openDemoInBrowser } from "../support/e2e";

const DAY = 86_400_000;

/**
 * The demo seed has no decisions yet: its simulated price changes (PriceHistory) become executed decisions,
 * then only a few measured ones and two "not enough data" ones are kept so the page shows both states.
 */
async function recordPastChanges(dbUrl: string): Promise<number> {
  const { createPrismaClient } = await import("~/db.server");
  const { forShop } = await import("~/db/scoped.server");
  const { impactSummary } = await import("~/decisions/impact.server");
  const prisma = createPrismaClient(dbUrl);
  try {
    const row = await prisma.shop.findFirstOrThrow({});
    const shop = {
      id: row.id,
      domain: row.domain,
      currency: row.currency,
      timezone: row.timezone,
      db: forShop(prisma, row.id),
    };
    const asOf = (await shop.db.dailySales.aggregate({ _max: { day: true } }))._max.day!;
    const end = new Date(`${asOf}T00:00:00Z`).getTime();
    const history = await shop.db.priceHistory.findMany({ orderBy: [{ variantId: "asc" }, { effectiveAt: "asc" }] });
    let n = 0;
    for (let i = 1; i < history.length && n < 80; i++) {
      const [prev, cur, next] = [history[i - 1], history[i], history[i + 1]];
      if (prev.variantId !== cur.variantId) continue;
      const at = cur.effectiveAt.getTime();
      const recent = at > end - 12 * DAY; // a change too recent to measure
      if (!recent && (at < end - 150 * DAY || at > end - 20 * DAY)) continue;
      if (next && next.variantId === cur.variantId && next.effectiveAt.getTime() - at < 21 * DAY) continue;
      const before = Number(prev.price);
      const after = Number(cur.price);
      if (Math.abs(after / before - 1) < 0.01) continue;
      // Expected outcome over 28 days with an elasticity of -1.5 around 1 unit a day, 40% margin before.
      const units = 28;
      const newUnits = units * (1 - 1.5 * (after / before - 1));
      const cost = before * 0.6;
      await shop.db.decision.create({
        data: {
          shopId: shop.id,
          idempotencyKey: `e2e-impact-${cur.id}`,
          variantId: cur.variantId,
          kind: "price",
          actor: n % 3 === 0 ? "pilotage" : "merchant",
          automatic: n % 3 === 0,
          before: JSON.stringify({ price: before, compareAtPrice: null }),
          after: JSON.stringify({ price: after, compareAtPrice: null }),
          expectedImpact: JSON.stringify({
            expected: {
              current: { units, revenue: units * before, grossProfit: units * (before - cost) },
              recommended: { units: newUnits, revenue: newUnits * after, grossProfit: newUnits * (after - cost) },
            },
          }),
          pushStatus: "verified",
          pushedAt: cur.effectiveAt,
          verifiedAt: cur.effectiveAt,
          createdAt: cur.effectiveAt,
        },
      });
      n++;
    }
    const summary = await impactSummary(shop);
    const measured = summary.decisions.filter((d) => d.result.status === "MEASURED").slice(0, 6);
    const waiting = summary.decisions.filter((d) => d.result.status !== "MEASURED").slice(0, 2);
    const keep = new Set([...measured, ...waiting].map((d) => d.decisionId));
    await shop.db.decision.deleteMany({ where: { id: { notIn: [...keep] } } });
    return measured.length;
  } finally {
    await prisma.$disconnect();
  }
}

describe("Impact page (Chromium)", () => {
  let demo: RunningDemo;
  let browser: Browser;
  let page: Page;
  let measured: number;

  beforeAll(async () => {
    // GIVEN the demo with past price changes recorded as executed decisions
    ({ demo, browser, page } = await openDemoInBrowser());
    measured = await recordPastChanges(demo.dbUrl);
  });

  afterAll(async () => {
    await closeDemoInBrowser({ demo, browser });
  });

  it("shows measured decisions against their control group, with intervals, a chart and the not-enough-data state", async () => {
    // WHEN the merchant opens the Impact page
    const response = await page.goto(`${demo.url}/app/impact`);
    // THEN it renders the summary, the chart and one row per decision
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { name: "Impact", level: 1 }).waitFor();
    expect(measured).toBeGreaterThan(0);
    await expect(page.getByText("Executed price decisions").isVisible()).resolves.toBe(true);
    await expect(page.locator("canvas").count()).resolves.toBe(1);
    await expect(page.getByText(/\d+ days? after, \d+ comparable variants?/).count()).resolves.toBe(measured);
    await expect(page.getByText("Waiting for data").first().isVisible()).resolves.toBe(true);
    await settledScreenshot(page, "impact.png");
  });

  it("speaks French", async () => {
    // WHEN French is chosen
    await page.goto(`${demo.url}/app/impact?locale=fr`);
    // THEN the page's texts are French
    await page.getByText("Décisions de prix exécutées").waitFor();
    await settledScreenshot(page, "impact-fr.png");
  });
});
