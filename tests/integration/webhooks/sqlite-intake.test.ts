// The SQLite intake (app/webhooks/sqlite-intake.server.ts, issue 16 item 4): the 200 is answered only once the
// delivery and its job are on disk, a crash right after it loses nothing, a job holding the writer lock does not hold
// the acknowledgement (the delivery waits in the journal, then moves with its job), and a job's own transaction is
// neither broken by the intake's commits nor able to take the delivery down with it when it rolls back.
import { spawn } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedWebhook, statusOf } from "../../support/webhook";
import { TEST_SECRET, useTestEnvironment } from "../../support/env";
import { waitFor } from "../jobs/contract";

const SHOP = "intake.myshopify.com";
type Action = (args: { request: Request; params: object; context: object }) => Promise<Response>;
let action: Action;
let url: string;
let file: string;
let prisma: typeof import("~/db.server").prisma;
let intakeModule: typeof import("~/webhooks/intake.server");

async function send(webhookId: string, id: number): Promise<number> {
  const request = signedWebhook({
    topic: "orders/create",
    shop: SHOP,
    body: { id, updated_at: "2026-03-10T10:00:00Z", line_items: [] },
    secret: TEST_SECRET,
    webhookId,
  });
  return statusOf(() => action({ request, params: {}, context: {} }));
}

const jobFor = (deliveryId: string) =>
  prisma.job.count({ where: { type: "webhook.process", payload: JSON.stringify({ deliveryId }) } });

