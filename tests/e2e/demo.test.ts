import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { RunningDemo } from "../support/demo";
import type { RunningServer } from "../support/server";
import { closeDemoInBrowser, openDemoInBrowser } from "../support/e2e";

// Screenshots of each screen are taken by that screen's own e2e file (tests/e2e/<screen>.test.ts).
const PAGES = [
  { path: "/app", heading: "Dashboard" },
  { path: "/app/recommendations", heading: "Recommendations" },
  { path: "/app/replenishment", heading: "Replenishment" },
  { path: "/app/impact", heading: "Impact" },
  { path: "/app/activity", heading: "Activity" },
  { path: "/app/settings", heading: "Settings" },
];

describe("demo (Chromium)", () => {
  let demo: RunningDemo;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let dbUrl: string;
  let emulatorUrl: string;

  beforeAll(async () => {
    // GIVEN the demo on its own copy of the seeded shop
    ({ demo, browser, page } = await openDemoInBrowser());
    server = demo.server;
    dbUrl = demo.dbUrl;
    emulatorUrl = demo.emulatorUrl;
  });

  afterAll(async () => {
    await closeDemoInBrowser({ demo, browser });
  });

  it("opens the dashboard with the simulated shop's figures and saves a screenshot", async () => {
    // WHEN the dashboard is opened
    const response = await page.goto(`${server.url}/app`);
    // THEN it renders the Polaris page with real figures, without App Bridge's CDN script
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 }).isVisible()).resolves.toBe(true);
    await expect(page.getByText("Net revenue").first().isVisible()).resolves.toBe(true);
  });

  it("navigates to every page of the menu", async () => {
    for (const p of PAGES.slice(1)) {
      // WHEN the merchant clicks the menu entry
      await page.goto(`${server.url}/app`);
      await page.getByRole("link", { name: p.heading, exact: true }).click();
      await page.waitForURL(`**${p.path}`);
      // THEN the page's heading shows
      await page.getByRole("heading", { name: p.heading, level: 1 }).waitFor();
    }
  });

  it("switches the admin to French", async () => {
    // WHEN French is chosen
    await page.goto(`${server.url}/app?locale=fr`);
    // THEN the dashboard and the menu speak French, and the choice sticks across pages
    await page.getByRole("heading", { name: "Tableau de bord", level: 1 }).waitFor();
    await page.getByRole("link", { name: "Réglages", exact: true }).click();
    await page.getByRole("heading", { name: "Réglages", level: 1 }).waitFor();
    await page.goto(`${server.url}/app`);
    await page.getByRole("heading", { name: "Tableau de bord", level: 1 }).waitFor();
  });

  it("moves a variant's sales and forecast when an order is placed through the emulator", async () => {
    const { createPrismaClient } = await import("~/db.server");
    const db = createPrismaClient(dbUrl);
    const poll = async <T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 120_000): Promise<T> => {
      const until = Date.now() + ms;
      for (;;) {
        const value = await read();
        if (done(value) || Date.now() > until) return value;
        await new Promise((r) => setTimeout(r, 500));
      }
    };
    try {
      // GIVEN the demo after its first recompute, and its best-selling variant
      const variants = await db.variant.count();
      await poll(
        () => db.forecast.count(),
        (n) => n >= variants,
      );
      const [top] = await db.dailySales.groupBy({
        by: ["variantId"],
        _sum: { units: true },
        orderBy: { _sum: { units: "desc" } },
        take: 1,
      });
      const variant = await db.variant.findUniqueOrThrow({ where: { id: top.variantId } });
      const before = await db.forecast.findFirstOrThrow({ where: { variantId: variant.id } });
      const unitsBefore = top._sum.units ?? 0;
      // WHEN a shopper orders 40 units through the Admin API emulator (which sends signed webhooks to the app)
      const res = await fetch(`${emulatorUrl}/emulator/orders`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ variantId: variant.shopifyId, quantity: 40 }),
      });
      expect(res.status).toBe(201);
      // THEN the webhook is processed into the variant's sales, and its forecast is recomputed upwards
      const after = await poll(
        () => db.forecast.findFirstOrThrow({ where: { variantId: variant.id } }),
        (f) => f.computedAt.getTime() !== before.computedAt.getTime(),
        60_000,
      );
      const units = await db.dailySales.aggregate({ where: { variantId: variant.id }, _sum: { units: true } });
      expect(units._sum.units).toBe(unitsBefore + 40);
      expect(after.computedAt.getTime()).not.toBe(before.computedAt.getTime());
      expect(JSON.parse(after.mean)[0]).toBeGreaterThan(JSON.parse(before.mean)[0]);
    } finally {
      await db.$disconnect();
    }
  });

  it("GIVEN the demo after its recompute THEN no pending price suggestion expects to lose money, and none claims certainty", async () => {
    const { createPrismaClient } = await import("~/db.server");
    const db = createPrismaClient(dbUrl);
    try {
      // GIVEN every variant decided
      const variants = await db.variant.count();
      expect(await db.forecast.count()).toBeGreaterThanOrEqual(variants);
      // WHEN the pending price changes are read
      const pending = await db.recommendation.findMany({
        where: { kind: "price", status: "pending" },
        select: { currentPrice: true, proposedPrice: true, expectedProfitDelta: true, confidence: true },
      });
      const changes = pending.filter(
        (r) => r.proposedPrice != null && Number(r.proposedPrice) !== Number(r.currentPrice),
      );
      // THEN there are some, none with a negative expected gross-profit change, each with a probability below 1
      expect(changes.length).toBeGreaterThan(20);
      expect(changes.filter((r) => Number(r.expectedProfitDelta) < 0)).toEqual([]);
      expect(changes.every((r) => r.confidence > 0 && r.confidence <= 1)).toBe(true);
    } finally {
      await db.$disconnect();
    }
  });

  it("answers /healthz", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: "ok" });
  });
});
