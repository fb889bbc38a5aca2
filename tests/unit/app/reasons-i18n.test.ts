// The engines' coded reasons rendered in the admin's language (app/i18n/reasons.ts).
import { describe, expect, it } from "vitest";
import { translator, type Locale } from "~/i18n";
import { headline, renderBound, renderReason, renderRefusal, type Params } from "~/i18n/reasons";
import { REASON_CODES, recommendPrice } from "~/core/pricing";
import { INVENTORY_FIGURE_CODES } from "~/core/inventory/types";
import { planReplenishment } from "~/core/inventory";
import { pricingInput, variantElasticity } from "../pricing/helpers";
import { flatForecast } from "../inventory/make-forecast";

const speaker = (locale: Locale) => ({ t: translator(locale), locale, currency: "EUR" });
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

/** Typical params of every code, as the engines write them. */
const SAMPLES: Record<string, Params> = {
  "PRICING.UNIT_COST_MISSING": {},
  "PRICING.PRICE_INVALID": { price: -1 },
  "PRICING.COST_INVALID": { unitCost: -2 },
  "PRICING.DATE_INVALID": { field: "asOf", value: "01/05/2025" },
  "PRICING.ELASTICITY_INVALID": { elasticity: null, se: 1 },
  "PRICING.COST_ABOVE_PRICE": { unitCost: 21, price: 20 },
  "PRICING.BELOW_MIN_MARGIN": { margin: 0.12, minimum: 0.2 },
  "PRICING.OUTSIDE_GUARDRAILS": { rules: "MIN_MARGIN,MAX_CHANGE", low: 10, high: 12.5, price: 11.99, cost: 3.25 },
  "PRICING.GUARDRAILS_INFEASIBLE": { low: 26.25, high: 22, lowerBounds: "MIN_MARGIN", upperBounds: "MAX_CHANGE" },
  "PRICING.PRICE_NEVER_VARIED": { source: "group" },
  "PRICING.ELASTICITY": {
    elasticity: -3.01,
    se: 0.27,
    source: "product",
    ownElasticity: -2.5,
    pricePoints: 4,
    days: 300,
  },
  "PRICING.INELASTIC": { elasticity: -0.6 },
  "PRICING.LOW_CONFIDENCE": { price: 21.99, probability: 0.61, threshold: 0.75 },
  "PRICING.GAIN_TOO_SMALL": { gain: 0.4, threshold: 0.005, price: 20.99 },
  "PRICING.NO_DEMAND": {},
  "PRICING.SEASON": { ratio: 1.25 },
  "PRICING.TREND": { per28Days: -0.04 },
  "PRICING.PROFIT_MOVE": { from: 19.9, to: 20.99, gain: 12.5, probability: 0.93, windowDays: 28 },
  "PRICING.NO_BETTER_PRICE": { price: 19.9 },
  "PRICING.STOCK_SCARCE": { stock: 50, daysOfStock: 10, restockDays: 49, windowDays: 49 },
  "PRICING.STOCK_EXCESS": { stock: 300, demand: 90, sellThroughDays: 90, unitsLeft: 210, leftValue: 1680 },
  "PRICING.STOCK_TRADEOFF": {
    windowDays: 90,
    price: 17.99,
    keepProfit: 100,
    keepGrossProfit: 1200,
    keepUnitsLeft: 210,
    keepLeftValue: 1680,
    keepHoldingCost: 80,
    newProfit: 450,
    newGrossProfit: 900,
    newUnitsLeft: 120,
    newLeftValue: 960,
    newHoldingCost: 60,
  },
  "PRICING.KEEP_STOCK": {
    windowDays: 90,
    price: 17.99,
    keepProfit: 100,
    keepGrossProfit: 1200,
    keepUnitsLeft: 210,
    keepLeftValue: 1680,
    keepHoldingCost: 80,
    newProfit: 90,
    newGrossProfit: 900,
    newUnitsLeft: 120,
    newLeftValue: 960,
    newHoldingCost: 60,
  },
  "PRICING.MARGIN": { price: 20.99, margin: 0.619, unitMargin: 11.74 },
  "PRICING.CUSTOMER_VALUE": { acquisitionShare: 0.12, valuePerCustomer: 35, weight: 0.5, perUnit: 0.84 },
  "PRICING.COOLDOWN": { lastChange: "2025-05-25", until: "2025-06-08", days: 14 },
  "PRICING.ROUNDING_NO_FEASIBLE_PRICE": { rounding: "0.99", low: 20.1, high: 20.5 },
  "PRICING.OVERSOLD": { unitsOwed: 3 },
  "INVENTORY.POSITION": { units: 24, onHand: 20, reserved: 1, incoming: 5 },
  "INVENTORY.SAFETY_STOCK": { units: 9.6, serviceLevel: 0.95 },
  "INVENTORY.REORDER_POINT": { units: 30, leadDays: 10, safety: 9.6 },
  "INVENTORY.ORDER_UP_TO": { units: 44, protectionDays: 17, leadDays: 10, reviewDays: 7, serviceLevel: 0.95 },
  "INVENTORY.ORDER": { quantity: 14, position: 30, target: 44, moq: 1, casePack: 1 },
  "INVENTORY.ORDER_ROUNDED": { quantity: 24, position: 30, target: 44, moq: 12, casePack: 12 },
  "INVENTORY.NO_ORDER": { position: 50, target: 44 },
  "INVENTORY.STOCKOUT_DATE": { date: "2025-11-08", incoming: 12 },
  "INVENTORY.STOCKOUT_NO_DEMAND": {},
  "INVENTORY.STOCKOUT_BEYOND": { days: 365 },
  "INVENTORY.COVER": { days: 4.5, incoming: 0 },
  "INVENTORY.COVER_NO_DEMAND": {},
  "INVENTORY.COVER_BEYOND": { days: 365 },
  "INVENTORY.STOCKOUT_RISK": { risk: 0.76 },
  "INVENTORY.STOCKOUT_RISK_UNKNOWN": {},
  "INVENTORY.LOST_SALES": { units: 4.91, leadDays: 6 },
  "INVENTORY.NO_LOST_SALES": { leadDays: 6 },
  "INVENTORY.MARGIN_AT_RISK": { amount: 45.2, lostUnits: 4.9 },
  "INVENTORY.REVENUE_AT_RISK": { amount: 97.5, lostUnits: 4.9 },
  "INVENTORY.OVERSTOCK": { units: 12.5, coverDays: 30 },
  "INVENTORY.NO_OVERSTOCK": { coverDays: 30 },
  "INVENTORY.OVERSTOCK_CAPITAL": { amount: 377.4, coverDays: 30 },
  "INVENTORY.CAPITAL_UNKNOWN": {},
};

