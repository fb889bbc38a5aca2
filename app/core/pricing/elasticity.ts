// Hierarchical shrinkage of elasticities: variant -> product -> group (product type or category)
// -> shop data -> shop prior (about -2 when nothing is known).
// Empirical Bayes with Normal-Normal precision weighting (Efron & Morris 1975). Between-child
// variances tau^2 at each level by the DerSimonian & Laird (1986) moment estimator, with floors so a
// level with few children still leaves room for its children to differ. Each level's data excludes
// the child on the variant's path (leave-one-out), so no observation is counted twice.

import { fitVariantElasticity, type VariantFit } from "./elasticity-fit";
import { modelError } from "./stability";
import type { ElasticityEstimate, ElasticityOptions, ElasticitySource, PriceHistory } from "./types";

export const DEFAULT_PRIOR_MEAN = -2;
export const DEFAULT_PRIOR_SD = 1;
/** Minimum between-child standard deviations: variants in a product, products in a group, groups in a shop. */
export const TAU_FLOOR = { variant: 0.3, product: 0.5, group: 0.5 } as const;
/**
 * Largest between-child standard deviation at any level. With noisy own fits the moment estimator can call
 * almost any scatter heterogeneity and stop pooling; elasticities of one shop's products rarely differ by
 * more than about +-1.4 (2 x 0.7) from their group's, so the estimate keeps leaning on its group.
 */
export const TAU_MAX = 0.7;

interface Sums {
  w: number;
  wb: number;
}
interface Est {
  b: number;
  v: number;
}

/** DerSimonian-Laird between-study variance of estimates b with variances v. */
export function dersimonianLaird(items: Est[]): number {
  if (items.length < 2) return 0;
  const w = items.map((e) => 1 / e.v);
  const sw = w.reduce((s, x) => s + x, 0);
  const mean = items.reduce((s, e, i) => s + w[i] * e.b, 0) / sw;
  const q = items.reduce((s, e, i) => s + w[i] * (e.b - mean) ** 2, 0);
  const c = sw - w.reduce((s, x) => s + x * x, 0) / sw;
  return c > 0 ? Math.max(0, (q - (items.length - 1)) / c) : 0;
}

function pool(items: Est[], tauFloor: number): { tau2: number; sums: Sums; contrib: Sums[] } {
  const tau2 = Math.min(TAU_MAX ** 2, Math.max(tauFloor ** 2, dersimonianLaird(items)));
  const contrib = items.map((e) => {
    const w = 1 / (e.v + tau2);
    return { w, wb: w * e.b };
  });
  const sums = contrib.reduce((s, c) => ({ w: s.w + c.w, wb: s.wb + c.wb }), { w: 0, wb: 0 });
  return { tau2, sums, contrib };
}

/** Combine a Normal prior with data (precision sums); returns the posterior and the prior's coefficient. */
function combine(prior: Est, data: Sums): Est & { a: number } {
  const pp = 1 / prior.v;
  const w = Math.max(0, data.w);
  if (w < 1e-12) return { ...prior, a: 1 };
  const prec = pp + w;
  return { b: (pp * prior.b + data.wb) / prec, v: 1 / prec, a: pp / prec };
}

interface Node {
  key: string;
  children: Node[];
  est: Est | null;
  tau2: number;
  sums: Sums;
  /** This node's contribution to its parent's sums. */
  contrib: Sums;
}

function buildLevel(key: string, children: Node[], tauFloor: number): Node {
  const withData = children.filter((c) => c.est);
  const { tau2, sums, contrib } = pool(
    withData.map((c) => c.est as Est),
    tauFloor,
  );
  withData.forEach((c, i) => (c.contrib = contrib[i]));
  const est = sums.w > 0 ? { b: sums.wb / sums.w, v: 1 / sums.w } : null;
  return { key, children, est, tau2, sums, contrib: { w: 0, wb: 0 } };
}

function minus(a: Sums, b: Sums): Sums {
  return { w: a.w - b.w, wb: a.wb - b.wb };
}

/**
 * Elasticity for every variant, shrunk through the hierarchy. Keyed by history id.
 * Variants whose prices never varied get the pooled level's estimate (priceNeverVaried = true).
 */
export function estimateElasticities(
  histories: PriceHistory[],
  options: ElasticityOptions = {},
): Map<string, ElasticityEstimate> {
  const extra = modelError(histories, options.horizon ?? 28).extraVariance;
  return shrinkElasticities(
    histories.map((h) => ({
      id: h.id,
      productId: h.productId,
      group: h.group,
      fit: fitVariantElasticity(h, options.horizon ?? 28),
    })),
    extra,
    options,
  );
}

/** A variant's own fit (fitVariantElasticity) and its place in the hierarchy. */
export interface FittedHistory {
  id: string;
  productId?: string;
  group?: string;
  fit: VariantFit;
}

