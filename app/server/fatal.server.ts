import { log } from "~/logger.server";

/** Ends start-up with one clear line. Expected failures (with a code) never print a stack trace. */
export function exitOnStartupError(err: unknown): never {
  const coded = err as { code?: unknown; message?: string };
  if (typeof coded?.code === "string" && /^[A-Z]+\.[A-Z_]+$/.test(coded.code)) {
    log.error("start-up failed", { code: coded.code, reason: coded.message });
    process.stderr.write(`pilotage: ${coded.message} [${coded.code}]\n`);
  } else {
    log.error("start-up failed", { err });
    process.stderr.write(`pilotage: start-up failed: ${(err as Error)?.message ?? String(err)}\n`);
  }
  process.exit(1);
}
