// The Recommendations table's service: order, keyset pages, filters, totals and the explanation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import {
  decodeCursor,
  explainRecommendation,
  listRecommendations,
  recommendationFilterOptions,
  type RecommendationFilters,
} from "~/services/recommendations.server";
import type { ShopContext } from "~/services/shop.server";
import { dropMigratedDatabase, migratedDatabase, provider, type TestDatabase } from "../db/support";
import { shopWithRecommendations, type RecSpec } from "./support";

let database: TestDatabase;
let db: Db;
let shop: ShopContext;
let ids: string[];

// Deltas in cents with ties (5.37 appears 6 times) so the id tiebreak is exercised across page boundaries.
const SPECS: RecSpec[] = Array.from({ length: 26 }, (_, i) => ({
  kind: i % 3 === 0 ? "reorder" : "price",
  delta: i < 6 ? 5.37 : Math.round((40.13 - i) * 100) / 100,
  vendor: i % 2 === 0 ? "Acme" : "Borel",
  productType: i % 4 < 2 ? "Mugs" : "Plates",
  confidence: (i % 10) / 10,
}));
// Not actionable: a withheld price (no proposal) and a keep (zero change), both pending.
SPECS.push({ kind: "price", delta: 0, vendor: "Acme", productType: "Mugs", confidence: 0.9, proposedPrice: null });
SPECS.push({ kind: "price", delta: 0, vendor: "Acme", productType: "Mugs", confidence: 0.9, proposedPrice: 10 });
const ACTIONABLE = SPECS.length - 2;

beforeAll(async () => {
  ({ database, db } = await migratedDatabase("recs-list"));
  ({ shop, ids } = await shopWithRecommendations(db, "list.myshopify.com", SPECS));
  // A decided row is not listed.
  await db.recommendation.update({ where: { id: ids[25] }, data: { status: "approved" } });
});

afterAll(async () => {
  await dropMigratedDatabase({ database, db });
});

