// The job thread's entry (JOBS_IN_WEB=thread, app/server/job-thread.server.ts starts it): what `npm run worker`
// (app/jobs/worker.server.ts) does, in a worker_thread of the web process. The database queue with the app's
// handlers and the webhook lane; its own Prisma client (its own SQLite connection: the web thread's writes and its
// own take turns like two processes', docs/decisions/0025). It tells the parent when it is ready, claims at once when
// the parent says jobs were enqueued, and stops gracefully when asked. Messages: ./job-thread.server.ts.
import { hostname } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parentPort, threadId, workerData } from "node:worker_threads";
import { getDb } from "~/db.server";
import { registerAppHandlers } from "~/jobs/handlers.server";
import { createJobQueue, DbJobQueue } from "~/jobs/index.server";
import { WEBHOOK_LANE } from "~/jobs/standard";
import { setForgetRelay } from "~/lib/forget-relay";
import { log } from "~/logger.server";
import { claimGateFromSignals } from "./claim-gate.server";
import type { FromJobThread, JobThreadData, ToJobThread } from "./job-thread.server";

const port = parentPort;
if (!port) throw new Error("app/server/job-thread.worker.server.ts runs in a worker thread (JOBS_IN_WEB=thread)");
const data = workerData as JobThreadData;
const send = (message: FromJobThread) => port.postMessage(message);

for (const module of data.handlerModules) await import(pathToFileURL(path.resolve(module)).href);
const queue = createJobQueue({
  redisUrl: "",
  database: { pollMs: data.pollMs, workerId: `${hostname()}:${process.pid}:thread${threadId}` },
});
// Handlers enqueue their follow-up jobs with getJobQueue(): the queue this thread runs (started: it claims them here).
globalThis.__pilotageJobs = queue;
// app/uninstalled, shop/redact, a (re)install: the web thread's caches of the shop are forgotten too.
setForgetRelay((forgotten) => send({ type: "forget", forgotten }));
const types = registerAppHandlers(queue);

let stopping = false;
port.on("message", (message: ToJobThread) => {
  if (message.type === "wake") {
    if (queue instanceof DbJobQueue) queue.inserted();
  } else if (message.type === "stop" && !stopping) {
    stopping = true;
    void (async () => {
      await queue.stop({ graceMs: message.graceMs });
      gate?.stop();
      await queue.close();
      await getDb().$disconnect();
      send({ type: "stopped" });
      port.close();
      process.exit(0); // ends this thread only
    })();
  }
});

// Behind the web thread's claim gate: a burst of webhooks is acknowledged first (the threads share the cores).
const gate = data.signals ? claimGateFromSignals(data.signals) : null;
await queue.start({
  concurrency: data.concurrency,
  lanes: { [WEBHOOK_LANE]: data.webhookConcurrency },
  shouldClaim: gate?.shouldClaim,
});
log.info("jobs: job thread started", { threadId, concurrency: data.concurrency, gated: !!gate, types: types.length });
send({ type: "ready", threadId, types });
