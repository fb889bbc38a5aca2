// Standalone emulator: `npm run emulator`. Configuration from the environment:
//   EMULATOR_PORT (4100), EMULATOR_TOKEN (shpat_demo_emulator_token), EMULATOR_SEED (20261126),
//   EMULATOR_SHOP (pilotage-demo.myshopify.com), EMULATOR_VARIANTS (600), EMULATOR_DAYS (730),
//   EMULATOR_BUCKET_MAX (2000), EMULATOR_RESTORE_RATE (100),
//   EMULATOR_APP_URL + SHOPIFY_API_SECRET: where to send signed webhooks (optional).
// Point the app at it with SHOPIFY_ADMIN_API_ORIGIN=http://127.0.0.1:4100.
import { generateShop, withBundles } from "~/demo/simulator";
import { startEmulator } from "./server.server";

const env = process.env;
const int = (name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
};

async function main() {
  const sim = withBundles(
    generateShop({
      seed: int("EMULATOR_SEED", 20261126),
      variants: int("EMULATOR_VARIANTS", 600),
      days: int("EMULATOR_DAYS", 730),
    }),
  );
  sim.shop.domain = env.EMULATOR_SHOP || "pilotage-demo.myshopify.com";
  const emulator = await startEmulator({
    sim,
    port: int("EMULATOR_PORT", 4100),
    token: env.EMULATOR_TOKEN || "shpat_demo_emulator_token",
    bucket: { maximumAvailable: int("EMULATOR_BUCKET_MAX", 2000), restoreRate: int("EMULATOR_RESTORE_RATE", 100) },
    webhookTarget:
      env.EMULATOR_APP_URL && env.SHOPIFY_API_SECRET
        ? { appUrl: env.EMULATOR_APP_URL, secret: env.SHOPIFY_API_SECRET }
        : undefined,
  });
  process.stderr.write(
    `Admin API emulator for ${sim.shop.domain}: ${emulator.url} (${sim.products.length} products, ${sim.orders.length} orders)\n` +
      `  app: SHOPIFY_ADMIN_API_ORIGIN=${emulator.url}\n`,
  );
  const shutdown = () => void emulator.stop().then(() => process.exit(0));
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((err: Error) => {
  process.stderr.write(`emulator: ${err.message}\n`);
  process.exit(1);
});
