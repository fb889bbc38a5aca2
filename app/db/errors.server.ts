// Typed database failures. Each carries a code and a ONE-LINE message fit for a start-up log
// (app/server/fatal.server.ts prints "<message> [<code>]"); `cause` keeps the driver's error.

export type DatabaseErrorCode =
  | "DB.BAD_URL" // DATABASE_URL is neither file:... nor postgres(ql)://...
  | "DB.UNREACHABLE" // cannot connect (refused, unknown host, timeout, auth, missing database)
  | "DB.MIGRATIONS_MISSING" // the committed migrations folder is missing or empty
  | "DB.MIGRATION_FAILED" // a migration's SQL failed; it was rolled back
  | "DB.MIGRATION_CHANGED" // an applied migration's file was edited afterwards
  | "DB.MIGRATION_UNKNOWN"; // the database has migrations this code does not know (it is newer)

export class DatabaseError extends Error {
  readonly code: DatabaseErrorCode;
  constructor(code: DatabaseErrorCode, message: string, options?: { cause?: unknown }) {
    super(oneLine(message), options);
    this.name = "DatabaseError";
    this.code = code;
  }
}

export function isDatabaseError(error: unknown): error is DatabaseError {
  return error instanceof DatabaseError;
}

/** First line of a driver message, trimmed, without a trailing stack. */
export function oneLine(text: string): string {
  const first = text.split(/\r?\n/).find((line) => line.trim() !== "") ?? text;
  return first.trim().slice(0, 500);
}

const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "28P01", // invalid password
  "28000", // invalid authorization
  "3D000", // database does not exist
  "57P03", // cannot connect now (starting up)
]);

/** True when a pg / node error means "could not connect", not "the SQL was wrong". */
export function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && UNREACHABLE_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : String(error);
  return /timeout|terminated unexpectedly|Connection terminated/i.test(message);
}

/** Message for a failure the caller did not classify; never a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const text = oneLine(error.message || error.name);
    return typeof code === "string" && !text.includes(code) ? `${text} (${code})` : text;
  }
  return oneLine(String(error));
}
