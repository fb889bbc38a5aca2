// One variant's price recommendation (docs/decisions/0013), in named steps: validate, build the objective
// (objective.ts, with the stock situation of model.ts), bound the price by the guardrails, choose the price
// with the highest expected profit among those likely enough to pay, and explain. Every price returned
// passes `violations()`; no change is suggested that expects to lower profit.
import { ENGINE_DEFAULTS, SHOP_DEFAULTS } from "../defaults";
import { addDays, daysBetween, isIsoDate } from "./dates";
import {
  DEFAULT_GUARDRAILS,
  cents,
  guardrailBounds,
  interval,
  roundedCandidates,
  violations,
  type GuardrailContext,
} from "./guardrails";
import { buildModel, type ModelBuild } from "./model";
import {
  changeOf as changeOfGrid,
  expectedOutcome,
  profitsByScenario,
  roundMoney,
  unitMargin,
  zeroOutcome,
  type ChangeDistribution,
  type ObjectiveModel,
  type PriceOutcome,
  type Scenario,
} from "./objective";
import { argmaxOnGrid, markProfitBindings } from "./optimum";
import {
  addDriverReasons,
  boundText,
  elasticityReason,
  fmt,
  pct,
  reason,
  round1,
  round2,
  round4,
  tradeoffParams,
  tradeoffText,
} from "./reasons";
import { probabilityBetter, scenarios, type Uncertainty } from "./uncertainty";
import type {
  Bound,
  Fees,
  Guardrails,
  PriceOutcomeView,
  PricingAction,
  PricingInput,
  PricingRecommendation,
  Reason,
} from "./types";

/** The shop default fees (../defaults.ts): the fixed per-order fee is counted per unit, as feesFrom does. */
export const DEFAULT_FEES: Readonly<Fees> = Object.freeze({
  paymentFeePct: SHOP_DEFAULTS.paymentFeePct,
  fulfilmentCost: SHOP_DEFAULTS.fulfilmentCostPerUnit + SHOP_DEFAULTS.paymentFeeFixed,
});

/** Squared CV of the forecast level error when the forecast gives none (forecast/engine.ts's prior). */
const DEFAULT_LEVEL_CV2 = 0.15;
const MAX_CANDIDATES = 40;
const REFINE_CANDIDATES = 40;

const ZERO_VIEW: PriceOutcomeView = zeroOutcome();

export function recommendPrice(input: PricingInput): PricingRecommendation {
  const g = input.guardrails ?? { ...DEFAULT_GUARDRAILS };
  const fees = input.fees ?? DEFAULT_FEES;
  const el = input.elasticity;
  const levelCv2 = input.levelCv2 != null && input.levelCv2 >= 0 ? input.levelCv2 : DEFAULT_LEVEL_CV2;
  const out = emptyRecommendation(input, levelCv2);
  const reasons = out.reasons;

  // 1. Bad input: withheld with a coded reason, never a crash, never an assumed cost.
  reasons.push(...validate(input));
  if (reasons.length) return out;
  const p0 = input.currentPrice as number;
  const unitCost = input.unitCost as number;
  out.recommendedPrice = p0;
  reasons.push(...marginWarnings(p0, unitCost, g));

  // 2. The objective and its scenarios.
  const H = Math.max(1, Math.min(input.horizon ?? input.forecast.mean.length, 3650));
  const clvWeight = Math.max(0, Math.min(1, input.clvWeight ?? 0));
  const cv = input.customerValue;
  const clvPerUnit = cv && clvWeight > 0 ? clvWeight * cv.newCustomersPerUnit * cv.valuePerCustomer : 0;
  const build = buildModel(input, p0, unitCost, fees, clvPerUnit, H);
  const m = build.model;
  const sc = scenarios(el.estimate, el.se, levelCv2, m.stock != null);
  out.model = m;
  out.situation = build.situation;
  out.expected.windowDays = m.windowDays;
  const atCurrent = expectedOutcome(m, p0, sc);
  out.expected.current = view(atCurrent);
  out.expected.recommended = out.expected.current;

  // 3. Guardrails: the feasible interval and the candidate prices on the rounding grid.
  const box = guardrailBox(input, g, p0, unitCost);
  out.bounds = box.bounds;
  addDriverReasons(input, reasons);
  if (box.lo > box.hi + 1e-9) {
    reasons.push(infeasible(box.bounds, box.lo, box.hi));
    out.recommendedPrice = null;
    return out;
  }
  reasons.push(...constraintReasons(input, g, box));
  const candidates = candidatePrices(box.ctx, box.lo, box.hi, g, p0, box.currentOk);
  if (!candidates.length) {
    reasons.push(
      reason(
        "PRICING.ROUNDING_NO_FEASIBLE_PRICE",
        `No ${g.rounding} price lies between ${fmt(box.lo)} and ${fmt(box.hi)}, and the current price breaks a guardrail.`,
        { rounding: g.rounding, low: box.lo, high: box.hi },
      ),
    );
    out.recommendedPrice = null;
    return out;
  }

  // 4. Choose.
  const u: Uncertainty = { e: el.estimate, se: el.se, levelCv2, withLevel: m.stock != null };
  const choice = choosePrice(m, sc, u, candidates, p0, box.currentOk, g, reasons, box);
  const rec = choice.price;
  if (cents(rec) !== cents(p0) && violations(rec, box.ctx).length)
    throw new Error(`pricing invariant broken: ${rec} violates ${violations(rec, box.ctx).join(",")}`);
  markBindings(m, el, box, g, rec, p0);

  // 5. Outcome and explanation.
  out.recommendedPrice = rec;
  out.action = action(rec, p0);
  const atRec = expectedOutcome(m, rec, sc);
  out.expected.recommended = view(atRec);
  const dist = choice.change;
  out.expected.change = {
    profit: roundMoney(dist.mean),
    grossProfit: roundMoney(atRec.grossProfit - atCurrent.grossProfit),
    low: roundMoney(dist.low),
    high: roundMoney(dist.high),
  };
  out.confidence = choice.confidence;
  if (g.compareAtPolicy === "clear" && out.compareAtPrice != null && rec >= out.compareAtPrice)
    out.compareAtPrice = null;
  reasons.unshift(elasticityReason(input));
  reasons.push(...stockReasons(build, m, sc, p0, rec, atCurrent, atRec, choice.alternative));
  reasons.push(...closingReasons(input, m, rec, unitCost, out.action, clvPerUnit, clvWeight));
  return out;
}

