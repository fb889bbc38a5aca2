// Idempotent bulk upserts for the history import, straight to the driver (better-sqlite3 / pg) like
// ./bulk.server.ts (Prisma's createMany is ~1k rows/s here). Rows are keyed by a unique key, e.g.
// (shopId, shopifyId), and an optional stale guard keeps a newer stored row:
//   INSERT ... ON CONFLICT (key) DO UPDATE SET ... WHERE "T"."col" IS NULL OR EXCLUDED."col" >= "T"."col"
// A value may be a SqlRef: the id of the shop's row of another model with that shopifyId, looked up by a
// subquery, so children never need their parents' ids read back. Every row is stamped with the writer's shop.
import Database from "better-sqlite3";
import pg from "pg";
import { Prisma } from "@prisma/client";
import { randomBytes } from "node:crypto";
import { DatabaseError, describeError } from "./errors.server";
import { modelInfo } from "./model-info.server";
import { ScopeViolationError, SHOP_OWNED_MODELS } from "./scoped.server";
import { parseDatabaseUrl } from "./url.server";
import { pgValue, quote, sqliteValue, SQLITE_WAIT_MS } from "./bulk.server";
import { ensureWal, writeInTurn } from "./sqlite-lock.server";

type Row = Record<string, unknown>;
export type Dialect = "sqlite" | "postgres";

/** The id of the shop's `model` row whose shopifyId is `shopifyId` (NULL when none or shopifyId is null). */
export class SqlRef {
  constructor(
    readonly model: Prisma.ModelName,
    readonly shopifyId: string | null,
  ) {}
}

export interface UpsertStep {
  upsert: Prisma.ModelName;
  rows: Row[];
  /** Conflict target, e.g. ["shopId", "shopifyId"]. */
  key: string[];
  /** Column compared on conflict: an older incoming value leaves the stored row untouched. */
  guard?: string;
  /** Raw SQL per updated column (may use EXCLUDED."c" and "Model"."c"), replacing EXCLUDED."c". */
  set?: Record<string, string>;
}
/** Raw SQL with `?` placeholders. */
export interface SqlStep {
  sql: string;
  params?: unknown[];
}
export type WriteStep = UpsertStep | SqlStep;

/** Steps whose statements are built (`BulkUpserter.prepare`); only the writer that built them can write them. */
export interface PreparedWrite {
  readonly prepared: true;
  readonly steps: readonly unknown[];
}

