// Production entry point: `npm start`. Requires a valid Shopify session token on every admin request;
// it has no demo sign-in (that lives in app/demo/main.server.ts, which this file never imports).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readEnv } from "~/env.server";
import { log } from "~/logger.server";
import { migrateDatabase } from "~/db/migrate.server";
import { startJobs } from "./jobs.server";
import { createHttpApp, keepConnections, loadServerBuild } from "./http.server";
import { exitOnStartupError } from "./fatal.server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

async function main() {
  const env = readEnv();
  await migrateDatabase(env.DATABASE_URL);
  const jobs = await startJobs();
  const build = await loadServerBuild(root);
  const app = createHttpApp({ build, clientDir: path.join(root, "build", "client"), demo: false });
  const port = env.PORT ?? 3000;
  const host = process.env.HOST ?? "0.0.0.0";
  const server = app.listen(port, host, () => log.info("pilotage listening", { port, host }));
  keepConnections(server);
  const stop = () => server.close(() => void jobs.stop().finally(() => process.exit(0)));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch(exitOnStartupError);
