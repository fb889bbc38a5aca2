// Failures that say "the database or Redis cannot be reached right now", not "this job is wrong". A job that fails
// this way is retried after its backoff WITHOUT spending an attempt (docs/decisions/0016-timeouts-and-webhook-lane.md),
// so an outage longer than the retry budget does not fail every job that happened to run during it.
// A statement cancelled by statement_timeout (57014) is the job's own slowness: it is not transient.

const CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "57P01", // admin shutdown
  "57P03", // cannot connect now
  "08000",
  "08003",
  "08006", // connection failures
  "P1001", // Prisma: can't reach database server
  "P1002", // Prisma: server timed out
  "P1017", // Prisma: server closed the connection
  "TIMEOUT", // app/lib/deadline.ts
]);

const MESSAGES = [
  /Query read timeout/,
  /Connection terminated/,
  /timeout exceeded when trying to connect/,
  /Server has closed the connection/,
  /Can't reach database server/,
  /Connection is closed/, // ioredis
  /Command timed out/, // ioredis commandTimeout
  /Socket timeout/, // ioredis socketTimeout
  /Stream isn't writeable/, // ioredis, offline queue disabled
  /Reached the max retries per request limit/, // ioredis
  /ECONNREFUSED|ECONNRESET/,
];

export function isTransientInfraError(error: unknown, depth = 0): boolean {
  if (error == null || depth > 3) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  if (MESSAGES.some((pattern) => pattern.test(message))) return true;
  return isTransientInfraError((error as { cause?: unknown }).cause, depth + 1);
}
