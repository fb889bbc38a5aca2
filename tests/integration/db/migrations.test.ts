import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { DatabaseError } from "~/db/errors.server";
import { loadMigrations, migrateDatabase } from "~/db/migrate.server";
import { catalogOf } from "./catalog";
import { CLOSED_PORT_URL, freshDatabase, provider, type TestDatabase } from "./support";

const MODELS = [
  "Session",
  "Shop",
  "ShopSettings",
  "AutonomyRule",
  "VendorSettings",
  "Product",
  "Variant",
  "Location",
  "InventoryLevel",
  "InventorySnapshot",
  "Order",
  "OrderLine",
  "DailySales",
  "CustomerDailySales",
  "PriceHistory",
  "WebhookDelivery",
  "Job",
  "Forecast",
  "Recommendation",
  "Decision",
  "AuditEvent",
  "PurchaseOrder",
  "PurchaseOrderLine",
  "AvailabilitySignal",
  "ShopSummary",
  "WorkerHeartbeat",
  "SupplierItem",
  "InventoryReceipt",
  "StockTransfer",
  "Event",
  "BundleComponent",
  "BundleDailyDemand",
  "RecomputeRun",
  "RecomputeChunk",
  "RecomputeContextPart",
  "VariantContext",
];

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function fresh(label: string): Promise<TestDatabase> {
  const db = await freshDatabase(label);
  cleanup.push(db.drop);
  return db;
}

/** A migrations root holding copies of the committed migrations for the provider under test. */
function migrationsCopy(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "pilotage-migrations-"));
  cleanup.push(() => rmSync(root, { recursive: true, force: true }));
  cpSync(path.resolve("prisma/migrations", provider), path.join(root, provider), { recursive: true });
  return root;
}

function tables(catalog: string[]): string[] {
  if (provider === "sqlite") return catalog.filter((l) => l.startsWith("table ")).map((l) => l.slice(6));
  return [...new Set(catalog.filter((l) => l.startsWith("column ")).map((l) => l.split(" ")[1].split(".")[0]))];
}

async function failure(promise: Promise<unknown>): Promise<DatabaseError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatabaseError);
  return error as DatabaseError;
}

