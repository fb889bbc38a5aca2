import { json } from "@remix-run/node";
import { prisma } from "~/db.server";
import { log } from "~/logger.server";

// Liveness and readiness for load balancers: 200 when the database answers, 503 otherwise. No auth, no data.
export async function loader() {
  const started = Date.now();
  try {
    await prisma.$queryRaw`SELECT 1`;
    return json({ status: "ok", database: "ok", ms: Date.now() - started }, { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    log.error("health check failed", { err });
    return json({ status: "degraded", database: "unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