/** English words of the engines' own texts: none may reach a French page. */
const ENGLISH =
  /(?<!\p{L})(the|price|units?|days?|profit|margin|elasticity|below|above|order|sales|lower|upper|binding|bound|with|from)(?!\p{L})/iu;

describe("coded reasons in the admin's language", () => {
  it("GIVEN every pricing and inventory code WHEN rendered THEN each has its own sentence in English and in French", () => {
    // GIVEN the published codes (the samples must cover them all)
    const codes = [...REASON_CODES, ...INVENTORY_FIGURE_CODES];
    expect(codes.filter((c) => !(c in SAMPLES))).toEqual([]);
    for (const code of codes) {
      // WHEN rendered in both languages
      const en = renderReason(speaker("en"), { code, params: SAMPLES[code], text: "ENGINE TEXT" });
      const fr = renderReason(speaker("fr"), { code, params: SAMPLES[code], text: "ENGINE TEXT" });
      // THEN no placeholder is left, neither falls back to the engine's text or the unknown-code sentence, and French is French
      for (const text of [en, fr]) {
        expect(text, code).not.toMatch(/[{}]|ENGINE TEXT|code /);
        expect(text, code).not.toMatch(/NaN|undefined|—/);
      }
      expect(plain(fr), code).not.toMatch(ENGLISH);
    }
  });

  it("GIVEN a reason with money, shares and a date WHEN rendered in French THEN it uses French decimals, currency, spacing and dates", () => {
    const s = speaker("fr");
    // WHEN
    const move = plain(renderReason(s, { code: "PRICING.PROFIT_MOVE", params: SAMPLES["PRICING.PROFIT_MOVE"] }));
    const stockout = plain(
      renderReason(s, { code: "INVENTORY.STOCKOUT_DATE", params: { date: "2025-11-08", incoming: 1 } }),
    );
    const lost = plain(renderReason(s, { code: "INVENTORY.LOST_SALES", params: { units: 4.91, leadDays: 1 } }));
    // THEN
    expect(move).toBe(
      "Passer de 19,90 € à 20,99 € devrait rapporter environ 12,50 € de marge en plus sur 28 jours (93 % de chances que ce soit rentable).",
    );
    expect(stockout).toBe(
      "Au rythme de ventes attendu, vous serez en rupture le 8 nov. 2025, en comptant l'unité en route.",
    );
    expect(lost).toContain("4,9 unités");
    expect(lost).toContain("dans 1 jour.");
  });

  it("GIVEN one unit WHEN rendered THEN the plural rules give the singular (never '1 prices')", () => {
    expect(renderReason(speaker("en"), { code: "PRICING.OVERSOLD", params: { unitsOwed: 1 } })).toMatch(
      /^1 unit is sold/,
    );
    expect(renderReason(speaker("en"), { code: "PRICING.OVERSOLD", params: { unitsOwed: 2 } })).toMatch(
      /^2 units are sold/,
    );
    expect(renderReason(speaker("fr"), { code: "PRICING.OVERSOLD", params: { unitsOwed: 1 } })).toMatch(
      /^1 unité est vendue/,
    );
  });

  it("GIVEN an unknown code WHEN rendered THEN English shows the engine's text and French a neutral sentence, never English", () => {
    expect(renderReason(speaker("en"), { code: "X.NEW", text: "Engine words." })).toBe("Engine words.");
    expect(renderReason(speaker("fr"), { code: "X.NEW", text: "Engine words." })).toBe("Autre raison (code X.NEW).");
  });

  it("GIVEN a guardrail bound and a refused price WHEN rendered THEN they name the rule in words, with money", () => {
    // GIVEN the bound of the issue ("MAX_CHANGE (upper): 91.19 · binding") and a refusal ("price 1.00 is below the MAX_CHANGE bound 12.51")
    const bound = plain(renderBound(speaker("fr"), { code: "MAX_CHANGE", side: "upper", value: 91.19, binding: true }));
    const refusal = plain(
      renderRefusal(speaker("fr"), { problem: "BOUND", bound: "MAX_CHANGE", side: "lower", limit: 12.51, price: 1 }) ??
        "",
    );
    // THEN
    expect(bound).toBe("Variation maximale par décision : au plus 91,19 € (fixe ce prix)");
    expect(refusal).toBe(
      "1,00 € est sous le prix le plus bas que vos limites autorisent ici (12,51 € : Variation maximale par décision).",
    );
    expect(renderRefusal(speaker("en"), { problem: "QUANTITY", max: 1_000_000 })).toBe(
      "Enter a whole number of units between 1 and 1,000,000.",
    );
  });
});