describe(`migrateDatabase (${provider})`, () => {
  it("GIVEN an empty database WHEN migrated THEN every model has its table, and a second run applies nothing", async () => {
    const db = await fresh("mig-empty");
    const first = await migrateDatabase(db.url);
    expect(first.applied).toEqual(loadMigrations(path.resolve("prisma/migrations", provider)).map((m) => m.name));
    expect(tables(await catalogOf(db.url)).sort()).toEqual([...MODELS].sort());

    const second = await migrateDatabase(db.url);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toBe(first.applied.length);
  });

  it("GIVEN a migrated database WHEN the Prisma client uses it THEN reads and writes work", async () => {
    const db = await fresh("mig-client");
    await migrateDatabase(db.url);
    const client = createPrismaClient(db.url);
    try {
      const shop = await client.shop.create({ data: { domain: "a.myshopify.com", name: "A" } });
      expect(await client.shop.findUnique({ where: { id: shop.id } })).toMatchObject({
        domain: "a.myshopify.com",
        importStatus: "idle",
      });
    } finally {
      await client.$disconnect();
    }
  });

  it("GIVEN a migration whose SQL fails half-way WHEN migrating THEN a one-line DB.MIGRATION_FAILED, and nothing of it is left", async () => {
    const db = await fresh("mig-broken");
    const root = migrationsCopy();
    const broken = path.join(root, provider, "99990101000000_broken");
    cpSync(
      path.resolve("prisma/migrations", provider, loadMigrations(path.resolve("prisma/migrations", provider))[0].name),
      broken,
      {
        recursive: true,
      },
    );
    writeFileSync(
      path.join(broken, "migration.sql"),
      `CREATE TABLE "Broken" ("id" TEXT PRIMARY KEY);\nSELECT * FROM "NoSuchTable";\n`,
    );

    const error = await failure(migrateDatabase(db.url, { migrationsRoot: root }));
    expect(error.code).toBe("DB.MIGRATION_FAILED");
    expect(error.message).toContain("99990101000000_broken");
    expect(error.message).toMatch(/NoSuchTable/i);
    expect(error.message).not.toContain("\n");
    const left = tables(await catalogOf(db.url));
    expect(left).not.toContain("Broken");
    expect(left).toContain("Shop"); // the good migration before it stays applied

    writeFileSync(path.join(broken, "migration.sql"), `CREATE TABLE "Broken" ("id" TEXT PRIMARY KEY);\n`);
    const retry = await migrateDatabase(db.url, { migrationsRoot: root });
    expect(retry.applied).toEqual(["99990101000000_broken"]);
  });

  it("GIVEN an applied migration edited afterwards WHEN migrating THEN DB.MIGRATION_CHANGED", async () => {
    const db = await fresh("mig-edited");
    const root = migrationsCopy();
    await migrateDatabase(db.url, { migrationsRoot: root });
    const first = loadMigrations(path.join(root, provider))[0];
    writeFileSync(path.join(root, provider, first.name, "migration.sql"), first.sql + "\n-- edited\n");
    const error = await failure(migrateDatabase(db.url, { migrationsRoot: root }));
    expect(error.code).toBe("DB.MIGRATION_CHANGED");
  });

  it("GIVEN a database with a migration this code lacks WHEN migrating THEN DB.MIGRATION_UNKNOWN", async () => {
    const db = await fresh("mig-unknown");
    const root = migrationsCopy();
    const extra = path.join(root, provider, "99990101000000_newer");
    cpSync(path.join(root, provider, loadMigrations(path.join(root, provider))[0].name), extra, { recursive: true });
    writeFileSync(path.join(extra, "migration.sql"), `CREATE TABLE "Newer" ("id" TEXT PRIMARY KEY);\n`);
    await migrateDatabase(db.url, { migrationsRoot: root });
    rmSync(extra, { recursive: true });
    const error = await failure(migrateDatabase(db.url, { migrationsRoot: root }));
    expect(error.code).toBe("DB.MIGRATION_UNKNOWN");
  });
});

describe("migrateDatabase: bad targets", () => {
  it("GIVEN PostgreSQL on a closed port WHEN migrating THEN a one-line DB.UNREACHABLE naming the host", async () => {
    const error = await failure(migrateDatabase(CLOSED_PORT_URL, { connectTimeoutMs: 2000 }));
    expect(error.code).toBe("DB.UNREACHABLE");
    expect(error.message).toContain("127.0.0.1:1");
    expect(error.message).toContain("ECONNREFUSED");
    expect(error.message).not.toContain("\n");
  });

  it("GIVEN a SQLite path that cannot be created WHEN migrating THEN DB.UNREACHABLE", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pilotage-notdir-"));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(path.join(dir, "plain-file"), "");
    const error = await failure(migrateDatabase(`file:${path.join(dir, "plain-file", "db.sqlite")}`));
    expect(error.code).toBe("DB.UNREACHABLE");
  });

  it("GIVEN an unsupported DATABASE_URL WHEN migrating THEN DB.BAD_URL naming the scheme", async () => {
    const error = await failure(migrateDatabase("mysql://root@localhost/db"));
    expect(error.code).toBe("DB.BAD_URL");
    expect(error.message).toContain("mysql:");
  });

  it("GIVEN an unreachable database WHEN `npm run db:migrate` runs THEN it prints one line and exits 1, no stack trace", () => {
    const run = spawnSync(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), "prisma/tools/migrate.ts"],
      {
        env: { ...process.env, DATABASE_URL: CLOSED_PORT_URL },
        encoding: "utf8",
      },
    );
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^database migration failed: cannot reach PostgreSQL at 127\.0\.0\.1:1\/test: .*ECONNREFUSED.* \[DB\.UNREACHABLE\]$/,
    );
  });
});
