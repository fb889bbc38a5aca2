// What /healthz reports (issue 18, docs/decisions/0016-timeouts-and-webhook-lane.md). 503 when the database or Redis
// does not answer within its probe timeout, or when the job worker's last successful claim loop is older than
// HEALTH_STALE_MS (a stalled worker: deliveries are acknowledged but nothing applies them). The age of the oldest
// unprocessed delivery is reported, not judged: a long backlog with a live worker is slow, not broken.
import type { Db } from "~/db.server";
import type { Timeouts } from "~/env.server";
import type { JobQueue, Liveness } from "~/jobs/types";
import { withDeadline } from "~/lib/deadline";

export interface HealthReport {
  status: "ok" | "degraded";
  database: "ok" | "unreachable";
  redis?: "ok" | "unreachable";
  jobs: {
    queue: JobQueue["kind"];
    /** Where the worker runs: this process, or other processes (their newest heartbeat). */
    worker: Liveness["source"] | "unknown";
    /** ms since the worker's last successful claim loop; null when none yet. */
    heartbeatAgeMs: number | null;
    stalled: boolean;
  };
  /** ms since the oldest delivery still waiting to be applied was received; null when none waits (or unknown). */
  oldestUnprocessedDeliveryAgeMs: number | null;
  ms: number;
}

export interface HealthDeps {
  db: Db;
  queue: JobQueue;
  timeouts: Timeouts;
  now?: () => number;
}

const settle = <T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

export async function checkHealth({
  db,
  queue,
  timeouts,
  now = Date.now,
}: HealthDeps): Promise<{ status: 200 | 503; report: HealthReport }> {
  const started = now();
  const dbMs = Math.min(5000, timeouts.databaseMs);
  const redisMs = Math.min(5000, timeouts.redisMs);
  const [database, redis, oldest, liveness] = await Promise.all([
    settle(withDeadline(db.$queryRaw`SELECT 1`, dbMs, "the database")),
    queue.kind === "bullmq" ? settle(queue.probe(redisMs)) : Promise.resolve(null),
    settle(
      withDeadline(
        db.webhookDelivery.findFirst({
          where: { status: "received" },
          orderBy: { receivedAt: "asc" },
          select: { receivedAt: true },
        }),
        dbMs,
        "the database",
      ),
    ),
    settle(withDeadline(queue.liveness(), Math.max(dbMs, redisMs), "the job queue")),
  ]);
  const at = now();
  const oldestAge = oldest.ok && oldest.value ? Math.max(0, at - oldest.value.receivedAt.getTime()) : null;
  const beat = liveness.ok ? liveness.value : null;
  const heartbeatAge = beat?.lastLoopAt != null ? Math.max(0, at - beat.lastLoopAt) : null;
  // No heartbeat yet (a worker starting, or none deployed): stalled only once a delivery has waited that long.
  const stalled =
    !liveness.ok ||
    (heartbeatAge !== null
      ? heartbeatAge > timeouts.healthStaleMs
      : oldestAge !== null && oldestAge > timeouts.healthStaleMs);
  const report: HealthReport = {
    status: "ok",
    database: database.ok ? "ok" : "unreachable",
    ...(redis ? { redis: redis.ok ? ("ok" as const) : ("unreachable" as const) } : {}),
    jobs: { queue: queue.kind, worker: beat?.source ?? "unknown", heartbeatAgeMs: heartbeatAge, stalled },
    oldestUnprocessedDeliveryAgeMs: oldestAge,
    ms: at - started,
  };
  const healthy = database.ok && (redis === null || redis.ok) && !stalled;
  report.status = healthy ? "ok" : "degraded";
  return { status: healthy ? 200 : 503, report };
}
