// Periodic-review order-up-to policy (R, S) for one variant at one location.
// Silver, Pyke & Thomas, "Inventory Management and Production Planning and Scheduling" (3rd ed., 1998), ch. 7:
// every R days, order up to S = demand quantile over the protection period L + R at the cycle service level.
import { SHOP_DEFAULTS, VENDOR_DEFAULTS } from "../defaults";
import { addDays } from "./dates";
import { windowDemand, windowDemandWithLeadTimeSpread } from "./demand";
import { days, money, percent, round1, round2, units } from "./format";
import { normalQuantile, expectedShortage } from "./normal";
import { walkStock, WALK_LIMIT_DAYS } from "./stock-walk";
import type {
  Figure,
  FigureParams,
  InventoryFigureCode,
  InventoryNullReason,
  ReplenishmentInput,
  ReplenishmentResult,
} from "./types";
import { validateInput } from "./validate";

export const DEFAULTS = {
  serviceLevel: SHOP_DEFAULTS.serviceLevel,
  reviewPeriodDays: SHOP_DEFAULTS.reviewPeriodDays,
  moq: VENDOR_DEFAULTS.moq,
  casePack: VENDOR_DEFAULTS.casePack,
  targetCoverDays: SHOP_DEFAULTS.targetCoverDays,
} as const;

/** A figure with its coded explanation (the English text is for the CLI and logs). */
function fig<T>(
  value: T | null,
  code: InventoryFigureCode,
  params: FigureParams,
  explanation: string,
  reason?: InventoryNullReason,
): Figure<T> {
  return reason ? { value, reason, code, params, explanation } : { value, code, params, explanation };
}

/** Smallest quantity >= need that meets the MOQ and is a whole number of case packs. */
export function roundOrder(need: number, moq: number, casePack: number): number {
  if (need <= 0) return 0;
  const q = Math.max(Math.ceil(need - 1e-9), moq);
  return Math.ceil(q / casePack) * casePack;
}

