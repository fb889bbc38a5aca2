// The textbook baseline of bench:pricing: log-log OLS of units on price, written here on purpose
// (independent of the engine). No stockout handling (it cannot see stock), no season or trend
// controls, no shrinkage: log(units_t) = a + e log(price_t) over days with a sale and a price.

export interface OlsFit {
  estimate: number;
  se: number;
  points: number;
}

/** Slope of log units on log price; null with fewer than 3 sale days or no price variation. */
export function naiveOls(units: ArrayLike<number>, prices: ArrayLike<number | null>): OlsFit | null {
  let n = 0,
    sx = 0,
    sy = 0,
    sxx = 0,
    sxy = 0,
    syy = 0;
  for (let i = 0; i < units.length; i++) {
    const p = prices[i];
    const q = units[i];
    if (p == null || !(p > 0) || !(q > 0)) continue;
    const x = Math.log(p);
    const y = Math.log(q);
    n++;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
    syy += y * y;
  }
  if (n < 3) return null;
  const vx = sxx - (sx * sx) / n;
  if (vx < 1e-10) return null;
  const b = (sxy - (sx * sy) / n) / vx;
  const vy = syy - (sy * sy) / n;
  const sse = Math.max(0, vy - b * b * vx);
  return { estimate: b, se: Math.sqrt(sse / Math.max(1, n - 2) / vx), points: n };
}

/** Pooled slope with a fixed effect per group (within-group demeaned x and y), or without when `fixedEffects` is false. */
export function pooledOls(rows: { group: string; logP: number; logQ: number }[], fixedEffects: boolean): number {
  const means = new Map<string, { x: number; y: number; n: number }>();
  for (const r of rows) {
    const key = fixedEffects ? r.group : "*";
    const m = means.get(key) ?? { x: 0, y: 0, n: 0 };
    m.x += r.logP;
    m.y += r.logQ;
    m.n++;
    means.set(key, m);
  }
  let sxx = 0,
    sxy = 0;
  for (const r of rows) {
    const m = means.get(fixedEffects ? r.group : "*")!;
    const dx = r.logP - m.x / m.n;
    const dy = r.logQ - m.y / m.n;
    sxx += dx * dx;
    sxy += dx * dy;
  }
  return sxx > 0 ? sxy / sxx : NaN;
}
