// `npm run bench:scale:intake` (issue 16 item 4): webhook acknowledgement at 200 requests/s for 20 s on the three
// set-ups, through the production entry, with tests/bench/sync-webhooks.ts's protocol (open-loop generator, latency from
// the scheduled send time, error = non-200 or no answer within 5 s): SQLite with the jobs in the web process (the
// embedded default), PostgreSQL with the jobs in the web process, PostgreSQL with REDIS_URL (the web process only
// enqueues). Target: p99 < 100 ms and 0 errors on all three. Appends its section to docs/benchmarks.md (between
// `<!-- bench:scale-intake:start -->` and `<!-- bench:scale-intake:end -->`) with the command and /proc/loadavg.
// Run alone: `npm run bench:scale:intake [-- --quick] [--no-doc] [--only-sqlite] [--baseline <dir> [--rounds N]]
// [--jobs-in-web thread,true] [--plan-cache off,on]`
// (or call runScaleIntakeBench()). `--baseline <dir>`: another checkout with its own build/ (e.g. `git archive` of the
// commit before a change, node_modules linked), whose SQLite default set-up is run alternately with this one's, N
// rounds each (default 2), so that both see the same load on a shared machine. `--jobs-in-web thread,true`: the SQLite
// set-up with the jobs in the web process's thread and on its event loop (JOBS_IN_WEB), alternately, N rounds each
// (decision 0029; its own section, bench:scale-intake-thread). `--plan-cache off,on`: PostgreSQL with the jobs in
// the web process alone, with PRISMA_PLAN_CACHE off and on alternately (decision 0031; section bench:scale-intake-plan-cache).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { writeBetweenMarkers } from "./lib/doc-section";
import { fmt, machineLine, table } from "./lib/report";
import { runWebhookBench, type WebhookDbResult } from "./sync-webhooks";

const P99_LIMIT_MS = 100;

export const loadavg = (): string => readFileSync("/proc/loadavg", "utf8").trim();
const uptime = (): string => execFileSync("uptime", { encoding: "utf8" }).trim();

export interface ScaleIntakeResult {
  rows: { setup: string; result: WebhookDbResult; loadBefore: string; loadAfter: string }[];
  markdown: string;
}

