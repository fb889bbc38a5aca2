import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { testRunPrefix } from "./test-run";

export const TEST_SECRET = "test-secret";

/**
 * Sets the app's environment for an in-process test on a fresh SQLite file (or the PostgreSQL URL in
 * DATABASE_URL, with a unique schema). Call before importing shopify.server or db.server.
 */
export function useTestEnvironment(): string {
  return prepareTestEnvironment();
}

function prepareTestEnvironment(): string {
  process.env.SHOPIFY_API_KEY = "test-key";
  process.env.SHOPIFY_API_SECRET = TEST_SECRET;
  process.env.SHOPIFY_APP_URL = "https://pilotage.example.com";
  // The intake answers 503 past this; a loaded test machine must not turn slow first requests into 503s.
  process.env.WEBHOOK_ACK_TIMEOUT_MS ??= "4000";
  const base = process.env.DATABASE_URL;
  if (base && /^postgres/.test(base)) {
    const url = new URL(base);
    url.searchParams.set("schema", `${testRunPrefix()}${process.pid}_${Date.now().toString(36)}`);
    process.env.DATABASE_URL = url.toString();
  } else {
    process.env.DATABASE_URL = `file:${path.join(mkdtempSync(path.join(tmpdir(), "pilotage-it-")), "test.db")}`;
  }
  return process.env.DATABASE_URL;
}

/**
 * The shared start of an in-process integration suite: useTestEnvironment(), the app's migrations applied to that
 * database, and the app's Prisma client (lazy: importing db.server opens nothing). Call in beforeAll.
 */
export async function migratedTestDatabase(): Promise<{ url: string; prisma: typeof import("~/db.server").prisma }> {
  const url = prepareTestEnvironment();
  const { migrateDatabase } = await import("~/db/migrate.server");
  await migrateDatabase(url);
  const { prisma } = await import("~/db.server");
  return { url, prisma };
}
