// Draws the true demand parameters of a variant: a head of fast movers, a middle, and a long
// intermittent tail (the Syntetos-Boylan classes the forecast must handle).
import type { CategorySpec } from "./catalog";
import { drawWeekly } from "./demand";
import { normal, uniform, type Rng } from "./rng";
import type { DemandTruth } from "./types";

export type DemandTier = "head" | "mid" | "tail";

export const ELASTICITY_RANGE: [number, number] = [-4, -0.8];

export function clampElasticity(e: number): number {
  return Math.min(ELASTICITY_RANGE[1], Math.max(ELASTICITY_RANGE[0], e));
}

/** 10% fast movers, 55% middle, 35% intermittent tail. */
export function drawTier(rng: Rng): DemandTier {
  const u = rng();
  return u < 0.1 ? "head" : u < 0.65 ? "mid" : "tail";
}

function lognormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(rng));
}

/** Base rate (units/day at the reference price) for a tier. */
export function drawBaseRate(rng: Rng, tier: DemandTier): number {
  if (tier === "head") return Math.min(20, Math.max(1.2, lognormal(rng, 2.5, 0.5)));
  if (tier === "mid") return Math.min(1.5, Math.max(0.12, lognormal(rng, 0.4, 0.55)));
  return uniform(rng, 0.02, 0.2);
}

export interface TruthInput {
  category: CategorySpec;
  /** Product-level elasticity; the variant scatters +-0.1 around it. */
  productElasticity: number;
  referencePrice: number;
  baseRate: number;
  tier: DemandTier;
  trendOrigin: string;
  gateway: boolean;
  locationShares: number[];
  launchDay?: string | null;
}

export function drawTruth(rng: Rng, input: TruthInput): DemandTruth {
  const { category, tier } = input;
  const intermittent = tier === "tail";
  const dispersion = intermittent
    ? uniform(rng, 0.15, 0.5)
    : rng() < 0.5
      ? Number.POSITIVE_INFINITY
      : uniform(rng, 2, 12);
  const yearlyAmplitude = Number(uniform(rng, category.yearlyAmplitude[0], category.yearlyAmplitude[1]).toFixed(3));
  const peak = Math.round(category.yearlyPeakDay + 10 * normal(rng));
  return {
    baseRate: Number(input.baseRate.toFixed(4)),
    elasticity: Number(clampElasticity(input.productElasticity + 0.1 * normal(rng)).toFixed(3)),
    referencePrice: input.referencePrice,
    trendPerYear: Number((intermittent ? uniform(rng, -0.3, 0.2) : uniform(rng, -0.25, 0.35)).toFixed(3)),
    trendOrigin: input.trendOrigin,
    weekly: drawWeekly(rng, uniform(rng, 0.5, 1.5)),
    yearlyAmplitude,
    yearlyPeakDay: ((peak - 1 + 365) % 365) + 1,
    dispersion,
    intermittent,
    gateway: input.gateway,
    locationShares: input.locationShares,
    launchDay: input.launchDay ?? null,
  };
}
