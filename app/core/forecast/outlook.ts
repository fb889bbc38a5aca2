// Expected daily demand beyond the forecast horizon, for decisions that look further ahead (a sell-through
// horizon of months): the forecast's last four weeks repeat with their weekday pattern, scaled by the
// group's week-of-year index relative to those weeks, so a season that ends after the horizon shows.
import { dayNumber, fillWeekOfYear } from "./calendar";
import type { VariantForecast } from "./types";

export function demandOutlook(
  fc: Pick<VariantForecast, "mean" | "start">,
  days: number,
  yearly: number[] | null,
): number[] {
  const h = fc.mean.length;
  const out = new Array<number>(days);
  for (let t = 0; t < Math.min(h, days); t++) out[t] = Math.max(0, fc.mean[t]);
  if (days <= h) return out;
  if (h === 0) return out.fill(0);
  const tail = Math.min(28, h);
  const day0 = dayNumber(fc.start);
  const woy = yearly ? new Uint8Array(days) : null;
  if (woy) fillWeekOfYear(day0, woy);
  let ref = 1;
  if (yearly && woy) {
    ref = 0;
    for (let t = h - tail; t < h; t++) ref += yearly[woy[t]] / tail;
  }
  for (let t = h; t < days; t++) {
    const base = Math.max(0, fc.mean[h - tail + ((t - h) % tail)]);
    const season = yearly && woy && ref > 0 ? yearly[woy[t]] / ref : 1;
    out[t] = base * season;
  }
  return out;
}
