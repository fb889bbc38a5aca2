import { getJobQueue } from "~/jobs/index.server";
import { registerAppHandlers } from "~/jobs/handlers.server";
import { log } from "~/logger.server";

/**
 * The web process's side of the job queue. Embedded default (no REDIS_URL): it runs the jobs itself, over the
 * database. With REDIS_URL it only enqueues, and `npm run worker` processes do the work.
 */
export async function startJobs() {
  const queue = getJobQueue();
  const handlers = registerAppHandlers(queue);
  if (queue.kind === "database") await queue.start({ concurrency: 2 });
  log.info("jobs ready", { queue: queue.kind, runsHere: queue.kind === "database", handlers });
  return { queue, stop: () => (queue.kind === "database" ? queue.stop({ graceMs: 5000 }) : queue.close()) };
}
