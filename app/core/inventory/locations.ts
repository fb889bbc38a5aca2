// Several locations of one variant: split the variant's forecast by each location's demand share and plan each.
import type { VariantForecast } from "../forecast/types";
import { planReplenishment } from "./plan";
import type { IncomingShipment, ReplenishmentInput, ReplenishmentPlan, ReplenishmentResult } from "./types";

export interface LocationStock {
  location: string;
  onHand: number | null | undefined;
  committed?: number;
  incoming?: IncomingShipment[];
  /** Share of the variant's demand served from here, in (0, 1]. Default: equal split. */
  demandShare?: number;
  /** Overrides of the shared settings for this location (e.g. another lead time). */
  overrides?: Partial<Omit<ReplenishmentInput, "sku" | "forecast" | "location" | "onHand" | "committed" | "incoming">>;
}

export interface MultiLocationPlan {
  sku: string;
  results: ReplenishmentResult[];
  totals: {
    suggestedOrderQty: number;
    /** Sum over locations; null when any location's capital is unknown (never a partial sum). */
    overstockCapital: number | null;
    /** Earliest projected stockout across locations, or null. */
    earliestStockoutDate: string | null;
    failedLocations: string[];
  };
}

/**
 * Scale a forecast to a share of demand. Binomial thinning keeps the negative-binomial size, so
 * `dispersion` is unchanged; quantiles are scaled as an approximation.
 */
export function scaleForecast(fc: VariantForecast, share: number): VariantForecast {
  const quantiles: Record<string, number[]> = {};
  for (const [k, q] of Object.entries(fc.quantiles)) quantiles[k] = q.map((v) => v * share);
  return { ...fc, mean: fc.mean.map((v) => v * share), quantiles };
}

export function planLocations(
  shared: Omit<ReplenishmentInput, "location" | "onHand" | "committed" | "incoming">,
  locations: LocationStock[],
): MultiLocationPlan {
  const equal = locations.length > 0 ? 1 / locations.length : 1;
  const results = locations.map((loc) => {
    const share = loc.demandShare ?? equal;
    const input: ReplenishmentInput = {
      ...shared,
      ...loc.overrides,
      location: loc.location,
      onHand: loc.onHand,
      committed: loc.committed,
      incoming: loc.incoming,
      forecast: scaleForecast(shared.forecast, share),
      // A whole-variant protection quantile does not split by share; use the per-location override or none.
      protectionDemand: loc.overrides?.protectionDemand,
    };
    if (!(share > 0 && share <= 1)) {
      return {
        ok: false as const,
        sku: shared.sku,
        location: loc.location,
        error: {
          code: "INVENTORY.INVALID_INPUT" as const,
          field: "demandShare",
          message: `Demand share must be in (0, 1], got ${share}.`,
        },
      };
    }
    return planReplenishment(input);
  });
  const plans: ReplenishmentPlan[] = results.flatMap((r) => (r.ok ? [r.plan] : []));
  const capitals = plans.map((p) => p.overstockCapital.value);
  const stockouts = plans
    .map((p) => p.projectedStockoutDate.value)
    .filter((d): d is string => d !== null)
    .sort();
  return {
    sku: shared.sku,
    results,
    totals: {
      suggestedOrderQty: plans.reduce((s, p) => s + (p.suggestedOrderQty.value ?? 0), 0),
      overstockCapital: capitals.some((c) => c === null) ? null : capitals.reduce<number>((s, c) => s + (c ?? 0), 0),
      earliestStockoutDate: stockouts[0] ?? null,
      failedLocations: results.filter((r) => !r.ok).map((r) => r.location),
    },
  };
}
