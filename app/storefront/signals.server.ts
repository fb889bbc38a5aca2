// Storefront availability signals: computed per variant from stock, the forecast and open purchase orders
// (app/core/signals), stored in AvailabilitySignal for the app proxy, and mirrored into the app-owned variant
// metafield `$app:pilotage.availability` that the theme app extension renders on first paint.
import type { Prisma } from "@prisma/client";
import { databaseTarget, databaseUrlOf, prisma, type Db } from "~/db.server";
import { rawParams } from "~/db/bulk.server";
import { createId } from "~/db/ids";
import { forShop } from "~/db/scoped.server";
import { dayInZone } from "~/lib/days";
import { log } from "~/logger.server";
import { availabilitySignal, signalFacts, type SignalFacts, type SignalInput } from "~/core/signals/availability";
import { adminGatewayForShop } from "~/shopify/session.server";
import { setAppMetafields } from "~/shopify/metafields.server";
import { incomingByVariant } from "~/replenishment/incoming.server";
import type { AdminGatewayOptions } from "~/shopify/admin-gateway.server";
import { loadBundleSignals } from "./bundles.server";

export const SIGNAL_METAFIELD_KEY = "availability";
/** Days of forecast averaged into the expected daily demand. */
const DEMAND_WINDOW = 14;
/** A model this much worse than the naive forecast on backtest makes no claims about the future. */
const MAX_CONFIDENT_MASE = 1.5;
const BATCH = 500;

