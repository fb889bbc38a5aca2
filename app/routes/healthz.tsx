import { json } from "@remix-run/node";
import { prisma } from "~/db.server";
import { readTimeouts } from "~/env.server";
import { getJobQueue } from "~/jobs/index.server";
import { log } from "~/logger.server";
import { checkHealth } from "~/server/health.server";

// Liveness and readiness for load balancers, no auth, no shop data: 200 when the database (and Redis, with REDIS_URL)
// answer and the job worker's claim loop is alive; 503 otherwise. The JSON body says which, with the worker's
// heartbeat age and the age of the oldest unprocessed webhook delivery (app/server/health.server.ts).
export async function loader() {
  const { status, report } = await checkHealth({ db: prisma, queue: getJobQueue(), timeouts: readTimeouts() });
  if (status !== 200) log.error("health check failed", { report });
  return json(report, { status, headers: { "Cache-Control": "no-store" } });
}
