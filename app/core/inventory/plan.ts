// Periodic-review order-up-to policy (R, S) for one variant at one location.
// Silver, Pyke & Thomas, "Inventory Management and Production Planning and Scheduling" (3rd ed., 1998), ch. 7:
// every R days, order up to S = demand quantile over the protection period L + R at the cycle service level.
import { SHOP_DEFAULTS, VENDOR_DEFAULTS } from "../defaults";
import { addDays } from "./dates";
import { windowDemand, windowDemandWithLeadTimeSpread } from "./demand";
import { days, money, percent, round1, round2, units } from "./format";
import { normalQuantile, expectedShortage } from "./normal";
import { walkStock, WALK_LIMIT_DAYS } from "./stock-walk";
import type { Figure, ReplenishmentInput, ReplenishmentResult } from "./types";
import { validateInput } from "./validate";

export const DEFAULTS = {
  serviceLevel: SHOP_DEFAULTS.serviceLevel,
  reviewPeriodDays: SHOP_DEFAULTS.reviewPeriodDays,
  moq: VENDOR_DEFAULTS.moq,
  casePack: VENDOR_DEFAULTS.casePack,
  targetCoverDays: SHOP_DEFAULTS.targetCoverDays,
} as const;

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
  const qtyExpl =
    qty === 0
      ? `No order needed: your stock position (${units(position)}) already covers the ${units(orderUpTo)} target.`
      : `Order ${units(qty)} to bring your stock position from ${units(position)} up to the ${units(orderUpTo)} target` +
        (qty > Math.ceil(need) ? `, rounded up for the minimum order (${moq}) and case pack (${casePack}).` : ".");

  // Projected stockout and days of cover, from the daily mean.
  const walk = walkStock(fc, usable, incoming);
  const noDemand = walk.totalDemand <= 0;
  const stockoutDate: Figure<string> = noDemand
    ? { value: null, reason: "INVENTORY.NO_DEMAND", explanation: "No sales are expected, so no stockout is projected." }
    : walk.stockoutDay === null
      ? { value: null, reason: "INVENTORY.BEYOND_SIMULATION", explanation: `Stock and incoming units last beyond ${WALK_LIMIT_DAYS} days at the expected sales rate.` }
      : { value: addDays(fc.start, walk.stockoutDay), explanation: `At the expected sales rate you run out on ${addDays(fc.start, walk.stockoutDay)}${incoming.length ? ", counting incoming deliveries" : ""}.` };
  const cover: Figure = noDemand
    ? { value: null, reason: "INVENTORY.NO_DEMAND", explanation: "No sales are expected, so cover is not limited by demand." }
    : walk.coverDays === null
      ? { value: null, reason: "INVENTORY.BEYOND_SIMULATION", explanation: `More than ${WALK_LIMIT_DAYS} days of cover.` }
      : { value: round1(walk.coverDays), explanation: `${incoming.length ? "Current stock plus incoming deliveries" : "Current stock"} lasts about ${days(walk.coverDays)} at the expected sales rate.` };

  // Expected lost sales before an order placed today can arrive (normal loss function).
  const arrivedByL = incoming.filter((s) => addDays(fc.start, Math.ceil(L)) > s.expectedDate).reduce((s, x) => s + x.units, 0);
  // Oversold (negative) stock is owed to customers already, not lost again: shortage is measured from 0.
  const lost = expectedShortage(leadDemand.mean, leadDemand.sd, Math.max(0, usable + arrivedByL));
  // Selling below cost puts no margin at risk.
  const margin = input.unitCost === null ? null : Math.max(0, input.unitPrice - input.unitCost);
  const marginAtRisk: Figure =
    margin === null
      ? { value: null, reason: "INVENTORY.UNIT_COST_MISSING", explanation: `Unit cost is missing, so margin cannot be computed; ${money(lost * input.unitPrice, cur)} of revenue is at risk.` }
      : { value: round2(lost * margin), explanation: `Expected lost sales of ${units(lost)} before a new order can arrive cost about ${money(lost * margin, cur)} of margin.` };

  // Overstock beyond the target cover.
  const coverDemand = windowDemand(fc, coverTarget).mean;
  const over = Math.max(0, position - coverDemand);
  const overCapital: Figure =
    input.unitCost === null
      ? { value: null, reason: "INVENTORY.UNIT_COST_MISSING", explanation: "Unit cost is missing, so the capital tied up cannot be computed." }
      : { value: round2(over * input.unitCost), explanation: over > 0 ? `${money(over * input.unitCost, cur)} is tied up in stock beyond ${days(coverTarget)} of sales.` : "No capital is tied up beyond the target cover." };

  const risk = input.protectionDemand?.stockoutRiskWithoutOrder;
  const stockoutRisk: Figure =
    risk == null
      ? { value: null, reason: "INVENTORY.NO_DISTRIBUTION", explanation: "The chance of running out without this order was not computed." }
      : { value: Math.round(risk * 1000) / 1000, explanation: `Without an order now, the chance of running out before the next order could arrive is ${percent(risk)}.` };

  return {
    ok: true,
    plan: {
      sku: input.sku,
      location,
      serviceLevel: alpha,
      protectionPeriodDays: P,
      inventoryPosition: { value: round1(position), explanation: `On hand minus reserved plus incoming: ${units(position)}.` },
      safetyStock: { value: round1(safety), explanation: `Extra stock kept for demand and delivery-time surprises, sized so that ${percent(alpha)} of order cycles do not run out.` },
      reorderPoint: { value: reorderPoint, explanation: `When your stock position falls to ${units(reorderPoint)}, order now: that is expected sales over the ${days(L)} lead time plus the safety stock.` },
      orderUpTo: { value: orderUpTo, explanation: `Enough to cover ${days(P)} (lead time ${days(L)} + review every ${days(review)}) with ${percent(alpha)} confidence.` },
      suggestedOrderQty: { value: qty, explanation: qtyExpl },
      projectedStockoutDate: stockoutDate,
      daysOfCover: cover,
      stockoutRisk,
      expectedLostUnits: { value: round1(lost), explanation: lost > 0.05 ? `About ${units(lost)} of sales are expected to be missed before a new order can arrive in ${days(L)}.` : `No sales are expected to be missed before a new order can arrive in ${days(L)}.` },
      marginAtRisk,
      overstockUnits: { value: round1(over), explanation: over > 0 ? `${units(over)} beyond ${days(coverTarget)} of expected sales.` : `No stock beyond ${days(coverTarget)} of expected sales.` },
      overstockCapital: overCapital,
      method: input.protectionDemand
        ? "periodic review order-up-to (R,S); protection-period demand quantile from the forecast engine"
        : "periodic review order-up-to (R,S); normal approximation with negative-binomial daily variance and lead-time spread",
    },
  };
}