/** Ids the filters should give, in the table's order (delta desc, id asc). */
function expected(filter: (s: RecSpec, i: number) => boolean = () => true): string[] {
  return SPECS.map((s, i) => ({ s, i, id: ids[i] }))
    .filter(({ s, i }) => i < ACTIONABLE && i !== 25 && filter(s, i))
    .sort((a, b) => b.s.delta - a.s.delta || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((x) => x.id);
}

async function walk(filters: RecommendationFilters, pageSize: number) {
  const seen: string[] = [];
  const pages: string[][] = [];
  let after: string | null = null;
  for (let n = 0; n < 50; n++) {
    const page = await listRecommendations(shop, { filters, after, pageSize });
    pages.push(page.rows.map((r) => r.id));
    seen.push(...page.rows.map((r) => r.id));
    if (!page.next) break;
    after = page.next;
  }
  return { seen, pages };
}

describe(`listRecommendations (${provider})`, () => {
  it("GIVEN pending, decided, withheld and keep rows WHEN the first page is listed THEN only actionable pending rows come, by expected profit change then id", async () => {
    // WHEN
    const page = await listRecommendations(shop, { pageSize: 100, withTotals: true });
    // THEN
    expect(page.rows.map((r) => r.id)).toEqual(expected());
    expect(page.next).toBeNull();
    expect(page.previous).toBeNull();
    expect(page.rows[0]).toMatchObject({
      productTitle: "Product 6",
      variantTitle: "Size 6",
      sku: "SKU-6",
      vendor: "Acme",
      expectedProfitDelta: 34.13,
    });
    const sum = SPECS.filter((_, i) => i < ACTIONABLE && i !== 25).reduce((a, s) => a + s.delta, 0);
    expect(page.totals?.count).toBe(expected().length);
    expect(page.totals?.expectedProfitDelta).toBeCloseTo(sum, 6);
  });

  it("GIVEN ties on the sort key WHEN walking pages of 4 forwards THEN every row appears exactly once, in order", async () => {
    // WHEN
    const { seen, pages } = await walk({}, 4);
    // THEN no gap, no duplicate, and pages are full but the last
    expect(seen).toEqual(expected());
    expect(pages.slice(0, -1).every((p) => p.length === 4)).toBe(true);
  });

  it("GIVEN the third page WHEN going back with its previous cursor THEN the second page returns exactly", async () => {
    // GIVEN
    const p1 = await listRecommendations(shop, { pageSize: 4 });
    const p2 = await listRecommendations(shop, { pageSize: 4, after: p1.next });
    const p3 = await listRecommendations(shop, { pageSize: 4, after: p2.next });
    // WHEN
    const back = await listRecommendations(shop, { pageSize: 4, before: p3.previous });
    const first = await listRecommendations(shop, { pageSize: 4, before: back.previous });
    // THEN
    expect(back.rows.map((r) => r.id)).toEqual(p2.rows.map((r) => r.id));
    expect(back.next).toBe(p2.next);
    expect(first.rows.map((r) => r.id)).toEqual(p1.rows.map((r) => r.id));
    expect(first.previous).toBeNull();
  });

  it("GIVEN each filter WHEN walking its pages THEN exactly the matching rows come, with matching totals", async () => {
    const cases: [RecommendationFilters, (s: RecSpec) => boolean][] = [
      [{ kind: "reorder" }, (s) => s.kind === "reorder"],
      [{ kind: "price" }, (s) => s.kind === "price"],
      [{ vendor: "Borel" }, (s) => s.vendor === "Borel"],
      [{ productType: "Plates" }, (s) => s.productType === "Plates"],
      [{ minConfidence: 0.5 }, (s) => s.confidence >= 0.5],
      [{ minImpact: 20.13 }, (s) => s.delta >= 20.13],
      [
        { kind: "price", vendor: "Acme", minImpact: 10 },
        (s) => s.kind === "price" && s.vendor === "Acme" && s.delta >= 10,
      ],
    ];
    for (const [filters, match] of cases) {
      // WHEN
      const { seen } = await walk(filters, 3);
      const totals = (await listRecommendations(shop, { filters, withTotals: true })).totals;
      // THEN
      const want = expected((s) => match(s));
      expect(seen, JSON.stringify(filters)).toEqual(want);
      expect(totals?.count, JSON.stringify(filters)).toBe(want.length);
    }
  });

  it("GIVEN product titles and SKUs WHEN searching in any letter case THEN only the matching rows come, with their totals", async () => {
    const cases: [string, (i: number) => boolean][] = [
      ["sku-1", (i) => String(i).startsWith("1")],
      ["product 7", (i) => i === 7],
      ["  Product 2", (i) => String(i).startsWith("2")],
      ["no such thing", () => false],
    ];
    for (const [search, match] of cases) {
      // WHEN
      const { seen } = await walk({ search }, 4);
      const totals = (await listRecommendations(shop, { filters: { search }, withTotals: true })).totals;
      // THEN
      const want = expected((_, i) => match(i));
      expect(seen, search).toEqual(want);
      expect(totals?.count, search).toBe(want.length);
    }
  });

  it("GIVEN a cursor that this service did not write WHEN listing THEN it is ignored and the first page comes", async () => {
    expect(decodeCursor("not-a-cursor")).toBeNull();
    const page = await listRecommendations(shop, { pageSize: 3, after: "bm90LWEtY3Vyc29y" });
    expect(page.rows.map((r) => r.id)).toEqual(expected().slice(0, 3));
  });

  it("GIVEN pending rows WHEN the filter options are read THEN the distinct vendors and product types come sorted", async () => {
    expect(await recommendationFilterOptions(shop)).toEqual({
      vendors: ["Acme", "Borel"],
      productTypes: ["Mugs", "Plates"],
    });
  });
});

describe(`explainRecommendation (${provider})`, () => {
  it("GIVEN a price row WHEN explained THEN reasons, forecast, elasticity interval, bounds and expected outcomes come", async () => {
    // WHEN
    const e = await explainRecommendation(shop, ids[7]);
    // THEN
    expect(e).toMatchObject({
      kind: "price",
      productTitle: "Product 7",
      currentPrice: 10,
      proposedPrice: 11,
      expectedProfitDelta: 33.13,
    });
    expect(e?.reasons).toEqual([{ code: "PRICING.ELASTICITY", text: "reason 7" }]);
    expect(e?.forecast).toMatchObject({
      model: "ets",
      days: 28,
      meanPerDay: 2,
      total: 56,
      interval: { lowLevel: 0.5, highLevel: 0.95, low: 2, high: 5 },
    });
    expect(e?.elasticity?.estimate).toBe(-1.5);
    expect(e?.elasticity?.low).toBeCloseTo(-1.5 - 1.2816 * 0.2, 6);
    expect(e?.elasticity?.high).toBeCloseTo(-1.5 + 1.2816 * 0.2, 6);
    expect(e?.bounds).toEqual([{ code: "MAX_CHANGE", side: "upper", value: 11, binding: true }]);
    expect(e?.expected?.change.grossProfit).toBe(33.13);
  });

  it("GIVEN a reorder row WHEN explained THEN its terms are the ordering constraints and there is no price outcome", async () => {
    const e = await explainRecommendation(shop, ids[3]);
    expect(e).toMatchObject({ kind: "reorder", proposedQuantity: 24, expected: null, elasticity: null, bounds: [] });
    expect(e?.terms).toEqual({ moq: 12, casePack: 6, leadTimeDays: null, leadTimeSdDays: null, serviceLevel: null });
  });

  it("GIVEN an unknown id WHEN explained THEN null", async () => {
    expect(await explainRecommendation(shop, "nope")).toBeNull();
  });
});