/** Why the price may not move freely now: oversold stock, the cooldown after the last change. */
function constraintReasons(input: PricingInput, g: Guardrails, box: Box): Reason[] {
  const out: Reason[] = [];
  if (box.ctx.oversold) {
    // Orders already owed to customers: a higher price would charge the next shoppers for the shortage.
    const owed = round1(-(input.stock as { onHand: number }).onHand);
    out.push(
      reason(
        "PRICING.OVERSOLD",
        `${owed} units are sold but not in stock (oversold); the price is not raised until stock is back.`,
        { unitsOwed: owed },
        owed,
      ),
    );
  }
  if (box.inCooldown) {
    const last = input.lastPriceChange as string;
    out.push(
      reason(
        "PRICING.COOLDOWN",
        `Price changed on ${last}; the ${g.cooldownDays}-day cooldown runs until ${addDays(last, g.cooldownDays)}.`,
        {
          lastChange: last,
          until: addDays(last, g.cooldownDays),
          days: g.cooldownDays,
        },
        g.cooldownDays - daysBetween(last, input.asOf),
      ),
    );
  }
  return out;
}

/** Explanation only: where profit alone would go at the central scenario, and whether rounding moved the price. */
function markBindings(
  m: ObjectiveModel,
  el: PricingInput["elasticity"],
  box: Box,
  g: Guardrails,
  rec: number,
  p0: number,
): void {
  const central: Scenario[] = [{ e: el.estimate, s: 1, w: 1 }];
  markProfitBindings(m, central, box.bounds, box.lo, box.hi);
  if (g.rounding === "none" || cents(rec) === cents(p0)) return;
  const cont = argmaxOnGrid(m, central, box.lo, box.hi, 60);
  if (Math.abs(cont - rec) >= 0.01)
    box.bounds.push({ code: "ROUNDING", side: rec < cont ? "upper" : "lower", value: rec, binding: true });
}

export function recommendPrices(batch: PricingInput[]): PricingRecommendation[] {
  return batch.map(recommendPrice);
}

