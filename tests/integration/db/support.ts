// Test databases: a fresh SQLite file per test file by default; when DATABASE_URL is a postgres URL
// (`npm run test:pg`), a fresh schema in that database instead. Never the dev database.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { dropSchemas, testRunPrefix } from "../../support/test-run";

export const baseUrl = process.env.DATABASE_URL ?? "";
export const provider: "sqlite" | "postgres" = /^postgres(ql)?:\/\//i.test(baseUrl) ? "postgres" : "sqlite";

export interface TestDatabase {
  url: string;
  /** SQLite file, or PostgreSQL schema name. */
  location: string;
  drop(): Promise<void>;
}

let counter = 0;

export async function freshDatabase(label: string): Promise<TestDatabase> {
  counter++;
  if (provider === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), `pilotage-${label}-`));
    const file = path.join(dir, "test.db");
    return { url: `file:${file}`, location: file, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `${testRunPrefix()}${label}_${process.pid}_${counter}_${Date.now().toString(36)}`
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "_");
  const url = new URL(baseUrl);
  url.searchParams.set("schema", schema);
  return {
    url: url.toString(),
    location: schema,
    drop: () => dropSchemas(baseUrl, { name: schema }),
  };
}

/** A port nothing listens on (PostgreSQL "unreachable" tests). */
export const CLOSED_PORT_URL = "postgresql://postgres@127.0.0.1:1/test";

/** A fresh database (freshDatabase) with the app's migrations applied, and a Prisma client on it. Call in beforeAll. */
export async function migratedDatabase(
  label: string,
): Promise<{ database: TestDatabase; db: import("~/db.server").Db }> {
  const database = await freshDatabase(label);
  const { migrateDatabase } = await import("~/db/migrate.server");
  await migrateDatabase(database.url);
  const { createPrismaClient } = await import("~/db.server");
  return { database, db: createPrismaClient(database.url) };
}

/** Undoes migratedDatabase (whatever part of it a failed start left). Call in afterAll. */
export async function dropMigratedDatabase(opened: {
  database?: TestDatabase;
  db?: import("~/db.server").Db;
}): Promise<void> {
  await opened.db?.$disconnect();
  await opened.database?.drop();
}

/** Runs `run` with a bulk upserter for `shopId` on `url`, closed afterwards. */
export async function withBulkUpserter<T>(
  url: string,
  shopId: string,
  run: (u: import("~/db/bulk-upsert.server").BulkUpserter) => Promise<T>,
): Promise<T> {
  const { openBulkUpserter } = await import("~/db/bulk-upsert.server");
  const upserter = await openBulkUpserter(url, shopId);
  try {
    return await run(upserter);
  } finally {
    await upserter.close();
  }
}
