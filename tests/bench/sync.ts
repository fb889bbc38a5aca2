// `npm run bench:sync` (issue 5): webhook acknowledgement latency and maximum rate (tests/bench/sync-webhooks.ts),
// webhook-to-recommendation time (tests/bench/sync-e2e.ts) and the 1M-line history import
// (tests/bench/sync-import.ts), written to docs/benchmarks.md between `<!-- bench:sync:start -->` and
// `<!-- bench:sync:end -->`. Flags: --quick (shorter steps, 5 orders), --no-pg, --no-redis, --no-e2e, --no-import,
// --orders=N, --no-doc (print only).
import os from "node:os";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { writeBetweenMarkers } from "./lib/doc-section";
import { fmt, machineLine, REPO } from "./lib/report";
import { runE2eBench } from "./sync-e2e";
import { runWebhookBench } from "./sync-webhooks";

const args = process.argv.slice(2);
const has = (flag: string) => args.includes(`--${flag}`);
const ordersFlag = args.find((a) => a.startsWith("--orders="));
const quick = has("quick");
const started = Date.now();
const load = os.loadavg()[0];
const parts: string[] = [];

const attempt = async (name: string, run: () => Promise<string>) => {
  try {
    parts.push(await run());
  } catch (err) {
    console.error(`${name} failed:`, err);
    parts.push(`#### ${name}\n\nFailed in this run: ${String((err as Error).message ?? err).split("\n")[0]}`);
  }
};

await attempt(
  "Webhook acknowledgement",
  async () =>
    (await runWebhookBench({ quick, databases: has("no-pg") ? ["sqlite"] : undefined, enqueueOnly: !has("no-redis") }))
      .markdown,
);
if (!has("no-e2e")) {
  await attempt(
    "Webhook to updated recommendation",
    async () =>
      (await runE2eBench({ quick, orders: ordersFlag ? Number(ordersFlag.split("=")[1]) : undefined })).markdown,
  );
}
if (!has("no-import")) {
  const file = path.join(REPO, "tests/bench/sync-import.ts");
  if (!existsSync(file)) parts.push("#### History import\n\nSkipped: tests/bench/sync-import.ts is not there yet.");
  else {
    await attempt("History import", async () => {
      const mod = (await import(pathToFileURL(file).href)) as { runImportBench?: () => Promise<string> };
      if (typeof mod.runImportBench !== "function")
        return "#### History import\n\nSkipped: sync-import.ts exports no runImportBench().";
      // Its headings go one level under this section's.
      return (await mod.runImportBench()).replace(/^#{1,3} /gm, "#### ");
    });
  }
}

const command = `npm run bench:sync${args.length ? ` -- ${args.join(" ")}` : ""}`;
const body = [
  "### Sync (issue 5)",
  machineLine(
    command,
    `${quick ? "quick" : "default"}; total run time ${fmt((Date.now() - started) / 1000, 0)} s; 1-minute load average ${fmt(load, 1)} at the start`,
  ),
  "",
  "Latencies on this shared machine depend on what else runs (see the load column); the CPU-per-request figures much less.",
  "",
  ...parts.flatMap((p) => [p.trim(), ""]),
].join("\n");

if (has("no-doc")) console.log(`\n${body}`);
else {
  writeBetweenMarkers("<!-- bench:sync:start -->", "<!-- bench:sync:end -->", body);
  console.log(`\n${body}\n\nwritten to docs/benchmarks.md`);
}
process.exit(0);