describe.skipIf(/^postgres/.test(process.env.DATABASE_URL ?? ""))("SQLite webhook intake", () => {
  beforeAll(async () => {
    url = useTestEnvironment();
    file = url.slice("file:".length);
    const { migrateDatabase } = await import("~/db/migrate.server");
    await migrateDatabase(url);
    ({ prisma } = await import("~/db.server"));
    intakeModule = await import("~/webhooks/intake.server");
    ({ action } = (await import("~/routes/webhooks.orders.create")) as unknown as { action: Action });
  });
  afterAll(async () => {
    await intakeModule.closeSqliteIntake();
  });

  it("answers 200 only once the delivery and its job are on disk: a crash right after the answer loses neither", async () => {
    // GIVEN a process that receives one delivery and is killed (SIGKILL) the moment it has answered
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.resolve("tests/support/intake-crash-child.ts"), SHOP, "crash-1"],
      {
        env: { ...process.env, DATABASE_URL: url },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    // WHEN it has answered and died
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, s) => resolve(s)));
    expect(out).toContain("ACK 200");
    expect(signal).toBe("SIGKILL");
    // THEN the file holds the delivery and its webhook.process job (read by a connection of its own)
    const db = new Database(file, { readonly: true });
    try {
      const delivery = db
        .prepare(`SELECT "id", "status" FROM "WebhookDelivery" WHERE "webhookId" = 'crash-1'`)
        .get() as { id: string; status: string } | undefined;
      expect(delivery?.status).toBe("received");
      const jobs = db
        .prepare(`SELECT count(*) AS n FROM "Job" WHERE "type" = 'webhook.process' AND "payload" = ?`)
        .get(JSON.stringify({ deliveryId: delivery!.id })) as { n: number };
      expect(jobs.n).toBe(1);
    } finally {
      db.close();
    }
  }, 60_000);

  it("acknowledges while a job holds the writer lock, and moves the delivery with its job once the job commits", async () => {
    // GIVEN a job's transaction that has written (it holds SQLite's one writer lock) and waits
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let acked = 0;
    const job = prisma.$transaction(
      async (tx) => {
        await tx.shop.update({ where: { domain: SHOP }, data: { name: "held by a job" } });
        // WHEN a delivery arrives meanwhile
        acked = await send("held-1", 7002);
        const moved = await tx.webhookDelivery.count({ where: { webhookId: "held-1" } });
        await held;
        return moved;
      },
      { timeout: 20_000 },
    );
    // THEN it is acknowledged while the transaction is still open (not after it: no deadlock, no 503)
    await waitFor(async () => acked !== 0, "the acknowledgement");
    release();
    expect(acked).toBe(200);
    // AND it was not in WebhookDelivery yet (in the journal), and once the job commits it is, with its job
    expect(await job).toBe(0);
    await waitFor(
      async () => (await prisma.webhookDelivery.count({ where: { webhookId: "held-1" } })) === 1,
      "the moved delivery",
    );
    const delivery = await prisma.webhookDelivery.findFirstOrThrow({ where: { webhookId: "held-1" } });
    expect(await jobFor(delivery.id)).toBe(1);
    expect(intakeModule.sqliteIntake()).not.toBeNull();
  }, 30_000);

  it("settles once a delivery journalled while a job held the lock is in WebhookDelivery", async () => {
    // GIVEN a delivery acknowledged while a job's transaction held the writer lock (so it waits in the journal)
    let acked = 0;
    await prisma.$transaction(async (tx) => {
      await tx.shop.update({ where: { domain: SHOP }, data: { name: "held for settle" } });
      acked = await send("settle-1", 7004);
    });
    expect(acked).toBe(200);
    // WHEN the caller waits for the intake to settle (the test harnesses' drain does, before reading deliveries)
    await intakeModule.settleSqliteIntake();
    // THEN the delivery is already in WebhookDelivery, with its job: no polling needed
    const delivery = await prisma.webhookDelivery.findFirstOrThrow({ where: { webhookId: "settle-1" } });
    expect(await jobFor(delivery.id)).toBe(1);
  }, 30_000);

  it("keeps an acknowledged delivery when the job transaction open at that moment rolls back", async () => {
    // GIVEN a job's transaction open while a delivery is acknowledged
    const job = prisma.$transaction(async (tx) => {
      await tx.shop.update({ where: { domain: SHOP }, data: { name: "rolled back" } });
      expect(await send("rollback-1", 7003)).toBe(200);
      // WHEN the job fails and its transaction rolls back
      throw new Error("the job failed");
    });
    await expect(job).rejects.toThrow("the job failed");
    // THEN the delivery and its job are still recorded (the intake never wrote through the job's connection)
    await waitFor(
      async () => (await prisma.webhookDelivery.count({ where: { webhookId: "rollback-1" } })) === 1,
      "the delivery",
    );
    const delivery = await prisma.webhookDelivery.findFirstOrThrow({ where: { webhookId: "rollback-1" } });
    expect(await jobFor(delivery.id)).toBe(1);
    expect((await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } })).name).not.toBe("rolled back");
  }, 30_000);

  it("lets a job transaction that read before a delivery was stored write after it", async () => {
    // GIVEN a job's transaction that reads first
    const outcome = prisma.$transaction(async (tx) => {
      const before = await tx.webhookDelivery.count();
      // WHEN a delivery is acknowledged between its read and its write
      expect(await send("snapshot-1", 7004)).toBe(200);
      await tx.shop.update({ where: { domain: SHOP }, data: { name: `seen ${before}` } });
      return "committed";
    });
    // THEN the transaction commits (a deferred BEGIN would fail its write with SQLITE_BUSY_SNAPSHOT in WAL mode)
    await expect(outcome).resolves.toBe("committed");
    await waitFor(
      async () => (await prisma.webhookDelivery.count({ where: { webhookId: "snapshot-1" } })) === 1,
      "the delivery",
    );
  }, 30_000);

  it("commits deliveries that arrive together in one commit, each acknowledged with its own row and job", async () => {
    // GIVEN a fresh intake on the file
    await intakeModule.closeSqliteIntake();
    const intake = intakeModule.sqliteIntake()!;
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    // WHEN 50 deliveries arrive in the same turn of the event loop (and one of them twice)
    const rows = Array.from({ length: 50 }, (_, i) => ({
      shopId: shop.id,
      webhookId: `group-${i}`,
      topic: "ORDERS_CREATE",
      apiVersion: "2026-04",
      triggeredAt: null,
      payload: "{}",
      subjectId: null,
    }));
    const results = await Promise.all([...rows, rows[0]].map((r) => intake.record(r)));
    // THEN all are stored, the repeated one as a duplicate of the first, and each stored one has its job
    expect(results.slice(0, 50).every((r) => r.status === "stored")).toBe(true);
    expect(results[50]).toMatchObject({
      status: "duplicate",
      deliveryId: (results[0] as { deliveryId: string }).deliveryId,
      received: true,
    });
    expect(await prisma.webhookDelivery.count({ where: { webhookId: { startsWith: "group-" } } })).toBe(50);
    expect(
      await prisma.job.count({
        where: {
          type: "webhook.process",
          payload: {
            in: results
              .slice(0, 50)
              .map((r) => JSON.stringify({ deliveryId: (r as { deliveryId: string }).deliveryId })),
          },
        },
      }),
    ).toBe(50);
    // AND it took one commit, not 51
    const stats = await intake.close();
    expect(stats.commits + stats.journalCommits).toBe(1);
    expect(stats.deliveries).toBe(51);
  }, 30_000);
});
