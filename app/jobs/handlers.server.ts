// Where features register their job handlers, so that the web process and `npm run worker` run the same set.
// Every handler must be idempotent (delivery is at least once): docs/decisions/0007-job-queue.md.
// Features define handlers with defineJobHandler() in their own module; add that module to the imports
// at the end of this file so both processes load it.
import type { JobHandler, JobQueue } from "./types";

const registry = new Map<string, JobHandler>();

/** Called at module load by a feature (import, webhook processing, recompute). */
export function defineJobHandler<P = unknown>(type: string, handler: JobHandler<P>): void {
  if (registry.has(type)) throw new Error(`job handler already defined: ${type}`);
  registry.set(type, handler as JobHandler);
}

export function registerAppHandlers(queue: JobQueue): string[] {
  for (const [type, handler] of registry) queue.registerHandler(type, handler);
  return [...registry.keys()];
}

// Feature handler modules (side-effect imports), e.g.:
// import "~/sync/import-jobs.server";
