// The theme block's Liquid, rendered as Shopify would (liquidjs with the extension's snippets and locales):
// each state's text in both languages, the block's thresholds, and silence for missing or expired facts.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { blockContext, DEFAULT_BLOCK_SETTINGS, extensionEngine, type DemoVariant } from "~/demo/storefront.server";

const ROOT = path.resolve(__dirname, "../../..");
const FUTURE = Math.floor(Date.now() / 1000) + 86_400;
const facts = (over: Record<string, unknown>) => ({
  variant: "1",
  state: "in_stock",
  tracked: true,
  sold_out: false,
  confident: true,
  cover_days: 50,
  units: null,
  date: null,
  ships_by: null,
  expires_at: FUTURE,
  ...over,
});

async function render(
  f: unknown,
  locale: "en" | "fr" = "en",
  settings: Record<string, unknown> = {},
  variant: Partial<DemoVariant> = {},
) {
  const engine = extensionEngine(ROOT, locale);
  const ctx = blockContext(
    { id: "9", title: "P", variants: [{ id: "1", title: "V", price: "1", facts: f, ...variant }] },
    "1",
    { ...DEFAULT_BLOCK_SETTINGS, ...settings },
  );
  const html = await engine.parseAndRender('{% render "availability-signal", product: product, block: block %}', ctx);
  return /pilotage-availability__text">([^<]*)</.exec(html)?.[1].trim() ?? "";
}

describe("theme block Liquid", () => {
  it("renders every state in English and French", async () => {
    // GIVEN facts for each state WHEN the block renders THEN the shopper reads the matching sentence
    expect(await render(facts({}))).toBe("In stock");
    expect(await render(facts({}), "fr")).toBe("En stock");
    expect(await render(facts({ cover_days: 3, units: 4 }))).toBe("Only 4 left");
    expect(await render(facts({ cover_days: 3, units: 4 }), "fr")).toBe("Plus que 4 en stock");
    expect(await render(facts({ cover_days: 12 }))).toBe("Selling fast");
    expect(await render(facts({ cover_days: 12 }), "fr")).toBe("Part vite");
    expect(await render(facts({ sold_out: true, state: "back_soon", date: "2026-12-12", cover_days: 0 }))).toBe(
      "Back in stock around Dec 12",
    );
    expect(await render(facts({ sold_out: true, state: "back_soon", date: "2026-12-12", cover_days: 0 }), "fr")).toBe(
      "De retour vers le 12/12",
    );
    expect(await render(facts({ sold_out: true, state: "sold_out", cover_days: 0 }))).toBe("Sold out");
    expect(await render(facts({ sold_out: true, state: "sold_out", cover_days: 0 }), "fr")).toBe("Épuisé");
    expect(
      await render(facts({ sold_out: true, state: "sold_out", cover_days: 0 }), "en", { show_back_in_stock: false }),
    ).toBe("");
  });

  it("applies the block's thresholds and its choice of exact counts", async () => {
    // GIVEN 10 days of cover: selling fast by default, low stock when the merchant's threshold is 14 days
    expect(await render(facts({ cover_days: 10, units: 9 }))).toBe("Selling fast");
    expect(await render(facts({ cover_days: 10, units: 9 }), "en", { low_stock_days: 14 })).toBe("Only 9 left");
    expect(await render(facts({ cover_days: 3, units: 2 }), "en", { show_exact_count: false })).toBe("Only a few left");
    // AND switching a signal off falls through to the next one
    expect(await render(facts({ cover_days: 12 }), "en", { show_selling_fast: false })).toBe("In stock");
  });

  it("promises a ships-by date only when the merchant enables it: in stock, or on backorder until the restock", async () => {
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(5, 10).split("-").reverse().join("/");
    expect(await render(facts({}), "fr", { show_ships_by: true, handling_days: 2 })).toBe(
      `Expédié d'ici le ${inTwoDays}`,
    );
    const soldOut = facts({ sold_out: true, state: "back_soon", date: "2026-12-12", cover_days: 0 });
    expect(
      await render(soldOut, "en", { show_ships_by: true, handling_days: 3 }, { inventoryPolicy: "continue" }),
    ).toBe("Ships by Dec 15");
    expect(await render(soldOut, "en", { show_ships_by: true, handling_days: 3 }, { inventoryPolicy: "deny" })).toBe(
      "Back in stock around Dec 12",
    );
  });

  it("says nothing for missing, neutral or expired facts", async () => {
    expect(await render(null)).toBe("");
    expect(await render(facts({ state: "none" }))).toBe("");
    expect(await render(facts({ expires_at: Math.floor(Date.now() / 1000) - 10 }))).toBe("");
    expect(await render(facts({ sold_out: true, state: "none", cover_days: 0 }))).toBe("");
  });
});
