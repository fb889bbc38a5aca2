// The import's batches are pipelined (docs/decisions/0026): the next batch is read while one is written, one write at
// a time, in file order, each with its own checkpoint; a failed write stops the phase with nothing after it written.
// The next write is prepared while the previous one runs, and reading hands the event loop turns meanwhile (0032).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import type { BulkUpserter, PreparedWrite, WriteStep } from "~/db/bulk-upsert.server";
import type { JsonlRow } from "~/shopify/jsonl.server";
import { freshDatabase, TEST_SECRET } from "./support";

let db: Db;
let url: string;
let shopId: string;

beforeAll(async () => {
  process.env.SHOPIFY_API_SECRET ||= TEST_SECRET;
  ({ db, url } = await freshDatabase("pipe"));
  shopId = (await db.shop.create({ data: { domain: "pipe.myshopify.com", name: "Pipe", currency: "EUR" } })).id;
}, 60_000);
afterAll(async () => {
  await db?.$disconnect();
});

const ORDERS = 30;

/** Orders of one line each, every line right after its order; `pulled.n` counts the rows read so far. */
function source(pulled: { n: number }, orders = ORDERS): AsyncIterable<JsonlRow> {
  return (async function* () {
    for (let i = 1; i <= orders; i++) {
      const at = new Date(Date.UTC(2026, 0, 1 + i)).toISOString();
      const order = `gid://shopify/Order/${i}`;
      pulled.n++;
      yield { id: order, name: `#${i}`, createdAt: at, processedAt: at, updatedAt: at, currencyCode: "EUR" };
      pulled.n++;
      yield {
        id: `gid://shopify/LineItem/${i}`,
        quantity: 1,
        originalUnitPriceSet: { shopMoney: { amount: "10.00" } },
        totalDiscountSet: { shopMoney: { amount: "0" } },
        __parentId: order,
      };
    }
  })();
}

const checkpointOf = (steps: WriteStep[] | PreparedWrite): number | null => {
  if (!Array.isArray(steps)) throw new Error("this wrapper has no prepare(): its writes take steps");
  for (const step of steps) {
    if ("sql" in step && step.sql.includes(`"importCursor" = ?`))
      return (JSON.parse(String(step.params?.[0])) as { rowsDone: number }).rowsDone;
  }
  return null;
};

/**
 * The phase's writers, their writes delayed by `delayMs` (or by `delay`) and observed: `writes` are the main
 * writer's (children and checkpoints), `parentWrites` the parents' writer's (PostgreSQL only). The main writer's
 * `failAt`-th write (1-based) fails before writing. prepare() records how many writes were in flight and hands
 * the steps back unchanged.
 */
function observed(delayMs: number, failAt?: number, delay?: () => Promise<void>) {
  const pulled = { n: 0 };
  type Write = { pulledAtStart: number; pulledAtEnd: number; rowsDone: number | null; mainInFlight: number };
  const writes: Write[] = [];
  const parentWrites: Write[] = [];
  const prepares: { inFlight: number }[] = [];
  const inFlight = [0, 0];
  const maxInFlight = [0, 0];
  let wrapped = 0;
  const wrap = (inner: BulkUpserter): BulkUpserter => {
    const w = wrapped++; // 0: the main writer, 1: the parents' writer
    const log = w === 0 ? writes : parentWrites;
    return {
      dialect: inner.dialect,
      shopId: inner.shopId,
      query: (sql, params) => inner.query(sql, params),
      close: () => inner.close(),
      prepare(steps) {
        if (w === 0) prepares.push({ inFlight: inFlight[0] + inFlight[1] });
        return steps as unknown as PreparedWrite;
      },
      async write(steps) {
        const entry = {
          pulledAtStart: pulled.n,
          pulledAtEnd: -1,
          rowsDone: checkpointOf(steps),
          mainInFlight: inFlight[0],
        };
        inFlight[w]++;
        maxInFlight[w] = Math.max(maxInFlight[w], inFlight[w]);
        log.push(entry);
        try {
          await (delay ? delay() : new Promise((resolve) => setTimeout(resolve, delayMs)));
          if (w === 0 && log.length === failAt) throw new Error("disk full");
          const out = await inner.write(steps);
          entry.pulledAtEnd = pulled.n;
          return out;
        } finally {
          inFlight[w]--;
        }
      },
    };
  };
  return { pulled, writes, parentWrites, prepares, wrap, maxInFlight: () => Math.max(...maxInFlight) };
}

