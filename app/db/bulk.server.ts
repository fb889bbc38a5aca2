// Bulk inserts for seeding and history import. Prisma's createMany runs at about 1,000 rows/s
// through the JS query compiler on this stack (measured: docs/decisions/0001), far too slow for
// hundreds of thousands of rows, so big writes go straight to the driver (better-sqlite3 / pg) in
// one transaction per call; on PostgreSQL through COPY FROM STDIN (see copyText). Values are written
// exactly as Prisma stores them (SQLite DateTime as ISO text with "+00:00", booleans as 0/1), and
// every row is stamped with the writer's shop, as forShop() does: a row naming another shop throws
// ScopeViolationError.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createId } from "./ids";
import Database from "better-sqlite3";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { Prisma } from "@prisma/client";
import { DatabaseError, describeError } from "./errors.server";
import { ScopeViolationError, SHOP_OWNED_MODELS } from "./scoped.server";
import { modelInfo } from "./model-info.server";
import { parseDatabaseUrl } from "./url.server";
import { ensureWal, writeInTurn } from "./sqlite-lock.server";

type Row = Record<string, unknown>;

export interface BulkWriter {
  /** Inserts `rows` into `model` (Prisma model name) in one transaction. Returns the row count. */
  insert(model: Prisma.ModelName, rows: Row[]): Promise<number>;
  close(): Promise<void>;
}

function prepareRows(model: string, rows: Row[], shopId: string): { columns: string[]; rows: Row[] } {
  const info = modelInfo().get(model);
  if (!info || !SHOP_OWNED_MODELS.has(model)) throw new ScopeViolationError(`bulk insert into ${model} is not allowed`);
  const now = new Date();
  const columns = new Set<string>(["shopId", ...info.nowFields]);
  if (info.generatedId) columns.add(info.generatedId);
  const out = rows.map((row) => {
    if ("shopId" in row && row.shopId !== shopId) {
      throw new ScopeViolationError(`${model}.shopId must be the writer's shop, got ${JSON.stringify(row.shopId)}`);
    }
    const next: Row = { ...row, shopId };
    if (info.generatedId && next[info.generatedId] === undefined) next[info.generatedId] = createId();
    for (const field of info.nowFields) if (next[field] === undefined) next[field] = now;
    for (const key of Object.keys(next)) {
      if (!info.columns.has(key)) throw new Error(`bulk insert: ${model} has no column "${key}"`);
      columns.add(key);
    }
    for (const key of info.required) {
      if (next[key] === undefined || next[key] === null) throw new Error(`bulk insert: ${model}.${key} is required`);
    }
    return next;
  });
  return { columns: [...columns], rows: out };
}

/** SQLite storage format of a value, as Prisma's better-sqlite3 adapter writes it. */
export function sqliteValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  if (Prisma.Decimal.isDecimal(value)) return (value as Prisma.Decimal).toString();
  return value;
}

/** pg value: timestamps as UTC ISO text (Prisma's columns are TIMESTAMP(3) without time zone, in UTC). */
export function pgValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Prisma.Decimal.isDecimal(value)) return String(value);
  return value;
}

/**
 * The parameters of a raw statement sent through Prisma (`$executeRawUnsafe`), in the provider's syntax: `mark` adds
 * a value (converted as pgValue / sqliteValue do) and returns its placeholder, `CAST($n AS type)` on PostgreSQL and a
 * positional `?` on SQLite, so values must be marked in the order the statement uses them.
 */
export function rawParams(provider: "sqlite" | "postgres"): {
  params: unknown[];
  mark: (value: unknown, type: string) => string;
} {
  const params: unknown[] = [];
  const postgres = provider === "postgres";
  return {
    params,
    mark(value, type) {
      params.push(postgres ? pgValue(value) : sqliteValue(value));
      return postgres ? `CAST($${params.length} AS ${type})` : "?";
    },
  };
}

/** COPY text-format field (postgresql.org/docs/current/sql-copy.html, "Text Format"): NULL is \\N; backslash, tab,
 * newline and carriage return are backslash-escaped; other values as pgValue writes them (booleans t/f). */
export function copyText(value: unknown): string {
  const v = pgValue(value);
  if (v === null) return "\\N";
  if (typeof v === "boolean") return v ? "t" : "f";
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (Buffer.isBuffer(v)) return `\\\\x${v.toString("hex")}`;
  const text = typeof v === "string" ? v : JSON.stringify(v);
  return text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]);
}

