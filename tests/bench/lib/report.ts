// Shared by the bench scripts: command-line flags, the machine description, small statistics,
// a plain-text table, and rewriting one marked section of docs/benchmarks.md.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync, renameSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const DOC = resolve(REPO, "docs/benchmarks.md");

export interface BenchArgs {
  data: string;
  quick: boolean;
  noR: boolean;
  noDoc: boolean;
  flags: Map<string, string>;
}

/** `tsx tests/bench/x.ts [data-folder] [--quick] [--no-r] [--no-doc] [--name=value]`. Data defaults to ../shared/data. */
export function parseArgs(argv: string[]): BenchArgs {
  const flags = new Map<string, string>();
  let data = resolve(REPO, "../shared/data");
  for (const a of argv) {
    if (a.startsWith("--")) {
      const [k, v] = a.slice(2).split("=");
      flags.set(k, v ?? "true");
    } else data = resolve(a);
  }
  if (!existsSync(data)) throw new Error(`data folder not found: ${data} (pass it as the first argument)`);
  return { data, quick: flags.has("quick"), noR: flags.has("no-r"), noDoc: flags.has("no-doc"), flags };
}

export function machine(): { nproc: number; cpu: string; node: string; date: string } {
  let cpu = cpus()[0]?.model ?? "unknown";
  try {
    const m = readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.+)$/m);
    if (m) cpu = m[1].trim();
  } catch {
    /* not Linux */
  }
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync("nproc", { encoding: "utf8" }).trim()) || nproc;
  } catch {
    /* keep os.cpus() */
  }
  return { nproc, cpu, node: process.version, date: new Date().toISOString().replace(/\.\d+Z$/, "Z") };
}

export function quantile(xs: ArrayLike<number>, q: number): number {
  const s = Array.from(xs)
    .filter((x) => Number.isFinite(x))
    .sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export function mean(xs: ArrayLike<number>): number {
  let s = 0,
    c = 0;
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i])) continue;
    s += xs[i];
    c++;
  }
  return c ? s / c : NaN;
}

export function fmt(x: number | null | undefined, digits = 3): string {
  if (x == null || Number.isNaN(x)) return "n/a";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  return x.toFixed(digits);
}

export const pct = (x: number, digits = 1): string => (Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : "n/a");

/** A Markdown table (also readable as plain text on the terminal). */
export function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const w = head.map((_, j) => Math.max(3, ...cells.map((r) => (r[j] ?? "").length)));
  const line = (r: string[]) => `| ${r.map((c, j) => c.padEnd(w[j])).join(" | ")} |`;
  return [line(head), `|${w.map((x) => "-".repeat(x + 2)).join("|")}|`, ...rows.map((r) => line(r.map(String)))].join(
    "\n",
  );
}

const HEADER = `# Benchmarks

Figures written by the benchmark scripts in \`tests/bench/\`; each section is rewritten by its own script
(between its markers) with the date, the machine and the exact command. Reproduce from the repository root,
with the public data sets beside the checkout (\`../shared/data\`, see its README):

    npm run bench:forecast            # full run (sized for about 15 minutes on an idle 2-core machine)
    npm run bench:forecast -- --quick # smaller samples, 10k throughput variants (a few minutes when idle)
    npm run bench:pricing             # full run (3 shops x 600 variants on each of two simulators); -- --quick for 1 x 300
    npm run bench:forecast -- /path/to/data --no-r   # other data folder, skip the R comparison

R's \`forecast\` package (\`Rscript\`, Debian \`r-cran-forecast\`) is needed for the R columns; without it
those columns are skipped with a note. The data sets are never read by the app or the unit tests.
R's ets dominates the forecast run time (each R fit is hundreds of ms); on a machine shared with other
jobs the wall times grow accordingly, so each section records the load average next to its figures.
`;

/** Rewrites the `<!-- bench:name -->` ... `<!-- /bench:name -->` section of docs/benchmarks.md (atomically). */
export function writeSection(name: string, body: string): void {
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  let doc = existsSync(DOC) ? readFileSync(DOC, "utf8") : HEADER;
  const block = `${open}\n${body.trim()}\n${close}`;
  const a = doc.indexOf(open);
  const b = doc.indexOf(close);
  if (a >= 0 && b > a) doc = doc.slice(0, a) + block + doc.slice(b + close.length);
  else doc = `${doc.trimEnd()}\n\n${block}\n`;
  const tmp = `${DOC}.tmp-${process.pid}`;
  writeFileSync(tmp, doc);
  renameSync(tmp, DOC);
}

/** The 1-, 5- and 15-minute load averages, as `/proc/loadavg` gives them. */
export const loadavg = (): string => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

export function machineLine(command: string, mode: string): string {
  const m = machine();
  return [
    `- Date: ${m.date}`,
    `- Machine: ${m.nproc} cores (nproc), ${m.cpu}, Node ${m.node}`,
    `- Command: \`${command}\``,
    `- Mode: ${mode}`,
  ].join("\n");
}

/** Seeded PRNG (mulberry32, Tommy Ettinger's 32-bit generator). */
export { mulberry32 } from "../../../app/core/random";
