// JOBS_IN_WEB=thread (docs/decisions/0029-job-thread.md): the embedded database queue runs in a worker_thread of
// the web process, so its synchronous SQLite work (applying orders, recomputes) never holds up the HTTP event loop,
// and the embedded default is still one command, one process. The thread's entry is ./job-thread.worker.server.ts
// (what `npm run worker` does). The web thread keeps the webhook intake and the delivery sweeper, tells the thread
// when jobs were enqueued (DbJobQueue.forwardNewJobs), and forgets the shops the thread's jobs forgot
// (~/lib/forget-relay). A thread that exits without being asked is logged and started again after a backoff.
import { Worker } from "node:worker_threads";
import type { ForgottenShop } from "~/lib/forget-relay";
import { log } from "~/logger.server";
import { forgetShopContext } from "~/services/shop.server";
import { forgetProxyShop } from "~/storefront/proxy.server";

/** What the parent gives the thread (workerData). */
export interface JobThreadData {
  concurrency: number;
  webhookConcurrency: number;
  pollMs?: number;
  /** Extra modules that call defineJobHandler (tests), loaded before the handlers are registered. */
  handlerModules: string[];
  /** The web thread's shareWebThreadSignals(): claims wait behind the claim gate. None: the thread claims freely. */
  signals?: SharedArrayBuffer;
}

export type ToJobThread = { type: "wake" } | { type: "stop"; graceMs: number };
export type FromJobThread =
  | { type: "ready"; threadId: number; types: string[] }
  | { type: "forget"; forgotten: ForgottenShop }
  | { type: "stopped" };

export interface JobThreadOptions extends Partial<JobThreadData> {
  /** First delay before a crashed thread is started again, doubled per crash in a row up to maxRestartMs. Default 1 s. */
  restartMs?: number;
  /** Default 30 s. */
  maxRestartMs?: number;
  /** A thread that ran this long after its start counts as healthy: the next crash waits restartMs again. Default 60 s. */
  healthyAfterMs?: number;
  /** The thread's entry. Default ./job-thread.worker.server.ts. */
  entry?: URL;
}

export interface JobThread {
  /** Jobs were enqueued in the web thread: the job thread claims now rather than at its next poll. */
  wake(): void;
  /** Resolves when the thread now running (or the next one, after a crash) reported ready. */
  ready(): Promise<void>;
  /** Threads started again after a crash. */
  readonly restarts: number;
  /** Graceful: the thread stops claiming, lets running jobs finish (up to graceMs), releases the rest, then exits. */
  stop(options?: { graceMs?: number }): Promise<void>;
}

const ENTRY = new URL("./job-thread.worker.server.ts", import.meta.url);
// TypeScript in the thread: Node 20 runs a worker's entry before the `--import tsx` it inherits takes effect there,
// so the thread is a tiny eval'd script that registers tsx (tsconfig paths included) and then imports the entry.
// tsx's ESM API (its "import" export); under vitest, where import.meta.resolve is missing, from the working directory.
const TSX_API = typeof import.meta.resolve === "function" ? import.meta.resolve("tsx/esm/api") : "tsx/esm/api";
const bootstrap = (entry: URL) =>
  `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;

export function startJobThread(options: JobThreadOptions = {}): JobThread {
  const data: JobThreadData = {
    concurrency: options.concurrency ?? 2,
    webhookConcurrency: options.webhookConcurrency ?? 16,
    pollMs: options.pollMs,
    handlerModules: options.handlerModules ?? [],
    signals: options.signals,
  };
  const restartMs = options.restartMs ?? 1000;
  const maxRestartMs = options.maxRestartMs ?? 30_000;
  const healthyAfterMs = options.healthyAfterMs ?? 60_000;
  const entry = options.entry ?? ENTRY;

  let worker: Worker | null = null;
  let stopping: Promise<void> | null = null;
  let restartTimer: NodeJS.Timeout | null = null;
  let restarts = 0;
  let crashesInARow = 0;
  let isReady = false;
  let readyWaiters: (() => void)[] = [];
  let wakePending = false;

  const spawn = () => {
    const startedAt = Date.now();
    isReady = false;
    const thread = new Worker(bootstrap(entry), { eval: true, workerData: data, name: "pilotage-jobs" });
    worker = thread;
    let error: unknown = null;
    thread.on("message", (message: FromJobThread) => {
      if (message.type === "ready") {
        isReady = true;
        for (const resolve of readyWaiters.splice(0)) resolve();
        log.info("jobs: job thread ready", { threadId: message.threadId, handlers: message.types.length });
      } else if (message.type === "forget") {
        const { cache, domain, shopId } = message.forgotten;
        if (cache === "shop-context") forgetShopContext(domain);
        else forgetProxyShop(domain, shopId);
      }
    });
    thread.on("error", (err) => {
      error = err;
    });
    thread.on("exit", (code) => {
      if (worker === thread) worker = null;
      if (stopping) return;
      // Not asked to stop: a crash (an uncaught error) or a start that failed. Never silent, never the end.
      if (Date.now() - startedAt >= healthyAfterMs) crashesInARow = 0;
      const delayMs = Math.min(maxRestartMs, restartMs * 2 ** crashesInARow);
      crashesInARow++;
      log.error("jobs: the job thread stopped unexpectedly; starting it again", {
        err: error ?? undefined,
        exitCode: code,
        ranMs: Date.now() - startedAt,
        restartInMs: delayMs,
      });
      restartTimer = setTimeout(() => {
        restartTimer = null;
        if (stopping) return;
        restarts++;
        spawn();
      }, delayMs);
    });
  };
  spawn();

  return {
    wake() {
      // Coalesced: one message per turn of the event loop, however many enqueues it saw.
      if (wakePending || !worker) return;
      wakePending = true;
      setImmediate(() => {
        wakePending = false;
        if (isReady) worker?.postMessage({ type: "wake" } satisfies ToJobThread);
      });
    },
    ready: () => (isReady ? Promise.resolve() : new Promise<void>((resolve) => readyWaiters.push(resolve))),
    get restarts() {
      return restarts;
    },
    stop({ graceMs = 5000 } = {}) {
      stopping ??= (async () => {
        if (restartTimer) clearTimeout(restartTimer);
        const thread = worker;
        if (!thread) return;
        const exited = new Promise<void>((resolve) => thread.once("exit", () => resolve()));
        thread.postMessage({ type: "stop", graceMs } satisfies ToJobThread);
        // The thread releases what is still running after graceMs; if it cannot even do that, it is ended.
        let timer: NodeJS.Timeout | undefined;
        const hung = await Promise.race([
          exited.then(() => false),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs + 15_000))),
        ]);
        clearTimeout(timer);
        if (hung) {
          log.error("jobs: the job thread did not stop in time; ending it", { graceMs });
          await thread.terminate();
        }
        readyWaiters = [];
        log.info("jobs: job thread stopped", { ended: hung });
      })();
      return stopping;
    },
  };
}
