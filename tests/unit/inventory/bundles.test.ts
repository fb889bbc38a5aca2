// Bundles and kits: validation of the component graph, explosion of bundle demand through nested quantities,
// availability from the scarcest component, and how bundles enter the decision chain and the storefront signal.
import { describe, expect, it } from "vitest";
import { addBundleDemand, bundleDecision, bundleFacts } from "~/core/decisions/bundles";
import {
  decideVariant,
  feesFrom,
  guardrailsFrom,
  toDailySeries,
  type DecisionSettings,
  DEFAULT_SHOP_SETTINGS,
  type ShopContext,
  type StoredShopSettings,
  type VariantFacts,
} from "~/core/decisions/index";
import { buildPoolProfiles } from "~/core/forecast/index";
import {
  buildBundleGraph,
  bundleAvailability,
  bundlesContaining,
  explodeBundle,
  explodeBundleSales,
  type BundleGraph,
  type BundleLink,
} from "~/core/inventory/bundles";
import { estimateElasticities, toPriceHistory } from "~/core/pricing/index";
import { availabilitySignal, type SignalInput } from "~/core/signals/availability";
import { bundleSignalInput } from "~/core/signals/bundles";

const KNOWN = new Set(["box", "mini", "tea", "cup", "choc", "spoon"]);
// A gift box: 2 mini-boxes (each 2 teas + 1 spoon), 2 cups, 3 chocolates.
const LINKS: BundleLink[] = [
  { bundleId: "box", componentId: "mini", quantity: 2 },
  { bundleId: "box", componentId: "cup", quantity: 2 },
  { bundleId: "box", componentId: "choc", quantity: 3 },
  { bundleId: "mini", componentId: "tea", quantity: 2 },
  { bundleId: "mini", componentId: "spoon", quantity: 1 },
];

function graph(links: BundleLink[] = LINKS): BundleGraph {
  const built = buildBundleGraph(links, KNOWN);
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}

describe("bundle graph", () => {
  it("GIVEN a bundle whose component is unknown WHEN the graph is built THEN BUNDLES.COMPONENT_UNKNOWN names the bundle and the component", () => {
    // GIVEN a component that is no known variant
    const links = [...LINKS, { bundleId: "box", componentId: "ghost", quantity: 1 }];
    // WHEN
    const built = buildBundleGraph(links, KNOWN);
    // THEN
    expect(built.ok).toBe(false);
    expect(!built.ok && built.error).toMatchObject({
      code: "BUNDLES.COMPONENT_UNKNOWN",
      bundleId: "box",
      componentId: "ghost",
    });
    expect(!built.ok && built.error.message).toContain("ghost");
  });

  it("GIVEN bundles containing each other WHEN the graph is built THEN BUNDLES.CYCLE gives the cycle", () => {
    // GIVEN box -> mini -> box
    const links = [...LINKS, { bundleId: "mini", componentId: "box", quantity: 1 }];
    // WHEN
    const built = buildBundleGraph(links, KNOWN);
    // THEN
    expect(!built.ok && built.error.code).toBe("BUNDLES.CYCLE");
    expect(!built.ok && built.error.cycle).toEqual(["box", "mini", "box"]);
  });

  it("GIVEN a zero or fractional quantity WHEN the graph is built THEN BUNDLES.QUANTITY_INVALID", () => {
    // GIVEN / WHEN
    const zero = buildBundleGraph([{ bundleId: "box", componentId: "cup", quantity: 0 }], KNOWN);
    const half = buildBundleGraph([{ bundleId: "box", componentId: "cup", quantity: 1.5 }], KNOWN);
    // THEN
    expect(!zero.ok && zero.error.code).toBe("BUNDLES.QUANTITY_INVALID");
    expect(!half.ok && half.error.code).toBe("BUNDLES.QUANTITY_INVALID");
  });
});

