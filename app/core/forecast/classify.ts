// Demand classification of Syntetos, Boylan & Croston (2005), "On the categorization of demand
// patterns": ADI (average inter-demand interval) cut-off 1.32 and CV^2 (squared coefficient of
// variation of the non-zero demand sizes) cut-off 0.49. A value on a cut-off goes to the upper class.
// Only available (non-censored) days count.

import type { DemandClass } from "./types";

export const ADI_CUTOFF = 1.32;
export const CV2_CUTOFF = 0.49;

export interface Classification {
  demandClass: DemandClass;
  adi: number;
  cv2: number;
  availableDays: number;
  demandDays: number;
}

export function classifyDemand(
  y: ArrayLike<number>,
  ok: ArrayLike<number | boolean>,
  n: number,
  newDays = 28,
): Classification {
  let avail = 0,
    nz = 0,
    s = 0,
    s2 = 0;
  for (let i = 0; i < n; i++) {
    if (!ok[i]) continue;
    avail++;
    const v = y[i];
    if (v > 0) {
      nz++;
      s += v;
      s2 += v * v;
    }
  }
  const adi = nz > 0 ? avail / nz : Infinity;
  const mean = nz > 0 ? s / nz : 0;
  const cv2 = nz > 0 && mean > 0 ? Math.max(0, s2 / nz - mean * mean) / (mean * mean) : 0;
  let demandClass: DemandClass;
  if (avail < newDays) demandClass = "new";
  else if (nz === 0) demandClass = "no-demand";
  else if (adi < ADI_CUTOFF) demandClass = cv2 < CV2_CUTOFF ? "smooth" : "erratic";
  else demandClass = cv2 < CV2_CUTOFF ? "intermittent" : "lumpy";
  return { demandClass, adi: Number.isFinite(adi) ? adi : 0, cv2, availableDays: avail, demandDays: nz };
}
