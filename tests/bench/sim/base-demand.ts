// Expected units at the reference price before the price response: level x weekday x yearly season x
// trend x a latent multiplicative level that moves (AR(1) in logs plus rare regime shifts), so no
// forecast can be perfect. Day numbers are whole days since 1970-01-01 (app/core/days).
import { weekday } from "../../../app/core/days";
import { gauss, type Rng } from "./rng";

export interface LatentLevel {
  /** AR(1) coefficient of the log level per day. */
  phi: number;
  /** Stationary standard deviation of the log level. */
  sigma: number;
  /** Daily probability of a regime shift, and the standard deviation of its log size (mean-one shifts). */
  shiftProb: number;
  shiftSd: number;
}

export interface BaseDemand {
  /** Mean units per day at the reference price, average weekday, season factor 1, trend origin, latent factor 1. */
  level: number;
  /** Weekday multipliers, index 0 = Monday, averaging 1. */
  weekly: number[];
  /** Yearly season 1 + amplitude x cos(2 pi (dayOfYear - peakDay) / 365.25); amplitude 0 = none. */
  seasonAmplitude: number;
  seasonPeakDay: number;
  /** Yearly growth (0.1 = +10% a year) from trendOrigin (day number). */
  trendPerYear: number;
  trendOrigin: number;
  latent: LatentLevel;
}

/** Latent state at the end of a day: x is the AR(1) part, j the sum of past regime shifts (both logs). */
export interface LatentState {
  x: number;
  j: number;
}

export function dayOfYear(day: number): number {
  const d = new Date(day * 86_400_000);
  return Math.round((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

/** Position in the yearly cycle relative to a peak day: 1 at the peak, 0 half a year away. */
export function peakness(day: number, peakDay: number): number {
  return (1 + Math.cos((2 * Math.PI * (dayOfYear(day) - peakDay)) / 365.25)) / 2;
}

export function seasonFactor(b: BaseDemand, day: number): number {
  return b.seasonAmplitude > 0 ? 1 + b.seasonAmplitude * (2 * peakness(day, b.seasonPeakDay) - 1) : 1;
}

/** Deterministic part of the mean on a day (no latent level, no price response). */
export function baseMean(b: BaseDemand, day: number): number {
  const trend = Math.pow(1 + b.trendPerYear, (day - b.trendOrigin) / 365);
  return b.level * b.weekly[weekday(day)] * seasonFactor(b, day) * trend;
}

/** Weekday multipliers averaging 1; strength 0 = flat. */
export function drawWeekly(rng: Rng, strength: number): number[] {
  const raw = Array.from({ length: 7 }, (_, i) => Math.exp(strength * (0.25 * gauss(rng) + (i >= 4 ? 0.2 : 0))));
  const avg = raw.reduce((a, b) => a + b, 0) / 7;
  return raw.map((r) => r / avg);
}

/** One day forward. Uses exactly 2 uniforms: the innovation, and whether (and how much) the level shifts. */
export function stepLatent(l: LatentLevel, s: LatentState, rng: Rng): LatentState {
  const x = l.phi * s.x + l.sigma * Math.sqrt(1 - l.phi * l.phi) * gauss(rng);
  const u = rng();
  if (u >= l.shiftProb) return { x, j: s.j };
  const w = u / l.shiftProb;
  return { x, j: s.j - (l.shiftSd * l.shiftSd) / 2 + l.shiftSd * gauss(() => w) };
}

/** The multiplicative factor of a state; it averages 1 when x is stationary. */
export function latentFactor(l: LatentLevel, s: LatentState): number {
  return Math.exp(s.x - (l.sigma * l.sigma) / 2 + s.j);
}

/**
 * E[latent factor k days after the state s] (k >= 1): x_{t+k} | x_t ~ N(phi^k x_t, sigma^2 (1 - phi^2k)),
 * shifts have mean one, so E = exp(phi^k x - sigma^2 phi^2k / 2 + j).
 */
export function expectedLatentFactor(l: LatentLevel, s: LatentState, k: number): number {
  const pk = Math.pow(l.phi, k);
  return Math.exp(pk * s.x - (l.sigma * l.sigma * pk * pk) / 2 + s.j);
}
