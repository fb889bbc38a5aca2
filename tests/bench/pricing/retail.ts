// The online-retail section of bench:pricing (unchanged from issue 4): the distribution of the
// elasticities the engine estimates on real data, next to a naive per-SKU regression and pooled ones.
import { estimateElasticities, type PriceHistory } from "../../../app/core/pricing/index";
import { loadOnlineRetail } from "../lib/data";
import { naiveOls, pooledOls } from "../lib/naive-ols";
import { fmt, mean, pct, quantile } from "../lib/report";

const H = 28;

export function retail(
  dataDir: string,
  skus: number,
): { rows: (string | number)[][]; pooledNaive: number; pooledFe: number; n: number; sources: string } {
  const data = loadOnlineRetail(dataDir);
  const top = data.skus.slice(0, skus);
  const histories: PriceHistory[] = top.map((s) => ({
    id: s.sku,
    start: s.start,
    units: s.units,
    prices: s.units.map((u, i) => (u > 0 ? s.revenue[i] / u : null)),
  }));
  const est = estimateElasticities(histories, { horizon: H });
  const engine = histories.map((h) => est.get(h.id)!.estimate);
  const raw = histories.map((h) => est.get(h.id)!.raw?.estimate ?? NaN).filter(Number.isFinite);
  const naive = histories.map((h) => naiveOls(h.units, h.prices)?.estimate ?? NaN).filter(Number.isFinite);
  const sourceCount = new Map<string, number>();
  for (const h of histories) sourceCount.set(est.get(h.id)!.source, (sourceCount.get(est.get(h.id)!.source) ?? 0) + 1);
  // Pooled log-log over every SKU x country x day row of these SKUs: the published naive regression, then with SKU fixed effects.
  const keep = new Set(top.map((s) => s.sku));
  const pooledRows = data.rows
    .filter((r) => keep.has(r.sku) && r.quantity > 0 && r.revenue > 0)
    .map((r) => ({ group: r.sku, logP: Math.log(r.revenue / r.quantity), logQ: Math.log(r.quantity) }));
  const dist = (name: string, xs: number[]): (string | number)[] => [
    name,
    xs.length,
    fmt(quantile(xs, 0.05), 2),
    fmt(quantile(xs, 0.25), 2),
    fmt(quantile(xs, 0.5), 2),
    fmt(quantile(xs, 0.75), 2),
    fmt(quantile(xs, 0.95), 2),
    fmt(mean(xs), 2),
    pct(xs.filter((x) => x < 0).length / xs.length),
  ];
  return {
    rows: [
      dist("engine (shrunk, controls, reported estimate)", engine),
      dist("engine, variant's own fit before shrinkage", raw),
      dist("naive log-log OLS per SKU (this bench)", naive),
    ],
    pooledNaive: pooledOls(pooledRows, false),
    pooledFe: pooledOls(pooledRows, true),
    n: top.length,
    sources: [...sourceCount].map(([k, v]) => `${k} ${pct(v / histories.length, 0)}`).join(", "),
  };
}
