// The database queue against the job queue contract: SQLite in `npm test`, PostgreSQL when DATABASE_URL is
// postgres (DATABASE_URL=postgresql://... npx vitest run --project integration tests/integration/jobs).
import { DbJobQueue } from "~/jobs/db-queue.server";
import { createPrismaClient, type Db } from "~/db.server";
import { useTestEnvironment as prepareTestEnvironment } from "../../support/env";
import { describeJobQueueContract } from "./contract";

let url = "";
let root: Db;
const clients = new Map<string, Db[]>();
let shops = 0;

describeJobQueueContract("database", {
  lockExpiryMs: 600,
  async setup() {
    url = prepareTestEnvironment();
    const { migrateDatabase } = await import("~/db/migrate.server");
    await migrateDatabase(url);
    root = createPrismaClient(url);
  },
  async teardown() {
    await root?.$disconnect();
  },
  async newShop() {
    const shop = await root.shop.create({
      data: { domain: `jobs-${process.pid}-${++shops}-${Date.now()}.myshopify.com`, name: "Jobs" },
    });
    return shop.id;
  },
  createQueue(group, options) {
    // PostgreSQL: one client per handle, like separate processes. SQLite: one shared client, because
    // better-sqlite3 waits for a busy file synchronously, so two connections in ONE process can block each
    // other's event loop until the busy timeout (separate processes do not have that problem).
    const db = url.startsWith("file:") ? root : createPrismaClient(url);
    if (db !== root) clients.set(group, [...(clients.get(group) ?? []), db]);
    return new DbJobQueue({
      db,
      queue: group,
      pollMs: 25,
      visibilityTimeoutMs: 600,
      heartbeatMs: 100,
      backoff: { baseMs: 20, capMs: 200 },
      seed: 7,
      lanes: options?.lanes,
      livenessMs: 200,
    });
  },
  async dropGroup(group) {
    for (const db of clients.get(group) ?? []) await db.$disconnect();
    clients.delete(group);
    await root.job.deleteMany({ where: { queue: group } });
  },
});
