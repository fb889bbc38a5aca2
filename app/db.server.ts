// The one database client. DATABASE_URL picks the provider (app/db/url.server.ts):
// unset or file:... = SQLite through better-sqlite3; postgres(ql)://... = PostgreSQL through pg.
// Both generated clients have identical models, so the client is typed as the SQLite one.
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { parseDatabaseUrl, type DatabaseTarget } from "./db/url.server";
import { pgPoolConfig } from "./db/pg-pool.server";
import { readTimeouts } from "./env.server";

export type Db = PrismaClient;
export type { DatabaseTarget };

const require = createRequire(import.meta.url);

/** The PostgreSQL client generated into app/generated/postgres (CommonJS, loaded only when needed). */
function loadPostgresClient(): typeof PrismaClient {
  const candidates = [
    path.resolve(process.cwd(), "app/generated/postgres"),
    path.resolve(path.dirname(new URL(import.meta.url).pathname), "generated/postgres"),
  ];
  for (const dir of candidates) {
    try {
      return (require(dir) as { PrismaClient: typeof PrismaClient }).PrismaClient;
    } catch (error) {
      if ((error as { code?: string }).code !== "MODULE_NOT_FOUND") throw error;
    }
  }
  throw new Error("app/generated/postgres is missing: run `npm run db:generate`");
}

const urls = new WeakMap<object, string | undefined>();

/** The DATABASE_URL a client was created for (bulk writers open their own driver connection to it). */
export function databaseUrlOf(db: object): string | undefined {
  return urls.has(db) ? urls.get(db) : process.env.DATABASE_URL;
}

/** A new client for `url` (DATABASE_URL syntax). Callers own it and must `$disconnect()` it. */
export function createPrismaClient(url: string | undefined = process.env.DATABASE_URL): Db {
  const client = newClient(url);
  urls.set(client, url);
  return client;
}

function newClient(url: string | undefined): Db {
  const target = parseDatabaseUrl(url);
  if (target.provider === "sqlite") {
    return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: target.file, timeout: 10_000 }) });
  }
  const Client = loadPostgresClient();
  // Every call has a timeout and every connection TCP keepalive (app/db/pg-pool.server.ts, DATABASE_TIMEOUT_MS).
  const adapter = new PrismaPg(pgPoolConfig(target.connectionString, target.schema, readTimeouts()), {
    schema: target.schema,
  });
  // Same models, same runtime (prisma/tools/generate.ts): only the provider differs.
  return new Client({ adapter }) as unknown as Db;
}

declare global {
  // Survives Vite HMR re-evaluating this module in development: one client, one pool.
  var __pilotageDb: Db | undefined;
}

/** The process-wide client for DATABASE_URL. */
export function getDb(): Db {
  globalThis.__pilotageDb ??= createPrismaClient();
  return globalThis.__pilotageDb;
}

/** Which provider DATABASE_URL selects (for logs and health checks). */
export function databaseTarget(url: string | undefined = process.env.DATABASE_URL): DatabaseTarget {
  return parseDatabaseUrl(url);
}

export const prisma: Db = new Proxy({} as Db, {
  // Lazy: importing this module neither opens a database nor reads DATABASE_URL early.
  get(_target, property) {
    const client = getDb();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export default prisma;
