// Daily units = sum of the order sizes of the day's customers: arrivals ~ Poisson(mean / mean size), a
// compound distribution (not the engine's negative binomial). The demand classes of Syntetos & Boylan
// (2005) come from the arrival rate (ADI) and the size variance (CV^2):
//   smooth: frequent arrivals, sizes 1-2; erratic: frequent arrivals, occasional bulk orders;
//   intermittent: rare arrivals, sizes 1-2; lumpy: rare arrivals, occasional bulk orders.
import { geometricDraw, type Rng } from "./rng";

export type DemandClass = "smooth" | "erratic" | "intermittent" | "lumpy";
export const DEMAND_CLASSES: readonly DemandClass[] = ["smooth", "erratic", "intermittent", "lumpy"];

export interface OrderSizes {
  /** Share of orders that are bulk orders (geometric sizes with mean bulkMean); others are 1 or 2 units. */
  bulkShare: number;
  bulkMean: number;
  /** Share of ordinary orders of 2 units. */
  twoShare: number;
}

export function meanOrderSize(s: OrderSizes): number {
  return (1 - s.bulkShare) * (1 + s.twoShare) + s.bulkShare * s.bulkMean;
}

/** One order's size from one uniform (the first bulkShare of [0, 1) picks a bulk order). */
export function drawOrderSize(s: OrderSizes, rng: Rng): number {
  const u = rng();
  if (u < s.bulkShare) {
    const w = u / s.bulkShare;
    return geometricDraw(() => w, s.bulkMean);
  }
  return (u - s.bulkShare) / (1 - s.bulkShare) < s.twoShare ? 2 : 1;
}

/** Units of a day with expected units `mean`: compound Poisson arrivals x order sizes. */
export function drawDayUnits(mean: number, s: OrderSizes, arrivals: (m: number) => number, sizes: Rng): number {
  const n = arrivals(mean / meanOrderSize(s));
  let units = 0;
  for (let i = 0; i < n; i++) units += drawOrderSize(s, sizes);
  return units;
}
