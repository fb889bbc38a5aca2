// After authentication (shopify.server.ts hooks.afterAuth, run on every token exchange): the Shop row from the
// Admin API's shop query, the shop's schedules, and a full history import when the shop was never imported.
// Idempotent: running it again updates the row, replaces the schedules and queues nothing new.
import { getDb, type Db } from "~/db.server";
import { getJobQueue } from "~/jobs/index.server";
import { scheduleShopJobs } from "~/jobs/standard";
import type { JobQueue } from "~/jobs/types";
import { log } from "~/logger.server";
import { createAdminGateway, type AdminGateway } from "~/shopify/admin-gateway.server";
import { fetchShopInfo } from "~/shopify/shop.server";
import { forgetShopContext } from "~/services/shop.server";
import { forgetProxyShop } from "~/storefront/proxy.server";
import { requestImport } from "./status.server";

export interface InstallInput {
  shop: string;
  accessToken: string;
  db?: Db;
  queue?: JobQueue;
  gateway?: AdminGateway;
}

export async function onShopAuthenticated(input: InstallInput): Promise<{ shopId: string; importQueued: boolean }> {
  const db = input.db ?? getDb();
  const queue = input.queue ?? getJobQueue();
  const gateway = input.gateway ?? createAdminGateway({ shop: input.shop, accessToken: input.accessToken });
  const info = await fetchShopInfo(gateway);
  if (!info.ok) log.warn("install: shop query failed, keeping defaults", { shop: input.shop, code: info.error.code });
  const facts = info.ok
    ? { name: info.value.name, currency: info.value.currency, timezone: info.value.timezone, locale: info.value.locale }
    : {};
  const shop = await db.shop.upsert({
    where: { domain: input.shop },
    create: { domain: input.shop, name: input.shop.replace(/\.myshopify\.com$/, ""), ...facts },
    update: { ...facts, uninstalledAt: null },
  });
  forgetProxyShop(input.shop, shop.id); // a reinstall after shop/redact has a new id
  forgetShopContext(input.shop); // and new facts (currency, time zone)
  await scheduleShopJobs(queue, shop.id);
  let importQueued = false;
  if (shop.lastSyncedAt === null && shop.importStatus !== "running" && shop.importStatus !== "queued") {
    const requested = await requestImport(db, queue, shop.id, "full");
    importQueued = requested.ok;
  }
  return { shopId: shop.id, importQueued };
}
