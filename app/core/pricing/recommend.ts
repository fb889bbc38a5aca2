// One variant's price recommendation: validate, bound by the guardrails, maximise expected
// profit (averaged over the elasticity's uncertainty), apply the stock rules, then keep unless
// the change is likely enough to pay. Every price returned passes `violations()`.

import { addDays, daysBetween, isIsoDate } from "./dates";
import { DEFAULT_GUARDRAILS, cents, guardrailBounds, interval, roundedCandidates, violations, type GuardrailContext } from "./guardrails";
import { normalGrid } from "./normal";
import { expectedObjective, outcomeAt, probabilityBetter, roundMoney, unitMargin, type DemandModel } from "./objective";
import { bestContinuous, changeInterval, markProfitBindings } from "./optimum";
import { addDriverReasons, boundText, elasticityReason, fmt, pct } from "./reasons";
import { dailyDemand, demandUntil, planMarkdown, stretchPrice } from "./stock";
import type { Fees, Outcome, PricingAction, PricingInput, PricingRecommendation, Reason } from "./types";

export const DEFAULT_FEES: Readonly<Fees> = Object.freeze({ paymentFeePct: 0, fulfilmentCost: 0 });

const ZERO: Outcome = { units: 0, revenue: 0, grossProfit: 0 };

export function recommendPrice(input: PricingInput): PricingRecommendation {
  const g = input.guardrails ?? { ...DEFAULT_GUARDRAILS };
  const fees = input.fees ?? DEFAULT_FEES;
  const el = input.elasticity;
  const reasons: Reason[] = [];
  const p0 = input.currentPrice;
  const cost = input.unitCost;
  const base: PricingRecommendation = {
    sku: input.sku,
    currentPrice: p0 ?? null,
    recommendedPrice: null,
    unitCost: cost ?? null,
    action: "withheld",
    compareAtPrice: input.compareAtPrice ?? null,
    elasticity: { estimate: el.estimate, se: el.se, source: el.source },
    expected: { current: ZERO, recommended: ZERO, change: { grossProfit: 0, low: 0, high: 0 } },
    confidence: 0,
    reasons,
    bounds: [],
    markdown: null,
  };

  // 1. Bad input: withheld with a coded reason, never a crash, never an assumed cost.
  if (p0 == null || !Number.isFinite(p0) || p0 <= 0) {
    reasons.push({ code: "PRICING.PRICE_INVALID", text: `Current price ${p0 ?? "missing"} is not a positive amount; no recommendation.` });
  }
  if (cost == null || (typeof cost === "number" && Number.isNaN(cost))) {
    reasons.push({ code: "PRICING.UNIT_COST_MISSING", text: "Unit cost is missing; profit cannot be computed, so no price is recommended (cost is never assumed to be 0)." });
  } else if (!Number.isFinite(cost) || cost < 0) {
    reasons.push({ code: "PRICING.COST_INVALID", text: `Unit cost ${cost} is not a valid amount; no recommendation.` });
  }
  const dates: [string, string | null | undefined][] = [
    ["asOf", input.asOf],
    ["lastPriceChange", input.lastPriceChange],
    ["stock.nextRestock", input.stock?.nextRestock],
    ["stock.clearBy", input.stock?.clearBy],
  ];
  for (const [name, value] of dates) {
    if (value != null && !isIsoDate(value)) {
      reasons.push({ code: "PRICING.DATE_INVALID", text: `${name} "${value}" is not a YYYY-MM-DD date; no recommendation.` });
    }
  }
  if (!Number.isFinite(el.estimate) || !Number.isFinite(el.se) || el.se < 0) {
    reasons.push({ code: "PRICING.ELASTICITY_INVALID", text: `Elasticity ${el.estimate} with SE ${el.se} is not usable; no recommendation.` });
  }
  if (reasons.length) return base;
  const price0 = p0 as number;
  const unitCost = cost as number;
  base.recommendedPrice = price0;

  if (unitCost >= price0) {
    reasons.push({
      code: "PRICING.COST_ABOVE_PRICE",
      text: `Unit cost ${fmt(unitCost)} is at or above the price ${fmt(price0)}: every sale loses money.`,
      magnitude: roundMoney(unitCost - price0),
    });
  } else if ((price0 - unitCost) / price0 < g.minMarginPct) {
    reasons.push({
      code: "PRICING.BELOW_MIN_MARGIN",
      text: `Current margin ${pct((price0 - unitCost) / price0)} is below the minimum ${pct(g.minMarginPct)}.`,
      magnitude: (price0 - unitCost) / price0,
    });
  }

  // 2. Demand model over the horizon.
  const H = Math.max(1, Math.min(input.horizon ?? input.forecast.mean.length, 3650));
  const mean = input.forecast.mean.map((x) => (Number.isFinite(x) && x > 0 ? x : 0));
  const stock = input.stock;
  const restockDay = stock?.nextRestock != null ? Math.max(0, daysBetween(input.asOf, stock.nextRestock)) : Infinity;
  const beforeDays = Math.min(H, restockDay);
  const baseBefore = demandUntil(mean, beforeDays);
  const baseAfter = demandUntil(mean, H) - baseBefore;
  const clvWeight = Math.max(0, Math.min(1, input.clvWeight ?? 0));
  const cv = input.customerValue;
  const clvPerUnit = cv && clvWeight > 0 ? clvWeight * cv.newCustomersPerUnit * cv.valuePerCustomer : 0;
  const model: DemandModel = {
    currentPrice: price0,
    unitCost,
    fees,
    baseBefore,
    baseAfter,
    stockCap: stock ? Math.max(0, stock.onHand) : Infinity,
    clvPerUnit,
  };
  const eSample = normalGrid(el.estimate, el.se, 15);
  const eLow = el.estimate - 1.2816 * el.se;
  const eHigh = el.estimate + 1.2816 * el.se;

  // 3. Guardrails and the feasible interval.
  const inCooldown = input.lastPriceChange != null && daysBetween(input.lastPriceChange, input.asOf) < g.cooldownDays;
  const highConfidence = el.source === "variant" && el.se <= g.highConfidenceSe;
  const ctx: GuardrailContext = {
    currentPrice: price0,
    unitCost,
    guardrails: g,
    compareAtPrice: input.compareAtPrice ?? null,
    observedRange: el.observedRange,
    highConfidence,
    inCooldown,
  };
  const bounds = guardrailBounds(ctx);
  base.bounds = bounds;
  const { lo, hi } = interval(bounds);
  addDriverReasons(input, reasons);
  const currentOk = violations(price0, ctx).length === 0;
  base.expected.current = money(outcomeAt(model, price0, el.estimate));
  base.expected.recommended = base.expected.current;

  if (lo > hi + 1e-9) {
    const lowers = bounds.filter((b) => b.side === "lower" && b.value > hi);
    const uppers = bounds.filter((b) => b.side === "upper" && b.value < lo);
    for (const b of [...lowers, ...uppers]) b.binding = true;
    reasons.push({
      code: "PRICING.GUARDRAILS_INFEASIBLE",
      text: `No price satisfies every guardrail: ${lowers.map(boundText).join(", ")} above ${uppers.map(boundText).join(", ")}. Review the guardrails or the price by hand.`,
      magnitude: roundMoney(lo - hi),
    });
    base.recommendedPrice = null;
    return base;
  }
  if (inCooldown) {
    reasons.push({
      code: "PRICING.COOLDOWN",
      text: `Price changed on ${input.lastPriceChange}; the ${g.cooldownDays}-day cooldown runs until ${addDays(input.lastPriceChange as string, g.cooldownDays)}.`,
      magnitude: g.cooldownDays - daysBetween(input.lastPriceChange as string, input.asOf),
    });
  }

  // 4. Candidate prices: the rounding grid inside [lo, hi], plus keeping the current price when allowed.
  const grid = roundedCandidates(Math.round(lo * 100), Math.round(hi * 100), g.rounding, 160).map((c) => c / 100);
  const candidates = grid.filter((p) => violations(p, ctx).length === 0);
  if (currentOk && !candidates.some((p) => cents(p) === cents(price0))) candidates.push(price0);
  if (!candidates.length) {
    reasons.push({
      code: "PRICING.ROUNDING_NO_FEASIBLE_PRICE",
      text: `No ${g.rounding} price lies between ${fmt(lo)} and ${fmt(hi)}, and the current price breaks a guardrail.`,
    });
    base.recommendedPrice = null;
    return base;
  }
  if (!currentOk) {
    reasons.push({
      code: "PRICING.OUTSIDE_GUARDRAILS",
      text: `The current price breaks: ${violations(price0, ctx).join(", ")}; it must move into ${fmt(lo)}-${fmt(hi)}.`,
    });
  }

  const totalBase = baseBefore + baseAfter;
  let rec = price0;
  let driver: "profit" | "stretch" | "markdown" | "forced" = "profit";
  /** Probability that the best move considered beats the current price (0 when none was). */
  let moveConfidence = 0;
  if (totalBase <= 0) {
    reasons.push({ code: "PRICING.NO_DEMAND", text: "No demand is forecast over the horizon; price changes cannot be judged." });
    rec = currentOk ? price0 : nearest(candidates, price0);
    driver = currentOk ? "profit" : "forced";
  } else {
    // 5. Profit: the candidate with the highest expected objective over the elasticity sample.
    const scored = candidates.map((p) => ({ p, v: expectedObjective(model, p, eSample) }));
    const best = scored.reduce((a, b) => (b.v > a.v + 1e-9 ? b : a));
    rec = best.p;
    if (!currentOk) driver = "forced";
    markProfitBindings(model, eSample, bounds, lo, hi, unitCost);
    if (g.rounding !== "none" && grid.length) {
      const cont = bestContinuous(model, eSample, lo, hi);
      if (Math.abs(cont - rec) >= 0.01 && cents(rec) !== cents(price0)) {
        bounds.push({ code: "ROUNDING", side: rec < cont ? "upper" : "lower", value: rec, binding: true });
      }
    }

    // 6. Stock: stretch to the restock, or mark down the excess.
    // Without a known restock date the stock has to last the horizon.
    if (stock && !inCooldown) {
      const until = stock.nextRestock != null ? restockDay : H;
      const needed = demandUntil(mean, until);
      const target = stretchPrice(price0, el.estimate, stock.onHand, needed);
      if (target != null) {
        const above = candidates.filter((p) => p >= target - 0.005);
        const stretch = above.length ? Math.min(...above) : Math.max(...candidates);
        const daysOfStock = stockDays(mean, stock.onHand);
        const untilText = stock.nextRestock != null ? `the restock on ${stock.nextRestock}` : `the end of the ${H}-day horizon (no restock date known)`;
        reasons.push({
          code: "PRICING.STOCK_STRETCH",
          text: `At the current price the ${stock.onHand} units in stock run out in about ${daysOfStock} days, before ${untilText}; a price of ${fmt(Number.isFinite(target) ? target : hi)} would stretch them${stretch + 0.005 < target ? `, but the guardrails stop at ${fmt(stretch)}` : ""}.`,
          magnitude: until - daysOfStock,
        });
        if (stretch >= rec) {
          rec = stretch;
          driver = "stretch";
          bounds.push({ code: "STOCK_STRETCH", side: "lower", value: stretch, binding: true });
        }
      }
    }
    if (stock && stock.targetCoverDays != null && totalBase > 0) {
      const avg = totalBase / H;
      const cover = stock.onHand / avg;
      if (cover > stock.targetCoverDays) {
        const stepDays = Math.max(stock.markdownStepDays ?? 7, g.cooldownDays, 1);
        const firstStepDay = inCooldown ? g.cooldownDays - daysBetween(input.lastPriceChange as string, input.asOf) : 0;
        const hardLow = Math.max(0.01, ...bounds.filter((b) => b.side === "lower" && b.code !== "MAX_CHANGE" && b.code !== "COOLDOWN" && b.code !== "STOCK_STRETCH").map((b) => b.value));
        const plan = planMarkdown({
          asOf: input.asOf,
          currentPrice: price0,
          elasticity: el.estimate,
          mean,
          onHand: stock.onHand,
          clearBy: stock.clearBy ?? addDays(input.asOf, stock.targetCoverDays),
          firstStepDay,
          stepDays,
          maxChangePct: g.maxChangePct,
          hardLow,
          rounding: g.rounding,
        });
        if (plan) {
          base.markdown = plan;
          reasons.push({
            code: "PRICING.STOCK_MARKDOWN",
            text: `Stock covers ${Math.round(cover)} days, above the ${stock.targetCoverDays}-day target: ${plan.steps.length} markdown step(s) to clear ${Math.round(plan.excessUnits)} excess units by ${plan.clearBy}${plan.clearsByTarget ? "" : " (the floor stops it from clearing fully)"}.`,
            magnitude: Math.round(cover),
          });
          const first = plan.steps[0];
          if (first && first.date === input.asOf && first.price < rec && violations(first.price, ctx).length === 0) {
            rec = first.price;
            driver = "markdown";
            bounds.push({ code: "STOCK_MARKDOWN", side: "upper", value: first.price, binding: true });
          }
        }
      }
    }

    // 7. Keep unless the change is likely to pay (elasticity uncertainty) and worth making.
    if (driver === "profit" && cents(rec) !== cents(price0)) {
      const conf = probabilityBetter(model, rec, eSample);
      moveConfidence = conf;
      const gain = expectedObjective(model, rec, eSample) - expectedObjective(model, price0, eSample);
      const scale = Math.abs(expectedObjective(model, price0, eSample));
      if (conf < g.minConfidence) {
        reasons.push({
          code: "PRICING.LOW_CONFIDENCE",
          text: `Moving to ${fmt(rec)} raises profit with probability ${pct(conf)} only (needs ${pct(g.minConfidence)}); keeping the price.`,
          magnitude: conf,
        });
        rec = price0;
      } else if (gain < g.minGainPct * scale) {
        reasons.push({
          code: "PRICING.GAIN_TOO_SMALL",
          text: `The expected gain ${fmt(gain)} is below ${pct(g.minGainPct)} of current profit; keeping the price.`,
          magnitude: roundMoney(gain),
        });
        rec = price0;
      }
    }
  }

  if (violations(rec, ctx).length) throw new Error(`pricing invariant broken: ${rec} violates ${violations(rec, ctx).join(",")}`);

  // 8. Outcome, interval on the change, and the explanation.
  base.recommendedPrice = rec;
  base.action = action(rec, price0);
  base.expected.recommended = money(outcomeAt(model, rec, el.estimate));
  // For a change: the probability it beats the current price; for a keep: that no move considered does.
  base.confidence = cents(rec) === cents(price0) ? 1 - moveConfidence : probabilityBetter(model, rec, eSample);
  base.expected.change = changeInterval(model, rec, el.estimate, eLow, eHigh, input.forecast, H);
  if (g.compareAtPolicy === "clear" && base.compareAtPrice != null && rec >= base.compareAtPrice) base.compareAtPrice = null;
  reasons.unshift(elasticityReason(input));
  if (el.priceNeverVaried) {
    reasons.push({
      code: "PRICING.PRICE_NEVER_VARIED",
      text: `This variant's price never varied, so its own elasticity is unknown; using the ${el.source} level.`,
    });
  }
  if (el.estimate > -1) {
    reasons.push({
      code: "PRICING.INELASTIC",
      text: `Demand looks inelastic (${el.estimate.toFixed(2)}): profit rises with price until a guardrail stops it.`,
      magnitude: el.estimate,
    });
  }
  const margin = (rec - unitCost) / rec;
  reasons.push({
    code: "PRICING.MARGIN",
    text: `Margin at ${fmt(rec)}: ${pct(margin)} before fees (${fmt(unitMargin(model, rec))} per unit after fees and fulfilment).`,
    magnitude: margin,
  });
  if (clvPerUnit > 0 && cv) {
    reasons.push({
      code: "PRICING.CUSTOMER_VALUE",
      text: `${pct(cv.acquisitionShare)} of new customers start with this product, worth ${fmt(cv.valuePerCustomer)} each later; weighted at ${clvWeight}, each unit sold carries ${fmt(clvPerUnit)} of future margin.`,
      magnitude: roundMoney(clvPerUnit),
    });
  }
  return base;
}

export function recommendPrices(batch: PricingInput[]): PricingRecommendation[] {
  return batch.map(recommendPrice);
}

function action(rec: number, p0: number): PricingAction {
  if (cents(rec) > cents(p0)) return "raise";
  if (cents(rec) < cents(p0)) return "lower";
  return "keep";
}

function stockDays(mean: number[], onHand: number): number {
  let left = onHand;
  for (let d = 0; d < 3650; d++) {
    left -= dailyDemand(mean, d);
    if (left < 0) return d;
  }
  return 3650;
}

function nearest(cands: number[], p: number): number {
  return cands.reduce((a, c) => (Math.abs(c - p) < Math.abs(a - p) ? c : a));
}

function money(o: Outcome): Outcome {
  return { units: Math.round(o.units * 100) / 100, revenue: roundMoney(o.revenue), grossProfit: roundMoney(o.grossProfit) };
}

