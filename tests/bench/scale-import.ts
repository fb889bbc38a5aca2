// `npm run bench:scale:import` (issue 16 item 5): the history import of 1M order lines on SQLite and PostgreSQL,
// the current code and a baseline commit side by side in ONE run (interleaved per database, so both see similar
// load). Each import is tests/bench/sync-import.ts's protocol (its own child process, peak RSS sampled every 50 ms);
// the baseline is that commit's own tree (`git archive`, this checkout's node_modules and generated clients), so
// it runs exactly the code it had. Targets: at most 60 s and 400 MB on both. Appends its section to
// docs/benchmarks.md (between `<!-- bench:scale-import:start -->` and `<!-- bench:scale-import:end -->`) with the
// command and /proc/loadavg before and after each run.
// Knobs: BENCH_IMPORT_LINES (default 1,000,000), BENCH_IMPORT_TARGETS (sqlite,postgres), BENCH_IMPORT_BASE (the
// baseline commit, default 5c5f1bd: before docs/decisions/0026; "none" skips it), `-- --no-doc` (print only).
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { baselineTree, headCommit } from "./lib/baseline-tree";
import { writeBetweenMarkers } from "./lib/doc-section";
import { loadavg, machineLine, REPO } from "./lib/report";

const BASE = process.env.BENCH_IMPORT_BASE ?? "5c5f1bd";
const LINES = Number(process.env.BENCH_IMPORT_LINES ?? 1_000_000);
const TARGETS = (process.env.BENCH_IMPORT_TARGETS ?? "sqlite,postgres").split(",");

interface Figures {
  target: string;
  lines: number;
  orders: number;
  importS: number;
  streamS: number;
  cpuS: number;
  /** Absent in baselines older than this benchmark's instrumentation. */
  serverCpuS?: number | null;
  peakRssMb: number;
  dailySales: number;
}

/** One sync-import.ts run of `tree` on one database: its figures (stderr JSON line) or the failure. */
function runImport(tree: string, target: string): Promise<Figures | string> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ["--import", "tsx", path.join(tree, "tests/bench/sync-import.ts")], {
      cwd: tree,
      env: { ...process.env, BENCH_IMPORT_TARGETS: target, BENCH_IMPORT_LINES: String(LINES) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    proc.stdout.on("data", (d) => (out += d));
    proc.stderr.on("data", (d) => (out += d));
    proc.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith(`{"target":"${target}"`));
      if (line) resolve(JSON.parse(line) as Figures);
      else {
        const failed = out.split("\n").find((l) => l.includes(`| ${target} | failed`));
        resolve(failed ?? `exit ${code}: ${out.trim().split("\n").slice(-2).join(" ")}`);
      }
    });
  });
}

export async function runScaleImportBench(opts: { command?: string } = {}): Promise<string> {
  const base = BASE === "none" ? null : { ref: BASE, tree: baselineTree(BASE) };
  const head = headCommit();
  const rows: string[] = [];
  try {
    for (const target of TARGETS) {
      const runs: [string, string][] = [
        ...(base ? [[`baseline ${base.ref}`, base.tree] as [string, string]] : []),
        [`this code (${head}+)`, REPO],
      ];
      for (const [label, tree] of runs) {
        const before = loadavg();
        const r = await runImport(tree, target);
        const after = loadavg();
        process.stderr.write(`${label} ${target}: ${JSON.stringify(r)} load ${before} -> ${after}\n`);
        if (typeof r === "string") {
          rows.push(`| ${target} | ${label} | failed: ${r.replace(/\|/g, "/")} | | | | | | ${before} → ${after} |`);
          continue;
        }
        const ok = r.importS <= 60 && r.peakRssMb <= 400 ? "yes" : "no";
        rows.push(
          `| ${target} | ${label} | ${r.importS.toFixed(1)} s | ${(r.importS - r.streamS).toFixed(1)} s | ${r.cpuS.toFixed(1)} s | ${r.serverCpuS == null ? "n/a" : `${r.serverCpuS.toFixed(1)} s`} | ${r.peakRssMb} MB | ${ok} | ${before} → ${after} |`,
        );
      }
    }
  } finally {
    if (base) rmSync(base.tree, { recursive: true, force: true });
  }
  return [
    "### History import of 1M order lines on both databases (issue 16 item 5)",
    "",
    machineLine(
      opts.command ?? "npm run bench:scale:import",
      `${LINES.toLocaleString("en-US")} lines; targets ≤ 60 s and ≤ 400 MB peak RSS`,
    ),
    "- Protocol: tests/bench/sync-import.ts (synthetic bulk-orders JSONL, each import in its own child process,",
    "  peak RSS sampled every 50 ms), the baseline commit's own tree and this code interleaved per database.",
    "- Load: `/proc/loadavg` (1, 5, 15 min) before → after each run. The machine is shared (2 cores): wall times",
    "  include the other sessions' load; CPU (node) is the importing process's own, CPU (PostgreSQL server) that of the",
    "  server processes of its bulk connections (n/a: the baseline's benchmark cannot tell them apart).",
    "",
    "| Database | Code | Import (wall) | of which aggregates | CPU (node) | CPU (PostgreSQL server) | Peak RSS | ≤ 60 s and ≤ 400 MB | Load before → after |",
    "|---|---|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const markdown = await runScaleImportBench();
  if (process.argv.includes("--no-doc")) console.log(`\n${markdown}`);
  else {
    writeBetweenMarkers("<!-- bench:scale-import:start -->", "<!-- bench:scale-import:end -->", markdown);
    console.log(`\n${markdown}\n\nwritten to docs/benchmarks.md`);
  }
}