describe("bundle demand", () => {
  it("GIVEN a bundle with a nested bundle WHEN exploded THEN quantities multiply down to the leaf components", () => {
    // GIVEN the gift box / WHEN
    const leaves = explodeBundle(graph(), "box");
    // THEN 2 x 2 teas, 2 x 1 spoon, 2 cups, 3 chocolates; the nested mini-box holds no stock of its own
    expect(Object.fromEntries(leaves)).toEqual({ tea: 4, spoon: 2, cup: 2, choc: 3 });
  });

  it("GIVEN daily sales of bundles and of components WHEN exploded THEN each component gets units x exploded quantity, own sales left out", () => {
    // GIVEN 4 gift boxes and 1 mini-box on one day, 2 boxes the next, and 5 cups sold on their own
    const sales = [
      { variantId: "box", day: "2026-11-01", units: 4 },
      { variantId: "mini", day: "2026-11-01", units: 1 },
      { variantId: "box", day: "2026-11-02", units: 2 },
      { variantId: "cup", day: "2026-11-01", units: 5 },
    ];
    // WHEN
    const demand = explodeBundleSales(graph(), sales);
    // THEN
    expect(demand).toEqual([
      { variantId: "choc", day: "2026-11-01", units: 12 },
      { variantId: "choc", day: "2026-11-02", units: 6 },
      { variantId: "cup", day: "2026-11-01", units: 8 },
      { variantId: "cup", day: "2026-11-02", units: 4 },
      { variantId: "spoon", day: "2026-11-01", units: 9 },
      { variantId: "spoon", day: "2026-11-02", units: 4 },
      { variantId: "tea", day: "2026-11-01", units: 18 },
      { variantId: "tea", day: "2026-11-02", units: 8 },
    ]);
  });

  it("GIVEN a component's own series and its demand via bundles WHEN combined THEN units add on the same days", () => {
    // GIVEN 3 own units a day over 3 days, and 4 via bundles on the second day
    const own = toDailySeries({
      id: "cup",
      start: "2026-11-01",
      end: "2026-11-03",
      sales: ["2026-11-01", "2026-11-02", "2026-11-03"].map((day) => ({ day, units: 3, avgPrice: 10 })),
      snapshots: [],
    });
    // WHEN
    const combined = addBundleDemand(own, [
      { day: "2026-11-02", units: 4 },
      { day: "2027-01-01", units: 9 },
    ]);
    // THEN
    expect(combined.units).toEqual([3, 7, 3]);
    expect(own.units).toEqual([3, 3, 3]);
  });

  it("GIVEN a component WHEN the bundles containing it are asked THEN nested parents come too", () => {
    expect([...bundlesContaining(graph(), ["tea"])].sort()).toEqual(["box", "mini"]);
    expect([...bundlesContaining(graph(), ["cup"])]).toEqual(["box"]);
  });
});

const signalInput = (over: Partial<SignalInput>): SignalInput => ({
  today: "2026-11-26",
  tracked: true,
  available: 0,
  dailyDemand: 1,
  forecastConfident: true,
  inventoryUpdatedAt: "2026-11-26T08:00:00Z",
  now: "2026-11-26T12:00:00Z",
  restockDate: null,
  continueSelling: false,
  handlingDays: null,
  ...over,
});

describe("bundle availability", () => {
  it("GIVEN components' stock WHEN the bundle's availability is computed THEN it is the min over components of floor(available / quantity)", () => {
    // GIVEN 21 teas (5 boxes), 10 spoons (5 boxes), 7 cups (3 boxes), 30 chocolates (10 boxes)
    const stock: Record<string, number> = { tea: 21, spoon: 10, cup: 7, choc: 30 };
    // WHEN
    const a = bundleAvailability(graph(), "box", (id) => stock[id]);
    // THEN
    expect(a.available).toBe(3);
    expect(a.limitedBy).toBe("cup");
  });

  it("GIVEN a component out of stock WHEN the storefront signal is computed THEN the bundle is shown unavailable", () => {
    // GIVEN plenty of everything but chocolates, and the bundle itself reporting stock (no level of its own counts)
    const stock: Record<string, number> = { tea: 50, spoon: 50, cup: 50, choc: 0 };
    const input = signalInput({ available: 40 });
    // WHEN
    const bundleInput = bundleSignalInput("box", input, graph(), (id) => ({
      available: stock[id],
      restockDate: null,
      tracked: true,
    }));
    const signal = availabilitySignal(bundleInput);
    // THEN
    expect(bundleInput.available).toBe(0);
    expect(signal.state).toBe("sold_out");
  });

  it("GIVEN short components with restock dates WHEN the signal is computed THEN the bundle is back when its last short component is", () => {
    // GIVEN cups back on 2026-12-01 and chocolates on 2026-12-05
    const stock: Record<string, { available: number; restockDate: string | null }> = {
      tea: { available: 50, restockDate: null },
      spoon: { available: 50, restockDate: null },
      cup: { available: 1, restockDate: "2026-12-01" },
      choc: { available: 0, restockDate: "2026-12-05" },
    };
    const input = signalInput({ available: 0 });
    // WHEN
    const signal = availabilitySignal(
      bundleSignalInput("box", input, graph(), (id) => ({ ...stock[id], tracked: true })),
    );
    // THEN
    expect(signal).toMatchObject({ state: "back_soon", date: "2026-12-05" });
  });
});