export const numericId = (gid: string): string => gid.replace(/^gid:\/\/shopify\/\w+\//, "");

interface ForecastLite {
  mean: string;
  demandClass: string;
  metrics: string | null;
}

function demandOf(f: ForecastLite | undefined): { daily: number | null; confident: boolean } {
  if (!f) return { daily: null, confident: false };
  let mean: number[] = [];
  try {
    mean = JSON.parse(f.mean) as number[];
  } catch {
    return { daily: null, confident: false };
  }
  const window = mean.slice(0, DEMAND_WINDOW).filter(Number.isFinite);
  const daily = window.length ? window.reduce((a, b) => a + b, 0) / window.length : null;
  let mase = Number.POSITIVE_INFINITY;
  try {
    if (f.metrics) mase = (JSON.parse(f.metrics) as { mase?: number }).mase ?? mase;
  } catch {
    /* no metrics: not confident */
  }
  const confident = f.demandClass !== "new" && f.demandClass !== "no-demand" && mase <= MAX_CONFIDENT_MASE;
  return { daily, confident };
}

export interface RefreshReport {
  variants: number;
  changed: number;
}

/** Recomputes the signals of `variantIds` (all the shop's variants when omitted); rows change only when the facts do. */
export async function refreshSignals(
  db: Db,
  shopId: string,
  options: { variantIds?: string[]; now?: Date } = {},
): Promise<RefreshReport> {
  const s = forShop(db, shopId);
  const shop = await db.shop.findUniqueOrThrow({ where: { id: shopId }, select: { timezone: true } });
  const now = options.now ?? new Date();
  const today = dayInZone(now, shop.timezone);
  const bundles = await loadBundleSignals(s, shop.timezone, today);
  const listed =
    options.variantIds ??
    (await s.variant.findMany({ where: { deletedAt: null }, select: { id: true }, orderBy: { id: "asc" } })).map(
      (v) => v.id,
    );
  const ids = bundles ? bundles.expand(listed) : listed;
  let changed = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    const chunk = ids.slice(i, i + BATCH);
    const [variants, levels, forecasts, onOrder, existing] = await Promise.all([
      s.variant.findMany({
        where: { id: { in: chunk }, deletedAt: null },
        select: { id: true, shopifyId: true, tracked: true },
      }),
      s.inventoryLevel.groupBy({
        by: ["variantId"],
        where: { variantId: { in: chunk } },
        _sum: { available: true },
      }),
      s.forecast.findMany({
        where: { variantId: { in: chunk } },
        select: { variantId: true, mean: true, demandClass: true, metrics: true },
      }),
      incomingByVariant({ db: s, timezone: shop.timezone }, chunk),
      s.availabilitySignal.findMany({ where: { variantId: { in: chunk } } }),
    ]);
    const levelOf = new Map(levels.map((l) => [l.variantId, l]));
    const forecastOf = new Map(forecasts.map((f) => [f.variantId, f]));
    // An overdue purchase order promises nothing: only arrivals after today count.
    const restockOf = new Map<string, string>();
    for (const [variantId, shipments] of onOrder) {
      const next = shipments.find((x) => x.expectedDate > today);
      if (next) restockOf.set(variantId, next.expectedDate);
    }
    const existingOf = new Map(existing.map((e) => [e.variantId, e]));
    const rows: SignalRow[] = [];
    for (const v of variants) {
      const level = levelOf.get(v.id);
      const demand = demandOf(forecastOf.get(v.id));
      const base: SignalInput = {
        today,
        tracked: v.tracked,
        available: level?._sum.available ?? 0,
        dailyDemand: demand.daily,
        forecastConfident: demand.confident,
        // A level is confirmed by the import and by every inventory webhook; Shopify sends one on each change,
        // so an old timestamp means "unchanged since", not "unknown": the row itself is the confirmation.
        inventoryUpdatedAt: level ? now.toISOString() : null,
        now: now.toISOString(),
        restockDate: restockOf.get(v.id) ?? null,
        continueSelling: false,
        handlingDays: null,
      };
      // A bundle follows its scarcest component (app/storefront/bundles.server.ts).
      const input = bundles ? bundles.adjust(v.id, base) : base;
      const signal = availabilitySignal(input);
      const facts = signalFacts(numericId(v.shopifyId), input, signal);
      const row = {
        shopifyVariantId: facts.variant,
        state: signal.state,
        unitsLeft: facts.units,
        daysOfCover: facts.cover_days,
        stockoutDate: signal.state === "selling_fast" ? signal.date : null,
        restockDate: input.restockDate,
        shipsByDate: facts.ships_by ?? (signal.state === "ships_by" ? signal.date : null),
        confident: facts.confident,
        facts: JSON.stringify(facts),
      };
      // Unchanged facts keep their row (and skip a metafield write), unless the stored ones are about to expire.
      const prev = existingOf.get(v.id);
      const { expires_at: prevExpiry, ...prevFacts } = prev
        ? (JSON.parse(prev.facts) as SignalFacts)
        : ({} as SignalFacts);
      const { expires_at: _expiry, ...nextFacts } = facts;
      const fresh = prevExpiry !== undefined && prevExpiry - now.getTime() / 1000 > 12 * 3600;
      if (prev && fresh && JSON.stringify(prevFacts) === JSON.stringify(nextFacts)) continue;
      rows.push({ variantId: v.id, ...row });
    }
    await upsertSignals(db, shopId, rows, now);
    changed += rows.length;
  }
  return { variants: ids.length, changed };
}

type SignalRow = Omit<
  Prisma.AvailabilitySignalUncheckedCreateInput,
  "id" | "shopId" | "computedAt" | "metafieldSyncedAt"
> & { variantId: string };

const SIGNAL_COLUMNS: [keyof SignalRow, string][] = [
  ["variantId", "text"],
  ["shopifyVariantId", "text"],
  ["state", "text"],
  ["unitsLeft", "integer"],
  ["daysOfCover", "double precision"],
  ["stockoutDate", "text"],
  ["restockDate", "text"],
  ["shipsByDate", "text"],
  ["confident", "boolean"],
  ["facts", "text"],
];

