// The import's batches are pipelined (docs/decisions/0026): the next batch is read while one is written, one write at
// a time, in file order, each with its own checkpoint; a failed write stops the phase with nothing after it written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import type { BulkUpserter, WriteStep } from "~/db/bulk-upsert.server";
import type { JsonlRow } from "~/shopify/jsonl.server";
import { freshDatabase, TEST_SECRET } from "./support";

let db: Db;
let shopId: string;

beforeAll(async () => {
  process.env.SHOPIFY_API_SECRET ||= TEST_SECRET;
  ({ db } = await freshDatabase("pipe"));
  shopId = (await db.shop.create({ data: { domain: "pipe.myshopify.com", name: "Pipe", currency: "EUR" } })).id;
}, 60_000);
afterAll(async () => {
  await db?.$disconnect();
});

const ORDERS = 30;

/** Orders of one line each, every line right after its order; `pulled.n` counts the rows read so far. */
function source(pulled: { n: number }): AsyncIterable<JsonlRow> {
  return (async function* () {
    for (let i = 1; i <= ORDERS; i++) {
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

const checkpointOf = (steps: WriteStep[]): number | null => {
  for (const step of steps) {
    if ("sql" in step && step.sql.includes(`"importCursor" = ?`))
      return (JSON.parse(String(step.params?.[0])) as { rowsDone: number }).rowsDone;
  }
  return null;
};

/** The writer, its writes delayed by `delayMs` and observed; the `failAt`-th write (1-based) fails before writing. */
function observed(delayMs: number, failAt?: number) {
  const pulled = { n: 0 };
  const writes: { pulledAtStart: number; pulledAtEnd: number; rowsDone: number | null }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const wrap = (inner: BulkUpserter): BulkUpserter => ({
    dialect: inner.dialect,
    shopId: inner.shopId,
    query: (sql, params) => inner.query(sql, params),
    close: () => inner.close(),
    async write(steps) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const entry = { pulledAtStart: pulled.n, pulledAtEnd: -1, rowsDone: checkpointOf(steps) };
      writes.push(entry);
      try {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        if (writes.length === failAt) throw new Error("disk full");
        const out = await inner.write(steps);
        entry.pulledAtEnd = pulled.n;
        return out;
      } finally {
        inFlight--;
      }
    },
  });
  return { pulled, writes, wrap, maxInFlight: () => maxInFlight };
}

async function importOrders(o: ReturnType<typeof observed>) {
  const { importJsonlPhase } = await import("~/sync/import/import.server");
  await db.shop.update({ where: { id: shopId }, data: { importCursor: null } });
  return importJsonlPhase({
    db,
    shopId,
    phase: "orders",
    rows: source(o.pulled),
    total: ORDERS * 2,
    batchRows: 10,
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
    // GIVEN a fresh shop state, and a writer whose third write fails
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
});
