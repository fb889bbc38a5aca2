// Seeded synthetic demand with a known elasticity, for the pricing tests.
import type { PriceHistory } from "~/core/pricing";
import { mulberry32 } from "~/core/random";

export { mulberry32 };

export function poisson(rand: () => number, lambda: number): number {
  if (lambda > 50) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gauss(rand)));
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}

function gauss(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
}

export interface SyntheticOptions {
  id?: string;
  productId?: string;
  group?: string;
  elasticity: number;
  days?: number;
  level?: number;
  basePrice?: number;
  /** Price levels (multipliers of basePrice) cycled through in blocks. */
  priceLevels?: number[];
  blockDays?: number;
  stockoutRate?: number;
  seasonAmplitude?: number;
  trendPerYear?: number;
  seed: number;
  /** Raise the price in the seasonal peak (confounds a naive fit). */
  confoundWithSeason?: boolean;
}

export function syntheticHistory(o: SyntheticOptions): PriceHistory {
  const rand = mulberry32(o.seed);
  const days = o.days ?? 730;
  const level = o.level ?? 6;
  const p0 = o.basePrice ?? 20;
  const levels = o.priceLevels ?? [1, 0.9, 1.1, 1, 0.85, 1.05];
  const block = o.blockDays ?? 35;
  const units: number[] = [];
  const prices: (number | null)[] = [];
  const available: boolean[] = [];
  for (let d = 0; d < days; d++) {
    const phase = (d % 365) / 365;
    const season = Math.exp((o.seasonAmplitude ?? 0.4) * Math.sin(2 * Math.PI * phase));
    const trend = Math.exp(((o.trendPerYear ?? 0.2) * d) / 365);
    const weekday = d % 7 === 5 || d % 7 === 6 ? 1.3 : 1;
    let mult = levels[Math.floor(d / block) % levels.length];
    if (o.confoundWithSeason) mult = season > 1.2 ? 1.15 : 0.95;
    const price = Math.round(p0 * mult * 100) / 100;
    const out = rand() < (o.stockoutRate ?? 0.05);
    const lambda = level * season * trend * weekday * Math.pow(mult, o.elasticity);
    const u = out ? 0 : poisson(rand, lambda);
    units.push(u);
    available.push(!out);
    prices.push(u > 0 ? price : null);
  }
  return {
    id: o.id ?? `v${o.seed}`,
    productId: o.productId,
    group: o.group,
    start: "2024-01-01",
    units,
    prices,
    available,
  };
}
