// Renders the engines' coded reasons (code + typed params) in the admin's language, with Intl numbers,
// money, dates and plurals: pricing reasons, replenishment figures, guardrail bounds, refused decisions and
// the one plain sentence that leads each suggestion. Texts live in ./features/reasons.ts.
import { formatDay, formatMoney } from "~/lib/format";
import type { Locale, Translate } from "./index";
import { en, type MessageKey } from "./messages";

export type Params = Record<string, number | string | null | undefined>;

export interface ReasonLike {
  code: string;
  params?: Params | null;
  /** The engine's English rendering (CLI); shown only in English when a code is unknown. */
  text?: string;
}

export interface BoundLike {
  code: string;
  side?: string;
  value: number | string | null;
  binding?: boolean;
}

/** What every rendering needs: the translator, the language and the shop currency. */
export interface Speaker {
  t: Translate;
  locale: Locale;
  currency: string;
}

const has = (key: string): key is MessageKey => key in en;
const n = (v: unknown): number => (typeof v === "number" ? v : Number(v));
const finite = (v: unknown): boolean => v !== null && v !== undefined && v !== "" && Number.isFinite(n(v));

/** Formatting helpers in the admin's language. */
/**
 * A probability as a whole percentage; never "100%" or "0%", which a model cannot promise: "over 99%" and
 * "under 1%" at the ends.
 */
export function formatChance(s: Pick<Speaker, "t" | "locale">, v: number): string {
  const pct = (x: number) =>
    new Intl.NumberFormat(s.locale === "fr" ? "fr-FR" : "en-US", { style: "percent", maximumFractionDigits: 0 }).format(
      x,
    );
  if (v >= 0.995) return s.t("reasons.chance.above", { value: pct(0.99) });
  if (v <= 0.005) return s.t("reasons.chance.below", { value: pct(0.01) });
  return pct(v);
}

export function formatters(s: Speaker) {
  const { t, locale, currency } = s;
  const tag = locale === "fr" ? "fr-FR" : "en-US";
  return {
    /** Prices: always cents. */
    price: (v: unknown) => (finite(v) ? formatMoney(n(v), currency, locale, 2) : "—"),
    /** Amounts of profit or stock value: whole units from 100 up. */
    amount: (v: unknown) => (finite(v) ? formatMoney(n(v), currency, locale, Math.abs(n(v)) >= 100 ? 0 : 2) : "—"),
    /** A share 0..1 as a percentage (at most one decimal, below 10%). */
    share: (v: unknown) =>
      finite(v)
        ? new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: Math.abs(n(v)) < 0.1 ? 1 : 0 }).format(
            n(v),
          )
        : "—",
    /** A probability (see formatChance). */
    chance: (v: unknown) => (finite(v) ? formatChance(s, n(v)) : "—"),
    /** A signed percentage change. */
    change: (v: unknown) =>
      finite(v)
        ? new Intl.NumberFormat(tag, {
            style: "percent",
            signDisplay: "exceptZero",
            maximumFractionDigits: Math.abs(n(v)) < 0.1 ? 1 : 0,
          }).format(n(v))
        : "—",
    number: (v: unknown, digits = 1) =>
      finite(v) ? new Intl.NumberFormat(tag, { maximumFractionDigits: digits }).format(n(v)) : "—",
    units: (v: unknown) => t("reasons.units", { count: finite(v) ? Math.round(n(v) * 10) / 10 : 0 }),
    day: (v: unknown) =>
      typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v) ? formatDay(v.slice(0, 10), locale) : String(v ?? "—"),
    list: (items: string[]) => new Intl.ListFormat(tag, { style: "long", type: "conjunction" }).format(items),
  };
}

/** A guardrail's name ("Largest change per decision"), or the raw code when unknown. */
export function boundName(t: Translate, code: string): string {
  const key = `reasons.bound.${code}`;
  return has(key) ? t(key) : code;
}

function sourceWords(t: Translate, source: unknown): string {
  const key = `reasons.source.${String(source)}`;
  return has(key) ? t(key) : String(source);
}

