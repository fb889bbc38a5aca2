// `npm run db:migrate`: applies the committed migrations to DATABASE_URL (default prisma/pilotage.db).
// Prints one line; on failure the typed error's one-line message and exit code 1, never a stack trace.
import { migrateDatabase } from "../../app/db/migrate.server";
import { describeError, isDatabaseError } from "../../app/db/errors.server";
import { parseDatabaseUrl } from "../../app/db/url.server";

try {
  const target = parseDatabaseUrl(process.env.DATABASE_URL);
  const where = target.provider === "sqlite" ? target.file : target.display;
  const report = await migrateDatabase(process.env.DATABASE_URL);
  console.log(
    `${report.provider} ${where}: applied ${report.applied.length} migration(s)` +
      (report.applied.length ? ` (${report.applied.join(", ")})` : "") +
      `, ${report.alreadyApplied} already applied`,
  );
} catch (error) {
  const reason = isDatabaseError(error) ? `${error.message} [${error.code}]` : describeError(error);
  console.error(`database migration failed: ${reason}`);
  process.exit(1);
}
