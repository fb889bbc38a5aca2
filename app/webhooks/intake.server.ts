// The process's SQLite webhook intake (./sqlite-intake.server.ts), for the file of the process-wide client.
// Kept apart from the route code so the job runner can open it at start-up (it moves what a crash left in its journal).
import { databaseUrlOf, getDb } from "~/db.server";
import { parseDatabaseUrl } from "~/db/url.server";
import { DbJobQueue } from "~/jobs/db-queue.server";
import { getJobQueue } from "~/jobs/index.server";
import { log } from "~/logger.server";
import { WEBHOOK_PROCESS_JOB } from "~/sync/webhooks/job-type";
import { enqueueInBackground } from "./ack.server";
import { SqliteIntake, type IntakeJobs } from "./sqlite-intake.server";

declare global {
  var __pilotageIntake: { file: string; intake: SqliteIntake | null } | undefined;
}

/** The job rows the SQLite intake inserts with the deliveries: when the queue is the database one, on the same file. */
function intakeJobs(file: string): IntakeJobs | null {
  const queue = getJobQueue();
  if (!(queue instanceof DbJobQueue)) return null; // BullMQ: enqueued after the answer (./ack.server.ts)
  const target = parseDatabaseUrl(queue.databaseUrl);
  if (target.provider !== "sqlite" || target.file !== file) return null;
  return {
    rowFor: (shopId, deliveryId) => queue.jobRow({ shopId, type: WEBHOOK_PROCESS_JOB, payload: { deliveryId } }),
    inserted: () => queue.inserted(),
  };
}

/** The SQLite intake for the process-wide client's file; null on PostgreSQL (or an in-memory database). */
export function sqliteIntake(): SqliteIntake | null {
  const target = parseDatabaseUrl(databaseUrlOf(getDb()));
  if (target.provider !== "sqlite" || target.file === ":memory:") return null;
  const current = globalThis.__pilotageIntake;
  if (current?.file === target.file) return current.intake;
  void current?.intake?.close();
  const intake = new SqliteIntake(
    target.file,
    () => intakeJobs(target.file),
    (shopId, deliveryId) => enqueueInBackground({ shopId, deliveryId, fresh: false }),
  );
  const entry = { file: target.file, intake: intake as SqliteIntake | null };
  globalThis.__pilotageIntake = entry;
  intake.opened().catch((err) => {
    log.error("webhook intake: cannot open its own SQLite connections; storing through the shared client", {
      err: String(err),
    });
    entry.intake = null;
  });
  return intake;
}

/**
 * Resolves once every delivery acknowledged so far is in WebhookDelivery (those journalled while a transaction held
 * the lock included). Tests that read deliveries right after sending them wait for this; no intake: nothing to wait.
 */
export async function settleSqliteIntake(): Promise<void> {
  await globalThis.__pilotageIntake?.intake?.settled();
}

/** Commits what the intake was given and closes its connections (shutdown, tests). */
export async function closeSqliteIntake(): Promise<void> {
  const current = globalThis.__pilotageIntake;
  globalThis.__pilotageIntake = undefined;
  await current?.intake?.close();
}
