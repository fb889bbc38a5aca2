// Authors the next migration for BOTH providers: `npm run db:migration:new -- add_something`.
// `prisma migrate dev` does not work offline with the JS engine, so the SQL comes from
// `prisma migrate diff --script`, from the schema as of the last migration (prisma/migrations/
// schema.snapshot.prisma) to the current prisma/schema.prisma. Review the SQL, then commit it.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  POSTGRES_SCHEMA_PATH,
  SQLITE_SCHEMA_PATH,
  expectedPostgresSchema,
  postgresSchemaFrom,
} from "./postgres-schema";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SNAPSHOT_PATH = path.join(root, "prisma/migrations/schema.snapshot.prisma");
const prismaCli = path.join(root, "node_modules/prisma/build/index.js");

let scratchDir: string | undefined;
const scratch = () => (scratchDir ??= mkdtempSync(path.join(os.tmpdir(), "pilotage-diff-")));

/** `prisma migrate diff --script` between two schema files (or from empty when `from` is null). */
export function diffScript(from: string | null, to: string): string {
  const fromArgs = from ? ["--from-schema-datamodel", from] : ["--from-empty"];
  return execFileSync(
    process.execPath,
    [prismaCli, "migrate", "diff", ...fromArgs, "--to-schema-datamodel", to, "--script"],
    {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      // The diff needs no database, but prisma.config.ts opens its adapter anyway: point it at a
      // throwaway SQLite file so authoring never touches a real database (the SQL follows the
      // schema's provider, not the adapter's).
      env: { ...process.env, DATABASE_URL: `file:${path.join(scratch(), "diff.db")}` },
    },
  );
}

const isEmpty = (sql: string) => sql.replace(/--.*$/gm, "").trim() === "";

function main(): void {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("usage: npm run db:migration:new -- <name_in_snake_case>");
    process.exit(2);
  }
  writeFileSync(POSTGRES_SCHEMA_PATH, expectedPostgresSchema());
  const tmp = mkdtempSync(path.join(os.tmpdir(), "pilotage-migration-"));
  let fromSqlite: string | null = null;
  let fromPostgres: string | null = null;
  if (existsSync(SNAPSHOT_PATH)) {
    fromSqlite = SNAPSHOT_PATH;
    fromPostgres = path.join(tmp, "previous-postgres.prisma");
    writeFileSync(fromPostgres, postgresSchemaFrom(readFileSync(SNAPSHOT_PATH, "utf8")));
  }
  const scripts = {
    sqlite: diffScript(fromSqlite, SQLITE_SCHEMA_PATH),
    postgres: diffScript(fromPostgres, POSTGRES_SCHEMA_PATH),
  };
  if (isEmpty(scripts.sqlite) && isEmpty(scripts.postgres)) {
    console.log("no schema changes since the last migration");
    return;
  }
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  for (const provider of ["sqlite", "postgres"] as const) {
    const dir = path.join(root, "prisma/migrations", provider, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), scripts[provider]);
    console.log(`wrote ${path.relative(root, dir)}/migration.sql`);
  }
  copyFileSync(SQLITE_SCHEMA_PATH, SNAPSHOT_PATH);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
