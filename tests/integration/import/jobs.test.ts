// The import.history job handler, and bulk_operations/finish waking the import waiting for its bulk operation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import type { SimShop } from "~/demo/simulator";
import type { Emulator } from "~/emulator/server.server";
import type { JobQueue } from "~/jobs/types";
import { handleBulkOperationFinish } from "~/sync/import/bulk-finish.server";
import { parseCursor } from "~/sync/import/cursor";
import { runImport } from "~/sync/import/import.server";
import { IMPORT_JOB, importHistoryHandler } from "~/sync/import/jobs.server";
import { emulatorFor, gatewayFor, smallShop } from "../admin/support";
import { appDatabaseAndQueue, installShop } from "./support";

let sim: SimShop;
let emulator: Emulator;
let db: Db;
let queue: JobQueue;

beforeAll(async () => {
  ({ db, queue } = await appDatabaseAndQueue());
  sim = smallShop();
  emulator = await emulatorFor(sim, { bulkLatencyMs: 500 });
}, 60_000);
afterAll(async () => {
  await queue?.close();
  await emulator?.stop();
});

const jobCtx = () => ({ progress: async () => undefined, signal: new AbortController().signal, attempt: 1 });

describe("import jobs", () => {
  it("bulk_operations/finish ignores operations that are not the shop's running import", async () => {
    // GIVEN a shop with no import in progress
    const shopId = await installShop(db, { ...sim, shop: { ...sim.shop, domain: "other-1.myshopify.com" } });
    // WHEN a finish notification for some operation arrives
    const outcome = await handleBulkOperationFinish(
      { id: shopId, domain: "other-1.myshopify.com" },
      { admin_graphql_api_id: "gid://shopify/BulkOperation/77", status: "completed" },
      { db, queue },
    );
    // THEN it is ignored and no job is queued
    expect(outcome).toBe("ignored");
    expect(await db.job.count({ where: { shopId } })).toBe(0);
  });

  it("bulk_operations/finish wakes the import waiting for its operation at once", async () => {
    // GIVEN an import polling its bulk operations only every 10 minutes
    const shopId = await installShop(db, sim);
    const running = runImport({ db, shopId, mode: "full", gateway: gatewayFor(emulator), pollMs: 600_000 });
    let finished = false;
    void running.then(() => (finished = true));
    // WHEN each operation's finish notification arrives
    const outcomes: string[] = [];
    while (!finished) {
      const cursor = parseCursor((await db.shop.findUniqueOrThrow({ where: { id: shopId } })).importCursor);
      if (cursor?.op && cursor.op.url === null) {
        await emulator.bulkSettled();
        outcomes.push(
          await handleBulkOperationFinish(
            { id: shopId, domain: sim.shop.domain },
            { admin_graphql_api_id: cursor.op.id },
            { db, queue },
          ),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // THEN the import finished long before its first poll interval, each notification processed, no job queued
    expect(await running).toMatchObject({ ok: true });
    expect(outcomes.length).toBeGreaterThanOrEqual(3);
    expect(outcomes.every((o) => o === "processed")).toBe(true);
    expect(await db.job.count({ where: { shopId, type: IMPORT_JOB } })).toBe(0);
  }, 30_000);

  it("bulk_operations/finish queues a resume job when the import is not waiting in this process", async () => {
    // GIVEN a shop whose import checkpoint names a bulk operation, and no import running here (a crashed worker)
    const shopId = await installShop(db, { ...sim, shop: { ...sim.shop, domain: "other-2.myshopify.com" } });
    const cursor = {
      mode: "full",
      phase: "orders",
      startedAt: new Date().toISOString(),
      since: null,
      op: { id: "gid://shopify/BulkOperation/5", url: null, objectCount: 0 },
      rowsDone: 0,
      phaseStartedAt: new Date().toISOString(),
    };
    await db.shop.update({
      where: { id: shopId },
      data: { importStatus: "running", importCursor: JSON.stringify(cursor) },
    });
    // WHEN its finish notification arrives
    const outcome = await handleBulkOperationFinish(
      { id: shopId, domain: "other-2.myshopify.com" },
      { admin_graphql_api_id: "gid://shopify/BulkOperation/5" },
      { db, queue },
    );
    // THEN an import.history resume job is queued
    expect(outcome).toBe("processed");
    const jobs = await db.job.findMany({ where: { shopId, type: IMPORT_JOB } });
    expect(jobs).toHaveLength(1);
    expect(JSON.parse(jobs[0].payload)).toEqual({ mode: "full", resume: true });
  });

  it("the job imports the shop and queues recompute.shop; a resume job without an import in progress does nothing", async () => {
    // GIVEN a freshly installed shop
    const shopId = await installShop(db, { ...sim, shop: { ...sim.shop, domain: "other-3.myshopify.com" } });
    const handler = importHistoryHandler(
      () => db,
      () => queue,
      { gateway: gatewayFor(emulator), pollMs: 10 },
    );
    // WHEN a resume job runs first, then a full import job
    const skipped = await handler(
      { id: "j0", shopId, type: IMPORT_JOB, payload: { mode: "full", resume: true } },
      jobCtx(),
    );
    const report = await handler({ id: "j1", shopId, type: IMPORT_JOB, payload: { mode: "full" } }, jobCtx());
    // THEN the first did nothing, the second imported every order and queued the shop's recompute
    expect(skipped).toEqual({ skipped: "no import in progress" });
    expect(report).toMatchObject({ mode: "full" });
    expect(await db.order.count({ where: { shopId } })).toBe(sim.orders.length);
    expect(await db.shop.findUniqueOrThrow({ where: { id: shopId } })).toMatchObject({ importStatus: "done" });
    expect(await db.job.count({ where: { shopId, type: "recompute.shop" } })).toBe(1);
  }, 30_000);
});