function emptyRecommendation(input: PricingInput, levelCv2: number): PricingRecommendation {
  const el = input.elasticity;
  return {
    sku: input.sku,
    currentPrice: input.currentPrice ?? null,
    recommendedPrice: null,
    unitCost: input.unitCost ?? null,
    action: "withheld",
    compareAtPrice: input.compareAtPrice ?? null,
    elasticity: { estimate: el.estimate, se: el.se, source: el.source },
    situation: input.stock ? "normal" : "unknown",
    expected: {
      windowDays: 0,
      current: ZERO_VIEW,
      recommended: ZERO_VIEW,
      change: { profit: 0, grossProfit: 0, low: 0, high: 0 },
    },
    confidence: 0,
    reasons: [],
    bounds: [],
    model: null,
    uncertainty: { elasticity: el.estimate, se: el.se, levelCv2 },
  };
}

function validate(input: PricingInput): Reason[] {
  const out: Reason[] = [];
  const p0 = input.currentPrice;
  const cost = input.unitCost;
  const el = input.elasticity;
  if (p0 == null || !Number.isFinite(p0) || p0 <= 0) {
    out.push(
      reason("PRICING.PRICE_INVALID", `Current price ${p0 ?? "missing"} is not a positive amount; no recommendation.`, {
        price: p0 ?? null,
      }),
    );
  }
  if (cost == null || (typeof cost === "number" && Number.isNaN(cost))) {
    out.push(
      reason(
        "PRICING.UNIT_COST_MISSING",
        "Unit cost is missing; profit cannot be computed, so no price is recommended (cost is never assumed to be 0).",
      ),
    );
  } else if (!Number.isFinite(cost) || cost < 0) {
    out.push(
      reason("PRICING.COST_INVALID", `Unit cost ${cost} is not a valid amount; no recommendation.`, { unitCost: cost }),
    );
  }
  const dates: [string, string | null | undefined][] = [
    ["asOf", input.asOf],
    ["lastPriceChange", input.lastPriceChange],
    ["stock.nextRestock", input.stock?.nextRestock],
  ];
  for (const [name, value] of dates) {
    if (value != null && !isIsoDate(value))
      out.push(
        reason("PRICING.DATE_INVALID", `${name} "${value}" is not a YYYY-MM-DD date; no recommendation.`, {
          field: name,
          value,
        }),
      );
  }
  if (!Number.isFinite(el.estimate) || !Number.isFinite(el.se) || el.se < 0) {
    out.push(
      reason(
        "PRICING.ELASTICITY_INVALID",
        `Elasticity ${el.estimate} with SE ${el.se} is not usable; no recommendation.`,
        { elasticity: el.estimate, se: el.se },
      ),
    );
  }
  return out;
}

function marginWarnings(p0: number, unitCost: number, g: Guardrails): Reason[] {
  if (unitCost >= p0) {
    return [
      reason(
        "PRICING.COST_ABOVE_PRICE",
        `Unit cost ${fmt(unitCost)} is at or above the price ${fmt(p0)}: every sale loses money.`,
        { unitCost, price: p0 },
        roundMoney(unitCost - p0),
      ),
    ];
  }
  const margin = (p0 - unitCost) / p0;
  if (margin < g.minMarginPct) {
    return [
      reason(
        "PRICING.BELOW_MIN_MARGIN",
        `Current margin ${pct(margin)} is below the minimum ${pct(g.minMarginPct)}.`,
        { margin: round4(margin), minimum: g.minMarginPct },
        margin,
      ),
    ];
  }
  return [];
}

interface Box {
  ctx: GuardrailContext;
  bounds: Bound[];
  lo: number;
  hi: number;
  inCooldown: boolean;
  currentOk: boolean;
}

function guardrailBox(input: PricingInput, g: Guardrails, p0: number, unitCost: number): Box {
  const el = input.elasticity;
  const inCooldown = input.lastPriceChange != null && daysBetween(input.lastPriceChange, input.asOf) < g.cooldownDays;
  const ctx: GuardrailContext = {
    currentPrice: p0,
    unitCost,
    guardrails: g,
    compareAtPrice: input.compareAtPrice ?? null,
    observedRange: el.observedRange,
    highConfidence: el.source === "variant" && el.se <= (g.highConfidenceSe ?? ENGINE_DEFAULTS.highConfidenceSe),
    inCooldown,
    oversold: input.stock != null && input.stock.onHand < 0,
  };
  const bounds = guardrailBounds(ctx);
  const { lo, hi } = interval(bounds);
  return { ctx, bounds, lo, hi, inCooldown, currentOk: violations(p0, ctx).length === 0 };
}

