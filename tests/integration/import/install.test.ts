// After authentication: the Shop row from the Admin API, the shop's schedules, and one full import queued for a
// shop never imported; idempotent. And the Settings request: refused while an import is in progress.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import type { Emulator } from "~/emulator/server.server";
import type { JobQueue } from "~/jobs/types";
import { onShopAuthenticated } from "~/sync/import/install.server";
import { IMPORT_JOB } from "~/sync/import/jobs.server";
import { importStatusOf, requestImport } from "~/sync/import/status.server";
import { appDatabaseAndQueue } from "./support";
import { emulatorFor, gatewayFor, smallShop, TOKEN } from "../admin/support";

let emulator: Emulator;
let db: Db;
let queue: JobQueue;

beforeAll(async () => {
  ({ db, queue } = await appDatabaseAndQueue());
  emulator = await emulatorFor(smallShop());
}, 60_000);
afterAll(async () => {
  await queue?.close();
  await emulator?.stop();
});

describe("install hook and import requests", () => {
  it("creates the shop from the Admin API, schedules its jobs and queues one full import, idempotently", async () => {
    // GIVEN a shop authenticating for the first time
    const domain = emulator.state.shop.domain;
    const input = { shop: domain, accessToken: TOKEN, db, queue, gateway: gatewayFor(emulator) };
    // WHEN the hook runs twice (token exchange runs it on every new token)
    const first = await onShopAuthenticated(input);
    const second = await onShopAuthenticated(input);
    // THEN one shop row with the shop's name, currency and time zone, the schedules, and exactly one import job
    expect(second.shopId).toBe(first.shopId);
    expect(first.importQueued).toBe(true);
    expect(second.importQueued).toBe(false);
    expect(await db.shop.findMany({ where: { domain } })).toMatchObject([
      {
        name: emulator.state.shop.name,
        currency: emulator.state.shop.currency,
        timezone: emulator.state.shop.timezone,
        importStatus: "queued",
      },
    ]);
    const jobs = await db.job.findMany({ where: { shopId: first.shopId } });
    expect(jobs.filter((j) => j.type === IMPORT_JOB).map((j) => JSON.parse(j.payload))).toEqual([{ mode: "full" }]);
    expect(
      jobs.filter((j) => j.type === "recompute.shop" || j.type === "inventory.snapshot").length,
    ).toBeGreaterThanOrEqual(2);
  });

  it("refuses a re-sync while an import is in progress, and queues one once it is done", async () => {
    // GIVEN a shop whose import is running
    const shop = await db.shop.create({
      data: { domain: "resync.myshopify.com", name: "Resync", importStatus: "running" },
    });
    // WHEN a re-sync is requested, then again after the import finished
    const refused = await requestImport(db, queue, shop.id, "incremental");
    await db.shop.update({ where: { id: shop.id }, data: { importStatus: "done", lastSyncedAt: new Date() } });
    const accepted = await requestImport(db, queue, shop.id, "incremental");
    // THEN the first is refused with a code, the second queues an incremental import and the status shows it
    expect(refused).toMatchObject({ ok: false, code: "IMPORT.ALREADY_RUNNING" });
    expect(accepted).toMatchObject({ ok: true });
    expect(await importStatusOf(db, shop.id)).toMatchObject({ status: "queued", error: null });
    const job = await db.job.findFirstOrThrow({ where: { shopId: shop.id, type: IMPORT_JOB } });
    expect(JSON.parse(job.payload)).toEqual({ mode: "incremental" });
  });
});
