// CPU-bound loops in a process that also answers requests (the web process runs jobs on the embedded default)
// give the event loop a turn every few milliseconds, so a webhook is not kept waiting behind a batch.

/** Resolves on the next turn of the event loop, after pending I/O callbacks. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Calls `fn` on each item in order, yielding a turn whenever `budgetMs` of work has run since the last one. */
export async function forEachYielding<T>(
  items: readonly T[],
  fn: (item: T, index: number) => void,
  budgetMs = 20,
): Promise<void> {
  let since = performance.now();
  for (let i = 0; i < items.length; i++) {
    fn(items[i], i);
    if (performance.now() - since >= budgetMs) {
      await nextTurn();
      since = performance.now();
    }
  }
}