export function planReplenishment(input: ReplenishmentInput): ReplenishmentResult {
  const location = input.location ?? "default";
  const error = validateInput(input);
  if (error) return { ok: false, error, sku: input.sku, location };

  const fc = input.forecast;
  const alpha = input.serviceLevel ?? DEFAULTS.serviceLevel;
  const review = input.reviewPeriodDays ?? DEFAULTS.reviewPeriodDays;
  const moq = input.moq ?? DEFAULTS.moq;
  const casePack = input.casePack ?? DEFAULTS.casePack;
  const coverTarget = input.targetCoverDays ?? DEFAULTS.targetCoverDays;
  const { meanDays: L, sdDays: sdL } = input.leadTime;
  const cur = input.currency;
  const incoming = input.incoming ?? [];
  const usable = (input.onHand as number) - (input.committed ?? 0);
  const incomingTotal = incoming.reduce((s, x) => s + x.units, 0);
  const position = usable + incomingTotal;
  const P = L + review;
  const z = normalQuantile(alpha);

  // Demand over the protection period: the caller's simulated quantile when given, else normal approximation.
  const protection = windowDemandWithLeadTimeSpread(fc, P, sdL);
  const pMean = input.protectionDemand?.mean ?? protection.mean;
  const pQuantile = input.protectionDemand?.quantile ?? protection.mean + z * protection.sd;
  const safety = Math.max(0, pQuantile - pMean);
  const orderUpTo = Math.ceil(pMean + safety - 1e-9);
  const leadDemand = windowDemandWithLeadTimeSpread(fc, L, sdL);
  // Reorder point s = expected lead-time demand + safety stock (Silver, Pyke & Thomas 1998, sec. 7.6).
  const reorderPoint = Math.ceil(leadDemand.mean + safety - 1e-9);

  const need = orderUpTo - position;
  const qty = roundOrder(need, moq, casePack);
  const rounded = qty > Math.ceil(need);
  const qtyFigure: Figure =
    qty === 0
      ? fig(
          qty,
          "INVENTORY.NO_ORDER",
          { position: round1(position), target: orderUpTo },
          `No order needed: your stock position (${units(position)}) already covers the ${units(orderUpTo)} target.`,
        )
      : fig(
          qty,
          rounded ? "INVENTORY.ORDER_ROUNDED" : "INVENTORY.ORDER",
          { quantity: qty, position: round1(position), target: orderUpTo, moq, casePack },
          `Order ${units(qty)} to bring your stock position from ${units(position)} up to the ${units(orderUpTo)} target` +
            (rounded ? `, rounded up for the minimum order (${moq}) and case pack (${casePack}).` : "."),
        );

  // Projected stockout and days of cover, from the daily mean.
  const walk = walkStock(fc, usable, incoming);
  const noDemand = walk.totalDemand <= 0;
  const withIncoming = incoming.length ? incomingTotal : 0;
  const stockoutDay = walk.stockoutDay === null ? null : addDays(fc.start, walk.stockoutDay);
  const stockoutDate: Figure<string> = noDemand
    ? fig<string>(
        null,
        "INVENTORY.STOCKOUT_NO_DEMAND",
        {},
        "No sales are expected, so no stockout is projected.",
        "INVENTORY.NO_DEMAND",
      )
    : stockoutDay === null
      ? fig<string>(
          null,
          "INVENTORY.STOCKOUT_BEYOND",
          { days: WALK_LIMIT_DAYS },
          `Stock and incoming units last beyond ${WALK_LIMIT_DAYS} days at the expected sales rate.`,
          "INVENTORY.BEYOND_SIMULATION",
        )
      : fig(
          stockoutDay,
          "INVENTORY.STOCKOUT_DATE",
          { date: stockoutDay, incoming: withIncoming },
          `At the expected sales rate you run out on ${stockoutDay}${incoming.length ? ", counting incoming deliveries" : ""}.`,
        );
  const cover: Figure = noDemand
    ? fig<number>(
        null,
        "INVENTORY.COVER_NO_DEMAND",
        {},
        "No sales are expected, so cover is not limited by demand.",
        "INVENTORY.NO_DEMAND",
      )
    : walk.coverDays === null
      ? fig<number>(
          null,
          "INVENTORY.COVER_BEYOND",
          { days: WALK_LIMIT_DAYS },
          `More than ${WALK_LIMIT_DAYS} days of cover.`,
          "INVENTORY.BEYOND_SIMULATION",
        )
      : fig(
          round1(walk.coverDays),
          "INVENTORY.COVER",
          { days: round1(walk.coverDays), incoming: withIncoming },
          `${incoming.length ? "Current stock plus incoming deliveries" : "Current stock"} lasts about ${days(walk.coverDays)} at the expected sales rate.`,
        );

  // Expected lost sales before an order placed today can arrive (normal loss function).
  const arrivedByL = incoming
    .filter((s) => addDays(fc.start, Math.ceil(L)) > s.expectedDate)
    .reduce((s, x) => s + x.units, 0);
  // Oversold (negative) stock is owed to customers already, not lost again: shortage is measured from 0.
  const lost = expectedShortage(leadDemand.mean, leadDemand.sd, Math.max(0, usable + arrivedByL));
  // Selling below cost puts no margin at risk.
  const margin = input.unitCost === null ? null : Math.max(0, input.unitPrice - input.unitCost);
  const marginAtRisk: Figure =
    margin === null
      ? fig<number>(
          null,
          "INVENTORY.REVENUE_AT_RISK",
          { amount: round2(lost * input.unitPrice), lostUnits: round1(lost) },
          `Unit cost is missing, so margin cannot be computed; ${money(lost * input.unitPrice, cur)} of revenue is at risk.`,
          "INVENTORY.UNIT_COST_MISSING",
        )
      : fig(
          round2(lost * margin),
          "INVENTORY.MARGIN_AT_RISK",
          { amount: round2(lost * margin), lostUnits: round1(lost) },
          `Expected lost sales of ${units(lost)} before a new order can arrive cost about ${money(lost * margin, cur)} of margin.`,
        );

  // Overstock beyond the target cover.
  const coverDemand = windowDemand(fc, coverTarget).mean;
  const over = Math.max(0, position - coverDemand);
  const overCapital: Figure =
    input.unitCost === null
      ? fig<number>(
          null,
          "INVENTORY.CAPITAL_UNKNOWN",
          {},
          "Unit cost is missing, so the capital tied up cannot be computed.",
          "INVENTORY.UNIT_COST_MISSING",
        )
      : fig(
          round2(over * input.unitCost),
          "INVENTORY.OVERSTOCK_CAPITAL",
          { amount: round2(over * input.unitCost), coverDays: coverTarget },
          over > 0
            ? `${money(over * input.unitCost, cur)} is tied up in stock beyond ${days(coverTarget)} of sales.`
            : "No capital is tied up beyond the target cover.",
        );

  const risk = input.protectionDemand?.stockoutRiskWithoutOrder;
  const stockoutRisk: Figure =
    risk == null
      ? fig<number>(
          null,
          "INVENTORY.STOCKOUT_RISK_UNKNOWN",
          {},
          "The chance of running out without this order was not computed.",
          "INVENTORY.NO_DISTRIBUTION",
        )
      : fig(
          Math.round(risk * 1000) / 1000,
          "INVENTORY.STOCKOUT_RISK",
          { risk: Math.round(risk * 1000) / 1000 },
          `Without an order now, the chance of running out before the next order could arrive is ${percent(risk)}.`,
        );

  return {
    ok: true,
    plan: {
      sku: input.sku,
      location,
      serviceLevel: alpha,
      protectionPeriodDays: P,
      inventoryPosition: fig(
        round1(position),
        "INVENTORY.POSITION",
        {
          units: round1(position),
          onHand: input.onHand as number,
          reserved: input.committed ?? 0,
          incoming: incomingTotal,
        },
        `On hand minus reserved plus incoming: ${units(position)}.`,
      ),
      safetyStock: fig(
        round1(safety),
        "INVENTORY.SAFETY_STOCK",
        { units: round1(safety), serviceLevel: alpha },
        `Extra stock kept for demand and delivery-time surprises, sized so that ${percent(alpha)} of order cycles do not run out.`,
      ),
      reorderPoint: fig(
        reorderPoint,
        "INVENTORY.REORDER_POINT",
        { units: reorderPoint, leadDays: round1(L), safety: round1(safety) },
        `When your stock position falls to ${units(reorderPoint)}, order now: that is expected sales over the ${days(L)} lead time plus the safety stock.`,
      ),
      orderUpTo: fig(
        orderUpTo,
        "INVENTORY.ORDER_UP_TO",
        { units: orderUpTo, protectionDays: round1(P), leadDays: round1(L), reviewDays: review, serviceLevel: alpha },
        `Enough to cover ${days(P)} (lead time ${days(L)} + review every ${days(review)}) with ${percent(alpha)} confidence.`,
      ),
      suggestedOrderQty: qtyFigure,
      projectedStockoutDate: stockoutDate,
      daysOfCover: cover,
      stockoutRisk,
      expectedLostUnits:
        lost > 0.05
          ? fig(
              round1(lost),
              "INVENTORY.LOST_SALES",
              { units: round1(lost), leadDays: round1(L) },
              `About ${units(lost)} of sales are expected to be missed before a new order can arrive in ${days(L)}.`,
            )
          : fig(
              round1(lost),
              "INVENTORY.NO_LOST_SALES",
              { leadDays: round1(L) },
              `No sales are expected to be missed before a new order can arrive in ${days(L)}.`,
            ),
      marginAtRisk,
      overstockUnits:
        over > 0
          ? fig(
              round1(over),
              "INVENTORY.OVERSTOCK",
              { units: round1(over), coverDays: coverTarget },
              `${units(over)} beyond ${days(coverTarget)} of expected sales.`,
            )
          : fig(
              round1(over),
              "INVENTORY.NO_OVERSTOCK",
              { coverDays: coverTarget },
              `No stock beyond ${days(coverTarget)} of expected sales.`,
            ),
      overstockCapital: overCapital,
      method: input.protectionDemand
        ? "periodic review order-up-to (R,S); protection-period demand quantile from the forecast engine"
        : "periodic review order-up-to (R,S); normal approximation with negative-binomial daily variance and lead-time spread",
    },
  };
}