/** One pricing reason or replenishment figure as a sentence. */
export function renderReason(s: Speaker, r: ReasonLike): string {
  const { t } = s;
  const f = formatters(s);
  const p = r.params ?? {};
  const key = `reasons.${r.code}`;
  const days = (v: unknown) => Math.round(n(v) * 10) / 10;
  const names = (v: unknown) =>
    f.list(
      String(v ?? "")
        .split(",")
        .filter(Boolean)
        .map((c) => boundName(t, c)),
    );
  switch (r.code) {
    case "PRICING.PRICE_INVALID":
      return t("reasons.PRICING.PRICE_INVALID", { price: finite(p.price) ? f.price(p.price) : "—" });
    case "PRICING.COST_INVALID":
      return t("reasons.PRICING.COST_INVALID", { cost: String(p.unitCost ?? "—") });
    case "PRICING.DATE_INVALID":
      return t("reasons.PRICING.DATE_INVALID", { value: String(p.value ?? "—") });
    case "PRICING.COST_ABOVE_PRICE":
      return t("reasons.PRICING.COST_ABOVE_PRICE", { cost: f.price(p.unitCost), price: f.price(p.price) });
    case "PRICING.BELOW_MIN_MARGIN":
      return t("reasons.PRICING.BELOW_MIN_MARGIN", { margin: f.share(p.margin), minimum: f.share(p.minimum) });
    case "PRICING.OUTSIDE_GUARDRAILS":
      return n(p.cost) > 0
        ? t("reasons.PRICING.OUTSIDE_GUARDRAILS.kept", {
            rules: names(p.rules),
            price: f.price(p.price),
            cost: f.amount(p.cost),
          })
        : t("reasons.PRICING.OUTSIDE_GUARDRAILS", {
            rules: names(p.rules),
            low: f.price(p.low),
            high: f.price(p.high),
          });
    case "PRICING.GUARDRAILS_INFEASIBLE":
      return t("reasons.PRICING.GUARDRAILS_INFEASIBLE", {
        lower: names(p.lowerBounds),
        upper: names(p.upperBounds),
        low: f.price(p.low),
        high: f.price(p.high),
      });
    case "PRICING.PRICE_NEVER_VARIED":
      return t("reasons.PRICING.PRICE_NEVER_VARIED", { source: sourceWords(t, p.source) });
    case "PRICING.ELASTICITY": {
      const e = n(p.elasticity);
      const se = finite(p.se) ? n(p.se) : 0;
      const sentence = t("reasons.PRICING.ELASTICITY", {
        pct: f.change(e / 100),
        low: f.change((e - 1.2816 * se) / 100),
        high: f.change((e + 1.2816 * se) / 100),
        source: sourceWords(t, p.source),
      });
      if (!finite(p.ownElasticity) || !finite(p.pricePoints) || !finite(p.days)) return sentence;
      return t("reasons.PRICING.ELASTICITY.own", {
        sentence,
        points: n(p.pricePoints),
        days: n(p.days),
        own: f.change(n(p.ownElasticity) / 100),
      });
    }
    case "PRICING.LOW_CONFIDENCE":
      return t("reasons.PRICING.LOW_CONFIDENCE", {
        price: f.price(p.price),
        probability: f.chance(p.probability),
        threshold: f.share(p.threshold),
      });
    case "PRICING.GAIN_TOO_SMALL":
      return t("reasons.PRICING.GAIN_TOO_SMALL", {
        price: f.price(p.price),
        gain: f.amount(p.gain),
        threshold: f.share(p.threshold),
      });
    case "PRICING.SEASON":
      return t(n(p.ratio) >= 1 ? "reasons.PRICING.SEASON.up" : "reasons.PRICING.SEASON.down", {
        pct: f.share(Math.abs(n(p.ratio) - 1)),
      });
    case "PRICING.TREND":
      return t(n(p.per28Days) >= 0 ? "reasons.PRICING.TREND.up" : "reasons.PRICING.TREND.down", {
        pct: f.share(Math.abs(n(p.per28Days))),
      });
    case "PRICING.PROFIT_MOVE":
      return t("reasons.PRICING.PROFIT_MOVE", {
        from: f.price(p.from),
        to: f.price(p.to),
        gain: f.amount(p.gain),
        days: n(p.windowDays),
        probability: f.chance(p.probability),
      });
    case "PRICING.NO_BETTER_PRICE":
      return t("reasons.PRICING.NO_BETTER_PRICE", { price: f.price(p.price) });
    case "PRICING.STOCK_SCARCE": {
      const until = finite(p.restockDays)
        ? t("reasons.PRICING.STOCK_SCARCE.restock", { days: n(p.restockDays) })
        : t("reasons.PRICING.STOCK_SCARCE.horizon", { days: n(p.windowDays) });
      return t("reasons.PRICING.STOCK_SCARCE", { stock: days(p.stock), stockDays: n(p.daysOfStock), until });
    }
    case "PRICING.STOCK_EXCESS":
      return t("reasons.PRICING.STOCK_EXCESS", {
        stock: days(p.stock),
        demand: f.number(p.demand, 0),
        days: n(p.sellThroughDays),
        unitsLeft: f.number(p.unitsLeft, 0),
        leftValue: f.amount(p.leftValue),
      });
    case "PRICING.STOCK_TRADEOFF":
    case "PRICING.KEEP_STOCK":
      if (
        r.code === "PRICING.STOCK_TRADEOFF" &&
        [p.keepUnitsLeft, p.newUnitsLeft, p.keepHoldingCost, p.newHoldingCost].every((x) => n(x ?? 0) === 0)
      ) {
        return t("reasons.PRICING.STOCK_TRADEOFF.simple", {
          days: n(p.windowDays),
          price: f.price(p.price),
          keepProfit: f.amount(p.keepProfit),
          newProfit: f.amount(p.newProfit),
        });
      }
      return t(r.code === "PRICING.STOCK_TRADEOFF" ? "reasons.PRICING.STOCK_TRADEOFF" : "reasons.PRICING.KEEP_STOCK", {
        days: n(p.windowDays),
        price: f.price(p.price),
        keepProfit: f.amount(p.keepProfit),
        keepUnitsLeft: f.number(p.keepUnitsLeft, 0),
        keepLeftValue: f.amount(p.keepLeftValue),
        keepHoldingCost: f.amount(p.keepHoldingCost),
        newProfit: f.amount(p.newProfit),
        newUnitsLeft: f.number(p.newUnitsLeft, 0),
        newLeftValue: f.amount(p.newLeftValue),
        newHoldingCost: f.amount(p.newHoldingCost),
      });
    case "PRICING.MARGIN":
      return t("reasons.PRICING.MARGIN", {
        price: f.price(p.price),
        margin: f.share(p.margin),
        unitMargin: f.price(p.unitMargin),
      });
    case "PRICING.CUSTOMER_VALUE":
      return t("reasons.PRICING.CUSTOMER_VALUE", {
        share: f.share(p.acquisitionShare),
        value: f.amount(p.valuePerCustomer),
        weight: f.share(p.weight),
        perUnit: f.price(p.perUnit),
      });
    case "PRICING.COOLDOWN":
      return t("reasons.PRICING.COOLDOWN", { last: f.day(p.lastChange), until: f.day(p.until), days: n(p.days) });
    case "PRICING.ROUNDING_NO_FEASIBLE_PRICE": {
      const ending = `reasons.ending.${String(p.rounding)}`;
      return t("reasons.PRICING.ROUNDING_NO_FEASIBLE_PRICE", {
        ending: has(ending) ? t(ending) : String(p.rounding),
        low: f.price(p.low),
        high: f.price(p.high),
      });
    }
    case "PRICING.OVERSOLD":
      return t("reasons.PRICING.OVERSOLD", { units: n(p.unitsOwed) });
    // ---- Replenishment figures ----
    case "INVENTORY.POSITION":
      return t("reasons.INVENTORY.POSITION", { units: days(p.units) });
    case "INVENTORY.SAFETY_STOCK":
      return t("reasons.INVENTORY.SAFETY_STOCK", { units: days(p.units), level: f.share(p.serviceLevel) });
    case "INVENTORY.REORDER_POINT":
      return t("reasons.INVENTORY.REORDER_POINT", { units: n(p.units), leadDays: days(p.leadDays) });
    case "INVENTORY.ORDER_UP_TO":
      return t("reasons.INVENTORY.ORDER_UP_TO", {
        units: n(p.units),
        days: days(p.protectionDays),
        leadDays: days(p.leadDays),
        reviewDays: days(p.reviewDays),
        level: f.share(p.serviceLevel),
      });
    case "INVENTORY.ORDER":
    case "INVENTORY.ORDER_ROUNDED":
      return t(r.code === "INVENTORY.ORDER" ? "reasons.INVENTORY.ORDER" : "reasons.INVENTORY.ORDER_ROUNDED", {
        quantity: n(p.quantity),
        position: f.units(p.position),
        target: f.units(p.target),
        moq: f.number(p.moq, 0),
        casePack: f.number(p.casePack, 0),
      });
    case "INVENTORY.NO_ORDER":
      return t("reasons.INVENTORY.NO_ORDER", { position: f.units(p.position), target: f.units(p.target) });
    case "INVENTORY.STOCKOUT_DATE":
      return n(p.incoming) > 0
        ? t("reasons.INVENTORY.STOCKOUT_DATE.incoming", { date: f.day(p.date), incoming: n(p.incoming) })
        : t("reasons.INVENTORY.STOCKOUT_DATE", { date: f.day(p.date) });
    case "INVENTORY.STOCKOUT_BEYOND":
    case "INVENTORY.COVER_BEYOND":
      return t(
        r.code === "INVENTORY.COVER_BEYOND" ? "reasons.INVENTORY.COVER_BEYOND" : "reasons.INVENTORY.STOCKOUT_BEYOND",
        { days: n(p.days) },
      );
    case "INVENTORY.COVER":
      return t(n(p.incoming) > 0 ? "reasons.INVENTORY.COVER.incoming" : "reasons.INVENTORY.COVER", {
        days: days(p.days),
      });
    case "INVENTORY.STOCKOUT_RISK":
      return t("reasons.INVENTORY.STOCKOUT_RISK", { risk: f.chance(p.risk) });
    case "INVENTORY.LOST_SALES":
      return t("reasons.INVENTORY.LOST_SALES", { units: f.units(p.units), leadDays: days(p.leadDays) });
    case "INVENTORY.NO_LOST_SALES":
      return t("reasons.INVENTORY.NO_LOST_SALES", { leadDays: days(p.leadDays) });
    case "INVENTORY.MARGIN_AT_RISK":
    case "INVENTORY.REVENUE_AT_RISK":
      return t(
        r.code === "INVENTORY.MARGIN_AT_RISK"
          ? "reasons.INVENTORY.MARGIN_AT_RISK"
          : "reasons.INVENTORY.REVENUE_AT_RISK",
        { units: f.units(p.lostUnits), amount: f.amount(p.amount) },
      );
    case "INVENTORY.OVERSTOCK":
      return t("reasons.INVENTORY.OVERSTOCK", { units: f.units(p.units), days: n(p.coverDays) });
    case "INVENTORY.NO_OVERSTOCK":
      return t("reasons.INVENTORY.NO_OVERSTOCK", { days: n(p.coverDays) });
    case "INVENTORY.OVERSTOCK_CAPITAL":
      return t("reasons.INVENTORY.OVERSTOCK_CAPITAL", { amount: f.amount(p.amount), days: n(p.coverDays) });
  }
  // Codes whose text takes no value.
  if (has(key)) return t(key);
  return s.locale === "en" && r.text ? r.text : t("reasons.unknown", { code: r.code });
}

