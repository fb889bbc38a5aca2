// The webhook intake on the embedded default, SQLite (issue 16, docs/decisions/0025-fast-intake-and-import.md).
// - Its own better-sqlite3 connections, in a thread of their own (./sqlite-intake.worker.server.ts), never Prisma's:
//   on Prisma's one connection a write made while a job's interactive transaction is open joins that transaction,
//   and is silently lost if the job rolls back.
// - WAL (readers never block it) with synchronous=FULL on this connection: a commit is on disk (the WAL fsynced)
//   before any delivery of it is acknowledged (sqlite.org/pragma.html#pragma_synchronous).
// - Group commit: deliveries that arrive while a commit waits or runs go into the next one, one fsync for all.
// - The delivery and its `webhook.process` job are inserted in the same commit: nothing to enqueue afterwards.
// - Jobs never hold it: SQLite has one writer at a time, and a job's transaction (which starts with BEGIN IMMEDIATE,
//   app/db.server.ts) holds the writer lock across awaits. When the lock is taken, the deliveries are committed to a
//   journal of their own instead (`<database file>-intake`, same pragmas, only this connection writes it) and
//   acknowledged; they are moved into WebhookDelivery (with their jobs) as soon as the lock is free, the move and the
//   new deliveries in one commit. A crash between the move and the journal's clean-up moves nothing twice (the row
//   ids are chosen in the journal). The thread never waits on a lock either (busy_timeout 0, tried again on a timer):
//   rule 4 of the process's SQLite lock discipline (app/db/sqlite-lock.server.ts).
import { createRequire } from "node:module";
import Database from "better-sqlite3";
import { Worker } from "node:worker_threads";
import { sqliteValue } from "~/db/bulk.server";
import { createId } from "~/db/ids";
import { log } from "~/logger.server";
import { INTAKE_WORKER_SOURCE } from "./sqlite-intake.worker.server";

export interface IntakeDelivery {
  shopId: string;
  webhookId: string;
  topic: string;
  apiVersion: string | null;
  triggeredAt: Date | null;
  payload: string;
  subjectId: string | null;
}

export type IntakeResult =
  /** Inserted now; `jobQueued`: its webhook.process job was inserted in the same commit. */
  | { status: "stored"; deliveryId: string; jobQueued: boolean }
  /** Same (shop, X-Shopify-Webhook-Id) already stored; `received`: not processed yet. */
  | { status: "duplicate"; deliveryId: string; received: boolean }
  /** The shop row is gone (shop/redact): the caller creates it again. */
  | { status: "no-shop" };

/** Where the intake gets the job row of a delivery (the database queue, app/jobs/db-queue.server.ts). */
export interface IntakeJobs {
  /** The Job row (column -> value) to insert for this delivery, or null to leave the enqueue to the caller. */
  rowFor(shopId: string, deliveryId: string): Record<string, unknown> | null;
  /** Called after a commit that inserted jobs. */
  inserted(): void;
}

export interface IntakeStats {
  commits: number;
  journalCommits: number;
  deliveries: number;
  moved: number;
  busy: number;
  /** Slowest and total time of the database commits (the fsync), in the thread. */
  commitMsMax: number;
  commitMsTotal: number;
  journalled: number;
}

type FromWorker =
  | { type: "ready"; journalled: number }
  | { type: "done"; id: number; results: IntakeResult[] }
  | { type: "failed"; id: number; message: string }
  | { type: "moved"; jobs: number; requeue: [string, string][] }
  | { type: "stats"; stats: IntakeStats }
  | { type: "settled"; id: number };

const require = createRequire(import.meta.url);

export class SqliteIntake {
  private readonly worker: Worker;
  private readonly waiting = new Map<
    number,
    { resolve: (results: IntakeResult[]) => void; reject: (error: Error) => void }
  >();
  private readonly ready: Promise<void>;
  private batch: { row: Record<string, unknown>; job: Record<string, unknown> | null }[] = [];
  private batchWaiters: { resolve: (result: IntakeResult) => void; reject: (error: Error) => void }[] = [];
  private scheduled = false;
  private nextId = 1;
  private closed = false;
  private final: Promise<IntakeStats> | null = null;
  private reader: Database.Database | null = null;

  constructor(
    readonly file: string,
    private readonly jobs: () => IntakeJobs | null = () => null,
    /** Deliveries whose job the move could not insert (no database queue) or re-sent copies still waiting. */
    private readonly requeue: (shopId: string, deliveryId: string) => void = () => undefined,
  ) {
    this.worker = new Worker(INTAKE_WORKER_SOURCE, {
      eval: true,
      workerData: { file, betterSqlite3: require.resolve("better-sqlite3") },
    });
    this.worker.unref();
    let started: (value: void) => void;
    let broken: (error: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => ((started = resolve), (broken = reject)));
    this.ready.catch(() => undefined);
    this.worker.on("message", (m: FromWorker) => {
      if (m.type === "ready") started();
      else if (m.type === "done" || m.type === "failed") {
        const w = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        if (m.type === "done") w?.resolve(m.results);
        else w?.reject(new Error(`webhook intake: ${m.message}`));
      } else if (m.type === "settled") {
        const w = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        w?.resolve([]);
      } else if (m.type === "moved") {
        if (m.jobs > 0) this.jobs()?.inserted();
        for (const [shopId, deliveryId] of m.requeue) this.requeue(shopId, deliveryId);
      }
    });
    this.worker.on("error", (error) => {
      log.error("webhook intake: its thread failed", { err: String(error) });
      broken(error);
      this.closed = true;
      for (const w of this.waiting.values()) w.reject(error);
      this.waiting.clear();
    });
  }