const STORED: StoredShopSettings = DEFAULT_SHOP_SETTINGS;

describe("bundles in the decision chain", () => {
  const settings: DecisionSettings = {
    horizon: 28,
    serviceLevel: 0.95,
    reviewPeriodDays: 7,
    targetCoverDays: 30,
    holdingCostPct: 0.2,
    sellThroughDays: 180,
    guardrails: guardrailsFrom(STORED),
    fees: feesFrom(STORED),
    clvWeight: 0,
  };
  const series = (id: string, perDay: number) =>
    toDailySeries({
      id,
      group: "Gifts",
      start: "2026-01-01",
      end: "2026-04-30",
      sales: Array.from({ length: 120 }, (_, i) => ({
        day: new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
        units: perDay + (i % 3),
        avgPrice: i < 60 ? 40 : 36,
      })),
      snapshots: [],
    });
  const all = [series("box", 2), series("cup", 3)];
  const ctx: ShopContext = {
    pool: buildPoolProfiles(all),
    elasticities: estimateElasticities(
      all.map((s) => toPriceHistory(s, "p")),
      { horizon: 28 },
    ),
    customers: null,
    asOf: "2026-04-30",
  };
  const facts = (s: (typeof all)[number], over: Partial<VariantFacts> = {}): VariantFacts => ({
    id: s.id,
    productId: "p",
    series: s,
    price: 36,
    compareAtPrice: null,
    unitCost: 12,
    stock: { onHand: 2, committed: 0, incoming: 0 },
    leadTime: { meanDays: 14, sdDays: 3 },
    moq: 1,
    casePack: 1,
    lastPriceChange: "2026-03-01",
    ...over,
  });
  const box = buildBundleGraph([{ bundleId: "box", componentId: "cup", quantity: 2 }], new Set(["box", "cup"]));
  const g = box.ok ? box.value : (undefined as never);

  it("GIVEN a bundle and its component both short of stock WHEN decided THEN replenishment orders the component, not the bundle", () => {
    // GIVEN 2 cups for a box needing 2 (1 box), demand of a few a day for both
    const componentOf = (id: string) => (id === "cup" ? { available: 2, unitCost: 5 } : undefined);
    // WHEN
    const bundle = bundleDecision(
      decideVariant(
        bundleFacts(
          facts(all[0], { unitCost: null, stock: { onHand: 40, committed: 0, incoming: 0 } }),
          g,
          componentOf,
        ),
        ctx,
        settings,
      ),
    );
    const component = decideVariant(facts(all[1]), ctx, settings);
    // THEN
    expect(bundle.replenishment).toBeNull();
    expect(bundle.locations).toBeNull();
    expect(component.replenishment?.ok && component.replenishment.plan.suggestedOrderQty.value).toBeGreaterThan(0);
  });

  it("GIVEN a bundle without its own cost or stock WHEN its facts are built THEN its stock is what its components allow and its cost theirs", () => {
    // GIVEN 7 cups (3 boxes) at 5 each
    const componentOf = (id: string) => (id === "cup" ? { available: 7, unitCost: 5 } : undefined);
    // WHEN
    const f = bundleFacts(facts(all[0], { unitCost: null, stock: null }), g, componentOf);
    // THEN
    expect(f.stock).toEqual({ onHand: 3, committed: 0, incoming: 0 });
    expect(f.unitCost).toBe(10);
  });

  it("GIVEN the components' stock WHEN the bundle's price is recommended THEN it sees the stock its components allow", () => {
    // GIVEN the same bundle with 200 cups (100 boxes) against 2 cups (1 box)
    const plenty = bundleFacts(facts(all[0]), g, () => ({ available: 200, unitCost: 5 }));
    const scarce = bundleFacts(facts(all[0]), g, () => ({ available: 2, unitCost: 5 }));
    // WHEN
    const a = decideVariant(plenty, ctx, settings).price;
    const b = decideVariant(scarce, ctx, settings).price;
    // THEN the recommendation's stock situation differs with the components' stock
    expect(JSON.stringify(a.situation)).not.toEqual(JSON.stringify(b.situation));
  });
});
