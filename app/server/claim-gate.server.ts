// The claim gate of the database queue when it runs in the web process (docs/decisions/0007, 0029): before each claim
// of a new job, is there room? On the web thread's event loop (JOBS_IN_WEB=true) it reads that loop; in the job thread
// (JOBS_IN_WEB=thread) it reads what the web thread shares with it (shareWebThreadSignals): the time of its last
// webhook and its loop's utilization. Both threads share the machine's cores: a job thread that claims freely during
// a burst takes CPU from the acknowledgements (measured in 0029).
import { performance, type EventLoopUtilization } from "node:perf_hooks";

export interface ClaimGateOptions {
  /** Event loop utilization (0..1, over the last windowMs) above which new jobs wait. Default 0.5. */
  maxUtilization?: number;
  windowMs?: number;
  /** No webhook for this long: claim whatever the utilization (the jobs alone fill the loop). Default 500 ms. */
  quietMs?: number;
  /** Under sustained load, still one claim per this interval, so jobs never starve. Default 1 s. */
  minIntervalMs?: number;
  now?: () => number;
  /** Utilization of the last window; default measured with performance.eventLoopUtilization(). */
  utilization?: () => number;
  lastWebhookAt?: () => number | undefined;
}

/** Utilization over the last `windowMs`, from snapshots taken every windowMs / 5 (timer unref'd). */
function eventLoopUtilization(windowMs: number): { read: () => number; stop: () => void } {
  const ring: EventLoopUtilization[] = [performance.eventLoopUtilization()];
  const timer = setInterval(
    () => {
      ring.push(performance.eventLoopUtilization());
      if (ring.length > 6) ring.shift();
    },
    Math.max(10, windowMs / 5),
  );
  timer.unref();
  return {
    read: () => performance.eventLoopUtilization(performance.eventLoopUtilization(), ring[0]).utilization,
    stop: () => clearInterval(timer),
  };
}

/**
 * Decides, before each claim of the in-process database queue, whether the web process has room for a new job:
 * yes when no webhook arrived for quietMs, or the event loop was busy less than maxUtilization of the last
 * windowMs, or no claim was allowed for minIntervalMs. So a burst of webhooks is acknowledged first and applied
 * right after; under sustained overload jobs still progress at one claim per minIntervalMs (run `npm run worker`).
 */
export function createClaimGate(options: ClaimGateOptions = {}): { shouldClaim: () => boolean; stop: () => void } {
  const maxUtilization = options.maxUtilization ?? 0.5;
  const quietMs = options.quietMs ?? 500;
  const minIntervalMs = options.minIntervalMs ?? 1000;
  const now = options.now ?? (() => performance.now());
  const lastWebhookAt = options.lastWebhookAt ?? (() => globalThis.__pilotageLastWebhookAt);
  const sampler = options.utilization ? null : eventLoopUtilization(options.windowMs ?? 500);
  const utilization = options.utilization ?? sampler!.read;
  let lastAllowed = now();
  const shouldClaim = () => {
    const t = now();
    const webhookAt = lastWebhookAt();
    const allowed =
      webhookAt === undefined ||
      t - webhookAt >= quietMs ||
      t - lastAllowed >= minIntervalMs ||
      utilization() < maxUtilization;
    if (allowed) lastAllowed = t;
    return allowed;
  };
  return { shouldClaim, stop: () => sampler?.stop() };
}

/**
 * What the job thread's claim gate reads of the web thread, in shared memory (no message per webhook): [0] the time
 * of the last webhook received (ms since the epoch, 0 = none yet), [1] the web thread's event loop utilization over
 * the last windowMs. Written every 50 ms (timer unref'd).
 */
export function shareWebThreadSignals(windowMs = 500): { buffer: SharedArrayBuffer; stop: () => void } {
  const buffer = new SharedArrayBuffer(2 * Float64Array.BYTES_PER_ELEMENT);
  const view = new Float64Array(buffer);
  const loop = eventLoopUtilization(windowMs);
  const write = () => {
    const at = globalThis.__pilotageLastWebhookAt;
    view[0] = at === undefined ? 0 : performance.timeOrigin + at;
    view[1] = loop.read();
  };
  write();
  const timer = setInterval(write, 50);
  timer.unref();
  return {
    buffer,
    stop: () => {
      clearInterval(timer);
      loop.stop();
    },
  };
}

/**
 * The job thread's gate: createClaimGate over the web thread's shared signals (times as ms since the epoch), with the
 * same thresholds. Measured (decision 0029): without a gate the thread took CPU from the acknowledgements (p99 300 to
 * 465 ms at load 4.2 to 4.8); a stricter threshold (0.2) applied fewer deliveries than the event loop's gate without
 * a better p99.
 */
export function claimGateFromSignals(
  buffer: SharedArrayBuffer,
  options: Omit<ClaimGateOptions, "now" | "utilization" | "lastWebhookAt"> = {},
): { shouldClaim: () => boolean; stop: () => void } {
  const view = new Float64Array(buffer);
  return createClaimGate({
    ...options,
    now: () => performance.timeOrigin + performance.now(),
    lastWebhookAt: () => view[0] || undefined,
    utilization: () => view[1],
  });
}
