// Demo entry point: `npm run demo`. A simulated shop on a local SQLite database, no Shopify account.
// It signs its own admin requests with a secret generated at start, and listens on 127.0.0.1 only.
// The production server (app/server/production.server.ts) never imports this file.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { RequestHandler } from "express";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const port = Number(process.env.PORT ?? 3000);
const DEMO_SHOP = "pilotage-demo.myshopify.com";

// Configuration must exist before shopify.server is imported (it validates the environment on import).
process.env.SHOPIFY_API_KEY = "pilotage-demo";
process.env.SHOPIFY_API_SECRET = randomBytes(32).toString("hex");
process.env.SHOPIFY_APP_URL = `http://localhost:${port}`;
process.env.DATABASE_URL ??= `file:${path.join(root, "prisma", "demo.db")}`;

async function main() {
  const { log } = await import("~/logger.server");
  const { migrateDatabase } = await import("~/db/migrate.server");
  const { prisma } = await import("~/db.server");
  const { prepareDemoShop } = await import("./prepare.server");
  const { mintSessionToken } = await import("./session-token.server");
  const { createHttpApp, keepConnections, loadServerBuild } = await import("~/server/http.server");

  await migrateDatabase(process.env.DATABASE_URL);
  const demo = await prepareDemoShop(prisma, DEMO_SHOP);
  const apiKey = process.env.SHOPIFY_API_KEY!;
  const secret = process.env.SHOPIFY_API_SECRET!;

  // The local Admin API emulator serves the same simulated shop and sends signed webhooks to this app.
  // The app reaches it through configuration only (SHOPIFY_ADMIN_API_ORIGIN), as it would reach Shopify.
  const { startEmulator } = await import("~/emulator/server.server");
  const { DEMO_ACCESS_TOKEN } = await import("./prepare.server");
  const emulator = await startEmulator({
    sim: demo.sim,
    token: DEMO_ACCESS_TOKEN,
    port: Number(process.env.EMULATOR_PORT ?? 0),
    webhookTarget: { appUrl: `http://127.0.0.1:${port}`, secret },
  });
  process.env.SHOPIFY_ADMIN_API_ORIGIN = emulator.url;
  log.info("admin api emulator listening", { url: emulator.url });

  const { startJobs } = await import("~/server/jobs.server");
  const { queue } = await startJobs();
  // First start: compute forecasts and recommendations in the background (the nightly job keeps them fresh).
  if ((await prisma.forecast.count({ where: { shopId: demo.shopId } })) === 0) {
    await queue.enqueue({ shopId: demo.shopId, type: "recompute.shop", coalesceKey: "initial" });
  } else if ((await prisma.availabilitySignal.count({ where: { shopId: demo.shopId } })) === 0) {
    await queue.enqueue({ shopId: demo.shopId, type: "signals.refresh", coalesceKey: "shop" });
  }
  // Stands in for App Bridge: every admin request carries a fresh session token for the demo shop.
  const signRequests: RequestHandler = (req, _res, next) => {
    if (!req.headers.authorization && !req.path.startsWith("/webhooks/")) {
      req.headers.authorization = `Bearer ${mintSessionToken({ shop: DEMO_SHOP, apiKey, secret })}`;
    }
    next();
  };

  const build = await loadServerBuild(root);
  // The storefront side: a sample product page rendering the theme block, and Shopify's app proxy signing.
  const { demoStorefront, demoAppProxy } = await import("./storefront.server");
  const storefront = [
    demoStorefront({ root, db: prisma, shopId: demo.shopId }),
    demoAppProxy({ shop: DEMO_SHOP, secret }),
  ];
  const app = createHttpApp({
    build,
    clientDir: path.join(root, "build", "client"),
    demo: true,
    before: [...storefront, signRequests],
  });
  const server = app.listen(port, "127.0.0.1", () => {
    log.info("demo listening", { url: `http://localhost:${port}/app` });
    process.stderr.write(
      `\nPilotage demo: open http://localhost:${port}/app\n` +
        `Storefront with the availability block: http://localhost:${port}/demo/storefront\n` +
        `Admin API emulator: ${emulator.url} (place an order: POST ${emulator.url}/emulator/orders {"variantId","quantity"})\n\n`,
    );
  });
  keepConnections(server);
}

main().catch(async (err) => {
  const { exitOnStartupError } = await import("~/server/fatal.server");
  exitOnStartupError(err);
});
