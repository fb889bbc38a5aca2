// Runs R's forecast::ets / croston (tests/bench/r/forecast.R) over many series through Rscript:
// series go to temp CSV files in batches, 2 R processes work in parallel, results come back by id.
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { REPO } from "./report";

const SCRIPT = resolve(REPO, "tests/bench/r/forecast.R");

export interface RSeries {
  id: string;
  frequency: number;
  horizon: number;
  /** null = missing (censored). */
  values: (number | null)[];
}

export interface RForecast {
  mean: number[];
  lo80: number[];
  hi80: number[];
  lo90: number[];
  hi90: number[];
  /** Fit + forecast time in R, ms. */
  ms: number;
  failed: boolean;
  /** Method "ets-total" only: quantiles of the total over the next `totals.steps` steps, at `totals.levels`. */
  totals?: number[];
}

/** Options of method "ets-total" (see tests/bench/r/forecast.R). */
export interface RTotalsOptions {
  steps: number;
  paths: number;
  levels: number[];
}

/** null when Rscript or the forecast package is missing, with the reason. */
export function rAvailable(): { ok: true; version: string } | { ok: false; reason: string } {
  try {
    const v = execFileSync(
      "Rscript",
      [
        "-e",
        'suppressPackageStartupMessages(library(forecast)); cat(R.version$major, R.version$minor, as.character(packageVersion("forecast")))',
      ],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      },
    )
      .trim()
      .split(" ");
    return { ok: true, version: `R ${v[0]}.${v[1]}, forecast ${v[2]}` };
  } catch (err) {
    return {
      ok: false,
      reason: `Rscript or the R package "forecast" is missing (${err instanceof Error ? err.message.split("\n")[0] : String(err)})`,
    };
  }
}

function runOne(input: string, output: string, methods: string[], totals?: RTotalsOptions): Promise<void> {
  const extra = totals ? [String(totals.steps), String(totals.paths), totals.levels.join(",")] : [];
  return new Promise((ok, fail) => {
    execFile(
      "Rscript",
      [SCRIPT, input, output, methods.join(","), ...extra],
      { maxBuffer: 1 << 26 },
      (err, _out, stderr) => {
        if (err) fail(new Error(`Rscript failed: ${err.message}\n${stderr}`));
        else ok();
      },
    );
  });
}

/** Forecasts every series with each method, `processes` Rscript processes at a time, `batch` series per process. */
export async function runR(
  series: RSeries[],
  methods: string[],
  processes = 2,
  batch = 250,
  totals?: RTotalsOptions,
): Promise<Map<string, Map<string, RForecast>>> {
  if (methods.includes("ets-total") && !totals) throw new Error('runR: method "ets-total" needs the totals options');
  const dir = mkdtempSync(join(tmpdir(), "bench-r-"));
  const out = new Map<string, Map<string, RForecast>>();
  try {
    const files: { input: string; output: string }[] = [];
    // At least 4 batches per process so the processes finish together.
    batch = Math.max(1, Math.min(batch, Math.ceil(series.length / (4 * Math.max(1, processes)))));
    for (let b = 0; b * batch < series.length; b++) {
      const input = join(dir, `in-${b}.csv`);
      const output = join(dir, `out-${b}.csv`);
      const lines = series.slice(b * batch, (b + 1) * batch).map((s) => {
        if (/[,\n]/.test(s.id)) throw new Error(`series id ${JSON.stringify(s.id)} has a comma or newline`);
        return [s.id, s.frequency, s.horizon, ...s.values.map((v) => (v === null ? "NA" : String(v)))].join(",");
      });
      writeFileSync(input, lines.join("\n") + "\n");
      files.push({ input, output });
    }
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < files.length) {
        const f = files[next++];
        await runOne(f.input, f.output, methods, totals);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, processes) }, worker));
    for (const f of files) {
      const lines = readFileSync(f.output, "utf8").split("\n").slice(1);
      for (const line of lines) {
        if (!line) continue;
        const [id, method, step, ...rest] = line.split(",");
        const [mean, lo80, hi80, lo90, hi90, ms] = rest.map(Number);
        let byMethod = out.get(id);
        if (!byMethod) out.set(id, (byMethod = new Map()));
        let fc = byMethod.get(method);
        if (!fc) byMethod.set(method, (fc = { mean: [], lo80: [], hi80: [], lo90: [], hi90: [], ms, failed: false }));
        if (Number(step) < 0) {
          fc.failed = true;
          continue;
        }
        if (method === "ets-total") {
          (fc.totals ??= []).push(mean);
          continue;
        }
        fc.mean.push(mean);
        fc.lo80.push(lo80);
        fc.hi80.push(hi80);
        fc.lo90.push(lo90);
        fc.hi90.push(hi90);
      }
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
