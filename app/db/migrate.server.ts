// Applies the committed migrations (prisma/migrations/<provider>/<name>/migration.sql) at start-up.
// Our own small runner instead of `prisma migrate deploy`: works offline, needs no CLI process, sidesteps
// Prisma issue #27403 on PostgreSQL, and runs each migration in ONE transaction so a failure leaves
// nothing half-applied. It keeps Prisma's `_prisma_migrations` bookkeeping (same table, same sha256
// checksum) so `prisma migrate status` agrees. Why: docs/decisions/0001-database-providers-and-migrations.md.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { DatabaseError, describeError, isConnectionFailure } from "./errors.server";
import { parseDatabaseUrl, type DatabaseTarget } from "./url.server";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  provider: DatabaseTarget["provider"];
  applied: string[];
  alreadyApplied: number;
}

export interface MigrateOptions {
  /** Folder holding `sqlite/` and `postgres/`. Default: <cwd>/prisma/migrations. */
  migrationsRoot?: string;
  /** PostgreSQL connect timeout. Default 5000 ms. */
  connectTimeoutMs?: number;
}

export function defaultMigrationsRoot(): string {
  return path.resolve(process.cwd(), "prisma/migrations");
}

/** The committed migrations for a provider, in name (timestamp) order. */
export function loadMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) throw new DatabaseError("DB.MIGRATIONS_MISSING", `migrations folder not found: ${dir}`);
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
  if (names.length === 0) throw new DatabaseError("DB.MIGRATIONS_MISSING", `no migrations in ${dir}`);
  return names.map((name) => {
    const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
    return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
  });
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/** Checks the recorded history against the files and returns the migrations still to apply. */
function pending(migrations: Migration[], rows: AppliedRow[]): Migration[] {
  const live = rows.filter((row) => row.rolled_back_at == null);
  const unfinished = live.find((row) => row.finished_at == null);
  if (unfinished) {
    throw new DatabaseError(
      "DB.MIGRATION_FAILED",
      `migration ${unfinished.migration_name} is recorded as started but not finished; repair the database, then mark it rolled back`,
    );
  }
  const byName = new Map(migrations.map((m) => [m.name, m]));
  for (const row of live) {
    const local = byName.get(row.migration_name);
    if (!local) {
      throw new DatabaseError(
        "DB.MIGRATION_UNKNOWN",
        `the database has migration ${row.migration_name}, which this code does not have (is the code older than the database?)`,
      );
    }
    if (local.checksum !== row.checksum) {
      throw new DatabaseError(
        "DB.MIGRATION_CHANGED",
        `migration ${row.migration_name} was edited after it was applied; add a new migration instead`,
      );
    }
  }
  const done = new Set(live.map((row) => row.migration_name));
  return migrations.filter((m) => !done.has(m.name));
}

/** Brings the database at `url` (DATABASE_URL syntax) up to the committed migrations. Throws DatabaseError. */
export async function migrateDatabase(url: string | undefined, options: MigrateOptions = {}): Promise<MigrationReport> {
  const target = parseDatabaseUrl(url);
  const root = options.migrationsRoot ?? defaultMigrationsRoot();
  if (target.provider === "sqlite") return migrateSqlite(target.file, loadMigrations(path.join(root, "sqlite")));
  return migratePostgres(target, loadMigrations(path.join(root, "postgres")), options.connectTimeoutMs ?? 5000);
}

function migrateSqlite(file: string, migrations: Migration[]): MigrationReport {
  let db: Database.Database;
  try {
    if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file, { timeout: 10_000 });
  } catch (error) {
    throw new DatabaseError("DB.UNREACHABLE", `cannot open SQLite database ${file}: ${describeError(error)}`, {
      cause: error,
    });
  }
  try {
    db.pragma("journal_mode = WAL");
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL,
      "checksum" TEXT NOT NULL,
      "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL,
      "logs" TEXT,
      "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
    )`);
    const rows = db
      .prepare(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`)
      .all() as AppliedRow[];
    const todo = pending(migrations, rows);
    const record = db.prepare(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
       VALUES (?, ?, ?, ?, ?, 1)`,
    );
    for (const migration of todo) {
      // SQLite's documented procedure for schema changes (sqlite.org/lang_altertable.html): foreign keys
      // off OUTSIDE the transaction (table redefinitions must not cascade), checked before commit.
      db.pragma("foreign_keys = OFF");
      const startedAt = Date.now();
      try {
        db.exec("BEGIN IMMEDIATE");
        db.exec(migration.sql);
        const violations = db.pragma("foreign_key_check") as unknown[];
        if (violations.length > 0) throw new Error(`${violations.length} foreign key violation(s) after the migration`);
        record.run(randomUUID(), migration.checksum, Date.now(), migration.name, startedAt);
        db.exec("COMMIT");
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw new DatabaseError(
          "DB.MIGRATION_FAILED",
          `migration ${migration.name} failed and was rolled back: ${describeError(error)}`,
          {
            cause: error,
          },
        );
      } finally {
        db.pragma("foreign_keys = ON");
      }
    }
    return { provider: "sqlite", applied: todo.map((m) => m.name), alreadyApplied: migrations.length - todo.length };
  } catch (error) {
    if (error instanceof DatabaseError) throw error;
    throw new DatabaseError("DB.UNREACHABLE", `SQLite database ${file} is not usable: ${describeError(error)}`, {
      cause: error,
    });
  } finally {
    db.close();
  }
}

async function migratePostgres(
  target: Extract<DatabaseTarget, { provider: "postgres" }>,
  migrations: Migration[],
  connectTimeoutMs: number,
): Promise<MigrationReport> {
  const client = new pg.Client({
    connectionString: target.connectionString,
    connectionTimeoutMillis: connectTimeoutMs,
  });
  client.on("error", () => undefined); // a dropped connection surfaces through the awaited query instead
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new DatabaseError("DB.UNREACHABLE", `cannot reach PostgreSQL at ${target.display}: ${describeError(error)}`, {
      cause: error,
    });
  }
  const schema = `"${target.schema}"`;
  // One migrator at a time per schema (several app processes may start together).
  const lockKey = `pilotage:migrate:${target.schema}`;
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`SET search_path TO ${schema}`);
    await client.query(`SELECT pg_advisory_lock(hashtext($1))`, [lockKey]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const { rows } = await client.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
    );
    const todo = pending(migrations, rows);
    for (const migration of todo) {
      const startedAt = new Date();
      try {
        await client.query("BEGIN");
        await client.query(migration.sql); // PostgreSQL DDL is transactional: all or nothing
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, $4, 1)`,
          [randomUUID(), migration.checksum, migration.name, startedAt],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        if (isConnectionFailure(error)) throw error;
        throw new DatabaseError(
          "DB.MIGRATION_FAILED",
          `migration ${migration.name} failed and was rolled back: ${describeError(error)}`,
          {
            cause: error,
          },
        );
      }
    }
    return { provider: "postgres", applied: todo.map((m) => m.name), alreadyApplied: migrations.length - todo.length };
  } catch (error) {
    if (error instanceof DatabaseError) throw error;
    if (isConnectionFailure(error)) {
      throw new DatabaseError("DB.UNREACHABLE", `lost PostgreSQL at ${target.display}: ${describeError(error)}`, {
        cause: error,
      });
    }
    throw new DatabaseError(
      "DB.MIGRATION_FAILED",
      `cannot prepare migrations on ${target.display}: ${describeError(error)}`,
      { cause: error },
    );
  } finally {
    await client.query(`SELECT pg_advisory_unlock(hashtext($1))`, [lockKey]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
