// Generates both Prisma clients from the one schema source (`npm run db:generate`, run at postinstall):
// 1. prisma/postgres/schema.prisma from prisma/schema.prisma;
// 2. the SQLite client into node_modules/.prisma/client (`@prisma/client`);
// 3. the PostgreSQL client into app/generated/postgres, then points it at @prisma/client's runtime
//    so both clients share ONE runtime: the same Prisma.PrismaClientKnownRequestError and Decimal
//    classes (the Shopify session storage checks `instanceof` against @prisma/client's).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { POSTGRES_SCHEMA_PATH, SQLITE_SCHEMA_PATH, expectedPostgresSchema } from "./postgres-schema";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const prismaCli = path.join(root, "node_modules/prisma/build/index.js");
export const POSTGRES_CLIENT_DIR = path.join(root, "app/generated/postgres");

function generate(schema: string, databaseUrl: string): void {
  execFileSync(process.execPath, [prismaCli, "generate", "--schema", schema], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}

export function shareRuntime(dir: string): number {
  let patched = 0;
  for (const file of readdirSync(dir)) {
    if (!file.endsWith(".js")) continue;
    const full = path.join(dir, file);
    const text = readFileSync(full, "utf8");
    const next = text.replaceAll("require('./runtime/client.js')", "require('@prisma/client/runtime/client.js')");
    if (next !== text) {
      writeFileSync(full, next);
      patched++;
    }
  }
  return patched;
}

function main(): void {
  writeFileSync(POSTGRES_SCHEMA_PATH, expectedPostgresSchema());
  generate(SQLITE_SCHEMA_PATH, "file:./prisma/pilotage.db");
  generate(POSTGRES_SCHEMA_PATH, "postgresql://localhost:5432/pilotage");
  const patched = shareRuntime(POSTGRES_CLIENT_DIR);
  if (patched === 0)
    throw new Error("app/generated/postgres: no runtime import to share (did Prisma's output change?)");
  console.log("generated Prisma clients: sqlite (@prisma/client), postgres (app/generated/postgres)");
}

main();