async function importOrders(o: ReturnType<typeof observed>, orders = ORDERS, batchRows = 10) {
  const { importJsonlPhase } = await import("~/sync/import/import.server");
  await db.shop.update({ where: { id: shopId }, data: { importCursor: null } });
  return importJsonlPhase({
    db,
    shopId,
    phase: "orders",
    rows: source(o.pulled, orders),
    total: orders * 2,
    batchRows,
    wrapUpserter: o.wrap,
  });
}

const cursorRowsDone = async () => {
  const shop = await db.shop.findUniqueOrThrow({ where: { id: shopId } });
  return shop.importCursor ? (JSON.parse(shop.importCursor) as { rowsDone: number }).rowsDone : null;
};

describe("pipelined import batches", () => {
  it("reads the next batch while one is written, one write at a time, checkpoints in file order", async () => {
    // GIVEN a writer whose writes take 40 ms
    const o = observed(40);
    // WHEN the orders phase imports 30 orders of one line in batches of about 10 rows
    await importOrders(o);
    // THEN rows were read while a write was running (the reading did not wait for the commit)
    expect(o.writes.length).toBeGreaterThan(3);
    expect(o.writes.some((w) => w.pulledAtEnd > w.pulledAtStart)).toBe(true);
    // AND never two writes at once, each with a later checkpoint than the previous one, ending at the last row
    expect(o.maxInFlight()).toBe(1);
    const done = o.writes.map((w) => w.rowsDone);
    expect(done).toEqual([...done].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(done.at(-1)).toBe(ORDERS * 2);
    // AND every line is stored once
    expect(await db.orderLine.count({ where: { shopId } })).toBe(ORDERS);
  });

  it("a failed write stops the phase: nothing after it is written, the checkpoint stays at the last commit", async () => {
    // GIVEN a fresh shop state, and a main writer whose third write fails (on PostgreSQL, orders written ahead by the
    // parents' writer may be stored: the resumed import rewrites them)
    await db.orderLine.deleteMany({ where: { shopId } });
    await db.order.deleteMany({ where: { shopId } });
    const o = observed(20, 3);
    // WHEN the orders phase runs
    const outcome = await importOrders(o).then(
      () => null,
      (error: unknown) => error,
    );
    // THEN it fails with the write's error, and no write was attempted after the failed one
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toBe("disk full");
    expect(o.writes.length).toBe(3);
    // AND the stored checkpoint is the second write's, with exactly the lines of the rows before it
    const committed = o.writes[1].rowsDone!;
    expect(await cursorRowsDone()).toBe(committed);
    expect(await db.orderLine.count({ where: { shopId } })).toBe(committed / 2);
  });

  it("PostgreSQL: a batch's parents are written on their own writer while the previous batch's children are", async (ctx) => {
    if (url.startsWith("file:")) ctx.skip();
    // GIVEN writers whose writes take 20 ms
    const o = observed(20);
    // WHEN the orders phase imports 30 orders of one line in batches of about 10 rows
    await importOrders(o);
    // THEN the orders went through the parents' writer, some of them while a batch of lines was being written
    expect(o.parentWrites.length).toBeGreaterThan(1);
    expect(o.parentWrites.some((w) => w.mainInFlight === 1)).toBe(true);
    // AND every order and line is stored once, and the checkpoint is the last row's
    expect(await db.order.count({ where: { shopId } })).toBe(ORDERS);
    expect(await db.orderLine.count({ where: { shopId } })).toBe(ORDERS);
    expect(await cursorRowsDone()).toBe(ORDERS * 2);
  });

  it("prepares each write while the previous one is still in flight", async () => {
    // GIVEN a writer whose writes take 20 ms
    const o = observed(20);
    // WHEN the orders phase imports 30 orders in batches of about 10 rows
    await importOrders(o);
    // THEN every write but the first was prepared while a write of the batch before it was running
    expect(o.prepares.length).toBe(o.writes.length);
    expect(o.prepares.slice(1).filter((p) => p.inFlight >= 1).length).toBeGreaterThanOrEqual(o.writes.length - 2);
  });

  it("hands the event loop turns while it reads, even when every row is already buffered", async () => {
    // GIVEN a source that never waits for I/O, and a ticker that notes how many rows were read between two turns of
    // the event loop (a database's reply is read at such a turn)
    const o = observed(0);
    const gaps: number[] = [];
    let last = 0;
    let ticking = true;
    const tick = () => {
      gaps.push(o.pulled.n - last);
      last = o.pulled.n;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    // WHEN 6,000 orders (12,000 rows) are imported in batches of 4,000 rows
    try {
      await importOrders(o, 6000, 4000);
    } finally {
      ticking = false;
    }
    // THEN the event loop turned every few hundred rows, not once per batch
    expect(o.pulled.n).toBe(12000);
    expect(gaps.filter((g) => g > 0).length).toBeGreaterThan(12000 / 1000);
    expect(gaps.reduce((a, g) => Math.max(a, g), 0)).toBeLessThan(1000);
  });

  it("PostgreSQL: a failed rebuild group leaves the import unfinished, and the next finish rebuilds both", async (ctx) => {
    if (url.startsWith("file:")) ctx.skip();
    // GIVEN writers whose first write of the CustomerDailySales group (the parents' writer's share of the rebuild)
    // fails, and a shop whose import is running
    const { importJsonlPhase } = await import("~/sync/import/import.server");
    await db.shop.update({ where: { id: shopId }, data: { importStatus: "running", importFinishedAt: null } });
    let failures = 1;
    const rebuilds: string[] = [];
    const wrap = (inner: BulkUpserter): BulkUpserter => ({
      ...inner,
      prepare: undefined,
      query: (sql, params) => inner.query(sql, params),
      close: () => inner.close(),
      async write(steps) {
        if (!Array.isArray(steps)) throw new Error("this wrapper has no prepare(): its writes take steps");
        for (const step of steps) {
          const table =
            "sql" in step ? /^INSERT INTO "(DailySales|CustomerDailySales)"/.exec(step.sql)?.[1] : undefined;
          if (table) rebuilds.push(table);
          if (table === "CustomerDailySales" && failures > 0) {
            failures--;
            throw new Error("connection lost");
          }
        }
        return inner.write(steps);
      },
    });
    const run = () =>
      importJsonlPhase({
        db,
        shopId,
        phase: "orders",
        rows: source({ n: 0 }),
        total: ORDERS * 2,
        batchRows: 10,
        finish: true,
        wrapUpserter: wrap,
      });
    // WHEN the import's orders phase and its finish run, then run again
    const first = await run().then(
      () => null,
      (error: unknown) => error,
    );
    const afterFailure = await db.shop.findUniqueOrThrow({ where: { id: shopId } });
    await run();
    const afterRetry = await db.shop.findUniqueOrThrow({ where: { id: shopId } });
    // THEN the first finish fails with the group's error and the shop is not marked synced, although the other group
    // committed; the second rebuilds both groups and marks it synced
    expect((first as Error).message).toBe("connection lost");
    expect(afterFailure.importStatus).toBe("running");
    expect(afterFailure.importFinishedAt).toBeNull();
    expect(rebuilds).toEqual(["DailySales", "CustomerDailySales", "DailySales", "CustomerDailySales"]);
    expect(afterRetry.importStatus).toBe("done");
    expect(afterRetry.importFinishedAt).not.toBeNull();
  });
});