const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** COPY text lines, a few hundred rows per chunk (one stream write per row would dominate the cost). */
function* copyLines(columns: string[], rows: Row[]): Generator<string> {
  const batch: string[] = [];
  for (const row of rows) {
    batch.push(columns.map((c) => copyText(row[c])).join("\t"));
    if (batch.length === 500) {
      yield batch.join("\n") + "\n";
      batch.length = 0;
    }
  }
  if (batch.length > 0) yield batch.join("\n") + "\n";
}

export const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** How long a bulk write waits for another connection's transaction before failing with SQLITE_BUSY. */
export const SQLITE_WAIT_MS = 10_000;

export async function openBulkWriter(url: string | undefined, shopId: string): Promise<BulkWriter> {
  const target = parseDatabaseUrl(url);
  if (target.provider === "sqlite") {
    let db: Database.Database;
    try {
      db = new Database(target.file, { timeout: SQLITE_WAIT_MS, fileMustExist: target.file !== ":memory:" });
    } catch (error) {
      throw new DatabaseError("DB.UNREACHABLE", `cannot open SQLite database ${target.file}: ${describeError(error)}`, {
        cause: error,
      });
    }
    db.pragma("foreign_keys = ON");
    // Big writes: a large page cache (random-key indexes otherwise thrash the disk) and WAL's
    // synchronous=NORMAL (durable at checkpoints, never corrupt; sqlite.org/pragma.html#pragma_synchronous).
    ensureWal(db);
    db.pragma("cache_size = -262144");
    db.pragma("synchronous = NORMAL");
    return {
      async insert(model, input) {
        if (input.length === 0) return 0;
        const { columns, rows } = prepareRows(model, input, shopId);
        const statement = db.prepare(
          `INSERT INTO ${quote(model)} (${columns.map(quote).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
        );
        // In this process's turn to write (./sqlite-lock.server.ts): never while a Prisma transaction is open.
        await writeInTurn(db, target.file, SQLITE_WAIT_MS, () => {
          for (const row of rows) statement.run(columns.map((c) => sqliteValue(row[c])));
        });
        return rows.length;
      },
      async close() {
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: target.connectionString, connectionTimeoutMillis: 5000 });
  // A connection dropped while idle (network blip, server restart) must not crash the process as an unhandled
  // "error" event: it surfaces through the next awaited query instead.
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query(`SET search_path TO ${quote(target.schema)}`);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new DatabaseError("DB.UNREACHABLE", `cannot reach PostgreSQL at ${target.display}: ${describeError(error)}`, {
      cause: error,
    });
  }
  // Foreign-key checks run a plan cached per session, made for the parent table's statistics at the time: on a
  // parent this writer just filled and nobody analysed, a sequential scan per checked row (200k DailySales rows
  // under 1,000 fresh variants: 17.3 s in the Variant key's trigger, 1.8 s after ANALYZE; docs/decisions/0027).
  // So each parent of a model is analysed before the writer's first insert into that model, and again whenever the
  // rows this writer put into it doubled (ANALYZE invalidates the cached plans).
  const parents = new Map<string, string[]>();
  const written = new Map<string, number>();
  const analyzedAt = new Map<string, number>();
  const refreshParents = async (model: string) => {
    let list = parents.get(model);
    if (!list) {
      const found = await client.query<{ parent: string }>(
        `SELECT DISTINCT p.relname AS parent FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
         JOIN pg_class p ON p.oid = k.confrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE k.contype = 'f' AND n.nspname = $1 AND c.relname = $2 AND p.oid <> c.oid`,
        [target.schema, model],
      );
      parents.set(model, (list = found.rows.map((r) => r.parent)));
    }
    for (const parent of list) {
      const rows = written.get(parent) ?? 0;
      const last = analyzedAt.get(parent);
      if (last !== undefined && rows < Math.max(1000, 2 * last)) continue;
      await client.query(`ANALYZE ${quote(parent)}`);
      analyzedAt.set(parent, rows);
    }
  };
  return {
    async insert(model, input) {
      if (input.length === 0) return 0;
      const { columns, rows } = prepareRows(model, input, shopId);
      const sql = `COPY ${quote(model)} (${columns.map(quote).join(", ")}) FROM STDIN`;
      try {
        await client.query("BEGIN");
        await refreshParents(model);
        await pipeline(Readable.from(copyLines(columns, rows)), client.query(copyFrom(sql)));
        await client.query("COMMIT");
        written.set(model, (written.get(model) ?? 0) + rows.length);
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        // The driver's error stays the cause (isUniqueViolation and friends follow it).
        throw new Error(`bulk insert into ${model} failed: ${describeError(error)}`, { cause: error });
      }
      return rows.length;
    },
    async close() {
      await client.end();
    },
  };
}
