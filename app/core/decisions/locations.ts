// Per-location replenishment for one variant: its forecast split by each location's demand share
// (inventory/shares.ts), each location planned with the same calibrated protection-period law as the variant
// (forecast/period.ts with the shop's CalibrationTable, as decide.ts does), then transfers where one location
// will run out before a vendor order could arrive and another holds more than it needs (inventory/transfers.ts).
// A suggested transfer is counted in both plans: the destination orders less, the origin keeps its level.
import { levelKey, periodLaw, type CalibrationTable, type VariantForecast } from "../forecast/index";
import { daysBetween, addDays } from "../days";
import { planLocations, scaleForecast, type LocationStock } from "../inventory/locations";
import { suggestTransfers, type TransferSuggestion } from "../inventory/transfers";
import type { DemandShares } from "../inventory/shares";
import type { IncomingShipment, ReplenishmentInput, ReplenishmentResult } from "../inventory/types";

export interface LocationFacts {
  locationId: string;
  onHand: number;
  committed: number;
  /** Shopify's incoming units (no date: counted on the first forecast day). */
  incoming: number;
  /** Open purchase-order units and approved transfers to this location, by expected day. */
  onOrder: IncomingShipment[];
  /** Units promised away by approved transfers not yet shipped. */
  outgoing: number;
}

export interface LocationPlan {
  locationId: string;
  share: number;
  result: ReplenishmentResult;
}

export interface SuggestedTransfer extends TransferSuggestion {
  /** The destination's projected stockout date without the transfer (YYYY-MM-DD). */
  stockoutDate: string;
  /** The destination's chance of running out before a vendor order could arrive, without the transfer. */
  stockoutRisk: number;
  /** The destination's margin at risk before a vendor order could arrive, without the transfer (null: no cost). */
  marginAtRisk: number | null;
}

export interface LocationDecision {
  shares: DemandShares;
  /** Final plans (counting the suggested transfers), in the order of the facts. */
  plans: LocationPlan[];
  transfers: SuggestedTransfer[];
}

export interface LocationPlanSettings {
  serviceLevel: number;
  reviewPeriodDays: number;
  targetCoverDays: number;
  transferLeadTimeDays: number;
}

export type SharedInput = Omit<
  ReplenishmentInput,
  | "location"
  | "onHand"
  | "committed"
  | "incoming"
  | "forecast"
  | "serviceLevel"
  | "reviewPeriodDays"
  | "targetCoverDays"
  | "protectionDemand"
>;

export function decideLocations(
  forecast: VariantForecast,
  locations: readonly LocationFacts[],
  shares: DemandShares,
  shared: SharedInput,
  s: LocationPlanSettings,
  calibration?: CalibrationTable,
): LocationDecision {
  if (locations.length === 0) return { shares, plans: [], transfers: [] };
  const protection = { ...shared.leadTime, reviewDays: s.reviewPeriodDays };
  const scaled = new Map(
    locations.map((l) => [
      l.locationId,
      scaleForecast(forecast, shares.shares.get(l.locationId) ?? 1 / locations.length),
    ]),
  );
  // The protection-period law of each location's demand does not depend on its stock: built once, and asked
  // for the order-up-to quantile and the chance of running out at each stock position.
  const laws = new Map(
    locations.map((l) => [
      l.locationId,
      periodLaw(scaled.get(l.locationId)!, 0, protection, [s.serviceLevel], calibration),
    ]),
  );
  const arrival = addDays(forecast.start, Math.ceil(s.transferLeadTimeDays));

  const plan = (moves: Map<string, number>): LocationPlan[] => {
    const stocks: LocationStock[] = locations.map((l) => {
      const moved = moves.get(l.locationId) ?? 0;
      const incoming: IncomingShipment[] = [
        ...(l.incoming > 0 ? [{ units: l.incoming, expectedDate: forecast.start }] : []),
        ...l.onOrder,
        ...(moved > 0 ? [{ units: moved, expectedDate: arrival }] : []),
      ];
      const committed = l.committed + l.outgoing + Math.max(0, -moved);
      const position = l.onHand - committed + incoming.reduce((a, x) => a + x.units, 0);
      const law = laws.get(l.locationId)!;
      const risk = law.exceeds(position);
      return {
        location: l.locationId,
        onHand: l.onHand,
        committed,
        incoming,
        demandShare: shares.shares.get(l.locationId) ?? 1 / locations.length,
        overrides: {
          protectionDemand: {
            mean: law.mean,
            quantile: law.quantiles[levelKey(s.serviceLevel)],
            stockoutRiskWithoutOrder: risk,
          },
        },
      };
    });
    const multi = planLocations(
      {
        ...shared,
        forecast,
        serviceLevel: s.serviceLevel,
        reviewPeriodDays: s.reviewPeriodDays,
        targetCoverDays: s.targetCoverDays,
      },
      stocks,
    );
    return locations.map((l, i) => ({
      locationId: l.locationId,
      share: stocks[i].demandShare!,
      result: multi.results[i],
    }));
  };

  const before = plan(new Map());
  if (locations.length < 2) return { shares, plans: before, transfers: [] };
  const candidates = before.flatMap((p, i) => {
    if (!p.result.ok) return [];
    const l = locations[i];
    const stockout = p.result.plan.projectedStockoutDate.value;
    return [
      {
        location: p.locationId,
        usable: l.onHand - l.committed - l.outgoing,
        position: p.result.plan.inventoryPosition.value ?? 0,
        orderUpTo: p.result.plan.orderUpTo.value ?? 0,
        stockoutDay: stockout ? daysBetween(forecast.start, stockout) : null,
      },
    ];
  });
  const found = suggestTransfers(candidates, {
    supplierLeadDays: shared.leadTime.meanDays,
    transferLeadDays: s.transferLeadTimeDays,
  });
  if (found.length === 0) return { shares, plans: before, transfers: [] };
  const moves = new Map<string, number>();
  for (const t of found) {
    moves.set(t.to, (moves.get(t.to) ?? 0) + t.units);
    moves.set(t.from, (moves.get(t.from) ?? 0) - t.units);
  }
  const byLocation = new Map(before.map((p) => [p.locationId, p]));
  const transfers = found.map((t) => {
    const dest = byLocation.get(t.to)!.result;
    return {
      ...t,
      stockoutDate: addDays(forecast.start, t.stockoutDay),
      stockoutRisk: dest.ok ? (dest.plan.stockoutRisk.value ?? 0) : 0,
      marginAtRisk: dest.ok ? dest.plan.marginAtRisk.value : null,
    };
  });
  return { shares, plans: plan(moves), transfers };
}