/** A guardrail bound as a chip: "Largest change per decision: at most €21.99 (sets this price)". */
export function renderBound(s: Speaker, b: BoundLike): string {
  const f = formatters(s);
  const value = typeof b.value === "number" ? f.price(b.value) : String(b.value ?? "—");
  const text = s.t(b.side === "lower" ? "reasons.bound.lower" : "reasons.bound.upper", {
    name: boundName(s.t, b.code),
    value,
  });
  return b.binding ? s.t("reasons.bound.binding", { text }) : text;
}

/** A refused approval (app/decisions/validate.ts) as a sentence; null when it carries no params. */
export function renderRefusal(s: Speaker, params: Params | null | undefined): string | null {
  if (!params || typeof params.problem !== "string") return null;
  const f = formatters(s);
  switch (params.problem) {
    case "BOUND":
      return s.t(params.side === "lower" ? "reasons.refusal.BOUND.lower" : "reasons.refusal.BOUND.upper", {
        price: f.price(params.price),
        limit: f.price(params.limit),
        name: boundName(s.t, String(params.bound)),
      });
    case "BELOW_FLOOR":
      return s.t("reasons.refusal.BELOW_FLOOR", { price: f.price(params.price), floor: f.price(params.floor) });
    case "QUANTITY":
      return s.t("reasons.refusal.QUANTITY", { max: n(params.max) });
  }
  const key = `reasons.refusal.${params.problem}`;
  return has(key) ? s.t(key) : null;
}