describe("the plain sentence that leads a suggestion", () => {
  it("GIVEN a price-sensitive variant whose price goes down WHEN summarised THEN it says so in one sentence", () => {
    // GIVEN elasticity -3.01 and a lower price
    const h = headline(speaker("en"), {
      kind: "price",
      action: "lower",
      currentPrice: 20,
      proposedPrice: 18.99,
      expectedProfitDelta: 42.3,
      windowDays: 28,
      elasticity: -3.01,
      reasons: [],
    });
    // THEN
    expect(h).toBe(
      "Customers here are price-sensitive: a 1% higher price loses about 3% of sales. A lower price, $18.99, should win enough sales to earn about $42.30 more over 28 days."
        .replace(/\$18\.99/, "€18.99")
        .replace(/\$42\.30/, "€42.30"),
    );
  });

  it("GIVEN engine recommendations (raise, withheld, oversold) WHEN summarised in French THEN each sentence is French and names the decisive reason", () => {
    const s = speaker("fr");
    const cases = [
      recommendPrice(pricingInput({ elasticity: variantElasticity(-0.5) })),
      recommendPrice(pricingInput({ unitCost: null })),
      recommendPrice(
        pricingInput({ elasticity: variantElasticity(-0.5), stock: { onHand: -2, nextRestock: "2025-06-11" } }),
      ),
      recommendPrice(pricingInput({ unitCost: 5, stock: { onHand: 50, nextRestock: "2025-07-20" } })),
    ];
    const lines = cases.map((r) =>
      plain(
        headline(s, {
          kind: "price",
          action: r.action,
          currentPrice: r.currentPrice,
          proposedPrice: r.recommendedPrice,
          expectedProfitDelta: r.expected.change.profit,
          windowDays: r.expected.windowDays,
          elasticity: r.elasticity.estimate,
          reasons: r.reasons,
        }),
      ),
    );
    expect(lines[0]).toMatch(/^Vos clients réagissent peu au prix : .* Un prix plus haut, 22,00 €/);
    expect(lines[1]).toMatch(/^Le coût unitaire manque/);
    expect(lines[2]).toMatch(/^2 unités sont vendues sans être en stock/);
    expect(lines[3]).toMatch(/^Le stock s'épuise dans environ 10 jours/);
    for (const line of lines) expect(line).not.toMatch(/[{}]/);
  });

  it("GIVEN a reorder plan WHEN summarised THEN it says when stock runs out, what to order and what it costs", () => {
    // GIVEN a plan from the engine
    const r = planReplenishment({
      sku: "A",
      forecast: flatForecast(2),
      onHand: 10,
      leadTime: { meanDays: 10, sdDays: 0 },
      unitCost: 4,
      unitPrice: 10,
    });
    if (!r.ok) throw new Error("plan");
    const plan = r.plan;
    // WHEN
    const text = plain(
      headline(speaker("fr"), {
        kind: "reorder",
        reasons: [],
        quantity: plan.suggestedOrderQty.value,
        orderCost: (plan.suggestedOrderQty.value ?? 0) * 4,
        stockoutDate: plan.projectedStockoutDate.value,
        protectionDays: plan.protectionPeriodDays,
      }),
    );
    // THEN
    expect(text).toMatch(
      /^Au rythme de ventes attendu, vous serez en rupture vers le .* : commandez 34 unités maintenant pour couvrir les 17 prochains jours\. La commande coûte 136 €\.$/,
    );
  });
});

describe("probabilities as the merchant reads them", () => {
  it("GIVEN a near-certain or near-impossible probability WHEN rendered THEN it never reads 100% or 0%", async () => {
    const { formatChance } = await import("~/i18n/reasons");
    // GIVEN / WHEN / THEN in English
    expect(plain(formatChance(speaker("en"), 0.999))).toBe("over 99%");
    expect(plain(formatChance(speaker("en"), 0.001))).toBe("under 1%");
    expect(plain(formatChance(speaker("en"), 0.874))).toBe("87%");
    // AND in French, with its spacing
    expect(plain(formatChance(speaker("fr"), 1))).toBe("plus de 99 %");
    expect(plain(formatChance(speaker("fr"), 0))).toBe("moins de 1 %");
    // AND a reason's probability goes through the same rule
    const text = plain(
      renderReason(speaker("fr"), {
        code: "PRICING.PROFIT_MOVE",
        params: { from: 19.9, to: 20.99, gain: 12.5, probability: 1, windowDays: 28 },
      } as never),
    );
    expect(text).toContain("plus de 99 % de chances");
  });
});
