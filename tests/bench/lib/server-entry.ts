// app/server/production.server.ts for a benchmark whose app build lives elsewhere (BENCH_BUILD_ROOT, a folder
// holding build/server and build/client), so a benchmark of work in progress does not rebuild the shared build/.
import path from "node:path";
import { readEnv } from "~/env.server";
import { log } from "~/logger.server";
import { migrateDatabase } from "~/db/migrate.server";
import { startJobs } from "~/server/jobs.server";
import { createHttpApp, keepConnections, loadServerBuild } from "~/server/http.server";

const root = process.env.BENCH_BUILD_ROOT;
if (!root) throw new Error("BENCH_BUILD_ROOT is required (a folder holding build/server/index.js)");
const env = readEnv();
await migrateDatabase(env.DATABASE_URL);
const jobs = await startJobs();
const app = createHttpApp({
  build: await loadServerBuild(root),
  clientDir: path.join(root, "build", "client"),
  demo: false,
});
const server = app.listen(env.PORT ?? 3000, process.env.HOST ?? "127.0.0.1", () =>
  log.info("pilotage listening (bench entry)", { port: env.PORT }),
);
keepConnections(server);
const stop = () => server.close(() => void jobs.stop().finally(() => process.exit(0)));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
