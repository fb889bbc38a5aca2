// A history import interrupted in the middle of the orders phase (an injected failure, and a REAL process killed
// with SIGKILL) resumes from its checkpoint and ends with exactly the rows of an uninterrupted import.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import type { SimShop } from "~/demo/simulator";
import type { Emulator } from "~/emulator/server.server";
import { parseCursor } from "~/sync/import/cursor";
import { runImport } from "~/sync/import/import.server";
import { useTestEnvironment } from "../../support/env";
import { emulatorFor, gatewayFor, smallShop, TOKEN } from "../admin/support";
import { freshDatabase, installShop, seededTruth, snapshot } from "./support";

let sim: SimShop;
let emulator: Emulator;
let truth: Awaited<ReturnType<typeof snapshot>>;

beforeAll(async () => {
  useTestEnvironment();
  sim = smallShop();
  emulator = await emulatorFor(sim, { bulkLatencyMs: 20 });
  const seeded = await seededTruth(sim);
  truth = await snapshot(seeded.db, seeded.shopId);
  await seeded.db.$disconnect();
}, 60_000);
afterAll(async () => {
  await emulator?.stop();
});

const cursorOf = async (db: Db, shopId: string) =>
  parseCursor((await db.shop.findUniqueOrThrow({ where: { id: shopId } })).importCursor);

describe("history import crash and resume", () => {
  it("resumes after a failure in the middle of the orders phase without duplicating rows", async () => {
    // GIVEN an import that fails after its third committed batch of orders
    const { db } = await freshDatabase("inject");
    const shopId = await installShop(db, sim);
    let batches = 0;
    const failed = await runImport({
      db,
      shopId,
      mode: "full",
      gateway: gatewayFor(emulator),
      pollMs: 10,
      batchRows: 100,
      afterBatch: (phase) => {
        if (phase === "orders" && ++batches === 3) throw new Error("injected crash");
      },
    });
    expect(failed).toMatchObject({ ok: false, error: { code: "IMPORT.INTERNAL" } });
    const shop = await db.shop.findUniqueOrThrow({ where: { id: shopId } });
    expect(shop).toMatchObject({ importStatus: "failed" });
    expect(shop.importError).toContain("injected crash");
    const cursor = await cursorOf(db, shopId);
    expect(cursor).toMatchObject({ phase: "orders" });
    expect(cursor!.rowsDone).toBeGreaterThan(0);
    // WHEN the import runs again
    const resumed = await runImport({
      db,
      shopId,
      mode: "full",
      gateway: gatewayFor(emulator),
      pollMs: 10,
      batchRows: 100,
    });
    // THEN it resumed from the checkpoint, and the rows equal the truth exactly
    expect(resumed).toMatchObject({
      ok: true,
      report: { resumedFrom: { phase: "orders", rowsDone: cursor!.rowsDone } },
    });
    const got = await snapshot(db, shopId);
    await db.$disconnect();
    expect(got).toEqual(truth);
  }, 60_000);

  it("finishes exactly after the importing process is killed with SIGKILL mid-orders", async () => {
    // GIVEN an import running in another process
    const { db, url } = await freshDatabase("kill");
    const shopId = await installShop(db, sim);
    const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/import/fixtures/run-import.ts"], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        DATABASE_URL: url,
        IMPORT_SHOP: sim.shop.domain,
        IMPORT_TOKEN: TOKEN,
        IMPORT_ORIGIN: emulator.url,
        IMPORT_SHOP_ID: shopId,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    // WHEN it is killed once it has committed some orders
    const deadline = Date.now() + 60_000;
    let killedAt: number | null = null;
    while (Date.now() < deadline && child.exitCode === null) {
      const cursor = await cursorOf(db, shopId);
      if (cursor?.phase === "orders" && cursor.rowsDone >= 200) {
        child.kill("SIGKILL");
        killedAt = cursor.rowsDone;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await exited;
    expect(killedAt, output).not.toBeNull();
    const cursor = await cursorOf(db, shopId);
    expect(cursor).toMatchObject({ phase: "orders" });
    expect(cursor!.rowsDone).toBeLessThan(cursor!.op!.objectCount);
    // AND the import runs again
    const resumed = await runImport({ db, shopId, mode: "full", gateway: gatewayFor(emulator), pollMs: 10 });
    // THEN it resumed where the killed process committed last, and the rows equal the truth exactly
    expect(resumed).toMatchObject({
      ok: true,
      report: { resumedFrom: { phase: "orders", rowsDone: cursor!.rowsDone } },
    });
    const got = await snapshot(db, shopId);
    await db.$disconnect();
    expect(got).toEqual(truth);
  }, 90_000);
});
