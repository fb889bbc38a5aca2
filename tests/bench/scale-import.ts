// `npm run bench:scale:import` (issue 16 item 5): the history import of 1M order lines on SQLite and on PostgreSQL,
// wall time and peak RSS of the importing process, with tests/bench/sync-import.ts's protocol (one child process per
// database, RSS sampled every 50 ms). Targets: at most 60 s and 400 MB on both. Appends its section to
// docs/benchmarks.md (between `<!-- bench:scale-import:start -->` and `<!-- bench:scale-import:end -->`) with the
// command and /proc/loadavg before and after. Run alone: `npm run bench:scale:import [-- --no-doc]`
// (BENCH_IMPORT_LINES, BENCH_IMPORT_TARGETS as in sync-import.ts), or call runScaleImportBench().
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { writeBetweenMarkers } from "./lib/doc-section";
import { machineLine } from "./lib/report";
import { runImportBench } from "./sync-import";

const loadavg = (): string => readFileSync("/proc/loadavg", "utf8").trim();

export async function runScaleImportBench(opts: { command?: string } = {}): Promise<string> {
  const before = loadavg();
  const section = await runImportBench();
  const after = loadavg();
  const lines = process.env.BENCH_IMPORT_LINES ?? "1000000";
  return [
    "### History import of 1M order lines on both databases (issue 16)",
    machineLine(opts.command ?? "npm run bench:scale:import", `${Number(lines).toLocaleString("en-US")} lines; targets ≤ 60 s and ≤ 400 MB peak RSS`),
    `- \`/proc/loadavg\` before: ${before}; after: ${after} (shared machine: wall times include the other sessions' load; the CPU time column is the import's own)`,
    "",
    section.replace(/^#{1,3} /gm, "#### ").trim(),
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