export async function runScaleIntakeBench(
  opts: {
    quick?: boolean;
    command?: string;
    onlySqlite?: boolean;
    baseline?: { root: string; label: string };
    rounds?: number;
    /** How the web process runs the jobs on SQLite: one set-up per mode and round, alternately. Default ["true"]. */
    jobsInWeb?: ("thread" | "true")[];
    /** Only PostgreSQL with the jobs in the web process, with these PRISMA_PLAN_CACHE values alternately. */
    planCache?: ("off" | "on")[];
  } = {},
): Promise<ScaleIntakeResult> {
  const quick = opts.quick ?? false;
  const rows: ScaleIntakeResult["rows"] = [];
  const sqlite =
    (appRoot?: string, jobsInWeb: "thread" | "true" = "true") =>
    async () =>
      (
        await runWebhookBench({
          quick,
          databases: ["sqlite"],
          worker: false,
          enqueueOnly: false,
          onlyMain: true,
          appRoot,
          jobsInWeb,
        })
      ).results;
  const modes = opts.jobsInWeb ?? ["true"];
  const MODE_LABEL = {
    thread: "jobs in the web process's thread (JOBS_IN_WEB=thread)",
    true: "jobs in the web process (default, JOBS_IN_WEB=true)",
  };
  const sqliteSetups: { setup: string; run: () => Promise<WebhookDbResult[]> }[] = [];
  const { baseline } = opts;
  const alternate = baseline || modes.length > 1;
  for (let round = 1; round <= (alternate ? (opts.rounds ?? 2) : 1); round++) {
    const suffix = alternate ? `, round ${round}` : "";
    if (baseline)
      sqliteSetups.push({
        setup: `SQLite, jobs in the web process (its default), ${baseline.label}${suffix}`,
        run: sqlite(baseline.root, "true"),
      });
    for (const mode of modes)
      sqliteSetups.push({
        setup: `SQLite, ${MODE_LABEL[mode]}${baseline ? ", this code" : ""}${suffix}`,
        run: sqlite(undefined, mode),
      });
  }
  // PostgreSQL with the jobs in the web process (the second set-up, and the only one with --plan-cache).
  const pgInWeb = async () =>
    (await runWebhookBench({ quick, databases: ["postgres"], worker: false, enqueueOnly: false, onlyMain: true }))
      .results;
  // PRISMA_PLAN_CACHE=mode for the server it starts (a child process inherits the environment).
  const withPlanCache = (mode: "off" | "on") => async () => {
    const saved = process.env.PRISMA_PLAN_CACHE;
    process.env.PRISMA_PLAN_CACHE = mode;
    try {
      return await pgInWeb();
    } finally {
      if (saved === undefined) delete process.env.PRISMA_PLAN_CACHE;
      else process.env.PRISMA_PLAN_CACHE = saved;
    }
  };
  const planCache = opts.planCache ?? [];
  const setups: { setup: string; run: () => Promise<WebhookDbResult[]> }[] = opts.planCache
    ? Array.from({ length: opts.rounds ?? 2 }, (_, r) =>
        planCache.map((mode) => ({
          setup: `PostgreSQL, jobs in the web process, PRISMA_PLAN_CACHE=${mode}, round ${r + 1}`,
          run: withPlanCache(mode),
        })),
      ).flat()
    : [
        ...sqliteSetups,
        { setup: "PostgreSQL, jobs in the web process", run: pgInWeb },
        {
          setup: "PostgreSQL + Redis (REDIS_URL: the web process enqueues)",
          run: async () =>
            (
              await runWebhookBench({
                quick,
                databases: ["postgres"],
                inProcess: false,
                worker: false,
                enqueueOnly: true,
                onlyMain: true,
              })
            ).results,
        },
      ].filter((s, i) => i < sqliteSetups.length || !opts.onlySqlite);
  const notes: string[] = [];
  const uptimeBefore = uptime();
  for (const { setup, run } of setups) {
    const loadBefore = loadavg();
    console.log(`${setup}: load ${loadBefore}`);
    const results = await run();
    if (results.length === 0)
      notes.push(`${setup}: skipped (PostgreSQL or Redis not reachable, or the Redis database not empty).`);
    for (const result of results) rows.push({ setup, result, loadBefore, loadAfter: loadavg() });
  }
  notes.push(`\`uptime\` before the first set-up: ${uptimeBefore}; after the last: ${uptime()}.`);
  const held = (r: WebhookDbResult) => r.main.errors === 0 && r.main.p99 < P99_LIMIT_MS;
  const command = opts.command ?? `npm run bench:scale:intake${quick ? " -- --quick" : ""}`;
  if (baseline)
    notes.push(
      `${baseline.label}: the server of another checkout (\`${baseline.root}\`, its own build), same harness.`,
    );
  const markdown = [
    opts.planCache
      ? `### Webhook acknowledgement at 200/s on PostgreSQL with the jobs in the web process: ${opts.planCache.map((m) => `PRISMA_PLAN_CACHE=${m}`).join(" against ")}, alternately (issue 16, decision 0031)`
      : baseline
        ? `### Webhook acknowledgement at 200/s on SQLite: this code against ${baseline.label}, alternately (issue 16)`
        : modes.length > 1
          ? `### Webhook acknowledgement at 200/s on SQLite: ${modes.map((m) => `JOBS_IN_WEB=${m}`).join(" against ")}, alternately (issue 16, decision 0029)`
          : "### Webhook acknowledgement at 200/s on the three set-ups (issue 16)",
    machineLine(command, `${quick ? "quick (10 s)" : "20 s"} at 200 requests/s per set-up`),
    "",
    "Protocol: tests/bench/sync-webhooks.ts's main step only (production entry as a child process on a fresh database, signed",
    "`orders/create` of about 5.4 KB from an open-loop generator, latency from the scheduled send time, error = non-200 or no",
    `answer within 5 s). Target: p99 < ${P99_LIMIT_MS} ms and 0 errors. \`/proc/loadavg\` is read before and after each set-up:`,
    "the machine is shared (2 cores, other sessions' builds, tests and benchmarks), so latencies there measure the machine",
    "as much as the code; the CPU ms per request are steadier. p99 from send: from the moment each request actually left",
    "the generator, i.e. without the generator's own lateness (still with the client's delay in reading the answer).",
    "",
    table(
      [
        "set-up",
        "sent",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "p99 from send ms",
        "max ms",
        "errors",
        "generator lag ms",
        "server CPU ms / request",
        "target",
        "/proc/loadavg before",
        "after",
      ],
      rows.map(({ setup, result: r, loadBefore, loadAfter }) => [
        setup,
        `${r.main.sent}`,
        fmt(r.main.p50, 1),
        fmt(r.main.p95, 1),
        fmt(r.main.p99, 1),
        fmt(r.main.p99FromSend, 1),
        fmt(r.main.max, 1),
        r.main.errors === 0
          ? "0"
          : `${r.main.errors} (${Object.entries(r.main.errorKinds)
              .map(([k, v]) => `${k}: ${v}`)
              .join(", ")})`,
        fmt(r.main.maxSendLagMs, 1),
        fmt(r.main.cpuMsPerRequest, 2),
        held(r) ? "met" : "NOT met",
        loadBefore,
        loadAfter,
      ]),
    ),
    ...notes.map((n) => `- ${n}`),
  ].join("\n");
  return { rows, markdown };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const baselineRoot = value("--baseline");
  const { markdown } = await runScaleIntakeBench({
    quick: args.includes("--quick"),
    onlySqlite: args.includes("--only-sqlite"),
    baseline: baselineRoot
      ? { root: baselineRoot, label: value("--baseline-label") ?? `baseline ${baselineRoot}` }
      : undefined,
    rounds: value("--rounds") ? Number(value("--rounds")) : undefined,
    planCache: value("--plan-cache")
      ?.split(",")
      .map((mode) => {
        if (mode !== "off" && mode !== "on") throw new Error(`--plan-cache: off or on, got ${mode}`);
        return mode;
      }),
    jobsInWeb: value("--jobs-in-web")
      ?.split(",")
      .map((mode) => {
        if (mode !== "thread" && mode !== "true") throw new Error(`--jobs-in-web: thread or true, got ${mode}`);
        return mode;
      }),
    command: `npm run bench:scale:intake${args.length ? ` -- ${args.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(" ")}` : ""}`,
  });
  if (args.includes("--no-doc")) console.log(`\n${markdown}`);
  else {
    // A comparison with a baseline is a section of its own: the three set-ups' figures stay.
    const marker = value("--plan-cache")
      ? "bench:scale-intake-plan-cache"
      : baselineRoot
        ? "bench:scale-intake-baseline"
        : (value("--jobs-in-web")?.split(",").length ?? 1) > 1
          ? "bench:scale-intake-thread"
          : "bench:scale-intake";
    writeBetweenMarkers(`<!-- ${marker}:start -->`, `<!-- ${marker}:end -->`, markdown);
    console.log(`\n${markdown}\n\nwritten to docs/benchmarks.md`);
  }
  process.exit(0);
}
