// The committed migrations must build exactly the schema's database, for the provider under test,
// and the PostgreSQL schema copy must be the one derived from prisma/schema.prisma.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "~/db/migrate.server";
import { parseDatabaseUrl } from "~/db/url.server";
import {
  POSTGRES_SCHEMA_PATH,
  SQLITE_SCHEMA_PATH,
  expectedPostgresSchema,
  postgresSchemaFrom,
} from "../../../prisma/tools/postgres-schema";
import { SNAPSHOT_PATH } from "../../../prisma/tools/new-migration";
import { catalogDiff, catalogOf } from "./catalog";
import { freshDatabase, provider, type TestDatabase } from "./support";

const scratch = mkdtempSync(path.join(os.tmpdir(), "pilotage-drift-"));
const drops: TestDatabase[] = [];
afterAll(async () => {
  for (const db of drops) await db.drop();
  rmSync(scratch, { recursive: true, force: true });
});

/** The DDL Prisma derives from a schema file (`migrate diff --from-empty`), no database involved. */
function schemaDdl(schemaFile: string): string {
  return execFileSync(
    process.execPath,
    [
      path.resolve("node_modules/prisma/build/index.js"),
      "migrate",
      "diff",
      "--from-empty",
      "--to-schema-datamodel",
      schemaFile,
      "--script",
    ],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DATABASE_URL: `file:${path.join(scratch, "cli.db")}` },
    },
  );
}

async function applyDdl(url: string, sql: string): Promise<void> {
  const target = parseDatabaseUrl(url);
  if (target.provider === "sqlite") {
    const db = new Database(target.file);
    db.exec(sql);
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: target.connectionString });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${target.schema}"; SET search_path TO "${target.schema}"`);
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function fresh(label: string): Promise<TestDatabase> {
  const db = await freshDatabase(label);
  drops.push(db);
  return db;
}

/** The schema file for the provider under test, derived from a SQLite schema text. */
function schemaFileFor(sqliteSchema: string, name: string): string {
  const file = path.join(scratch, `${name}.prisma`);
  writeFileSync(file, provider === "postgres" ? postgresSchemaFrom(sqliteSchema) : sqliteSchema);
  return file;
}

describe("one schema source", () => {
  it("GIVEN prisma/schema.prisma THEN prisma/postgres/schema.prisma is exactly its PostgreSQL copy (run `npm run db:generate`)", () => {
    expect(readFileSync(POSTGRES_SCHEMA_PATH, "utf8")).toBe(expectedPostgresSchema());
  });

  it("GIVEN the schema THEN it is the one the last migration was authored from (run `npm run db:migration:new`)", () => {
    expect(readFileSync(SNAPSHOT_PATH, "utf8")).toBe(readFileSync(SQLITE_SCHEMA_PATH, "utf8"));
  });
});

describe(`migration drift (${provider})`, () => {
  it("GIVEN an empty database WHEN the committed migrations are applied THEN its structure equals the schema's", async () => {
    const migrated = await fresh("drift-mig");
    await migrateDatabase(migrated.url);
    const fromSchema = await fresh("drift-schema");
    await applyDdl(fromSchema.url, schemaDdl(schemaFileFor(readFileSync(SQLITE_SCHEMA_PATH, "utf8"), "current")));
    expect(catalogDiff(await catalogOf(migrated.url), await catalogOf(fromSchema.url))).toEqual([]);
  });

  it("GIVEN a schema with one more column than the migrations THEN the comparison reports it (the drift check has teeth)", async () => {
    const migrated = await fresh("drift-mig2");
    await migrateDatabase(migrated.url);
    const changed = readFileSync(SQLITE_SCHEMA_PATH, "utf8").replace(
      /model Shop \{\n/,
      "model Shop {\n  driftProbe String?\n",
    );
    const fromSchema = await fresh("drift-schema2");
    await applyDdl(fromSchema.url, schemaDdl(schemaFileFor(changed, "changed")));
    const diff = catalogDiff(await catalogOf(migrated.url), await catalogOf(fromSchema.url));
    expect(diff.length).toBeGreaterThan(0);
    expect(diff.join("\n")).toContain("driftProbe");
  });
});
