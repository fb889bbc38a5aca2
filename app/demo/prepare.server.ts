import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import type { Db } from "~/db.server";
import { addDays, dayInZone } from "~/lib/days";
import { log } from "~/logger.server";
import { SCOPES } from "~/scopes";
import { generateShop, withBundles, type SimShop } from "./simulator";
import { seedDemoShop } from "./seed.server";

export const DEMO_SEED = 20261126;
export const DEMO_ACCESS_TOKEN = "shpat_demo_emulator_token";

export interface DemoShop {
  shopId: string;
  /** The simulated shop the database holds (the Admin API emulator serves the same one). */
  sim: SimShop;
}

/**
 * Seeds the simulated shop once (its history ends yesterday, Paris time) and stores the offline session
 * the app would hold after install. The access token is only meaningful to the local Admin API emulator.
 */
export async function prepareDemoShop(db: Db, domain: string, now = new Date()): Promise<DemoShop> {
  const existing = await db.shop.findUnique({ where: { domain }, select: { id: true, importStatus: true } });
  let sim: SimShop;
  let shopId: string;
  if (!existing || existing.importStatus !== "done") {
    const started = Date.now();
    const endDate = addDays(dayInZone(now, "Europe/Paris"), -1);
    sim = withBundles(generateShop({ seed: DEMO_SEED, endDate }));
    sim.shop.domain = domain;
    ({ shopId } = await seedDemoShop(db, sim, { plannedEvents: true }));
    log.info("demo shop seeded", { shop: domain, ms: Date.now() - started, endDate });
  } else {
    // The database was seeded on an earlier day: rebuild the same simulated shop, ending where it ended.
    shopId = existing.id;
    const last = await db.order.aggregate({ where: { shopId }, _max: { day: true } });
    sim = withBundles(
      generateShop({ seed: DEMO_SEED, endDate: last._max.day ?? addDays(dayInZone(now, "Europe/Paris"), -1) }),
    );
    sim.shop.domain = domain;
  }
  const storage = new PrismaSessionStorage(db);
  const session = new Session({
    id: `offline_${domain}`,
    shop: domain,
    state: "demo",
    isOnline: false,
    scope: SCOPES.join(","),
    accessToken: DEMO_ACCESS_TOKEN,
  });
  await storage.storeSession(session);
  return { shopId, sim };
}
