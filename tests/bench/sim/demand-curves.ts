// Price response f(p, day, reference) of a variant: expected units = base x latent x f, with f = 1 at the
// reference list price `pref` (at drift 1 and reference = pref). None of these is the engine's
// constant-elasticity model except (c) in the long run, and (c) adds a reference-price effect:
// (a) linear        f = max(0, 1 - b (p / pref - 1))
// (b) logit share   f = S(p) / S(pref),  S(p) = 1 / (1 + exp(beta (p - pMid)))
// (c) reference     f = (p / pref)^e x (p / r)^(-gamma), gamma = gammaLoss when p > r, else gammaGain
//     (loss aversion: a price above the reference hurts more than one below helps; r is an exponentially
//     smoothed past price; Kalyanaram & Winer 1995, Mazumdar, Raj & Sinha 2005)
// Modifiers: (d) left-digit thresholds: x (1 - delta)^(crossings) for each round number 1..9, 10..90,
//     100..900 ... at or below p, counted from pref (9.99 -> 10.00 loses a share delta; Thomas & Morwitz 2005);
// (e) drift: b, beta or e multiplied by 1 + kappa (1/2 - peakness(day)): more price-sensitive off-peak.
import { peakness } from "./base-demand";

export type Family = "linear" | "logit" | "reference";

export interface PriceResponse {
  family: Family;
  /** Reference list price: f(pref) = 1. */
  pref: number;
  /** Elasticity at pref (drift 1, reference = pref); the family's parameters are set from it. */
  elasticityAtRef: number;
  /** (a) slope. */
  b: number;
  /** (b) steepness and midpoint. */
  beta: number;
  pMid: number;
  /** (c) long-run elasticity, loss and gain sensitivities, memory of the reference (per day). */
  e: number;
  gammaLoss: number;
  gammaGain: number;
  memory: number;
  /** (d) share of demand lost per round-number threshold crossed; 0 = none. */
  thresholdPenalty: number;
  /** (e) drift strength and the yearly peak it follows; kappa 0 = none. */
  driftKappa: number;
  driftPeakDay: number;
}

/** Builds a response with the given elasticity at pref; `shareAtRef` places the logit curve. */
export function makeResponse(
  family: Family,
  pref: number,
  elasticityAtRef: number,
  extra: {
    shareAtRef?: number;
    gammaLoss?: number;
    gammaGain?: number;
    memory?: number;
    thresholdPenalty?: number;
    driftKappa?: number;
    driftPeakDay?: number;
  } = {},
): PriceResponse {
  const s0 = extra.shareAtRef ?? 0.5;
  const beta = -elasticityAtRef / (pref * (1 - s0));
  return {
    family,
    pref,
    elasticityAtRef,
    b: -elasticityAtRef,
    beta,
    pMid: pref + Math.log(s0 / (1 - s0)) / beta,
    e: elasticityAtRef,
    gammaLoss: extra.gammaLoss ?? 0,
    gammaGain: extra.gammaGain ?? 0,
    memory: extra.memory ?? 0.9,
    thresholdPenalty: extra.thresholdPenalty ?? 0,
    driftKappa: extra.driftKappa ?? 0,
    driftPeakDay: extra.driftPeakDay ?? 1,
  };
}

export function driftMultiplier(r: PriceResponse, day: number): number {
  return r.driftKappa > 0 ? 1 + r.driftKappa * (0.5 - peakness(day, r.driftPeakDay)) : 1;
}

/** Number of round numbers d x 10^k (d = 1..9) at or below the price, to the cent. */
export function thresholdsBelow(price: number): number {
  const cents = Math.round(price * 100);
  let n = 0;
  for (let unit = 100; unit <= cents; unit *= 10) n += Math.min(9, Math.floor(cents / unit));
  return n;
}

function logistic(beta: number, pMid: number, p: number): number {
  return 1 / (1 + Math.exp(beta * (p - pMid)));
}

/** The smooth part of f (no thresholds). */
function smoothResponse(r: PriceResponse, p: number, day: number, reference: number): number {
  const k = driftMultiplier(r, day);
  switch (r.family) {
    case "linear":
      return Math.max(0, 1 - r.b * k * (p / r.pref - 1));
    case "logit":
      return logistic(r.beta * k, r.pMid, p) / logistic(r.beta * k, r.pMid, r.pref);
    case "reference": {
      const gamma = p > reference ? r.gammaLoss : r.gammaGain;
      return Math.pow(p / r.pref, r.e * k) * Math.pow(p / reference, -gamma);
    }
  }
}

/** f(p, day, reference). `smooth` leaves the threshold penalty out (used for point elasticities). */
export function priceResponse(r: PriceResponse, p: number, day: number, reference: number, smooth = false): number {
  const f = smoothResponse(r, p, day, reference);
  if (smooth || r.thresholdPenalty <= 0) return f;
  return f * Math.pow(1 - r.thresholdPenalty, thresholdsBelow(p) - thresholdsBelow(r.pref));
}

/** The reference price of the next day after `price` was offered today (exponential smoothing). */
export function nextReference(r: PriceResponse, reference: number, price: number): number {
  return r.memory * reference + (1 - r.memory) * price;
}

/** Reference k days after `reference` when `price` is held (k >= 0). */
export function heldReference(r: PriceResponse, reference: number, price: number, k: number): number {
  const w = Math.pow(r.memory, k);
  return w * reference + (1 - w) * price;
}
