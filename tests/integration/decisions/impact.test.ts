// impactSummary on a small seeded shop with executed price decisions inserted directly.
import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "~/core/days";
import type { ImpactMeasured } from "~/core/decisions/impact";
import type { ShopContext } from "~/services/shop.server";
import { impactHarness } from "./support-autonomy";

let h: Awaited<ReturnType<typeof impactHarness>>;
let shop: ShopContext;
let impactSummary: typeof import("~/decisions/impact.server").impactSummary;
let asOf: string;
let treatedId: string;
let oldDecision: string;
let recentDecision: string;

const noon = (day: string) => new Date(`${day}T12:00:00Z`);

async function insertDecision(variantId: string, day: string, key: string): Promise<string> {
  const expectedImpact = JSON.stringify({
    expected: {
      current: { units: 28, revenue: 560, grossProfit: 280 },
      recommended: { units: 56, revenue: 1120, grossProfit: 560 },
    },
  });
  const d = await shop.db.decision.create({
    data: {
      shopId: shop.id,
      idempotencyKey: key,
      variantId,
      kind: "price",
      actor: "merchant",
      before: JSON.stringify({ price: 20, compareAtPrice: null }),
      after: JSON.stringify({ price: 19, compareAtPrice: null }),
      expectedImpact,
      pushStatus: "verified",
      pushedAt: noon(day),
      verifiedAt: noon(day),
      createdAt: noon(day),
    },
  });
  return d.id;
}

beforeAll(async () => {
  h = await impactHarness();
  ({ impactSummary } = await import("~/decisions/impact.server"));
  shop = await h.seedShop(31, "impact.myshopify.com");
  asOf = (await shop.db.dailySales.aggregate({ _max: { day: true } }))._max.day!;
  // GIVEN the variant with the most comparable peers (same product type) is changed 40 days ago ...
  const variants = await shop.db.variant.findMany({ select: { id: true, productType: true } });
  const byType = new Map<string, string[]>();
  for (const v of variants) byType.set(v.productType ?? "", [...(byType.get(v.productType ?? "") ?? []), v.id]);
  const biggest = [...byType.values()].sort((a, b) => b.length - a.length)[0];
  treatedId = biggest[0];
  // ... whose peers kept their prices (the simulator's promotions removed, the opening price kept)
  const start = (await shop.db.dailySales.aggregate({ _min: { day: true } }))._min.day!;
  await shop.db.priceHistory.deleteMany({ where: { variantId: { in: biggest }, effectiveAt: { gt: noon(start) } } });
  oldDecision = await insertDecision(treatedId, addDays(asOf, -40), "old");
  // ... and another variant 5 days ago (too recent to measure)
  recentDecision = await insertDecision(biggest[1], addDays(asOf, -5), "recent");
});

describe("impactSummary", () => {
  it("GIVEN a change 40 days ago WHEN summarised THEN it is measured against unchanged comparable variants", async () => {
    // WHEN
    const s = await impactSummary(shop);
    // THEN
    expect(s.asOf).toBe(asOf);
    const row = s.decisions.find((d) => d.decisionId === oldDecision)!;
    expect(row.result.status).toBe("MEASURED");
    const m = row.result as ImpactMeasured;
    expect(m.controlIds.length).toBeGreaterThanOrEqual(3);
    expect(m.controlIds).not.toContain(treatedId);
    expect(m.postDays).toBe(28);
    expect(m.effect.units.low).toBeLessThanOrEqual(m.effect.units.perDay);
    expect(m.effect.units.high).toBeGreaterThanOrEqual(m.effect.units.perDay);
    // THEN the expected +1 unit a day (28 over a 28-day horizon) is compared
    expect(m.expectedPerDay).toEqual({ units: 1, revenue: 20, grossProfit: 10 });
    // THEN no control had a price change in the window
    const windowStart = new Date(`${addDays(m.changeDay, -28)}T00:00:00Z`);
    const changed = await shop.db.priceHistory.count({
      where: { variantId: { in: m.controlIds }, effectiveAt: { gte: windowStart } },
    });
    expect(changed).toBe(0);
    expect(row.priceBefore).toBe(20);
    expect(row.priceAfter).toBe(19);
  });

  it("GIVEN a change 5 days ago WHEN summarised THEN it says not enough data, naming the days after", async () => {
    // WHEN
    const s = await impactSummary(shop);
    // THEN
    const row = s.decisions.find((d) => d.decisionId === recentDecision)!;
    expect(row.result.status).toBe("INSUFFICIENT_DATA");
    expect(row.result).toMatchObject({
      missing: expect.arrayContaining([{ code: "IMPACT.DAYS_AFTER", have: 6, need: 14 }]),
    });
    expect(s.totals).toMatchObject({ decisions: 2, measured: 1, insufficient: 1 });
  });

  it("GIVEN 5 more units a day sold by the changed variant after the change WHEN summarised THEN the measured effect grows by exactly 5", async () => {
    // GIVEN
    const before = (await impactSummary(shop)).decisions.find((d) => d.decisionId === oldDecision)!
      .result as ImpactMeasured;
    for (let i = 0; i < 28; i++) {
      const day = addDays(before.changeDay, i);
      const row = await shop.db.dailySales.findFirst({ where: { variantId: treatedId, day } });
      if (row) await shop.db.dailySales.update({ where: { id: row.id }, data: { units: row.units + 5 } });
      else await shop.db.dailySales.create({ data: { shopId: shop.id, variantId: treatedId, day, units: 5 } });
    }
    // WHEN
    const after = (await impactSummary(shop)).decisions.find((d) => d.decisionId === oldDecision)!
      .result as ImpactMeasured;
    // THEN
    expect(after.effect.units.perDay - before.effect.units.perDay).toBeCloseTo(5, 9);
  });

  it("GIVEN a rollback 20 days after the change WHEN summarised THEN the 20 days before it are measured", async () => {
    // GIVEN
    await shop.db.decision.update({ where: { id: oldDecision }, data: { rolledBackAt: noon(addDays(asOf, -20)) } });
    // WHEN
    const s = await impactSummary(shop);
    // THEN
    const row = s.decisions.find((d) => d.decisionId === oldDecision)!;
    expect(row.result).toMatchObject({ status: "MEASURED", postDays: 20 });
  });

  it("GIVEN a rollback 3 days after the change WHEN summarised THEN it can never be measured and leaves the waiting list", async () => {
    // GIVEN
    await shop.db.decision.update({ where: { id: oldDecision }, data: { rolledBackAt: noon(addDays(asOf, -37)) } });
    // WHEN
    const s = await impactSummary(shop);
    // THEN it is not listed; the recent one still waits, with the change it is expected to bring per day
    expect(s.decisions.find((d) => d.decisionId === oldDecision)).toBeUndefined();
    expect(s.totals).toMatchObject({ decisions: 1, measured: 0, insufficient: 1 });
    expect(s.decisions[0].expectedPerDay).toEqual({ units: 1, revenue: 20, grossProfit: 10 });
  });

  it("GIVEN a later price change of the same variant 5 days after WHEN summarised THEN the window ends before it: never measurable, not listed", async () => {
    // GIVEN
    await shop.db.decision.update({ where: { id: oldDecision }, data: { rolledBackAt: null } });
    await shop.db.priceHistory.create({
      data: {
        shopId: shop.id,
        variantId: treatedId,
        effectiveAt: noon(addDays(asOf, -35)),
        price: 21,
        source: "webhook",
      },
    });
    // WHEN
    const s = await impactSummary(shop);
    // THEN
    expect(s.decisions.find((d) => d.decisionId === oldDecision)).toBeUndefined();
  });
});
