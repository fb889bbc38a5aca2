// The Node flags an npm script starts the app with (`node <flags> --import tsx <entry>` in package.json), so a
// benchmark's child processes run as `npm start` and `npm run worker` do.
import { readFileSync } from "node:fs";
import path from "node:path";
import { REPO } from "./report";

export function nodeFlagsOf(script: string, root = REPO): string[] {
  const scripts = (
    JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }
  ).scripts;
  const line = scripts[script];
  if (line === undefined) throw new Error(`package.json has no script "${script}"`);
  const words = line.split("&&").pop()!.trim().split(/\s+/);
  if (words[0] !== "node") throw new Error(`script "${script}" does not start with node: ${line}`);
  const flags: string[] = [];
  for (const w of words.slice(1)) {
    if (w === "--import") break;
    flags.push(w);
  }
  return flags;
}
