// Worker for bench:forecast's throughput run: generates its share of the simulated variants with the
// seeded simulator (timed apart) and runs the whole pipeline on them (pool, forecast, lead-time
// quantiles, replenishment plan).
import { parentPort, workerData } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import { iterateSeries } from "../../../app/demo/simulator";
import { runPipeline } from "./pipeline";
import { buildPoolProfiles } from "../../../app/core/forecast/index";

const { seed, offset, count, chunk } = workerData as { seed: number; offset: number; count: number; chunk: number };
let genMs = 0,
  fcMs = 0,
  done = 0,
  failed = 0;
for (let start = offset; start < offset + count; start += chunk) {
  const n = Math.min(chunk, offset + count - start);
  const t0 = performance.now();
  const batch = [...iterateSeries({ seed, count: n, offset: start, days: 730 })];
  const t1 = performance.now();
  const pool = buildPoolProfiles(batch);
  for (const s of batch) if (!runPipeline(s, pool).ok) failed++;
  const t2 = performance.now();
  genMs += t1 - t0;
  fcMs += t2 - t1;
  done += n;
}
parentPort!.postMessage({ genMs, fcMs, done, failed });
