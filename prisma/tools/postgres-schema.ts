// Derives prisma/postgres/schema.prisma from the one schema source, prisma/schema.prisma:
// same models, provider swapped, client generated into app/generated/postgres.
// Run: `tsx prisma/tools/postgres-schema.ts` (part of `npm run db:generate`). `--check` exits 1 on drift.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SQLITE_SCHEMA_PATH = path.join(root, "prisma/schema.prisma");
export const POSTGRES_SCHEMA_PATH = path.join(root, "prisma/postgres/schema.prisma");

const HEADER =
  "// GENERATED from prisma/schema.prisma by prisma/tools/postgres-schema.ts. Do not edit:\n" +
  "// change prisma/schema.prisma and run `npm run db:generate`.\n";

export function postgresSchemaFrom(sqliteSchema: string): string {
  const generator = /generator client \{[^}]*\}/;
  const datasource = /datasource db \{[^}]*\}/;
  if (!generator.test(sqliteSchema) || !datasource.test(sqliteSchema)) {
    throw new Error("prisma/schema.prisma must contain `generator client { ... }` and `datasource db { ... }`");
  }
  if (!/provider\s*=\s*"sqlite"/.test(sqliteSchema)) {
    throw new Error('prisma/schema.prisma: the datasource provider must be "sqlite" (the source of truth)');
  }
  return (
    HEADER +
    sqliteSchema
      .replace(
        generator,
        [
          "generator client {",
          '  provider   = "prisma-client-js"',
          '  engineType = "client"',
          '  output     = "../../app/generated/postgres"',
          "}",
        ].join("\n"),
      )
      .replace(
        datasource,
        [
          "datasource db {",
          '  provider = "postgresql"',
          '  url      = "postgresql://localhost:5432/pilotage"',
          "}",
        ].join("\n"),
      )
  );
}

export function expectedPostgresSchema(): string {
  return postgresSchemaFrom(readFileSync(SQLITE_SCHEMA_PATH, "utf8"));
}

function main(): void {
  const expected = expectedPostgresSchema();
  if (process.argv.includes("--check")) {
    const actual = readFileSync(POSTGRES_SCHEMA_PATH, "utf8");
    if (actual !== expected) {
      console.error("prisma/postgres/schema.prisma is out of date: run `npm run db:generate`");
      process.exit(1);
    }
    return;
  }
  writeFileSync(POSTGRES_SCHEMA_PATH, expected);
  console.log("wrote prisma/postgres/schema.prisma");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
