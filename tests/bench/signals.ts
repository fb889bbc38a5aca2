// `npm run bench:signals`: the storefront signal refresh that follows every full recompute (refreshSignals), timed on
// the demo shop (600 variants, recomputed first) on SQLite and PostgreSQL. Each run deletes the shop's signals, so
// every row is written. `-- --base <commit>`: that commit's own tree (lib/baseline-tree) runs the same protocol
// beside this code, alternately. Writes its section to docs/benchmarks.md; `-- --no-doc` prints only.
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { baselineTree, headCommit } from "./lib/baseline-tree";
import { loadavg, machineLine, REPO, table, writeSection } from "./lib/report";

const ROUNDS = 4;
const PG_BASE = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

interface Figures {
  variants: number;
  changed: number;
  ms: number[];
  cpuMs: number[];
}

/** The child: seed, recompute, then ROUNDS refreshes of every signal; prints its figures as the last line. */
async function child(url: string): Promise<void> {
  process.env.DATABASE_URL = url;
  const { migrateDatabase } = await import("~/db/migrate.server");
  await migrateDatabase(url);
  const { prisma } = await import("~/db.server");
  const { generateShop } = await import("~/demo/simulator");
  const { seedDemoShop } = await import("~/demo/seed.server");
  const { recomputeShop } = await import("~/sync/recompute/recompute.server");
  const { refreshSignals } = await import("~/storefront/signals.server");
  const { shopId } = await seedDemoShop(prisma, generateShop({ seed: 7, endDate: "2026-12-01" }));
  await recomputeShop(prisma, shopId);
  const out: Figures = { variants: 0, changed: 0, ms: [], cpuMs: [] };
  for (let i = 0; i < ROUNDS; i++) {
    await prisma.availabilitySignal.deleteMany({ where: { shopId } });
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = await refreshSignals(prisma, shopId);
    const cpu = process.cpuUsage(c0);
    out.ms.push(Math.round(performance.now() - t0));
    out.cpuMs.push(Math.round((cpu.user + cpu.system) / 1000));
    out.variants = r.variants;
    out.changed = r.changed;
  }
  const schema = url.startsWith("postgres") ? new URL(url).searchParams.get("schema") : null;
  if (schema) await prisma.$executeRawUnsafe(`DROP SCHEMA "${schema}" CASCADE`);
  await prisma.$disconnect();
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function run(tree: string, url: string): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ["--import", "tsx", path.join(tree, "tests/bench/signals.ts"), "--child", url],
      { cwd: tree, env: { ...process.env, LOG_LEVEL: "warn" }, stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    proc.stdout.on("data", (d) => (out += d));
    proc.on("exit", (code) => {
      const last = out.trim().split("\n").pop() ?? "";
      if (code !== 0) reject(new Error(`signals child exited ${code}: ${out.slice(-1000)}`));
      else resolve(JSON.parse(last) as Figures);
    });
  });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const at = argv.indexOf("--child");
  if (at >= 0) return child(argv[at + 1]);
  const baseAt = argv.indexOf("--base");
  const base = baseAt >= 0 ? argv[baseAt + 1] : null;
  if (baseAt >= 0 && !base) throw new Error("--base needs a commit");
  const trees: [string, string][] = [
    ...(base ? [[`baseline ${base}`, baselineTree(base)] as [string, string]] : []),
    [`this code (${headCommit()}+)`, REPO],
  ];
  // The baseline runs this protocol on its own code: this file goes into its tree.
  for (const [, tree] of trees)
    if (tree !== REPO) copyFileSync(fileURLToPath(import.meta.url), path.join(tree, "tests/bench/signals.ts"));
  const dir = mkdtempSync(path.join(os.tmpdir(), "pilotage-signals-"));
  const rows: (string | number)[][] = [];
  try {
    for (const database of ["sqlite", "postgres"]) {
      for (const [label, tree] of trees) {
        const url =
          database === "sqlite"
            ? `file:${path.join(dir, `${rows.length}.db`)}`
            : (() => {
                const u = new URL(PG_BASE);
                u.searchParams.set("schema", `bench_signals_${process.pid}_${rows.length}`);
                return u.toString();
              })();
        const before = loadavg();
        const f = await run(tree, url);
        process.stderr.write(`${database} ${label}: ${JSON.stringify(f)}\n`);
        rows.push([
          database,
          label,
          `${f.changed} of ${f.variants}`,
          f.ms.map((x) => `${x}`).join(", "),
          f.cpuMs.map((x) => `${x}`).join(", "),
          before,
        ]);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    for (const [, tree] of trees) if (tree !== REPO) rmSync(tree, { recursive: true, force: true });
  }
  const body = [
    "### Storefront signal refresh after a full recompute (refreshSignals, every row written)",
    "",
    machineLine(
      `npm run bench:signals${base ? ` -- --base ${base}` : ""}`,
      `demo shop (600 variants, seed 7), recomputed, then ${ROUNDS} refreshes after deleting the signals`,
    ),
    "",
    table(
      [
        "database",
        "code",
        "rows written",
        "wall per refresh (ms)",
        "CPU of the process per refresh (ms)",
        "load before",
      ],
      rows,
    ),
  ].join("\n");
  process.stdout.write(`${body}\n`);
  if (!argv.includes("--no-doc")) {
    writeSection("signals", body);
    process.stdout.write("written to docs/benchmarks.md\n");
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
