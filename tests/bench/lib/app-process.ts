// Starts one of the app's entry points (production server, demo) as a child process for a benchmark: its logs go
// to a file (as they would go to a log collector, not through the benchmark's own event loop).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, openSync, closeSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { nodeFlagsOf } from "./node-flags";
import { REPO } from "./report";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Builds the app (build/server/index.js) when it is missing. */
export async function ensureBuild(): Promise<void> {
  if (existsSync(path.join(REPO, "build", "server", "index.js"))) return;
  console.log("build/ is missing: running `npx remix vite:build`");
  const child = spawn("npx", ["remix", "vite:build"], { cwd: REPO, stdio: "inherit" });
  const code = await new Promise<number | null>((r) => child.on("exit", r));
  if (code !== 0) throw new Error(`remix vite:build failed with ${code}`);
}

export interface AppProcess {
  child: ChildProcess;
  logFile: string;
  log: () => string;
  stop: () => Promise<void>;
}

/** The npm script that starts an entry point (its Node flags apply to the benchmark's child too). */
const SCRIPT_OF: Record<string, string> = {
  "app/server/production.server.ts": "start",
  "app/jobs/worker.server.ts": "worker",
  "app/demo/main.server.ts": "demo",
  "tests/bench/lib/server-entry.ts": "start",
};

/** Spawns `node <the npm script's flags> --import tsx <entry>` and waits until `ready()` resolves true (polled every 250 ms). */
export async function startApp(opts: {
  entry: string;
  env: Record<string, string>;
  logFile: string;
  ready: (log: string) => Promise<boolean> | boolean;
  timeoutMs?: number;
  /** Extra node flags, e.g. ["--cpu-prof"] (after those of the entry's npm script). */
  nodeArgs?: string[];
  /** The checkout to run it from (its own build/ and node_modules). Default this repository. */
  root?: string;
}): Promise<AppProcess> {
  const fd = openSync(opts.logFile, "w");
  const root = opts.root ?? REPO;
  const script = SCRIPT_OF[opts.entry.replace(/^\.\//, "")];
  // BENCH_APP_NODE_ARGS: extra flags for every app process a benchmark starts, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p".
  const extra = (process.env.BENCH_APP_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const flags = [...(script ? nodeFlagsOf(script, root) : []), ...(opts.nodeArgs ?? []), ...extra];
  const child = spawn(process.execPath, [...flags, "--import", "tsx", opts.entry], {
    cwd: root,
    env: { ...process.env, ...opts.env },
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  const log = () => (existsSync(opts.logFile) ? readFileSync(opts.logFile, "utf8") : "");
  let exited: number | null | undefined;
  child.on("exit", (code) => (exited = code));
  const deadline = Date.now() + (opts.timeoutMs ?? 240_000);
  for (;;) {
    if (exited !== undefined) throw new Error(`${opts.entry} exited with ${exited}:\n${log().slice(-3000)}`);
    if (await Promise.resolve(opts.ready(log())).catch(() => false)) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${opts.entry} not ready in time:\n${log().slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    child,
    logFile: opts.logFile,
    log,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 8000).unref();
      }),
  };
}

/** True when GET {url} answers 200. */
export async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  }
}

/** CPU time (user + system, seconds) of a process so far, from /proc (Linux); NaN elsewhere. */
export function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}
