// The job handler registry. Feature modules call defineJobHandler() at load; app/jobs/handlers.server.ts imports
// those modules, so they must import from HERE (importing handlers.server from a feature is an import cycle).
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