export interface HeadlineInput {
  kind: "price" | "reorder";
  action?: string | null;
  currentPrice?: number | null;
  proposedPrice?: number | null;
  /** Expected change of profit over windowDays. */
  expectedProfitDelta?: number | null;
  windowDays?: number | null;
  elasticity?: number | null;
  situation?: string | null;
  reasons: ReasonLike[];
  /** Reorder: the order, its cost, the projected stockout and the days it covers. */
  quantity?: number | null;
  orderCost?: number | null;
  stockoutDate?: string | null;
  protectionDays?: number | null;
}

/** How price-sensitive customers are, in words: "a 1% higher price loses about 3% of sales". */
export function sensitivityText(s: Speaker, elasticity: number): string {
  const a = Math.abs(elasticity);
  const pct = formatters(s).share(a / 100);
  if (a >= 1.5) return s.t("reasons.headline.sensitive", { pct });
  if (a >= 1) return s.t("reasons.headline.moderate", { pct });
  return s.t("reasons.headline.insensitive", { pct });
}

/** Reasons that decide a kept or withheld price, most telling first. */
const DECISIVE = [
  "PRICING.UNIT_COST_MISSING",
  "PRICING.PRICE_INVALID",
  "PRICING.COST_INVALID",
  "PRICING.DATE_INVALID",
  "PRICING.ELASTICITY_INVALID",
  "PRICING.GUARDRAILS_INFEASIBLE",
  "PRICING.ROUNDING_NO_FEASIBLE_PRICE",
  "PRICING.OVERSOLD",
  "PRICING.COOLDOWN",
  "PRICING.OUTSIDE_GUARDRAILS",
  "PRICING.NO_DEMAND",
  "PRICING.LOW_CONFIDENCE",
  "PRICING.GAIN_TOO_SMALL",
  "PRICING.NO_BETTER_PRICE",
];