function infeasible(bounds: Bound[], lo: number, hi: number): Reason {
  const lowers = bounds.filter((b) => b.side === "lower" && b.value > hi);
  const uppers = bounds.filter((b) => b.side === "upper" && b.value < lo);
  for (const b of [...lowers, ...uppers]) b.binding = true;
  return reason(
    "PRICING.GUARDRAILS_INFEASIBLE",
    `No price satisfies every guardrail: ${lowers.map(boundText).join(", ")} above ${uppers.map(boundText).join(", ")}. Review the guardrails or the price by hand.`,
    {
      low: lo,
      high: hi,
      lowerBounds: lowers.map((b) => b.code).join(","),
      upperBounds: uppers.map((b) => b.code).join(","),
    },
    roundMoney(lo - hi),
  );
}

/** The rounding grid inside [lo, hi] that passes every guardrail, plus the current price when it does. */
function candidatePrices(
  ctx: GuardrailContext,
  lo: number,
  hi: number,
  g: Guardrails,
  p0: number,
  currentOk: boolean,
  max = MAX_CANDIDATES,
): number[] {
  const grid = Number.isFinite(hi)
    ? roundedCandidates(Math.round(lo * 100), Math.round(hi * 100), g.rounding, max).map((c) => c / 100)
    : [];
  const out = grid.filter((p) => violations(p, ctx).length === 0);
  if (currentOk && !out.some((p) => cents(p) === cents(p0))) out.push(p0);
  return out;
}

interface Choice {
  price: number;
  /** Probability the chosen change raises profit; for a keep, that the best alternative would not have. */
  confidence: number;
  /** The best alternative considered when the price is kept (for the explanation). */
  alternative: number | null;
  change: ChangeDistribution;
}

interface Scored {
  p: number;
  v: number;
  profits: Float64Array;
}

/** Candidates scored once per scenario: a coarse grid, then every grid price around the best coarse one. */
function scoreCandidates(
  m: ObjectiveModel,
  sc: readonly Scenario[],
  box: Box,
  g: Guardrails,
  p0: number,
  coarse: number[],
): Scored[] {
  const score = (p: number): Scored => {
    const profits = profitsByScenario(m, p, sc);
    let v = 0;
    for (let k = 0; k < sc.length; k++) v += sc[k].w * profits[k];
    return { p, v, profits };
  };
  const scored = coarse.map(score);
  const sorted = coarse.slice().sort((a, b) => a - b);
  const best = scored.reduce((a, b) => (b.v > a.v ? b : a));
  const k = sorted.indexOf(best.p);
  const from = sorted[Math.max(0, k - 1)];
  const to = sorted[Math.min(sorted.length - 1, k + 1)];
  const seen = new Set(coarse.map(cents));
  for (const p of candidatePrices(box.ctx, from, to, g, p0, false, REFINE_CANDIDATES)) {
    if (!seen.has(cents(p))) {
      seen.add(cents(p));
      scored.push(score(p));
    }
  }
  return scored.sort((a, b) => b.v - a.v || Math.abs(a.p - p0) - Math.abs(b.p - p0));
}

/**
 * The candidate with the highest expected profit among those whose probability of raising profit reaches
 * the guardrail's minimum and whose gain is worth a change; else keep. When the current price breaks a
 * guardrail the best allowed price is suggested only if it does not expect to lose profit.
 */