  /**
   * The shop's id by domain, read on a read-only connection of its own (WAL: never blocked by a writer, unlike a query
   * through Prisma's connection while a job's transaction holds it); null when the shop is unknown.
   */
  shopId(domain: string): string | null {
    if (this.closed) return null;
    this.reader ??= new Database(this.file, { readonly: true, fileMustExist: true });
    const row = this.reader.prepare(`SELECT "id" FROM "Shop" WHERE "domain" = ?`).get(domain) as
      { id: string } | undefined;
    return row?.id ?? null;
  }

  /** Resolves once the thread has opened both files (rejects if it could not). */
  opened(): Promise<void> {
    return this.ready;
  }

  /** Records the delivery; resolves once the commit holding it is on disk (in the database or in the journal). */
  record(delivery: IntakeDelivery): Promise<IntakeResult> {
    if (this.closed) return Promise.reject(new Error("webhook intake closed"));
    const id = createId();
    const row = {
      id,
      shopId: delivery.shopId,
      webhookId: delivery.webhookId,
      topic: delivery.topic,
      apiVersion: delivery.apiVersion,
      triggeredAt: sqliteValue(delivery.triggeredAt),
      receivedAt: sqliteValue(new Date()),
      payload: delivery.payload,
      subjectId: delivery.subjectId,
    };
    const job = this.jobs()?.rowFor(delivery.shopId, id) ?? null;
    const now = new Date();
    const jobRow = job
      ? mapValues({ id: createId(), status: "queued", attempts: 0, createdAt: now, updatedAt: now, ...job })
      : null;
    return new Promise((resolve, reject) => {
      this.batch.push({ row, job: jobRow });
      this.batchWaiters.push({ resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // Requests read in this turn of the event loop go to the thread together.
      setImmediate(() => this.send());
    });
  }

  private send(): void {
    this.scheduled = false;
    if (this.batch.length === 0) return; // already sent by settled()
    const rows = this.batch;
    const waiters = this.batchWaiters;
    this.batch = [];
    this.batchWaiters = [];
    if (this.closed) {
      for (const w of waiters) w.reject(new Error("webhook intake closed"));
      return;
    }
    const id = this.nextId++;
    this.waiting.set(id, {
      resolve: (results) => waiters.forEach((w, i) => w.resolve(results[i])),
      reject: (error) => waiters.forEach((w) => w.reject(error)),
    });
    this.worker.ref(); // a commit under way keeps the process alive
    this.worker.postMessage({ type: "record", id, rows });
    const settled = () => {
      if (this.waiting.size === 0) this.worker.unref();
    };
    const w = this.waiting.get(id)!;
    this.waiting.set(id, {
      resolve: (results) => (w.resolve(results), settled()),
      reject: (error) => (w.reject(error), settled()),
    });
  }

  /**
   * Resolves once every delivery recorded so far is in WebhookDelivery: nothing waits to be committed and the journal
   * is empty (deliveries journalled while a transaction held the lock have been moved). For tests and shutdown
   * checks that read deliveries right after their acknowledgement.
   */
  settled(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      if (this.scheduled) this.send(); // what this turn recorded goes first
      const id = this.nextId++;
      this.waiting.set(id, {
        resolve: () => {
          resolve();
          if (this.waiting.size === 0) this.worker.unref();
        },
        reject,
      });
      this.worker.ref();
      this.worker.postMessage({ type: "settle", id });
    });
  }

  /** Stops the thread once what it was given is committed; resolves with its figures. */
  close(): Promise<IntakeStats> {
    if (this.final) return this.final;
    this.closed = true;
    this.reader?.close();
    this.final = new Promise<IntakeStats>((resolve) => {
      const done = (stats: IntakeStats) => {
        log.info("webhook intake closed", { ...stats });
        resolve(stats);
      };
      this.worker.on("message", (m: FromWorker) => m.type === "stats" && done(m.stats));
      this.worker.once("exit", () =>
        resolve({
          commits: 0,
          journalCommits: 0,
          deliveries: 0,
          moved: 0,
          busy: 0,
          commitMsMax: 0,
          commitMsTotal: 0,
          journalled: -1,
        }),
      );
      this.worker.ref();
      this.worker.postMessage({ type: "close" });
    });
    return this.final;
  }
}

function mapValues(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, sqliteValue(v)]));
}