/** The one plain sentence that leads a suggestion. */
export function headline(s: Speaker, h: HeadlineInput): string {
  const f = formatters(s);
  if (h.kind === "reorder") {
    const quantity = n(h.quantity ?? 0);
    const days = Math.round(n(h.protectionDays ?? 0));
    const sentence = h.stockoutDate
      ? s.t("reasons.headline.reorder", { date: f.day(h.stockoutDate), quantity, days })
      : s.t("reasons.headline.reorderNoDate", { quantity, days });
    return finite(h.orderCost)
      ? s.t("reasons.headline.reorderCost", { sentence, cost: f.amount(h.orderCost) })
      : sentence;
  }
  const find = (code: string) => h.reasons.find((r) => r.code === code);
  const moving =
    h.proposedPrice != null &&
    h.currentPrice != null &&
    Math.round(h.proposedPrice * 100) !== Math.round(h.currentPrice * 100);
  if (!moving || h.action === "withheld" || h.action === "keep") {
    const decisive = DECISIVE.map(find).find((r) => r !== undefined);
    if (decisive) return renderReason(s, decisive);
    return h.reasons[0] ? renderReason(s, h.reasons[0]) : "";
  }
  const raise = (h.proposedPrice as number) > (h.currentPrice as number);
  const days = n(h.windowDays ?? 28);
  const price = f.price(h.proposedPrice);
  const scarce = find("PRICING.STOCK_SCARCE");
  if (raise && scarce && finite(scarce.params?.daysOfStock)) {
    const sp = scarce.params ?? {};
    const until = finite(sp.restockDays)
      ? s.t("reasons.PRICING.STOCK_SCARCE.restock", { days: n(sp.restockDays) })
      : s.t("reasons.PRICING.STOCK_SCARCE.horizon", { days: n(sp.windowDays ?? days) });
    return s.t("reasons.headline.scarce", { stockDays: n(sp.daysOfStock), until, price });
  }
  const excess = find("PRICING.STOCK_EXCESS");
  if (!raise && excess && finite(excess.params?.unitsLeft)) {
    return s.t("reasons.headline.excess", {
      unitsLeft: Math.round(n(excess.params?.unitsLeft)),
      days: n(excess.params?.sellThroughDays),
      price,
    });
  }
  const sensitivity = finite(h.elasticity) ? sensitivityText(s, n(h.elasticity)) : "";
  const text = s.t(raise ? "reasons.headline.raise" : "reasons.headline.lower", {
    sensitivity,
    price,
    gain: f.amount(h.expectedProfitDelta ?? 0),
    days,
  });
  return text.trim();
}
