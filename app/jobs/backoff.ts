// Retry delays: exponential backoff with "equal jitter" (half fixed, half random), after
// M. Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog, 2015. Jitter spreads the retries
// of jobs that failed together (an Admin API outage) so they do not hit the API again in lockstep.

export interface BackoffOptions {
  /** Delay before the first retry, before jitter. Default 1 s. */
  baseMs: number;
  /** Upper bound of any delay. Default 10 min. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, capMs: 10 * 60_000 };

/** Delay before retry number `attempt` (1 = after the first failure); `random` returns [0, 1). */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const n = Math.max(1, Math.floor(attempt));
  const exp = Math.min(options.capMs, options.baseMs * 2 ** Math.min(n - 1, 30));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** Seeded PRNG (mulberry32): deterministic jitter for a given seed. */
export { mulberry32 } from "~/core/random";

/** A 32-bit seed from a string (FNV-1a), e.g. from a worker id. */
export function seedFrom(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
