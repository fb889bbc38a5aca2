// BG/NBD repeat-purchase model (Fader, Hardie & Lee 2005, "Counting your customers the easy way")
// and the Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV", sec. 3; Colombo & Jiang 1999).
// Time is in weeks. x = repeat purchases, tx = time of the last purchase, T = age, all since the first purchase.

import { hyp2f1, lnGamma, nelderMead } from "./special";

export interface RfmCustomer {
  x: number;
  tx: number;
  T: number;
}

interface WeightedRfm extends RfmCustomer {
  n: number;
}

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** Total log-likelihood; the gamma terms depend only on x, so they are computed once per distinct x. */
function bgnbdLogLik(customers: WeightedRfm[], { r, alpha, a, b }: BgNbdParams): number {
  const base = -lnGamma(r) + r * Math.log(alpha) + lnGamma(a + b) - lnGamma(b);
  const byX = new Map<number, number>();
  let total = 0;
  for (const { x, tx, T, n } of customers) {
    let g = byX.get(x);
    if (g === undefined) {
      g = lnGamma(r + x) + lnGamma(b + x) - lnGamma(a + b + x);
      byX.set(x, g);
    }
    const a3 = -(r + x) * Math.log(alpha + T);
    if (x === 0) {
      total += n * (base + g + a3);
      continue;
    }
    const a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
    const m = Math.max(a3, a4);
    total += n * (base + g + m + Math.log(Math.exp(a3 - m) + Math.exp(a4 - m)));
  }
  return total;
}

/** Maximum-likelihood BG/NBD parameters (log-parameterised Nelder-Mead, small ridge on the logs). */
export function fitBgNbd(all: RfmCustomer[]): BgNbdParams {
  // Identical (x, tx, T) triples are common (every one-time buyer of a day): fit on weighted distinct ones.
  const groups = new Map<string, WeightedRfm>();
  for (const c of all) {
    if (!(c.x >= 0 && c.T >= 0 && c.tx >= 0 && c.tx <= c.T + 1e-9 && Number.isFinite(c.T))) continue;
    const key = `${c.x}|${c.tx}|${c.T}`;
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { ...c, n: 1 });
  }
  const customers = [...groups.values()];
  const toParams = (v: number[]): BgNbdParams => ({
    r: Math.exp(v[0]),
    alpha: Math.exp(v[1]),
    a: Math.exp(v[2]),
    b: Math.exp(v[3]),
  });
  const nll = (v: number[]): number => {
    if (v.some((z) => Math.abs(z) > 12)) return Infinity;
    return -bgnbdLogLik(customers, toParams(v)) + 1e-3 * v.reduce((t, z) => t + z * z, 0);
  };
  return toParams(nelderMead(nll, [0, 1, 0, 0.5], { iterations: 1500 }));
}

/** Expected repeat purchases in the next t weeks for a customer with history (x, tx, T). */
export function expectedPurchases(p: BgNbdParams, c: RfmCustomer, t: number): number {
  const { r, alpha, b } = p;
  let { a } = p;
  const { x, tx, T } = c;
  if (t <= 0) return 0;
  // The closed form divides by a - 1: step just off the singularity.
  if (Math.abs(a - 1) < 1e-4) a = 1 + 1e-4;
  const z = t / (alpha + T + t);
  const head = (a + b + x - 1) / (a - 1);
  const body = 1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z);
  const denom = 1 + (x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0);
  return Math.max(0, (head * body) / denom);
}

export function probabilityAlive(p: BgNbdParams, c: RfmCustomer): number {
  if (c.x === 0) return 1;
  const { r, alpha, a, b } = p;
  return 1 / (1 + (a / (b + c.x - 1)) * Math.pow((alpha + c.T) / (alpha + c.tx), r + c.x));
}

/** Gamma-Gamma ML fit on customers with x >= 1 repeat purchases and mean spend m > 0. */
export function fitGammaGamma(data: { x: number; m: number }[]): GammaGammaParams {
  const toParams = (v: number[]): GammaGammaParams => ({ p: Math.exp(v[0]), q: Math.exp(v[1]), gamma: Math.exp(v[2]) });
  const nll = (v: number[]): number => {
    if (v.some((z) => Math.abs(z) > 12)) return Infinity;
    const { p, q, gamma } = toParams(v);
    let s = 0;
    for (const { x, m } of data) {
      s -=
        lnGamma(p * x + q) -
        lnGamma(p * x) -
        lnGamma(q) +
        q * Math.log(gamma) +
        (p * x - 1) * Math.log(m) +
        p * x * Math.log(x) -
        (p * x + q) * Math.log(gamma + m * x);
    }
    return s + 1e-3 * v.reduce((t, z) => t + z * z, 0);
  };
  const mean = data.reduce((s, d) => s + d.m, 0) / Math.max(1, data.length);
  return toParams(nelderMead(nll, [Math.log(2), Math.log(3), Math.log(Math.max(1e-3, mean))]));
}

/** Expected mean spend per purchase given x purchases averaging m (x = 0: the population mean). */
export function expectedSpend(p: GammaGammaParams, x: number, m: number): number {
  const population = p.q > 1 ? (p.gamma * p.p) / (p.q - 1) : m;
  if (x <= 0) return population;
  const w = (p.p * x) / (p.p * x + p.q - 1);
  return (1 - w) * population + w * m;
}
