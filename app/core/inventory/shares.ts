// Each location's share of a variant's demand, from where its orders were fulfilled. The variant's own counts
// are smoothed toward the shop's split over the same locations (a Dirichlet prior worth PRIOR_UNITS units, the
// multinomial's conjugate estimate: Gelman et al., "Bayesian Data Analysis", 3rd ed., sec. 3.4), so a slow
// mover with three sales is not planned as if one location never sold it. Without any located sale the
// shop's split is used, and without that an even split, each with its source named for the merchant.
export type ShareSource = "orders" | "shop" | "even";

export interface DemandShares {
  /** Share per location id, each in (0, 1], summing to 1. */
  shares: Map<string, number>;
  source: ShareSource;
  /** The variant's units sold with a known location among `locations`. */
  units: number;
}

/** Weight of the prior, in units sold. */
export const PRIOR_UNITS = 4;

function normalised(
  locations: readonly string[],
  counts: ReadonlyMap<string, number> | undefined,
): Map<string, number> | null {
  if (!counts) return null;
  const total = locations.reduce((s, l) => s + Math.max(0, counts.get(l) ?? 0), 0);
  if (!(total > 0)) return null;
  return new Map(locations.map((l) => [l, Math.max(0, counts.get(l) ?? 0) / total]));
}

export function demandShares(
  locations: readonly string[],
  variantUnits: ReadonlyMap<string, number> | undefined,
  shopUnits?: ReadonlyMap<string, number>,
): DemandShares {
  if (locations.length === 0) return { shares: new Map(), source: "even", units: 0 };
  const even = new Map(locations.map((l) => [l, 1 / locations.length]));
  const shop = normalised(locations, shopUnits);
  const prior = shop ?? even;
  const units = locations.reduce((s, l) => s + Math.max(0, variantUnits?.get(l) ?? 0), 0);
  if (units <= 0) return { shares: prior, source: shop ? "shop" : "even", units: 0 };
  const shares = new Map<string, number>();
  for (const l of locations) {
    // Every location keeps a share > 0 (the prior's part), so each stocked location gets a plan.
    const s = (Math.max(0, variantUnits?.get(l) ?? 0) + PRIOR_UNITS * prior.get(l)!) / (units + PRIOR_UNITS);
    shares.set(l, Math.max(s, 1e-6));
  }
  const sum = [...shares.values()].reduce((a, b) => a + b, 0);
  for (const [l, s] of shares) shares.set(l, s / sum);
  return { shares, source: "orders", units };
}
