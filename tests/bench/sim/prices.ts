// Price schedule of a variant: static for about a third of the catalogue; otherwise 1-3 permanent list
// price changes of +-5..20% (staying within 0.85..1.2 x the reference list price) and 1-3 promotions of
// -10..30% lasting 7-21 days, one of them on the variant's seasonal peak when it has one (promotion and
// season move demand together: the classic confounder of a naive price regression). List prices end in
// .99, the shop's default rounding.
import { between, type Rng } from "./rng";

export interface Promotion {
  /** Day indices [start, end). */
  start: number;
  end: number;
  /** Discount share, e.g. 0.2 = -20%. */
  depth: number;
}

export interface PricePlan {
  /** List price each day. */
  list: Float64Array;
  /** Realised price each day after the promotion discount (what a sale records). */
  offered: Float64Array;
  /** Day indices of permanent list price changes. */
  changeDays: number[];
  promotions: Promotion[];
}

/** The nearest price ending in .99 (at least 0.99). */
export function round99(x: number): number {
  return Math.max(0.99, Math.round(x) - 0.01);
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

export interface PricePlanOptions {
  days: number;
  pref: number;
  isStatic: boolean;
  /** Day indices of the variant's seasonal peaks inside the history (empty = no season). */
  peaks: number[];
  /** No promotion may run in the last `quietDays` days (the end state is a regular price). */
  quietDays?: number;
}

export function planPrices(rng: Rng, o: PricePlanOptions): PricePlan {
  const list = new Float64Array(o.days).fill(o.pref);
  const offered = new Float64Array(o.days);
  const changeDays: number[] = [];
  const promotions: Promotion[] = [];
  if (!o.isStatic) {
    const changes = 1 + Math.floor(rng() * 3);
    const days = Array.from({ length: changes }, () => 30 + Math.floor(rng() * (o.days - 31))).sort((a, b) => a - b);
    let price = o.pref;
    for (const d of new Set(days)) {
      const sign = rng() < 0.5 ? -1 : 1;
      const next = round99(
        Math.min(1.2 * o.pref, Math.max(0.85 * o.pref, price * (1 + sign * between(rng, 0.05, 0.2)))),
      );
      if (Math.round(next * 100) === Math.round(price * 100)) continue;
      price = next;
      changeDays.push(d);
      list.fill(price, d);
    }
    const quiet = o.quietDays ?? 21;
    const free = (s: number, e: number) =>
      s >= 7 && e <= o.days - quiet && promotions.every((p) => e + 7 <= p.start || s >= p.end + 7);
    const peak = o.peaks.filter((p) => free(p - 10, p + 11));
    if (peak.length) {
      const c = peak[Math.floor(rng() * peak.length)];
      const len = 7 + Math.floor(rng() * 15);
      promotions.push({
        start: c - Math.floor(len / 2),
        end: c - Math.floor(len / 2) + len,
        depth: between(rng, 0.1, 0.3),
      });
    }
    const extra = Math.floor(rng() * 3) + (peak.length ? 0 : 1);
    for (let k = 0, tries = 0; k < extra && tries < 50; tries++) {
      const len = 7 + Math.floor(rng() * 15);
      const s = Math.floor(rng() * o.days);
      if (!free(s, s + len)) continue;
      promotions.push({ start: s, end: s + len, depth: between(rng, 0.1, 0.3) });
      k++;
    }
    promotions.sort((a, b) => a.start - b.start);
  }
  for (let i = 0; i < o.days; i++) offered[i] = list[i];
  for (const p of promotions) for (let i = p.start; i < p.end; i++) offered[i] = round2(list[i] * (1 - p.depth));
  return { list, offered, changeDays, promotions };
}
