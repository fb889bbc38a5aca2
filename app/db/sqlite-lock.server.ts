// One lock discipline for every SQLite connection of a process (docs/decisions/0025-fast-intake-and-import.md).
// SQLite has ONE writer lock per file. Prisma's connection holds it across awaits (an interactive transaction), the
// bulk writers' connections (./bulk.server.ts, ./bulk-upsert.server.ts) take it synchronously, and the webhook intake
// takes it from a thread of its own (app/webhooks/sqlite-intake.worker.server.ts). The rules:
// 1. Every file is in WAL mode (readers never wait for the writer, the writer never waits for readers).
// 2. In one process, a transaction takes the file's `writeTurn` first (an async FIFO lock): a synchronous writer never
//    waits on a lock held by its own thread, which could never be released (a deadlock until busy_timeout).
// 3. BEGIN IMMEDIATE is tried without waiting and tried again after a timer (1, 2, 4 .. 16 ms) while another thread
//    or process holds the lock: the event loop is never blocked waiting for someone else's transaction.
// 4. The intake thread never waits at all (busy_timeout=0): when the lock is taken it writes to its own journal file.
import path from "node:path";
import type Database from "better-sqlite3";

type Release = () => void;

interface Turn {
  held: boolean;
  queue: Array<() => void>;
}

const TURNS = Symbol.for("pilotage.sqliteWriteTurns");
type WithTurns = typeof globalThis & { [TURNS]?: Map<string, Turn> };

/** The process-wide turn of `file` (one per file, shared by every module copy: vitest and Vite may load two). */
function turnOf(file: string): Turn {
  const turns = ((globalThis as WithTurns)[TURNS] ??= new Map());
  const key = path.resolve(file);
  let turn = turns.get(key);
  if (!turn) turns.set(key, (turn = { held: false, queue: [] }));
  return turn;
}

/**
 * Waits for this process's turn to write to `file` (FIFO); call the returned function once the transaction is over.
 * `:memory:` databases are private to their connection: no turn to wait for.
 */
export async function writeTurn(file: string): Promise<Release> {
  if (file === ":memory:") return () => undefined;
  const turn = turnOf(file);
  if (turn.held) await new Promise<void>((resolve) => turn.queue.push(resolve));
  turn.held = true;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const next = turn.queue.shift();
    if (next) next();
    else turn.held = false;
  };
}

const isBusy = (error: unknown) => /^SQLITE_BUSY/.test(String((error as { code?: unknown } | null)?.code));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const RETRY_MAX_MS = 16;

/**
 * BEGIN IMMEDIATE on `db` without blocking the thread: while another connection (another thread or process) holds
 * the writer lock, tried again after a timer, for at most `waitMs`; then SQLITE_BUSY is thrown as SQLite would.
 * Call it holding the file's `writeTurn`.
 */
export async function beginImmediate(db: Database.Database, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  const saved = Number(db.pragma("busy_timeout", { simple: true }));
  for (let attempt = 0; ; attempt++) {
    db.pragma("busy_timeout = 0");
    try {
      db.exec("BEGIN IMMEDIATE");
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
    } finally {
      db.pragma(`busy_timeout = ${saved}`);
    }
    await sleep(Math.min(2 ** attempt, RETRY_MAX_MS));
  }
}

/**
 * Runs `write` (synchronous statements on `db`) in one immediate transaction, in this process's turn for `file`;
 * commits, or rolls back if it throws.
 */
export async function writeInTurn<T>(db: Database.Database, file: string, waitMs: number, write: () => T): Promise<T> {
  const release = await writeTurn(file);
  try {
    await beginImmediate(db, waitMs);
    try {
      const result = write();
      db.exec("COMMIT");
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw error;
    }
  } finally {
    release();
  }
}

/** WAL mode for the file (persistent: one switch is enough; a no-op when it is already on, or in memory). */
export function ensureWal(db: Database.Database): void {
  const mode = String(db.pragma("journal_mode", { simple: true })).toLowerCase();
  if (mode === "wal" || mode === "memory") return;
  const now = String(db.pragma("journal_mode = WAL", { simple: true })).toLowerCase();
  if (now !== "wal") throw new Error(`SQLite refused WAL mode (journal_mode ${now})`);
}
