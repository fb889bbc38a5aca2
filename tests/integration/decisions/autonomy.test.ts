// runAutonomy on a small seeded shop: automatic approvals within the limits, the daily cap, the pause.
import { beforeAll, describe, expect, it } from "vitest";
import type { ShopContext } from "~/services/shop.server";
import { impactHarness } from "./support-autonomy";

let h: Awaited<ReturnType<typeof impactHarness>>;
let shop: ShopContext;
let runAutonomy: typeof import("~/decisions/autonomy.server").runAutonomy;
const recIds: Record<string, string> = {};

const cents = (x: number) => Math.round(x * 100) / 100;

beforeAll(async () => {
  h = await impactHarness();
  ({ runAutonomy } = await import("~/decisions/autonomy.server"));
  shop = await h.seedShop(21, "autonomy.myshopify.com");
  // GIVEN pending price recommendations on variants with a comfortable margin: three +2% (inside the 3% limit)
  // and one +6% (outside), plus a reorder while reorders stay "suggest only"
  const variants = (await shop.db.variant.findMany({ where: { unitCost: { not: null } }, orderBy: { id: "asc" } }))
    .filter((v) => Number(v.unitCost) / Number(v.price) < 0.5)
    .slice(0, 5);
  expect(variants.length).toBe(5);
  const plan: [string, number, number][] = [
    ["small-a", 1.02, 30],
    ["small-b", 1.02, 20],
    ["small-c", 1.02, 10],
    ["large", 1.06, 50],
  ];
  for (const [i, [name, factor, profit]] of plan.entries()) {
    const v = variants[i];
    const rec = await shop.db.recommendation.create({
      data: {
        shopId: shop.id,
        variantId: v.id,
        kind: "price",
        status: "pending",
        currentPrice: v.price,
        proposedPrice: cents(Number(v.price) * factor),
        expectedProfitDelta: profit,
        expectedImpact: JSON.stringify({ action: "raise", compareAtPrice: null }),
      },
    });
    recIds[name] = rec.id;
  }
  const reorder = await shop.db.recommendation.create({
    data: {
      shopId: shop.id,
      variantId: variants[4].id,
      kind: "reorder",
      status: "pending",
      proposedQuantity: 12,
      currentQuantity: 0,
      expectedProfitDelta: 99,
    },
  });
  recIds.reorder = reorder.id;
  await shop.db.autonomyRule.updateMany({
    where: { actionType: "price" },
    data: { mode: "auto", maxChangePct: 0.03, maxPerDay: 2 },
  });
  await shop.db.shopSettings.updateMany({ data: { minMarginPct: 0.2, paused: false } });
});

describe("runAutonomy", () => {
  it("GIVEN a price rule 'auto within 3%, 2 a day' WHEN run THEN the two best eligible changes are approved as pilotage", async () => {
    // WHEN
    const report = await runAutonomy(shop);
    // THEN
    expect(report.approved).toBe(2);
    expect(report.skipped["AUTONOMY.MAX_CHANGE"]).toBe(1);
    expect(report.skipped["AUTONOMY.DAILY_LIMIT"]).toBe(1);
    const decisions = await shop.db.decision.findMany({ where: { automatic: true } });
    expect(decisions.map((d) => d.recommendationId).sort()).toEqual([recIds["small-a"], recIds["small-b"]].sort());
    for (const d of decisions) {
      expect(d.actor).toBe("pilotage");
      expect(d.kind).toBe("price");
    }
    // THEN the reorder (suggest only) and the large change are still pending
    const pending = await shop.db.recommendation.findMany({
      where: { status: "pending", id: { in: Object.values(recIds) } },
    });
    expect(pending.map((r) => r.id).sort()).toEqual([recIds["small-c"], recIds.large, recIds.reorder].sort());
    // THEN one push job for the batch
    expect(await h.prisma.job.count({ where: { shopId: shop.id, type: "price.push" } })).toBe(1);
  });

  it("GIVEN two automatic changes already today WHEN run again THEN none more (the daily cap counts earlier ones)", async () => {
    // WHEN
    const report = await runAutonomy(shop);
    // THEN
    expect(report.approved).toBe(0);
    expect(report.skipped["AUTONOMY.DAILY_LIMIT"]).toBe(1);
    expect(await shop.db.decision.count({ where: { automatic: true } })).toBe(2);
  });

  it("GIVEN the global pause and room in the cap WHEN run THEN nothing is approved", async () => {
    // GIVEN
    await shop.db.autonomyRule.updateMany({ where: { actionType: "price" }, data: { maxPerDay: 10 } });
    await shop.db.shopSettings.updateMany({ data: { paused: true, pausedAt: new Date() } });
    // WHEN
    const report = await runAutonomy(shop);
    // THEN
    expect(report.approved).toBe(0);
    expect(report.skipped).toEqual({ "AUTONOMY.PAUSED": 1 });
    expect(await shop.db.decision.count({ where: { automatic: true } })).toBe(2);
  });

  it("GIVEN the pause lifted WHEN run THEN the remaining eligible change goes, and a re-run applies nothing twice", async () => {
    // GIVEN
    await shop.db.shopSettings.updateMany({ data: { paused: false, pausedAt: null } });
    // WHEN
    const first = await runAutonomy(shop);
    const second = await runAutonomy(shop);
    // THEN
    expect(first.approved).toBe(1);
    expect(second.approved).toBe(0);
    const decisions = await shop.db.decision.findMany({ where: { automatic: true } });
    expect(decisions).toHaveLength(3);
    expect(new Set(decisions.map((d) => d.recommendationId)).size).toBe(3);
  });

  it("GIVEN suggest-only rules WHEN run THEN nothing is read or approved", async () => {
    // GIVEN
    await shop.db.autonomyRule.updateMany({ data: { mode: "suggest" } });
    // WHEN
    const report = await runAutonomy(shop);
    // THEN
    expect(report).toEqual({ approved: 0, skipped: {} });
  });
});