function choosePrice(
  m: ObjectiveModel,
  sc: readonly Scenario[],
  u: Uncertainty,
  candidates: number[],
  p0: number,
  currentOk: boolean,
  g: Guardrails,
  reasons: Reason[],
  box: Box,
): Choice {
  const base = profitsByScenario(m, p0, sc);
  // The scenario grid gives means and intervals; the probability is integrated exactly (uncertainty.ts).
  // Each candidate's change is computed once (the top one is asked again when no move qualifies).
  const changes = new Map<number, ChangeDistribution>();
  const changeOf = (profits: Float64Array, p: number): ChangeDistribution => {
    let d = changes.get(p);
    if (!d) changes.set(p, (d = { ...changeOfGrid(profits, base, sc), probabilityBetter: probabilityBetter(m, p, u) }));
    return d;
  };
  let j0 = 0;
  for (let k = 0; k < sc.length; k++) j0 += sc[k].w * base[k];
  const keep = (confidence: number, alternative: number | null): Choice => ({
    price: p0,
    confidence,
    alternative,
    change: NO_CHANGE,
  });
  const scored = scoreCandidates(m, sc, box, g, p0, candidates);
  const moves = scored.filter((s) => cents(s.p) !== cents(p0));
  if (m.demandBefore + m.demandAfter <= 0) {
    reasons.push(
      reason("PRICING.NO_DEMAND", "No demand is forecast over the horizon; price changes cannot be judged."),
    );
    if (currentOk || !moves.length) return keep(0, null);
    const nearest = moves.reduce((a, c) => (Math.abs(c.p - p0) < Math.abs(a.p - p0) ? c : a));
    return { price: nearest.p, confidence: 0, alternative: null, change: changeOf(nearest.profits, nearest.p) };
  }
  if (!currentOk) {
    const best = scored[0];
    const breaks = violations(p0, box.ctx);
    const d = changeOf(best.profits, best.p);
    if (best.v >= j0 - 1e-9) {
      reasons.push(
        reason(
          "PRICING.OUTSIDE_GUARDRAILS",
          `The current price breaks: ${breaks.join(", ")}; it must move into ${fmt(box.lo)}-${fmt(box.hi)}.`,
          { rules: breaks.join(","), low: box.lo, high: box.hi, price: best.p, cost: 0 },
        ),
      );
      return { price: best.p, confidence: d.probabilityBetter, alternative: null, change: d };
    }
    reasons.push(
      reason(
        "PRICING.OUTSIDE_GUARDRAILS",
        `The current price breaks: ${breaks.join(", ")}; the best allowed price ${fmt(best.p)} would lower expected profit by ${fmt(j0 - best.v)}, so the price is kept for you to review.`,
        { rules: breaks.join(","), low: box.lo, high: box.hi, price: best.p, cost: round2(j0 - best.v) },
      ),
    );
    return keep(1 - d.probabilityBetter, best.p);
  }
  const minGain = g.minGainPct * Math.abs(j0);
  for (const s of moves) {
    if (s.v - j0 <= minGain) break;
    const d = changeOf(s.profits, s.p);
    if (d.probabilityBetter >= g.minConfidence) {
      reasons.push(
        reason(
          "PRICING.PROFIT_MOVE",
          `Moving from ${fmt(p0)} to ${fmt(s.p)} raises expected profit by ${fmt(d.mean)} over ${m.windowDays} days, with probability ${pct(d.probabilityBetter)}.`,
          {
            from: p0,
            to: s.p,
            gain: round2(d.mean),
            probability: round4(d.probabilityBetter),
            windowDays: m.windowDays,
          },
        ),
      );
      return { price: s.p, confidence: d.probabilityBetter, alternative: null, change: d };
    }
  }
  const top = moves[0];
  if (!top || top.v <= j0 + 1e-9) {
    reasons.push(
      reason("PRICING.NO_BETTER_PRICE", `No allowed price is expected to earn more than ${fmt(p0)}.`, { price: p0 }),
    );
    return keep(top ? 1 - changeOf(top.profits, top.p).probabilityBetter : 1, top?.p ?? null);
  }
  const d = changeOf(top.profits, top.p);
  if (top.v - j0 <= minGain) {
    reasons.push(
      reason(
        "PRICING.GAIN_TOO_SMALL",
        `The expected gain ${fmt(top.v - j0)} is below ${pct(g.minGainPct)} of current profit; keeping the price.`,
        { gain: round2(top.v - j0), threshold: g.minGainPct, price: top.p },
        roundMoney(top.v - j0),
      ),
    );
  } else {
    reasons.push(
      reason(
        "PRICING.LOW_CONFIDENCE",
        `Moving to ${fmt(top.p)} raises profit with probability ${pct(d.probabilityBetter)} only (needs ${pct(g.minConfidence)}); keeping the price.`,
        {
          price: top.p,
          probability: round4(d.probabilityBetter),
          threshold: g.minConfidence,
        },
        d.probabilityBetter,
      ),
    );
  }
  return keep(1 - d.probabilityBetter, top.p);
}

const NO_CHANGE: ChangeDistribution = { mean: 0, probabilityBetter: 0, low: 0, high: 0 };

function view(o: PriceOutcome): PriceOutcomeView {
  return {
    units: round2(o.units),
    revenue: roundMoney(o.revenue),
    grossProfit: roundMoney(o.grossProfit),
    holdingCost: roundMoney(o.holdingCost),
    unitsLeft: round1(o.unitsLeft),
    leftValue: roundMoney(o.leftValue),
    profit: roundMoney(o.profit),
  };
}