export interface BulkUpserter {
  readonly dialect: Dialect;
  readonly shopId: string;
  /** Runs the steps in ONE transaction; returns the rows each step changed. */
  write(steps: WriteStep[] | PreparedWrite): Promise<number[]>;
  /**
   * Does a write's CPU work now (PostgreSQL: each upsert's statement and its serialised array parameters), so that
   * a later write() of the result only sends it: called while the previous write runs on the server, it keeps that
   * work off the server's critical path (docs/decisions/0032). Absent: write() takes the steps themselves.
   */
  prepare?(steps: WriteStep[]): PreparedWrite;
  /** A read (`?` placeholders). */
  query<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export { quote };

/**
 * `column` (text) is one of `values`, as a condition and its parameters: `IN (?, ...)` on SQLite. On PostgreSQL,
 * `= ANY` of one array and, first, the range between the array's least and greatest values (in the database's own
 * collation): without statistics (a table the run itself fills, autovacuum off) PostgreSQL rates a list of 200 ids
 * as unselective and scans another index, but a range is a condition on an index's second column after shopId.
 * The DELETE of a batch's pending recommendations read every pending row of the shop that way (232 ms a batch at
 * 20k variants; 7 ms with the range).
 */
export function oneOf(dialect: Dialect, column: string, values: string[]): { sql: string; params: unknown[] } {
  if (dialect === "sqlite") return { sql: `${column} IN (${values.map(() => "?").join(", ")})`, params: values };
  const list = `CAST(? AS text[])`;
  return {
    sql: `${column} >= (SELECT min(v) FROM unnest(${list}) v) AND ${column} <= (SELECT max(v) FROM unnest(${list}) v) AND ${column} = ANY(${list})`,
    params: [values, values, values],
  };
}

interface Prepared {
  columns: string[];
  /** The value of column i of a row: the writer's shop, a fresh id, now, or the row's own value. */
  value: (row: Row, i: number) => unknown;
  head: string;
  tail: string;
  /** The value of the model's @updatedAt / now() columns the row leaves out. */
  now: Date;
}

// Row ids like ./ids.ts createId ("c" + time + counter + random, cuid length), with the random part cut from one
// pooled randomBytes call per 4,096 ids: one call per id cost ~5 µs (1.2 s of CPU per 266k rows in the profile).
let pool = Buffer.alloc(0);
let poolAt = 0;
let idCounter = 0;
function bulkId(): string {
  if (poolAt + 8 > pool.length) {
    pool = randomBytes(8 * 4096);
    poolAt = 0;
  }
  const random = pool.readBigUInt64BE(poolAt).toString(36).padStart(13, "0").slice(0, 11);
  poolAt += 8;
  idCounter = (idCounter + 1) % 36 ** 4;
  return `c${Date.now().toString(36).padStart(9, "0")}${idCounter.toString(36).padStart(4, "0")}${random}`;
}

function prepare(step: UpsertStep, shopId: string): Prepared {
  const model = step.upsert;
  const info = modelInfo().get(model);
  if (!info || !SHOP_OWNED_MODELS.has(model)) throw new ScopeViolationError(`bulk upsert into ${model} is not allowed`);
  const now = new Date();
  const columns = new Set<string>(["shopId", ...info.nowFields]);
  if (info.generatedId) columns.add(info.generatedId);
  for (const row of step.rows) {
    for (const key in row) columns.add(key);
    if ("shopId" in row && row.shopId !== shopId)
      throw new ScopeViolationError(`${model}.shopId must be the writer's shop`);
  }
  for (const c of columns) if (!info.columns.has(c)) throw new Error(`bulk upsert: ${model} has no column "${c}"`);
  const list = [...columns];
  const fill = list.map((c) =>
    c === "shopId" ? () => shopId : c === info.generatedId ? bulkId : info.nowFields.includes(c) ? () => now : null,
  );
  const value = (row: Row, i: number) => {
    const f = fill[i];
    if (f === null) return row[list[i]];
    const v = row[list[i]];
    return v === undefined ? f() : v;
  };
  const table = quote(model);
  const keep = new Set([...step.key, "id", "createdAt", "shopId"]);
  const updates = list
    .filter((c) => !keep.has(c))
    .map((c) => `${quote(c)} = ${step.set?.[c] ?? `EXCLUDED.${quote(c)}`}`);
  const guard = step.guard
    ? ` WHERE ${table}.${quote(step.guard)} IS NULL OR EXCLUDED.${quote(step.guard)} >= ${table}.${quote(step.guard)}`
    : "";
  return {
    columns: list,
    value,
    now,
    head: `INSERT INTO ${table} (${list.map(quote).join(", ")}) VALUES `,
    tail: ` ON CONFLICT (${step.key.map(quote).join(", ")}) DO ${updates.length ? `UPDATE SET ${updates.join(", ")}${guard}` : "NOTHING"}`,
  };
}

/** PostgreSQL: a parent table is analyzed once the writers put that many rows in it, then at each doubling. */
const ANALYZE_MIN_ROWS = 1000;

const refSql = (model: string, mark: () => string) =>
  `(SELECT "id" FROM ${quote(model)} WHERE "shopId" = ${mark()} AND "shopifyId" = ${mark()})`;

export interface BulkUpserterOptions {
  /** SQLite page cache of this connection, in MB (default 64). */
  sqliteCacheMb?: number;
  /**
   * PostgreSQL: rows written per table, shared by the writers of one import (one writes the parents, another their
   * children), so that a parent table filled by one is analysed when it grows for the other's reference checks.
   */
  tableCounts?: TableCounts;
}

/** Rows written per table, and how many there were at its last ANALYZE. */
export interface TableCounts {
  written: Map<string, number>;
  analyzed: Map<string, number>;
}
export const newTableCounts = (): TableCounts => ({ written: new Map(), analyzed: new Map() });

/** Opens a writer for `shopId` on DATABASE_URL syntax `url`. */
export async function openBulkUpserter(
  url: string | undefined,
  shopId: string,
  options: BulkUpserterOptions = {},
): Promise<BulkUpserter> {
  const target = parseDatabaseUrl(url);
  if (target.provider === "sqlite") return openSqlite(target.file, shopId, options.sqliteCacheMb ?? 64);
  return openPostgres(
    target.connectionString,
    target.schema,
    target.display,
    shopId,
    options.tableCounts ?? newTableCounts(),
  );
}

function openSqlite(file: string, shopId: string, cacheMb: number): BulkUpserter {
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: SQLITE_WAIT_MS, fileMustExist: file !== ":memory:" });
  } catch (error) {
    throw new DatabaseError("DB.UNREACHABLE", `cannot open SQLite database ${file}: ${describeError(error)}`, {
      cause: error,
    });
  }
  // No foreign-key checks on this connection (three index probes per line, ~12 % of the import's CPU): every reference is
  // resolved by a lookup of the writer's own shop inside the same immediate transaction, and NOT NULL columns
  // reject a missing parent; the only deletes (aggregate rebuild) touch rows nothing references.
  db.pragma("foreign_keys = OFF");
  ensureWal(db);
  db.pragma(`cache_size = -${Math.round(cacheMb * 1024)}`); // index pages stay cached, RSS stays bounded
  db.pragma("synchronous = NORMAL");
  db.pragma("wal_autocheckpoint = 50000"); // checkpoint (and fsync) every ~200 MB of WAL, not every 4 MB
  const statements = new Map<string, Database.Statement>();
  const statement = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare(sql)));
    return s;
  };
  // One prepared statement per step and row (multi-row statements measured no faster: SQLite's own work per row,
  // index maintenance, dominates); the row's values go straight from the row, never copied.
  const runUpsert = (step: UpsertStep): number => {
    if (step.rows.length === 0) return 0;
    const p = prepare(step, shopId);
    const n = p.columns.length;
    const refs = p.columns.map((c) => {
      const v = step.rows[0][c];
      return v instanceof SqlRef ? v.model : null;
    });
    const run = statement(
      `${p.head}(${refs.map((model) => (model ? refSql(model, () => "?") : "?")).join(", ")})${p.tail}`,
    );
    let changed = 0;
    // One parameter array reused for every row (better-sqlite3 binds it synchronously); strings, numbers and nulls,
    // most values, skip sqliteValue.
    const params: unknown[] = [];
    const nowText = sqliteValue(p.now);
    for (const row of step.rows) {
      let k = 0;
      for (let i = 0; i < n; i++) {
        const v = p.value(row, i);
        if (refs[i] !== null) {
          if (!(v instanceof SqlRef) || v.model !== refs[i])
            throw new Error(`bulk upsert: ${step.upsert}.${p.columns[i]} mixes references and values`);
          params[k++] = shopId;
          params[k++] = v.shopifyId;
        } else if (typeof v === "string" || typeof v === "number" || v === null) params[k++] = v;
        else if (v instanceof SqlRef)
          throw new Error(`bulk upsert: ${step.upsert}.${p.columns[i]} mixes references and values`);
        else if (v === p.now)
          params[k++] = nowText; // the same Date on every row
        else params[k++] = sqliteValue(v);
      }
      changed += run.run(params).changes;
    }
    return changed;
  };
  const run = (steps: WriteStep[]) =>
    steps.map((step) =>
      "upsert" in step ? runUpsert(step) : statement(step.sql).run((step.params ?? []).map(sqliteValue)).changes,
    );
  return {
    dialect: "sqlite",
    shopId,
    async write(steps) {
      if (!Array.isArray(steps)) throw new Error("bulk upsert: SQLite writes take steps, not a prepared write");
      // In this process's turn to write (./sqlite-lock.server.ts): never while a Prisma transaction is open.
      return writeInTurn(db, file, SQLITE_WAIT_MS, () => run(steps));
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return statement(sql).all(params.map(sqliteValue)) as T[];
    },
    async close() {
      db.close();
    },
  };
}

