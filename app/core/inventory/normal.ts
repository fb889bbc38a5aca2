// Standard normal helpers for safety stock and expected shortage.
import { normalCdf, normalPdf, normalQuantile as quantile } from "../stats/normal";

export { normalCdf, normalPdf };

/** Inverse standard normal CDF (Acklam's rational approximation, rel. error < 1.2e-9); needs 0 < p < 1. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  return quantile(p);
}

/**
 * Expected shortage E[(D - s)+] for D ~ N(mu, sigma^2): sigma * G(z), z = (s - mu) / sigma, with the standard
 * normal loss function G(z) = pdf(z) - z (1 - cdf(z)) (Silver, Pyke & Thomas 1998, sec. 7.5 / App. B).
 */
export function expectedShortage(mu: number, sigma: number, s: number): number {
  if (!(sigma > 0)) return Math.max(0, mu - s);
  const z = (s - mu) / sigma;
  return Math.max(0, sigma * (normalPdf(z) - z * (1 - normalCdf(z))));
}