function stockReasons(
  b: ModelBuild,
  m: ObjectiveModel,
  sc: readonly Scenario[],
  p0: number,
  rec: number,
  cur: PriceOutcome,
  atRec: PriceOutcome,
  alternative: number | null,
): Reason[] {
  const out: Reason[] = [];
  if (b.situation === "excess" && m.sellThrough) {
    out.push(
      reason(
        "PRICING.STOCK_EXCESS",
        `${round1(m.sellThrough.stock)} units in stock (with incoming) are more than the ${round1(m.sellThrough.demand)} expected to sell in ${m.sellThrough.days} days: about ${round1(cur.unitsLeft)} would be left, worth ${fmt(cur.leftValue)} at cost.`,
        {
          stock: round1(m.sellThrough.stock),
          demand: round1(m.sellThrough.demand),
          sellThroughDays: m.sellThrough.days,
          unitsLeft: round1(cur.unitsLeft),
          leftValue: round2(cur.leftValue),
        },
        round1(cur.unitsLeft),
      ),
    );
  } else if (b.situation === "scarce" && b.daysOfStock != null && (m.stock ?? 0) > 0) {
    const until =
      b.restockDays != null ? `the restock in ${b.restockDays} days` : `the end of the ${m.windowDays}-day horizon`;
    out.push(
      reason(
        "PRICING.STOCK_SCARCE",
        `At the current price the ${round1(m.stock ?? 0)} units in stock run out in about ${b.daysOfStock} days, before ${until}.`,
        {
          stock: round1(m.stock ?? 0),
          daysOfStock: b.daysOfStock,
          restockDays: b.restockDays,
          windowDays: m.windowDays,
        },
        b.daysOfStock,
      ),
    );
  }
  // Nothing in stock (sold out, oversold): no stock trade-off to explain.
  if (b.situation === "excess" || (b.situation === "scarce" && (m.stock ?? 0) > 0)) {
    if (cents(rec) !== cents(p0)) {
      const p = tradeoffParams(m.windowDays, cur, atRec, rec);
      out.push(reason("PRICING.STOCK_TRADEOFF", tradeoffText(p), p, round2(atRec.profit - cur.profit)));
    } else if (alternative != null) {
      const p = tradeoffParams(m.windowDays, cur, expectedOutcome(m, alternative, sc), alternative);
      out.push(reason("PRICING.KEEP_STOCK", tradeoffText(p), p));
    }
  }
  return out;
}

function closingReasons(
  input: PricingInput,
  m: ObjectiveModel,
  rec: number,
  unitCost: number,
  act: PricingAction,
  clvPerUnit: number,
  clvWeight: number,
): Reason[] {
  const el = input.elasticity;
  const out: Reason[] = [];
  if (el.priceNeverVaried) {
    out.push(
      reason(
        "PRICING.PRICE_NEVER_VARIED",
        `This variant's price never varied, so its own elasticity is unknown; using the ${el.source} level.`,
        { source: el.source },
      ),
    );
  }
  if (el.estimate > -1 && act !== "lower") {
    out.push(
      reason(
        "PRICING.INELASTIC",
        `Demand looks inelastic (${el.estimate.toFixed(2)}): profit rises with price until a guardrail stops it.`,
        { elasticity: round4(el.estimate) },
        el.estimate,
      ),
    );
  }
  const margin = (rec - unitCost) / rec;
  out.push(
    reason(
      "PRICING.MARGIN",
      `Margin at ${fmt(rec)}: ${pct(margin)} before fees (${fmt(unitMargin(m, rec))} per unit after fees and fulfilment).`,
      {
        price: rec,
        margin: round4(margin),
        unitMargin: round2(unitMargin(m, rec)),
      },
      margin,
    ),
  );
  const cv = input.customerValue;
  if (clvPerUnit > 0 && cv) {
    out.push(
      reason(
        "PRICING.CUSTOMER_VALUE",
        `${pct(cv.acquisitionShare)} of new customers start with this product, worth ${fmt(cv.valuePerCustomer)} each later; weighted at ${clvWeight}, each unit sold carries ${fmt(clvPerUnit)} of future margin.`,
        {
          acquisitionShare: round4(cv.acquisitionShare),
          valuePerCustomer: round2(cv.valuePerCustomer),
          weight: clvWeight,
          perUnit: round2(clvPerUnit),
        },
        roundMoney(clvPerUnit),
      ),
    );
  }
  return out;
}

function action(rec: number, p0: number): PricingAction {
  if (cents(rec) > cents(p0)) return "raise";
  if (cents(rec) < cents(p0)) return "lower";
  return "keep";
}
