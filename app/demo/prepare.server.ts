import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import type { Db } from "~/db.server";
import { addDays, dayInZone } from "~/lib/days";
import { log } from "~/logger.server";
import { SCOPES } from "~/scopes";
import { generateShop } from "./simulator";
import { seedDemoShop } from "./seed.server";

export const DEMO_SEED = 20261126;

/**
 * Seeds the simulated shop once (its history ends yesterday, Paris time) and stores the offline session
 * the app would hold after install. The access token is only meaningful to the local Admin API emulator.
 */
export async function prepareDemoShop(db: Db, domain: string, now = new Date()): Promise<void> {
  const existing = await db.shop.findUnique({ where: { domain }, select: { id: true, importStatus: true } });
  if (!existing || existing.importStatus !== "done") {
    const started = Date.now();
    const endDate = addDays(dayInZone(now, "Europe/Paris"), -1);
    const sim = generateShop({ seed: DEMO_SEED, endDate });
    sim.shop.domain = domain;
    await seedDemoShop(db, sim);
    log.info("demo shop seeded", { shop: domain, ms: Date.now() - started, endDate });
  }
  const storage = new PrismaSessionStorage(db);
  const session = new Session({
    id: `offline_${domain}`,
    shop: domain,
    state: "demo",
    isOnline: false,
    scope: SCOPES.join(","),
    accessToken: "shpat_demo_emulator_token",
  });
  await storage.storeSession(session);
}
