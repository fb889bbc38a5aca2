// The service-level part of bench:forecast (issue 12): runs the cycles on both simulators and writes the
// tables and target lines; the totals on real data are scored here from the engine's and R's quantiles.
import { fmt, pct, table } from "../lib/report";
import type { RForecast } from "../lib/r";
import { SERVICE_LEVELS, type CycleCase } from "./cycles";
import { independentCycles, type SamplingSizes } from "./independent";
import { projectCycles } from "./project";
import { CLASS_HEAD, classRows, figures, meanBias } from "./summary";
import { COVER_LEVELS, engineTotals, scoreTotals, TOTAL_LEVELS, type TotalsCase, type TotalsScore } from "./totals";

export interface CycleSizes extends SamplingSizes {
  variants: number;
  origins: number;
}

export const SL_SEEDS = { independent: 777, project: 4343 } as const;
/** Days between rolling origins, the first at the end of the history. */
export const ORIGIN_STEP = 35;

export function runCycles(sizes: CycleSizes): { independent: CycleCase[]; project: CycleCase[] } {
  const back = Array.from({ length: sizes.origins }, (_, k) => k * ORIGIN_STEP);
  return {
    independent: independentCycles(SL_SEEDS.independent, sizes.variants, back, sizes),
    project: projectCycles(SL_SEEDS.project, sizes.variants, back, sizes),
  };
}

export interface TotalsSet {
  name: string;
  cases: TotalsCase[];
  /** Steps in the protection period. */
  P: number;
  unit: string;
}

export interface TotalsResult {
  set: TotalsSet;
  engine: TotalsScore;
  /** R ets on the cases R succeeded on, and the engine on the same cases. */
  r: { ets: TotalsScore; engine: TotalsScore; failed: number } | null;
}

export function scoreTotalsSet(set: TotalsSet, rOut: Map<string, Map<string, RForecast>> | null): TotalsResult {
  const eng = engineTotals(set.cases, set.P);
  const engine = scoreTotals(set.cases, set.P, eng);
  if (!rOut) return { set, engine, r: null };
  const rq = new Map<string, number[]>();
  let failed = 0;
  for (const c of set.cases) {
    const f = rOut.get(c.train.id)?.get("ets-total");
    if (f && !f.failed && f.totals?.length === TOTAL_LEVELS.length && f.totals.every(Number.isFinite))
      rq.set(c.id, f.totals);
    else failed++;
  }
  const same = set.cases.filter((c) => rq.has(c.id));
  return { set, engine, r: { ets: scoreTotals(same, set.P, rq), engine: scoreTotals(same, set.P, eng), failed } };
}

const verdict = (ok: boolean) => (ok ? "met" : "MISSED");

