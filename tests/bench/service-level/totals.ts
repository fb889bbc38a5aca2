// Protection-period TOTALS on real data (online-retail daily, car parts monthly): the sum of the actuals
// over the P steps after the origin against the engine's period quantiles (one-sided coverage: share of
// totals at or below q_a), and the scaled pinball loss over levels 0.5..0.99 against R's ets (quantiles
// of totals from simulated sample paths). Scale = the series' mean absolute lag-1 difference over its
// training steps x P (the M5 scaling idea applied to a P-step total), so series of any size weigh alike.
import type { DailySeries } from "../../../app/core/forecast/index";
import { engineProtectionDemand } from "./engine";

export const TOTAL_LEVELS = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99];
export const COVER_LEVELS = [0.8, 0.9, 0.95, 0.99];

export interface TotalsCase {
  id: string;
  train: DailySeries;
  /** The steps after the origin (NaN = unknown). */
  actual: number[];
  /** Season period of the data (7 daily, 12 monthly) and the engine's horizon. */
  seasonPeriod: number;
  horizon: number;
  /** Cases of one origin share a key: they are forecast together (one pool), as a shop would be. */
  batch: string;
}

export interface TotalsScore {
  cases: number;
  /** One-sided coverage by level. */
  coverage: Map<number, number>;
  /** Mean scaled pinball loss over TOTAL_LEVELS. */
  pinball: number;
  /** Cases left out of the pinball mean (flat training series: no scale). */
  flat: number;
}

/** Engine quantiles of the P-step total (TOTAL_LEVELS), by case id. */
export function engineTotals(cases: TotalsCase[], P: number): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const batches = new Map<string, TotalsCase[]>();
  for (const c of cases) batches.set(c.batch, [...(batches.get(c.batch) ?? []), c]);
  for (const list of batches.values()) {
    const d = engineProtectionDemand(
      list.map((c) => c.train),
      list.map(() => P),
      TOTAL_LEVELS,
      { horizon: list[0].horizon, seasonPeriod: list[0].seasonPeriod },
    );
    list.forEach((c, i) =>
      out.set(
        c.id,
        TOTAL_LEVELS.map((l) => d[i].quantiles.get(l)!),
      ),
    );
  }
  return out;
}

export function actualTotal(c: TotalsCase, P: number): number {
  let t = 0;
  for (let i = 0; i < P; i++) t += c.actual[i];
  return t;
}

export function scaleOf(c: TotalsCase, P: number): number {
  const u = c.train.units;
  const ok = (i: number) => !c.train.available || c.train.available[i];
  let s = 0,
    n = 0;
  for (let i = 1; i < u.length; i++) {
    if (!ok(i) || !ok(i - 1)) continue;
    s += Math.abs(u[i] - u[i - 1]);
    n++;
  }
  return n ? (s / n) * P : 0;
}

/** Scores quantiles (TOTAL_LEVELS order) of every case that has them and a known total. */
export function scoreTotals(cases: TotalsCase[], P: number, quantiles: Map<string, number[]>): TotalsScore {
  const cover = new Map(COVER_LEVELS.map((l) => [l, 0]));
  let n = 0,
    loss = 0,
    scaled = 0,
    flat = 0;
  for (const c of cases) {
    const q = quantiles.get(c.id);
    const total = actualTotal(c, P);
    if (!q || !Number.isFinite(total)) continue;
    n++;
    for (const l of COVER_LEVELS) if (total <= q[TOTAL_LEVELS.indexOf(l)] + 1e-9) cover.set(l, cover.get(l)! + 1);
    const scale = scaleOf(c, P);
    if (!(scale > 0)) {
      flat++;
      continue;
    }
    let pin = 0;
    TOTAL_LEVELS.forEach((l, k) => {
      const d = total - q[k];
      pin += d >= 0 ? l * d : (l - 1) * d;
    });
    loss += pin / TOTAL_LEVELS.length / scale;
    scaled++;
  }
  return { cases: n, coverage: new Map([...cover].map(([l, k]) => [l, k / n])), pinball: loss / scaled, flat };
}