/** PostgreSQL application_name of the bulk writers' connections. */
export const BULK_APPLICATION = "pilotage-bulk";

/**
 * A one-dimensional PostgreSQL array literal (strings, numbers, booleans, nulls; objects as JSON), as pg writes one
 * (postgresql.org/docs/current/arrays.html#ARRAYS-IO): every element quoted, backslash and double quote escaped.
 * Built here because pg's escaping runs two regular expressions per element (2 % of the import's CPU).
 */
export function pgArrayLiteral(values: readonly unknown[]): string {
  // Joined, not appended: a flat string, rather than a rope of thousands of pieces that lives until the write.
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = "NULL";
    else {
      const text = typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
      parts[i] = `"${ESCAPED.test(text) ? text.replace(ESCAPE_ALL, "\\$&") : text}"`;
    }
  }
  return `{${parts.join(",")}}`;
}
const ESCAPED = /[\\"]/;
const ESCAPE_ALL = /[\\"]/g;

/** `?` placeholders to `$n`. */
function numbered(sql: string, offset = 0): string {
  let n = offset;
  return sql.replace(/\?/g, () => `$${++n}`);
}

async function openPostgres(
  connectionString: string,
  schema: string,
  display: string,
  shopId: string,
  counts: TableCounts,
): Promise<BulkUpserter> {
  // Named, so its server process can be told apart in pg_stat_activity (the import benchmark reads its CPU time).
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5000, application_name: BULK_APPLICATION });
  // A connection dropped while idle (network blip, server restart) must not crash the process as an unhandled
  // "error" event: it surfaces through the next awaited query instead.
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query(`SET search_path TO ${quote(schema)}`);
    // Commits do not wait for the WAL flush: a server crash may lose the last batches, but each batch commits with
    // its checkpoint, so the import then resumes from the last durable one (postgresql.org/docs/15/wal-async-commit.html).
    await client.query("SET synchronous_commit = off");
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new DatabaseError("DB.UNREACHABLE", `cannot reach PostgreSQL at ${display}: ${describeError(error)}`, {
      cause: error,
    });
  }
  // One statement per step: each column travels as ONE array parameter, expanded by unnest (planning a VALUES list
  // of thousands of tuples costs more than running it); references become correlated lookups by shopifyId. The
  // schema's column types are read once, so a statement is built without a round trip (prepare()).
  let types: Map<string, Map<string, string>>;
  try {
    const rows = await client.query<{ table_name: string; column_name: string; udt_name: string }>(
      `SELECT table_name, column_name, udt_name FROM information_schema.columns WHERE table_schema = $1`,
      [schema],
    );
    types = new Map();
    for (const r of rows.rows) {
      let map = types.get(r.table_name);
      if (!map) types.set(r.table_name, (map = new Map()));
      map.set(r.column_name, r.udt_name);
    }
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new DatabaseError("DB.UNREACHABLE", `cannot read the schema at ${display}: ${describeError(error)}`, {
      cause: error,
    });
  }
  // The foreign-key checks' plans are cached per session, made when the parent table was still (nearly) empty: a
  // sequential scan per checked row, quadratic over the import (612 rows/s at 100k lines). ANALYZE the parents this
  // writer filled each time they doubled, which invalidates those plans (a handful of ANALYZEs per import).
  const { written, analyzed } = counts;
  const refreshStatistics = async (parents: Iterable<string>) => {
    for (const model of parents) {
      const rows = written.get(model) ?? 0;
      if (rows < Math.max(ANALYZE_MIN_ROWS, 2 * (analyzed.get(model) ?? 0))) continue;
      await client.query(`ANALYZE ${quote(model)}`);
      analyzed.set(model, rows);
    }
  };
  /** An upsert (its model and the parents its references look up) or a raw step (model null). */
  type Statement = { model: string | null; parents: string[]; sql: string; values: unknown[] };
  const build = (step: WriteStep): Statement | null => {
    if (!("upsert" in step))
      return { model: null, parents: [], sql: numbered(step.sql), values: (step.params ?? []).map(pgValue) };
    if (step.rows.length === 0) return null;
    const p = prepare(step, shopId);
    const udt = types.get(step.upsert) ?? new Map<string, string>();
    const n = p.columns.length;
    const arrays: unknown[][] = p.columns.map(() => new Array(step.rows.length));
    const refs = new Map<number, string>();
    const nowText = pgValue(p.now);
    for (let r = 0; r < step.rows.length; r++) {
      const row = step.rows[r];
      for (let i = 0; i < n; i++) {
        const v = p.value(row, i);
        if (typeof v === "string" || typeof v === "number" || v === null) arrays[i][r] = v;
        else if (v === p.now)
          arrays[i][r] = nowText; // the same Date on every row
        else if (v instanceof SqlRef) {
          refs.set(i, v.model);
          arrays[i][r] = v.shopifyId;
        } else arrays[i][r] = pgValue(v);
      }
    }
    const shopParam = `$${arrays.length + 1}`;
    const selects = p.columns.map((_, i) =>
      refs.has(i)
        ? `(SELECT r."id" FROM ${quote(refs.get(i)!)} r WHERE r."shopId" = ${shopParam} AND r."shopifyId" = v.c${i})`
        : `v.c${i}`,
    );
    const unnest = p.columns.map((c, i) => `$${i + 1}::${refs.has(i) ? "text" : (udt.get(c) ?? "text")}[]`);
    const sql =
      `INSERT INTO ${quote(step.upsert)} (${p.columns.map(quote).join(", ")}) ` +
      `SELECT ${selects.join(", ")} FROM unnest(${unnest.join(", ")}) AS v(${p.columns.map((_, i) => `c${i}`).join(", ")})${p.tail}`;
    const literals = arrays.map(pgArrayLiteral);
    return {
      model: step.upsert,
      parents: [...new Set(refs.values())],
      sql,
      values: refs.size > 0 ? [...literals, shopId] : literals,
    };
  };
  const prepared = new WeakSet<PreparedWrite>();
  const prepareWrite = (steps: WriteStep[]): PreparedWrite => {
    const out: PreparedWrite = { prepared: true, steps: steps.map(build) };
    prepared.add(out);
    return out;
  };
  return {
    dialect: "postgres",
    shopId,
    prepare: prepareWrite,
    async write(steps) {
      if (!Array.isArray(steps) && !prepared.has(steps))
        throw new Error("bulk upsert: a prepared write from another writer");
      const statements = (Array.isArray(steps) ? prepareWrite(steps) : steps).steps as (Statement | null)[];
      const out: number[] = [];
      try {
        await client.query("BEGIN");
        // Reference lookups must probe the (shopId, shopifyId) indexes: on tables filling up during the import the
        // planner's stale statistics otherwise pick a sequential scan per row (quadratic).
        if (statements.some((st) => st === null || st.model !== null))
          await client.query("SET LOCAL enable_seqscan = off");
        for (const st of statements) {
          if (st === null) {
            out.push(0);
            continue;
          }
          if (st.model !== null) await refreshStatistics(st.parents);
          const changed = (await client.query(st.sql, st.values)).rowCount ?? 0;
          if (st.model !== null) written.set(st.model, (written.get(st.model) ?? 0) + changed);
          out.push(changed);
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
      return out;
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await client.query(numbered(sql), params.map(pgValue))).rows as T[];
    },
    async close() {
      await client.end();
    },
  };
}