export function serviceLevelReport(
  cycles: { independent: CycleCase[]; project: CycleCase[] },
  sizes: CycleSizes,
  totals: TotalsResult[],
  rNote: string,
): { lines: string[]; verdicts: string[] } {
  const sims: [string, string, CycleCase[]][] = [
    [
      "independent",
      `independent simulator (tests/bench/sim, generateBenchShop seed ${SL_SEEDS.independent})`,
      cycles.independent,
    ],
    [
      "project",
      `project simulator (app/demo/sim, generateShop seed ${SL_SEEDS.project}; demand class from the training history)`,
      cycles.project,
    ],
  ];
  const lines: string[] = [
    "#### Service level (issue 12)",
    "",
    `Protocol: ${sizes.variants} variants per simulator, ${sizes.origins} rolling origin(s) ${ORIGIN_STEP} days apart (the first at the end of the history); the engine sees only the days before the origin. Its order-up-to level S_a = the a-quantile of demand over lead time + review from forecastBatch (horizon 28, pooled over the shop at that origin) and periodDemandQuantiles(fc, 0, { meanDays, sdDays, reviewDays }) with the vendor terms as the merchant entered them (tests/bench/service-level/engine.ts). A cycle is served when the demand over the realised protection period (a lead time drawn from the vendor's TRUE law + the review period) is at most S_a; each variant x origin has ${sizes.cyclePaths} independent cycles drawn from the simulator's truth at the origin (latent state, price of the day before held). Oracle S_a = the empirical a-quantile of ${sizes.oraclePaths} other draws. Textbook: S = 28-day average x P + z_a x daily sd (last 28 days) x sqrt(P), P = entered mean lead time + review. "Stock at 95% / oracle" = sum of S over sum of the oracle's S; "variants < 80% served" = share of variants whose cycles at 95% promised were served less than 80% of the time (over all their origins and cycles). The oracle column checks the sampling (it should read about 95%).`,
    "",
  ];
  const verdicts: string[] = [];
  for (const [name, title, cases] of sims) {
    lines.push(`${title}:`, "", table(CLASS_HEAD, classRows(cases)), "");
    const cens = meanBias(cases.filter((c) => c.censored));
    const free = meanBias(cases.filter((c) => !c.censored));
    lines.push(
      `Protection-period mean, engine / true - 1: censored cases (a stockout in the 60 days before the origin) ${pct(cens.pooled)} pooled, median ${pct(cens.median)} (${cens.n} variant x origins); others ${pct(free.pooled)} pooled, median ${pct(free.median)} (${free.n}).`,
      "",
    );
    const f = figures(cases, "engine");
    for (const l of SERVICE_LEVELS) {
      const got = f.csl.get(l)!;
      verdicts.push(
        `${name}: achieved cycle service level at ${pct(l, 0)} promised ${pct(got)} (target within 2 points): ${verdict(Math.abs(got - l) <= 0.02)}`,
      );
    }
    verdicts.push(
      `${name}: stock held at 95% ${fmt(f.stock95, 2)} x the oracle's (target <= 1.08): ${verdict(f.stock95 <= 1.08)}`,
    );
    verdicts.push(
      `${name}: variants served in < 80% of cycles ${pct(f.below80)} (target <= 3%): ${verdict(f.below80 <= 0.03)}`,
    );
    verdicts.push(
      `${name}: protection-period mean after stockouts ${pct(cens.pooled)} vs the truth (target within 3%): ${verdict(Math.abs(cens.pooled) <= 0.03)}`,
    );
  }
  lines.push(
    "Protection-period totals on real data: actual total = sum of the actuals over the P steps after the origin (online-retail daily, P = 21 days = 14 days lead time + 7 review, the 4 origins of the accuracy section; car parts monthly, P = 2 months, the last 6 months' origin). Coverage is one-sided: the share of actual totals at or below the engine's q_a (nominal a). Scaled pinball = mean over levels 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99 of the pinball loss of the total, divided by the series' mean absolute lag-1 difference over its training steps x P, averaged over series (flat training series left out). " +
      rNote,
    "",
  );
  const head = [
    "data",
    "P",
    "cases",
    ...COVER_LEVELS.map((l) => `engine ${pct(l, 0)} coverage`),
    "engine scaled pinball",
    "R ets scaled pinball (same cases)",
    "engine / R ets",
    ...COVER_LEVELS.map((l) => `R ets ${pct(l, 0)} coverage`),
  ];
  const rows = totals.map((t) => {
    const r = t.r;
    return [
      t.set.name,
      `${t.set.P} ${t.set.unit}`,
      t.engine.cases,
      ...COVER_LEVELS.map((l) => pct(t.engine.coverage.get(l)!)),
      fmt(t.engine.pinball, 3),
      r
        ? `${fmt(r.ets.pinball, 3)} (engine ${fmt(r.engine.pinball, 3)}, ${r.ets.cases} cases, ${r.failed} R failures)`
        : "skipped",
      r ? fmt(r.engine.pinball / r.ets.pinball, 3) : "n/a",
      ...COVER_LEVELS.map((l) => (r ? pct(r.ets.coverage.get(l)!) : "n/a")),
    ];
  });
  lines.push(table(head, rows), "");
  for (const t of totals) {
    const worst = Math.max(...COVER_LEVELS.map((l) => Math.abs(t.engine.coverage.get(l)! - l)));
    verdicts.push(
      `${t.set.name}: coverage of protection-period totals within ${fmt(worst * 100, 1)} points of nominal at 80/90/95/99% (target within 3): ${verdict(worst <= 0.03)}`,
    );
  }
  const retail = totals.find((t) => t.set.name === "online-retail");
  if (retail?.r) {
    const ratio = retail.r.engine.pinball / retail.r.ets.pinball;
    verdicts.push(
      `online-retail: scaled pinball of totals ${fmt(ratio, 3)} x R ets (target <= 0.88): ${verdict(ratio <= 0.88)}`,
    );
  } else verdicts.push("online-retail: scaled pinball of totals vs R ets: not measured (R skipped)");
  return { lines, verdicts };
}
