// The daily inventory snapshot (job inventory.snapshot) and the stockout marks written by inventory_levels/update.
//
// Encoding (schema comment on InventorySnapshot; read by toDailySeries in app/core/decisions/series.ts, which
// censors a day when every location with a known level holds <= 0): rows are run-length, one per variant,
// location and day (shop time zone). The snapshot writes the current level as the row of the day it runs,
// only when it differs from the latest row, and never replaces a row of that day. A stockout during a day
// must not vanish because stock came back before the snapshot, so webhooks keep this rule: a day on which
// the level was <= 0 at any moment has a row <= 0.
//  - the level drops to <= 0 on day D: D's row becomes that level (created, or lowered from > 0);
//  - it comes back > 0 on D while the row covering D is an older row <= 0 (D opened out of stock): D gets a
//    copy of that row, so the snapshot of D cannot replace it; the next day's snapshot writes the new level.
// So a stockout day is censored even when it ended in stock; the day after is in stock again from its own
// snapshot. Untracked variants have no meaningful level and are skipped.
import { getDb, type Db } from "~/db.server";
import { forShop, type ShopDb } from "~/db/scoped.server";
import { defineJobHandler } from "~/jobs/registry";
import { JOB_TYPES } from "~/jobs/standard";
import { dayInZone } from "~/lib/days";
import { log } from "~/logger.server";

const BATCH = 1000;

export interface SnapshotReport {
  shopId: string;
  day: string;
  levels: number;
  written: number;
}

const keyOf = (variantId: string, locationId: string) => `${variantId}|${locationId}`;

/** Writes today's InventorySnapshot rows (shop time zone) where the level changed. Idempotent within a day. */
export async function snapshotShopInventory(db: Db, shopId: string, now: Date = new Date()): Promise<SnapshotReport> {
  const s = forShop(db, shopId);
  const shop = await s.shop.findUniqueOrThrow({ where: { id: shopId }, select: { timezone: true } });
  const day = dayInZone(now, shop.timezone);
  const report: SnapshotReport = { shopId, day, levels: 0, written: 0 };
  let cursor: string | undefined;
  for (;;) {
    const levels = await s.inventoryLevel.findMany({
      where: { variant: { tracked: true } },
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      select: { id: true, variantId: true, locationId: true, available: true, onHand: true },
    });
    if (levels.length === 0) break;
    cursor = levels[levels.length - 1].id;
    report.levels += levels.length;
    const rows = await s.inventorySnapshot.findMany({
      where: { variantId: { in: [...new Set(levels.map((l) => l.variantId))] }, day: { lte: day } },
      select: { variantId: true, locationId: true, day: true, available: true },
    });
    const latest = new Map<string, { day: string; available: number }>();
    for (const r of rows) {
      const k = keyOf(r.variantId, r.locationId);
      const prev = latest.get(k);
      if (!prev || r.day > prev.day) latest.set(k, r);
    }
    const data = levels
      .filter((l) => {
        const last = latest.get(keyOf(l.variantId, l.locationId));
        return !last || (last.day !== day && last.available !== l.available);
      })
      .map((l) => ({
        shopId,
        variantId: l.variantId,
        locationId: l.locationId,
        day,
        available: l.available,
        onHand: l.onHand,
      }));
    if (data.length > 0) await s.inventorySnapshot.createMany({ data });
    report.written += data.length;
  }
  log.info("inventory snapshot", { ...report });
  return report;
}

/** inventory_levels/update: keeps the stockout mark of `day` (see the encoding above). */
export async function recordLevelChange(
  s: ShopDb,
  at: { variantId: string; locationId: string; day: string; available: number },
): Promise<void> {
  const { variantId, locationId, day, available } = at;
  const covering = await s.inventorySnapshot.findFirst({
    where: { variantId, locationId, day: { lte: day } },
    orderBy: { day: "desc" },
    select: { id: true, day: true, available: true },
  });
  if (available <= 0) {
    if (covering && covering.available <= 0) return; // already out of stock on `day`
    if (covering?.day === day) {
      await s.inventorySnapshot.update({ where: { id: covering.id }, data: { available } });
      return;
    }
    await s.inventorySnapshot.create({ data: { variantId, locationId, day, available } as never });
    return;
  }
  if (covering && covering.day < day && covering.available <= 0)
    await s.inventorySnapshot.create({ data: { variantId, locationId, day, available: covering.available } as never });
}

defineJobHandler(JOB_TYPES.inventorySnapshot, async (job) => snapshotShopInventory(getDb(), job.shopId));
