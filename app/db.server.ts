// The one database client. DATABASE_URL picks the provider (app/db/url.server.ts):
// unset or file:... = SQLite through better-sqlite3; postgres(ql)://... = PostgreSQL through pg.
// Both generated clients have identical models, so the client is typed as the SQLite one.
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type Database from "better-sqlite3";
import { parseDatabaseUrl, type DatabaseTarget } from "./db/url.server";
import { pgPoolConfig } from "./db/pg-pool.server";
import { beginImmediate, ensureWal, writeTurn } from "./db/sqlite-lock.server";
import { readTimeouts } from "./env.server";
import { nextTurn } from "./lib/yield";
import { installPlanCache, type PlanCompiler } from "./db/plan-cache";

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
      const Client = (require(dir) as { PrismaClient: typeof PrismaClient }).PrismaClient;
      withPlanCache(dir);
      return Client;
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

/**
 * Prisma's better-sqlite3 adapter, following the process's SQLite lock discipline (app/db/sqlite-lock.server.ts,
 * docs/decisions/0025-fast-intake-and-import.md):
 * - The file is switched to WAL mode when the connection opens.
 * - A transaction first waits for the process's turn to write to the file (so that no synchronous writer of this
 *   process, e.g. a recompute's bulk upserter, ever waits for it on the same thread), then begins IMMEDIATE, tried
 *   again after a timer while another thread or process holds the lock. In WAL mode a deferred transaction that
 *   reads, then writes after another connection committed, fails with SQLITE_BUSY_SNAPSHOT; an immediate one takes
 *   the writer lock first. The turn is released when the transaction commits or rolls back.
 * - Every statement first yields to the event loop. The driver is synchronous, so without it a job's whole batch of
 *   statements runs as one chain of resolved promises and no request is read until it ends.
 * It relies on the adapter's `client` field and its `prepare("BEGIN")` (pinned 6.19.3; checked at connect).
 */
export class ImmediateBetterSQLite3 extends PrismaBetterSQLite3 {
  private readonly file: string;
  private readonly waitMs: number;

  constructor(config: { url: string; timeout: number }) {
    super(config);
    this.file = config.url.replace(/^file:/, "");
    this.waitMs = config.timeout;
  }

  override async connect() {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client?: Database.Database }).client;
    if (typeof client?.prepare !== "function" || typeof client.pragma !== "function") {
      throw new Error("@prisma/adapter-better-sqlite3 changed: its connection is no longer `client`");
    }
    ensureWal(client);
    // The adapter runs prepare("BEGIN") once its own mutex is taken; the transaction is already begun (below).
    const prepare = client.prepare.bind(client) as (sql: string) => Database.Statement;
    const begun = { run: () => undefined } as unknown as Database.Statement;
    client.prepare = ((sql: string) => (sql === "BEGIN" ? begun : prepare(sql))) as typeof client.prepare;
    yieldFirst(adapter);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (...args) => {
      const release = await writeTurn(this.file);
      let tx: Awaited<ReturnType<typeof startTransaction>>;
      try {
        await beginImmediate(client, this.waitMs);
        tx = await startTransaction(...args);
      } catch (error) {
        if (client.inTransaction) client.exec("ROLLBACK");
        release();
        throw error;
      }
      const commit = tx.commit.bind(tx);
      const rollback = tx.rollback.bind(tx);
      tx.commit = () => commit().finally(release);
      tx.rollback = () => rollback().finally(release);
      return yieldFirst(tx);
    };
    return adapter;
  }
}

function yieldFirst<
  Q extends {
    queryRaw: (...args: never[]) => Promise<unknown>;
    executeRaw: (...args: never[]) => Promise<unknown>;
  },
>(q: Q): Q {
  const queryRaw = q.queryRaw.bind(q);
  const executeRaw = q.executeRaw.bind(q);
  q.queryRaw = (async (...args: Parameters<Q["queryRaw"]>) => (await nextTurn(), queryRaw(...args))) as Q["queryRaw"];
  q.executeRaw = (async (...args: Parameters<Q["executeRaw"]>) => (
    await nextTurn(),
    executeRaw(...args)
  )) as Q["executeRaw"];
  return q;
}

/**
 * The query plan cache (app/db/plan-cache.ts, docs/decisions/0031) on the generated client in `dir`: its
 * query_compiler_bg.js is the module the client loads its compiler from. PRISMA_PLAN_CACHE=off turns it off;
 * =verify (the test suites) compiles every query anyway and throws when a cached plan differs.
 */
function withPlanCache(dir: string): void {
  const mode = process.env.PRISMA_PLAN_CACHE ?? "on";
  if (mode === "off") return;
  const compiler = require(path.join(dir, "query_compiler_bg.js")) as { QueryCompiler: { prototype: PlanCompiler } };
  installPlanCache(compiler.QueryCompiler, { verify: mode === "verify" });
}

function newClient(url: string | undefined): Db {
  const target = parseDatabaseUrl(url);
  if (target.provider === "sqlite") {
    withPlanCache(path.dirname(require.resolve(".prisma/client/package.json")));
    return new PrismaClient({ adapter: new ImmediateBetterSQLite3({ url: target.file, timeout: 10_000 }) });
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
