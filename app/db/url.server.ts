// DATABASE_URL -> provider. `file:...` or unset = SQLite (default prisma/pilotage.db);
// postgres:// or postgresql:// = PostgreSQL, with an optional `?schema=` (default "public").
import path from "node:path";
import { DatabaseError } from "./errors.server";

export const DEFAULT_SQLITE_FILE = "prisma/pilotage.db";

export type DatabaseTarget =
  | { provider: "sqlite"; file: string; url: string }
  | { provider: "postgres"; connectionString: string; schema: string; url: string; display: string };

export function parseDatabaseUrl(url: string | undefined, cwd: string = process.cwd()): DatabaseTarget {
  const raw = (url ?? "").trim();
  if (raw === "") {
    const file = path.resolve(cwd, DEFAULT_SQLITE_FILE);
    return { provider: "sqlite", file, url: `file:${file}` };
  }
  if (raw.startsWith("file:")) {
    const rest = raw
      .slice("file:".length)
      .replace(/^\/\/(?=\/)/, "")
      .split("?")[0];
    if (rest === "") throw new DatabaseError("DB.BAD_URL", "DATABASE_URL `file:` names no file");
    const file = rest === ":memory:" ? rest : path.resolve(cwd, rest);
    return { provider: "sqlite", file, url: `file:${file}` };
  }
  if (/^postgres(ql)?:\/\//i.test(raw)) {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new DatabaseError("DB.BAD_URL", "DATABASE_URL is not a valid postgres URL");
    }
    const schema = parsed.searchParams.get("schema") || "public";
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
      throw new DatabaseError("DB.BAD_URL", `DATABASE_URL ?schema=${schema} is not a plain identifier`);
    }
    parsed.searchParams.delete("schema");
    const display = `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}${schema === "public" ? "" : `?schema=${schema}`}`;
    return { provider: "postgres", connectionString: parsed.toString(), schema, url: raw, display };
  }
  const scheme = raw.split(":")[0];
  throw new DatabaseError(
    "DB.BAD_URL",
    `DATABASE_URL scheme "${scheme}:" is not supported (use file:./path.db or postgresql://...)`,
  );
}