/**
 * Writes a chunk's changed signals with ONE statement (INSERT ... ON CONFLICT (shopId, variantId) DO UPDATE, on
 * SQLite and PostgreSQL): a new row gets an id, a stored one keeps its id and metafieldSyncedAt. Prisma's upsert
 * of each row compiled a fresh plan every time (its plan depends on the values, so the plan cache cannot keep it):
 * 0.7 ms a variant, 12 % of a worker's CPU in a full recompute (docs/decisions/0033).
 */
async function upsertSignals(db: Db, shopId: string, rows: SignalRow[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  const { params, mark } = rawParams(databaseTarget(databaseUrlOf(db)).provider);
  const values = rows
    .map(
      (r) =>
        `(${[
          mark(createId(), "text"),
          mark(shopId, "text"),
          ...SIGNAL_COLUMNS.map(([c, type]) => mark(r[c] ?? null, type)),
          mark(now, "timestamp(3)"),
        ].join(", ")})`,
    )
    .join(", ");
  const columns = ["id", "shopId", ...SIGNAL_COLUMNS.map(([c]) => c), "computedAt"];
  const updates = [...SIGNAL_COLUMNS.slice(1).map(([c]) => c), "computedAt"];
  await db.$executeRawUnsafe(
    `INSERT INTO "AvailabilitySignal" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${values} ` +
      `ON CONFLICT ("shopId", "variantId") DO UPDATE SET ${updates.map((c) => `"${c}" = EXCLUDED."${c}"`).join(", ")}`,
    ...params,
  );
}

/**
 * Writes changed signals to the variants' app-owned metafields (25 per call); returns how many were set. Each pass
 * reads the next 250 unsynced signals by id, so a failed one is tried once per call. A written signal is marked
 * synced AT ITS computedAt, and only if that is still its computedAt: one recomputed meanwhile stays unsynced for
 * the next call, and one stamped by a clock ahead of this one (another worker's) still counts as synced, instead
 * of being read again forever.
 */
export async function syncSignalMetafields(
  domain: string,
  options: { db?: Db; gateway?: Omit<AdminGatewayOptions, "shop" | "accessToken"> } = {},
): Promise<{ set: number; failed: number }> {
  const db = options.db ?? prisma;
  const shop = await db.shop.findUniqueOrThrow({ where: { domain }, select: { id: true } });
  const s = forShop(db, shop.id);
  const gateway = await adminGatewayForShop(domain, { ...options.gateway, db });
  if (!gateway.ok) return { set: 0, failed: 0 };
  let set = 0;
  let failed = 0;
  let after: string | undefined;
  for (;;) {
    const rows = await s.availabilitySignal.findMany({
      where: {
        ...(after === undefined ? {} : { id: { gt: after } }),
        OR: [{ metafieldSyncedAt: null }, { metafieldSyncedAt: { lt: db.availabilitySignal.fields.computedAt } }],
      },
      include: { variant: { select: { shopifyId: true } } },
      orderBy: { id: "asc" },
      take: 250,
    });
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    const results = await setAppMetafields(
      gateway.value,
      rows.map((r) => ({ ownerId: r.variant.shopifyId, key: SIGNAL_METAFIELD_KEY, type: "json", value: r.facts })),
    );
    const ok = new Set(results.filter((r) => r.status === "set").map((r) => r.ownerId));
    const written = new Map<number, string[]>();
    for (const r of rows) {
      if (!ok.has(r.variant.shopifyId)) {
        failed++;
        continue;
      }
      set++;
      const at = r.computedAt.getTime();
      const ids = written.get(at);
      if (ids) ids.push(r.id);
      else written.set(at, [r.id]);
    }
    for (const [at, ids] of written) {
      const computedAt = new Date(at);
      await s.availabilitySignal.updateMany({
        where: { id: { in: ids }, computedAt },
        data: { metafieldSyncedAt: computedAt },
      });
    }
    if (ok.size === 0) {
      log.warn("signal metafields not written", { shop: domain, failed: rows.length });
      break;
    }
  }
  return { set, failed };
}
