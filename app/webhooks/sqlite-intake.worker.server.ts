// The SQLite intake's writer thread (./sqlite-intake.server.ts runs it with `new Worker(source, { eval: true })`).
// Plain JavaScript on purpose: an eval'd worker runs no TypeScript loader, in the app, the build and the tests alike.
// Messages in: { type: "record", id, rows } with rows already in storage form (ids chosen, dates as text, the job row
// ready), { type: "close" }. Out: { type: "done", id, results } | { type: "failed", id, message },
// { type: "moved", jobs, requeue: [[shopId, deliveryId], ...] }, { type: "stats", stats }.
export const INTAKE_WORKER_SOURCE = String.raw`
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.betterSqlite3);
const MAX_BATCH = 500;
const RETRY_MAX_MS = 4;
const COLUMNS = '"id", "shopId", "webhookId", "topic", "apiVersion", "triggeredAt", "receivedAt", "payload", "subjectId"';

function open(file, mustExist) {
  const db = new Database(file, { fileMustExist: mustExist, timeout: 0 });
  db.pragma("busy_timeout = 0");
  // Persistent in the file: every connection to it (Prisma's, the workers') uses the WAL from now on.
  const mode = String(db.pragma("journal_mode = WAL", { simple: true })).toLowerCase();
  if (mode !== "wal") throw new Error("SQLite intake: " + file + " refused WAL (journal_mode " + mode + ")");
  // Every commit is on disk (the WAL fsynced) before a delivery in it is acknowledged.
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  return db;
}

const db = open(workerData.file, true);
const journal = open(workerData.file + "-intake", false);
journal.exec('CREATE TABLE IF NOT EXISTS "IntakeDelivery" ("seq" INTEGER PRIMARY KEY AUTOINCREMENT, "id" TEXT NOT NULL, ' +
  '"shopId" TEXT NOT NULL, "webhookId" TEXT NOT NULL, "topic" TEXT NOT NULL, "apiVersion" TEXT, "triggeredAt" TEXT, ' +
  '"receivedAt" TEXT NOT NULL, "payload" TEXT NOT NULL, "subjectId" TEXT, "job" TEXT, UNIQUE ("shopId", "webhookId"))');

const s = {
  begin: db.prepare("BEGIN IMMEDIATE"),
  commit: db.prepare("COMMIT"),
  insert: db.prepare('INSERT INTO "WebhookDelivery" (' + COLUMNS + ', "status") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, \'received\') ' +
    'ON CONFLICT ("shopId", "webhookId") DO NOTHING'),
  find: db.prepare('SELECT "id", "status" FROM "WebhookDelivery" WHERE "shopId" = ? AND "webhookId" = ?'),
  jBegin: journal.prepare("BEGIN IMMEDIATE"),
  jCommit: journal.prepare("COMMIT"),
  jInsert: journal.prepare('INSERT INTO "IntakeDelivery" (' + COLUMNS + ', "job") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING'),
  jFind: journal.prepare('SELECT "id" FROM "IntakeDelivery" WHERE "shopId" = ? AND "webhookId" = ?'),
  jRead: journal.prepare('SELECT "seq", ' + COLUMNS + ', "job" FROM "IntakeDelivery" ORDER BY "seq" LIMIT ' + MAX_BATCH),
  jDelete: journal.prepare('DELETE FROM "IntakeDelivery" WHERE "seq" <= ?'),
  jCount: journal.prepare('SELECT count(*) AS n FROM "IntakeDelivery"'),
};
const jobStatements = new Map();
const stats = { commits: 0, journalCommits: 0, deliveries: 0, moved: 0, busy: 0, commitMsMax: 0, commitMsTotal: 0 };
let journalled = s.jCount.get().n;
let pending = []; // { id, rows }
let timer = null;
let retries = 0;
let closing = false;
const settleWaiters = []; // ids of "settle" messages waiting for an empty journal and nothing pending

function answerSettled() {
  if (pending.length > 0 || journalled > 0) return;
  for (const id of settleWaiters.splice(0)) parentPort.postMessage({ type: "settled", id });
}

const isBusy = (e) => /^SQLITE_BUSY|^SQLITE_LOCKED/.test(String(e && e.code));
const values = (r) => [r.id, r.shopId, r.webhookId, r.topic, r.apiVersion, r.triggeredAt, r.receivedAt, r.payload, r.subjectId];

function insertJob(job) {
  const columns = Object.keys(job);
  const key = columns.join(",");
  let statement = jobStatements.get(key);
  if (!statement) {
    statement = db.prepare('INSERT INTO "Job" (' + columns.map((c) => '"' + c + '"').join(", ") + ") VALUES (" + columns.map(() => "?").join(", ") + ")");
    jobStatements.set(key, statement);
  }
  statement.run(columns.map((c) => job[c]));
}

/** One delivery into the open transaction of the database. */
function insertOne(r, job) {
  let changes;
  try {
    changes = s.insert.run(values(r)).changes;
  } catch (e) {
    if (e && e.code === "SQLITE_CONSTRAINT_FOREIGNKEY") return { status: "no-shop" }; // only this statement is undone
    throw e;
  }
  if (changes === 0) {
    const existing = s.find.get(r.shopId, r.webhookId);
    return { status: "duplicate", deliveryId: existing.id, received: existing.status === "received" };
  }
  if (job) insertJob(job);
  return { status: "stored", deliveryId: r.id, jobQueued: Boolean(job) };
}

/** The journal's oldest deliveries into the open transaction of the database. */
function move(requeue) {
  const rows = s.jRead.all();
  let jobs = 0;
  for (const r of rows) {
    const job = r.job ? JSON.parse(r.job) : null;
    const result = insertOne(r, job);
    if (result.status === "stored") {
      if (job) jobs++;
      else requeue.push([r.shopId, r.id]);
    } else if (result.status === "duplicate" && result.deliveryId !== r.id && result.received) {
      // A re-sent copy of a delivery still waiting (moved before a crash: same id, nothing to do).
      requeue.push([r.shopId, result.deliveryId]);
    }
  }
  return rows.length === 0 ? null : { lastSeq: rows[rows.length - 1].seq, count: rows.length, jobs };
}

function toJournal(batch) {
  const out = [];
  try {
    s.jBegin.run();
    for (const m of batch) {
      const results = [];
      for (const { row, job } of m.rows) {
        const { changes } = s.jInsert.run(...values(row), job ? JSON.stringify(job) : null);
        journalled += changes;
        // A copy waiting in the journal already: its move queues its job.
        results.push(changes === 1 ? { status: "stored", deliveryId: row.id, jobQueued: true } : { status: "duplicate", deliveryId: s.jFind.get(row.shopId, row.webhookId).id, received: false });
      }
      out.push({ type: "done", id: m.id, results });
    }
    s.jCommit.run();
  } catch (e) {
    if (journal.inTransaction) journal.prepare("ROLLBACK").run();
    journalled = s.jCount.get().n;
    if (isBusy(e)) return false;
    for (const m of batch) parentPort.postMessage({ type: "failed", id: m.id, message: String(e && e.message) });
    return true;
  }
  stats.journalCommits++;
  for (const m of batch) stats.deliveries += m.rows.length;
  for (const o of out) parentPort.postMessage(o);
  return true;
}

function schedule(delayMs) {
  if (timer || closing) return;
  timer = delayMs === 0 ? setImmediate(flush) : setTimeout(flush, delayMs);
}

function take() {
  const batch = [];
  let n = 0;
  while (pending.length > 0 && n < MAX_BATCH) {
    n += pending[0].rows.length;
    batch.push(pending.shift());
  }
  return batch;
}

function flush() {
  timer = null;
  if (pending.length === 0 && journalled === 0) return;
  const batch = take();
  try {
    s.begin.run();
  } catch (e) {
    if (!isBusy(e)) {
      for (const m of batch) parentPort.postMessage({ type: "failed", id: m.id, message: String(e && e.message) });
      return schedule(0);
    }
    // A job's transaction (or another process) holds the writer lock: the journal takes the deliveries, the move waits.
    stats.busy++;
    if (batch.length > 0 && !toJournal(batch)) pending = batch.concat(pending);
    return schedule(Math.min(RETRY_MAX_MS, 2 ** retries++));
  }
  const requeue = [];
  let out;
  let moved = null;
  try {
    moved = journalled > 0 ? move(requeue) : null;
    out = batch.map((m) => ({ type: "done", id: m.id, results: m.rows.map(({ row, job }) => insertOne(row, job)) }));
    const t0 = performance.now();
    s.commit.run();
    const ms = performance.now() - t0;
    stats.commitMsTotal += ms;
    stats.commitMsMax = Math.max(stats.commitMsMax, ms);
  } catch (e) {
    if (db.inTransaction) db.prepare("ROLLBACK").run();
    if (isBusy(e)) {
      pending = batch.concat(pending);
      return schedule(Math.min(RETRY_MAX_MS, 2 ** retries++));
    }
    for (const m of batch) parentPort.postMessage({ type: "failed", id: m.id, message: String(e && e.message) });
    return schedule(0);
  }
  retries = 0;
  stats.commits++;
  for (const m of batch) stats.deliveries += m.rows.length;
  for (const o of out) parentPort.postMessage(o);
  if (moved) {
    s.jDelete.run(moved.lastSeq);
    journalled = Math.max(0, journalled - moved.count);
    stats.moved += moved.count;
  }
  if (moved || requeue.length > 0) parentPort.postMessage({ type: "moved", jobs: moved ? moved.jobs : 0, requeue });
  if (pending.length > 0 || journalled > 0) schedule(0);
  else answerSettled();
}

parentPort.on("message", (m) => {
  if (m.type === "record") {
    pending.push(m);
    return schedule(0);
  }
  if (m.type === "settle") {
    settleWaiters.push(m.id);
    if (pending.length > 0 || journalled > 0) schedule(0);
    return answerSettled();
  }
  if (m.type === "close") {
    closing = true;
    if (timer) {
      clearTimeout(timer);
      clearImmediate(timer);
    }
    // What was given before the close is committed (to the database, or to the journal if a job holds the lock).
    for (let guard = 0; pending.length > 0 && guard < 10000; guard++) flush();
    parentPort.postMessage({ type: "stats", stats: Object.assign({}, stats, { journalled }) });
    db.close();
    journal.close();
    parentPort.close();
  }
});
// Left by a crash: moved at once.
if (journalled > 0) schedule(0);
parentPort.postMessage({ type: "ready", journalled });
`;
