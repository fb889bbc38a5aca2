// Tables of the service-level benchmark: achieved cycle service level, stock held against the oracle,
// variants under-served, per demand class; the protection-period mean on censored variants.
import { fmt, pct } from "../lib/report";
import { DEMAND_CLASSES } from "../sim/index";
import { SERVICE_LEVELS, served, type CycleCase } from "./cycles";

type Policy = "engine" | "textbook" | "oracle";

export interface PolicyFigures {
  /** Achieved cycle service level by promised level. */
  csl: Map<number, number>;
  /** Sum of the policy's S over the oracle's, at 95%. */
  stock95: number;
  /** Share of variants served in fewer than 80% of their cycles at 95% promised. */
  below80: number;
}

export function figures(cases: CycleCase[], policy: Policy): PolicyFigures {
  const csl = new Map<number, number>();
  for (const l of SERVICE_LEVELS) {
    let ok = 0,
      n = 0;
    for (const c of cases) {
      ok += served(c.cycles, c[policy].get(l)!);
      n += c.cycles.length;
    }
    csl.set(l, ok / n);
  }
  let s = 0,
    o = 0;
  const byVariant = new Map<string, { ok: number; n: number }>();
  for (const c of cases) {
    s += c[policy].get(0.95)!;
    o += c.oracle.get(0.95)!;
    const v = byVariant.get(c.variant) ?? { ok: 0, n: 0 };
    v.ok += served(c.cycles, c[policy].get(0.95)!);
    v.n += c.cycles.length;
    byVariant.set(c.variant, v);
  }
  const under = [...byVariant.values()].filter((v) => v.ok / v.n < 0.8).length;
  return { csl, stock95: s / o, below80: under / byVariant.size };
}

const cells = (f: PolicyFigures): string[] => [
  ...SERVICE_LEVELS.map((l) => pct(f.csl.get(l)!)),
  fmt(f.stock95, 2),
  pct(f.below80),
];

export const CLASS_HEAD = [
  "demand class",
  "variants x origins",
  "engine CSL 90%",
  "engine CSL 95%",
  "engine CSL 99%",
  "engine stock at 95% / oracle",
  "engine: variants < 80% served",
  "textbook CSL 90%",
  "textbook CSL 95%",
  "textbook CSL 99%",
  "textbook stock at 95% / oracle",
  "textbook: variants < 80% served",
  "oracle CSL 95% (check)",
];

export function classRows(cases: CycleCase[]): (string | number)[][] {
  const groups: [string, CycleCase[]][] = [
    ...DEMAND_CLASSES.map((k) => [k, cases.filter((c) => c.demandClass === k)] as [string, CycleCase[]]),
    ["all", cases],
  ];
  return groups
    .filter(([, g]) => g.length > 0)
    .map(([name, g]) => [
      name,
      g.length,
      ...cells(figures(g, "engine")),
      ...cells(figures(g, "textbook")),
      pct(figures(g, "oracle").csl.get(0.95)!),
    ]);
}

export interface MeanBias {
  n: number;
  /** Sum of engine means over sum of true means, minus 1. */
  pooled: number;
  /** Median of the per-case ratios minus 1. */
  median: number;
}

export function meanBias(cases: CycleCase[]): MeanBias {
  const ok = cases.filter((c) => c.trueMean > 0);
  const ratios = ok.map((c) => c.engineMean / c.trueMean - 1).sort((a, b) => a - b);
  const e = ok.reduce((a, c) => a + c.engineMean, 0);
  const t = ok.reduce((a, c) => a + c.trueMean, 0);
  return { n: ok.length, pooled: e / t - 1, median: ratios.length ? ratios[Math.floor(ratios.length / 2)] : NaN };
}
