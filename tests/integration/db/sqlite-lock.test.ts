// The SQLite lock discipline (app/db/sqlite-lock.server.ts, docs/decisions/0025): the process's connections to one
// file (Prisma's, a bulk upserter's) never wait for each other on the same thread, and a transaction never blocks
// the event loop while another connection holds the writer lock. Before it, a recompute's bulk write made while a
// Prisma transaction of the same process was open blocked the thread that had to finish that transaction, until
// SQLite gave up with "database is locked" (the crash test, tests/integration/crash/recompute-crash.test.ts).
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import { openBulkUpserter } from "~/db/bulk-upsert.server";
import { dropMigratedDatabase, migratedDatabase, provider, type TestDatabase } from "./support";

let database: TestDatabase;
let db: Db;
const SHOP = { id: "shop-lock", domain: "lock.myshopify.com", name: "Lock" };
const setName = (name: string) => ({ sql: `UPDATE "Shop" SET "name" = ? WHERE "id" = ?`, params: [name, SHOP.id] });
const nameNow = async () => (await db.shop.findUniqueOrThrow({ where: { id: SHOP.id } })).name;

describe.skipIf(provider !== "sqlite")("SQLite lock discipline", () => {
  beforeAll(async () => {
    ({ database, db } = await migratedDatabase("sqlite-lock"));
    await db.shop.create({ data: SHOP });
  });
  afterAll(async () => {
    await dropMigratedDatabase({ database, db });
  });

  it("runs a bulk write made while a Prisma transaction of the same process is open once it commits, without blocking", async () => {
    // GIVEN a Prisma transaction that has written (it holds the file's writer lock) and waits
    const up = await openBulkUpserter(database.url, SHOP.id);
    let finish!: () => void;
    const open = new Promise<void>((resolve) => (finish = resolve));
    let began!: () => void;
    const written = new Promise<void>((resolve) => (began = resolve));
    const tx = db.$transaction(
      async (t) => {
        await t.shop.update({ where: { id: SHOP.id }, data: { name: "by the transaction" } });
        began();
        await open;
      },
      { timeout: 20_000 },
    );
    await written;
    // WHEN a bulk upserter of the same process writes meanwhile, and the transaction commits 200 ms later
    const started = Date.now();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const write = up.write([setName("by the bulk writer")]);
    setTimeout(finish, 200);
    await tx;
    const changed = await write;
    clearInterval(ticker);
    await up.close();
    // THEN the bulk write waited for the commit, then went through (no "database is locked" after a 10 s block)
    expect(changed).toEqual([1]);
    expect(await nameNow()).toBe("by the bulk writer");
    expect(Date.now() - started).toBeLessThan(5_000);
    // AND the event loop kept running meanwhile (timers fired: the transaction could be finished)
    expect(ticks).toBeGreaterThan(5);
  }, 30_000);

  it("waits for another connection's transaction without blocking the event loop, then commits", async () => {
    // GIVEN another connection (as another process would) holding the writer lock
    const other = new Database(database.location);
    other.exec("BEGIN IMMEDIATE");
    other.prepare(`UPDATE "Shop" SET "name" = 'by the other connection' WHERE "id" = ?`).run(SHOP.id);
    // WHEN a Prisma transaction starts meanwhile, and the other connection commits 200 ms later
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    setTimeout(() => other.exec("COMMIT"), 200);
    const result = await db.$transaction(async (t) => {
      const before = (await t.shop.findUniqueOrThrow({ where: { id: SHOP.id } })).name;
      await t.shop.update({ where: { id: SHOP.id }, data: { name: "by prisma" } });
      return before;
    });
    clearInterval(ticker);
    other.close();
    // THEN it began once the lock was free, saw the other connection's commit, and committed
    expect(result).toBe("by the other connection");
    expect(await nameNow()).toBe("by prisma");
    // AND the event loop was not blocked while it waited (timers fired; a blocking BEGIN would have frozen them)
    expect(ticks).toBeGreaterThan(5);
  }, 30_000);
});
