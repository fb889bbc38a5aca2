// Which days' sales measure demand. A day marked unavailable sold nothing because there was nothing to sell;
// the day before a run of unavailable days is the day the stock ran out, so its sales stopped when the
// shelf emptied and are only a lower bound of its demand. Both are censored: left out of every fit rather
// than read as low demand (Nahmias 1994, "Demand estimation in lost sales inventory systems").
/**
 * true = the day's sales are demand; false = censored. Without a mask every day counts. Days of a merchant's
 * event (`eventDays`, forecast/events.ts) measure the event, not the baseline: they are left out too, alone.
 */
export function uncensoredDays(
  available: readonly boolean[] | undefined,
  n: number,
  eventDays?: readonly boolean[],
): boolean[] {
  const out = new Array<boolean>(n).fill(true);
  if (eventDays) for (let i = 0; i < n; i++) if (eventDays[i]) out[i] = false;
  if (!available) return out;
  for (let i = 0; i < n; i++) {
    if (available[i] === false) {
      out[i] = false;
      if (i > 0) out[i - 1] = false;
    }
  }
  return out;
}
