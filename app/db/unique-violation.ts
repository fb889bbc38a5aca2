// The one place that recognises a unique-constraint violation, whichever layer raised it:
// - Prisma model queries: PrismaClientKnownRequestError P2002 (from either generated client: @prisma/client
//   for SQLite or app/generated/postgres, so the check is by name and code, not `instanceof`);
// - Prisma raw queries through a driver adapter: P2010 ("Raw query failed") whose meta.driverAdapterError
//   has the cause kind UniqueConstraintViolation;
// - the drivers themselves (app/db/bulk*.server.ts write through better-sqlite3 and pg): SqliteError
//   SQLITE_CONSTRAINT_UNIQUE / SQLITE_CONSTRAINT_PRIMARYKEY, pg's 23505.
// The `cause` chain is followed, so a wrapped error is recognised too. Pure: no driver imports.

const DRIVER_CODES = new Set(["23505", "SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"]);

interface ErrorLike {
  code?: unknown;
  kind?: unknown;
  meta?: { driverAdapterError?: unknown } | null;
  cause?: unknown;
}

/** True when `error` (or one of its causes) says a row with the same unique key already exists. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const x = e as ErrorLike;
    if (x.code === "P2002") return true;
    if (typeof x.code === "string" && DRIVER_CODES.has(x.code)) return true;
    if (x.kind === "UniqueConstraintViolation") return true;
    e = x.meta?.driverAdapterError ?? x.cause;
  }
  return false;
}