/**
 * The hierarchical shrinkage of estimateElasticities from the variants' own fits and the model error's extra
 * variance (stability.ts), so a recompute can fit variants as it streams their histories and keep only the fits.
 */
export function shrinkElasticities(
  fitted: FittedHistory[],
  extraVariance: number,
  options: ElasticityOptions = {},
): Map<string, ElasticityEstimate> {
  const prior: Est = {
    b: options.priorMean ?? DEFAULT_PRIOR_MEAN,
    v: (options.priorSd ?? DEFAULT_PRIOR_SD) ** 2,
  };
  const extra = extraVariance;
  const histories = fitted;
  const fits = new Map<string, VariantFit>();
  for (const { id, fit } of fitted) {
    fits.set(id, fit.raw ? { ...fit, raw: { ...fit.raw, se: Math.sqrt(fit.raw.se ** 2 + extra) } } : fit);
  }

  // group -> product -> variants
  const tree = new Map<string, Map<string, FittedHistory[]>>();
  for (const h of histories) {
    const g = h.group ?? "(no group)";
    const p = h.productId ?? h.id;
    if (!tree.has(g)) tree.set(g, new Map());
    const products = tree.get(g) as Map<string, FittedHistory[]>;
    if (!products.has(p)) products.set(p, []);
    (products.get(p) as FittedHistory[]).push(h);
  }

  const groupNodes: Node[] = [];
  const path = new Map<string, { g: Node; p: Node; v: Node }>();
  for (const [g, products] of tree) {
    const productNodes: Node[] = [];
    for (const [p, variants] of products) {
      const variantNodes: Node[] = variants.map((h) => {
        const raw = (fits.get(h.id) as VariantFit).raw;
        return {
          key: h.id,
          children: [],
          est: raw ? { b: raw.estimate, v: raw.se ** 2 } : null,
          tau2: 0,
          sums: { w: 0, wb: 0 },
          contrib: { w: 0, wb: 0 },
        };
      });
      const pn = buildLevel(p, variantNodes, TAU_FLOOR.variant);
      productNodes.push(pn);
      for (const vn of variantNodes) path.set(vn.key, { g: null as unknown as Node, p: pn, v: vn });
    }
    const gn = buildLevel(g, productNodes, TAU_FLOOR.product);
    groupNodes.push(gn);
    for (const pn of productNodes) for (const vn of pn.children) (path.get(vn.key) as { g: Node }).g = gn;
  }
  const shop = buildLevel("shop", groupNodes, TAU_FLOOR.group);

  const out = new Map<string, ElasticityEstimate>();
  for (const h of histories) {
    const { g, p, v } = path.get(h.id) as { g: Node; p: Node; v: Node };
    const fit = fits.get(h.id) as VariantFit;
    // Leave-one-out: each level's information without the child on this variant's path.
    const s1 = combine(prior, minus(shop.sums, g.contrib));
    const s2 = combine({ b: s1.b, v: s1.v + shop.tau2 }, minus(g.sums, p.contrib));
    const s3 = combine({ b: s2.b, v: s2.v + g.tau2 }, minus(p.sums, v.contrib));
    const s4 = v.est
      ? combine({ b: s3.b, v: s3.v + p.tau2 }, { w: 1 / v.est.v, wb: v.est.b / v.est.v })
      : { b: s3.b, v: s3.v + p.tau2, a: 1 };
    const weights: Record<ElasticitySource, number> = {
      variant: 1 - s4.a,
      product: s4.a * (1 - s3.a),
      group: s4.a * s3.a * (1 - s2.a),
      shop: s4.a * s3.a * s2.a * (1 - s1.a),
      prior: s4.a * s3.a * s2.a * s1.a,
    };
    let source: ElasticitySource = "prior";
    for (const level of ["variant", "product", "group", "shop", "prior"] as ElasticitySource[]) {
      if (weights[level] > weights[source]) source = level;
    }
    out.set(h.id, {
      estimate: s4.b,
      se: Math.sqrt(s4.v),
      source,
      weights,
      raw: fit.raw,
      priceNeverVaried: fit.priceNeverVaried,
      drivers: fit.drivers,
      observedRange: fit.observedRange,
    });
  }
  return out;
}

/** The shop prior alone, for a variant with no history at all. */
export function priorElasticity(options: ElasticityOptions = {}): ElasticityEstimate {
  return {
    estimate: options.priorMean ?? DEFAULT_PRIOR_MEAN,
    se: options.priorSd ?? DEFAULT_PRIOR_SD,
    source: "prior",
    weights: { variant: 0, product: 0, group: 0, shop: 0, prior: 1 },
    raw: null,
    priceNeverVaried: false,
    drivers: { seasonRatio: null, trendPer28: 0 },
    observedRange: null,
  };
}
