// In-process wake-up of a running import: while it polls its bulk operation, bulk_operations/finish cuts the
// wait short. A wake that arrives between two polls is kept, so the next sleep returns at once.
const waiters = new Map<string, Set<() => void>>();
const running = new Set<string>();
const pending = new Set<string>();

/** A sleep for the shop's import that resolves early on wakeImport(shopId) or when `signal` aborts. */
export function wakeableSleep(shopId: string, signal?: AbortSignal): (ms: number) => Promise<void> {
  return (ms) =>
    new Promise<void>((resolve) => {
      if (pending.delete(shopId) || signal?.aborted) return resolve();
      const set = waiters.get(shopId) ?? new Set<() => void>();
      waiters.set(shopId, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        if (set.size === 0 && waiters.get(shopId) === set) waiters.delete(shopId);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      set.add(done);
      signal?.addEventListener("abort", done, { once: true });
    });
}

/** Wakes the shop's import running in this process; false when none runs here. */
export function wakeImport(shopId: string): boolean {
  const set = waiters.get(shopId);
  if (set && set.size > 0) {
    for (const done of [...set]) done();
    return true;
  }
  if (!running.has(shopId)) return false;
  pending.add(shopId);
  return true;
}

/** Registers the shop's import as running in this process (runImport). */
export function markRunning(shopId: string, on: boolean): void {
  if (on) running.add(shopId);
  else {
    running.delete(shopId);
    pending.delete(shopId);
  }
}
