// A commit's own tree in a temporary folder (`git archive`), sharing this checkout's installed packages and
// generated clients, so a benchmark can run a baseline's exact code beside the current code in one run.
import { execFileSync } from "node:child_process";
import { mkdtempSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO } from "./report";

export function baselineTree(ref: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pilotage-base-"));
  execFileSync("sh", ["-c", `git archive --format=tar ${ref} | tar -x -C ${JSON.stringify(dir)}`], { cwd: REPO });
  symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"));
  symlinkSync(path.join(REPO, "app/generated"), path.join(dir, "app/generated"));
  return dir;
}

/** This checkout's commit, short (the label of "this code" beside a baseline). */
export function headCommit(): string {
  return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO }).toString().trim();
}
