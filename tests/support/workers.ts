// `npm run worker` processes for tests that kill and restart workers (crash and scale-out suites).
import { spawn, type ChildProcess } from "node:child_process";

/** Workers started by this file's suite; `killAll` ends those still running. */
export class Workers {
  private readonly children: ChildProcess[] = [];

  /** Starts app/jobs/worker.server.ts with these variables over the test's own; its stderr is printed if it fails. */
  start(env: Record<string, string>, opts: { verbose?: boolean } = {}): ChildProcess {
    const child = spawn(process.execPath, ["--import", "tsx", "app/jobs/worker.server.ts"], {
      cwd: process.cwd(),
      env: { ...process.env, LOG_LEVEL: opts.verbose ? "info" : "warn", ...env },
      stdio: ["ignore", opts.verbose ? "inherit" : "ignore", "pipe"],
    });
    let err = "";
    child.stderr!.on("data", (d) => {
      err += d;
      if (opts.verbose) process.stderr.write(d);
    });
    child.on("exit", (code) => {
      if (code !== 0 && code !== null) console.error(`worker ${child.pid} exited ${code}:\n${err.slice(-3000)}`);
    });
    this.children.push(child);
    return child;
  }

  killAll(): void {
    for (const c of this.children) if (alive(c)) c.kill("SIGKILL");
  }
}

export const alive = (c: ChildProcess) => c.exitCode === null && c.signalCode === null;

/** Resolves once the process has exited (at once if it already has). */
export const exited = (c: ChildProcess) =>
  new Promise<void>((resolve) => (alive(c) ? c.on("exit", () => resolve()) : resolve()));
