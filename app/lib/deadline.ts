// A deadline on a promise: no awaited call of the job machinery, the intake or the health check may wait forever.

export class DeadlineError extends Error {
  readonly code = "TIMEOUT";
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = "DeadlineError";
  }
}

/**
 * Resolves or rejects as `promise` does, or rejects with a DeadlineError after `ms`. A result that arrives after the
 * deadline goes to `late` (e.g. to release a job claimed too late); a late rejection is ignored.
 */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string, late?: (value: T) => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let expired = false;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      expired = true;
      reject(new DeadlineError(what, ms));
    }, ms);
    timer.unref?.();
  });
  promise.then(
    (value) => {
      if (expired) late?.(value);
    },
    () => undefined,
  );
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
