// The database queue stores a repeating job's schedule in its own column (Job.schedule), not in an envelope
// around the payload (issue 17): the payload is the caller's, and each occurrence names its schedule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { DbJobQueue } from "~/jobs/db-queue.server";
import { migratedTestDatabase } from "../../support/env";
import { waitFor } from "./contract";

let db: Db;
let shopId: string;

beforeAll(async () => {
  const { url } = await migratedTestDatabase();
  db = createPrismaClient(url);
  shopId = (await db.shop.create({ data: { domain: "schedule.myshopify.com", name: "S" } })).id;
});

afterAll(async () => {
  await db?.$disconnect();
});

describe("database queue: schedules", () => {
  it("GIVEN a schedule WHEN it is stored and runs THEN the payload is the caller's and every occurrence names its schedule", async () => {
    // GIVEN
    const queue = new DbJobQueue({ db, queue: "schedule-column", pollMs: 20 });
    const seen: unknown[] = [];
    queue.registerHandler("snapshot", async (job) => void seen.push(job.payload));
    await queue.schedule({
      shopId,
      name: "nightly",
      type: "snapshot",
      payload: { kind: "inv" },
      spec: { everyMs: 50 },
    });
    // WHEN
    await queue.start();
    try {
      await waitFor(() => seen.length >= 2, "two occurrences");
    } finally {
      await queue.stop({ graceMs: 1000 });
    }
    // THEN
    const rows = await db.job.findMany({ where: { queue: "schedule-column" } });
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(JSON.parse(row.payload)).toEqual({ kind: "inv" });
      expect(JSON.parse(row.schedule!)).toEqual({ name: "nightly", spec: { everyMs: 50 } });
    }
    expect(seen[0]).toEqual({ kind: "inv" });
    expect((await queue.getJob(shopId, rows[0].id))?.payload).toEqual({ kind: "inv" });
  });

  it("GIVEN a job enqueued once WHEN stored THEN it has no schedule", async () => {
    // GIVEN
    const queue = new DbJobQueue({ db, queue: "schedule-once", pollMs: 20 });
    // WHEN
    const { id } = await queue.enqueue({ shopId, type: "snapshot", payload: { kind: "once" } });
    // THEN
    const row = await db.job.findUniqueOrThrow({ where: { id } });
    expect(row.schedule).toBeNull();
    expect(JSON.parse(row.payload)).toEqual({ kind: "once" });
  });
});
