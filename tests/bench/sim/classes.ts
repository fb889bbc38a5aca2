// Syntetos & Boylan (2005) demand classes of an observed series: ADI = available days per day with a
// sale, CV^2 = squared coefficient of variation of the non-zero quantities; cut-offs 1.32 and 0.49.
import type { DemandClass } from "./order-sizes";

export function adiCv2(units: ArrayLike<number>, available?: ArrayLike<boolean>): { adi: number; cv2: number } {
  let days = 0,
    n = 0,
    s = 0,
    s2 = 0;
  for (let i = 0; i < units.length; i++) {
    if (available && !available[i]) continue;
    days++;
    const u = units[i];
    if (u > 0) {
      n++;
      s += u;
      s2 += u * u;
    }
  }
  if (n === 0) return { adi: Infinity, cv2: 0 };
  const m = s / n;
  return { adi: days / n, cv2: Math.max(0, s2 / n - m * m) / (m * m) };
}

export function classOf(adi: number, cv2: number): DemandClass {
  if (adi < 1.32) return cv2 < 0.49 ? "smooth" : "erratic";
  return cv2 < 0.49 ? "intermittent" : "lumpy";
}
