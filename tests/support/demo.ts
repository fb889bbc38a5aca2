// The demo for end-to-end tests. Seeding the simulated shop and its first recompute take about a minute,
// so the first test file to ask builds a template database once per day and code version; every test file
// then starts the demo on its own copy of it (a test's approvals never leak into another file).
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, ROOT, startEntry, type RunningServer } from "./server";

export interface RunningDemo {
  /** The app, e.g. http://127.0.0.1:51234 (pages under /app). */
  url: string;
  /** The Admin API emulator serving the same shop (POST /emulator/orders, GraphQL at /admin/api/...). */
  emulatorUrl: string;
  /** This demo's own SQLite database. */
  dbUrl: string;
  server: RunningServer;
  stop: () => Promise<void>;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

/** Changes with the day (the seed's history ends yesterday) and with anything that shapes the seeded data. */
function templateKey(): string {
  const hash = createHash("sha256");
  hash.update(new Date().toISOString().slice(0, 10));
  const sources = [
    ...filesUnder(path.join(ROOT, "prisma", "migrations")),
    ...filesUnder(path.join(ROOT, "app", "demo")),
    ...filesUnder(path.join(ROOT, "app", "core")),
    ...filesUnder(path.join(ROOT, "app", "sync", "recompute")),
    ...filesUnder(path.join(ROOT, "app", "storefront")),
  ].sort();
  for (const file of sources) hash.update(file).update(readFileSync(file));
  return hash.digest("hex").slice(0, 16);
}

async function startDemoOn(dbFile: string): Promise<RunningDemo> {
  const emulatorPort = await freePort();
  const dbUrl = `file:${dbFile}`;
  const server = await startEntry(
    "app/demo/main.server.ts",
    { PORT: String(await freePort()), EMULATOR_PORT: String(emulatorPort), DATABASE_URL: dbUrl },
    /Pilotage demo: open/,
  );
  return { url: server.url, emulatorUrl: `http://127.0.0.1:${emulatorPort}`, dbUrl, server, stop: () => server.stop() };
}

/** Waits until the first recompute has written a forecast for every variant and no job is due or running. */
async function waitForFirstRecompute(dbUrl: string, timeoutMs = 300_000): Promise<void> {
  const { createPrismaClient } = await import("~/db.server");
  const db = createPrismaClient(dbUrl);
  try {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const [variants, forecasts, busy] = await Promise.all([
        db.variant.count(),
        db.forecast.count(),
        db.job.count({ where: { status: { in: ["queued", "running"] }, runAt: { lte: new Date() } } }),
      ]);
      if (variants > 0 && forecasts >= variants && busy === 0) return;
      if (Date.now() > until) throw new Error(`demo recompute incomplete: ${forecasts}/${variants} forecasts`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await db.$disconnect();
  }
}

const copyDb = (from: string, to: string) => {
  copyFileSync(from, to);
  for (const suffix of ["-wal", "-journal"]) if (existsSync(from + suffix)) copyFileSync(from + suffix, to + suffix);
};

/** Builds (once) or reuses the seeded, recomputed template database; returns its path. */
async function templateDb(): Promise<string> {
  const dir = path.join(tmpdir(), "pilotage-e2e-templates");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `demo-${templateKey()}.db`);
  if (existsSync(file) && statSync(file).size > 0) return file;
  const work = mkdtempSync(path.join(dir, "build-"));
  const building = path.join(work, "demo.db");
  const demo = await startDemoOn(building);
  try {
    await waitForFirstRecompute(demo.dbUrl);
  } finally {
    await demo.stop();
  }
  // Only the newest template is kept: each is a few hundred MB.
  for (const old of readdirSync(dir)) {
    const stale =
      (old.startsWith("demo-") && !old.startsWith(path.basename(file))) ||
      (old.startsWith("build-") && path.join(dir, old) !== work);
    if (stale) rmSync(path.join(dir, old), { recursive: true, force: true });
  }
  copyDb(building, `${file}.tmp`);
  for (const suffix of ["-wal", "-journal"])
    if (existsSync(`${file}.tmp${suffix}`)) renameSync(`${file}.tmp${suffix}`, file + suffix);
  renameSync(`${file}.tmp`, file);
  rmSync(work, { recursive: true, force: true });
  return file;
}

/** Starts the demo (app + emulator + in-process jobs) on a private copy of the seeded template. */
export async function startDemo(): Promise<RunningDemo> {
  const template = await templateDb();
  const dbFile = path.join(mkdtempSync(path.join(tmpdir(), "pilotage-demo-")), "demo.db");
  copyDb(template, dbFile);
  return startDemoOn(dbFile);
}
