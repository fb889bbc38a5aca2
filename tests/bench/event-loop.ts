// `npm run bench:loop -- [--variants 2000] [--days 730]`: how long the event loop waits during a full recompute in
// one process on SQLite (the web process runs jobs on the embedded default, so a webhook waits as long), and the
// recompute's time per variant. Prints the figures; nothing is written to docs/benchmarks.md.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createPrismaClient } from "~/db.server";
import { recomputeShop } from "~/sync/recompute/recompute.server";
import { generateScaleShop } from "./scale";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 10) throw new Error(`--${name} must be an integer >= 10`);
  return value;
}

async function main(): Promise<void> {
  const variants = arg("variants", 2000);
  const days = arg("days", 730);
  const dir = mkdtempSync(path.join(os.tmpdir(), "pilotage-bench-loop-"));
  try {
    const shop = await generateScaleShop(`file:${path.join(dir, "loop.db")}`, { variants, days });
    const db = createPrismaClient(shop.url);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const t0 = Date.now();
    await recomputeShop(db, shop.shopId);
    const ms = Date.now() - t0;
    delay.disable();
    await db.$disconnect();
    const q = (p: number) => (delay.count > 0 ? Math.round(delay.percentile(p) / 1e6) : "no sample");
    console.log(
      `full recompute of ${variants} variants x ${days} days: ${(ms / 1000).toFixed(1)} s (${(ms / variants).toFixed(2)} ms per variant); ` +
        `event-loop delay p50 ${q(50)} ms, p99 ${q(99)} ms, max ${delay.count > 0 ? Math.round(delay.max / 1e6) : "no sample"} ms ` +
        `(${delay.count} samples); /proc/loadavg ${readFileSync("/proc/loadavg", "utf8").trim()}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
