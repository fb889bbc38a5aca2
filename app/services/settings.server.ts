// Settings: guardrails, replenishment policy, economics, vendor terms, autonomy rules and the global pause.
// Every change is validated by one zod schema (field-level errors), written in one transaction with an
// AuditEvent (settings.updated, before/after of the changed fields), and a change that moves decisions
// enqueues a shop recompute.
import { AUTONOMY_DEFAULTS, VENDOR_DEFAULTS } from "~/core/defaults";
import { shopSettingsOf } from "~/services/shop-settings.server";
import type { ShopContext } from "~/services/shop.server";
import { getJobQueue } from "~/jobs/index.server";
import { JOB_TYPES } from "~/jobs/standard";
import { fieldErrors, settingsSchema, type FieldError, type SettingsInput } from "~/components/settings/schema";
import { prisma } from "~/db.server";
import { recomputeStatusOf, type RecomputeStatus } from "~/sync/recompute/chunks.server";

export type { FieldError, SettingsInput } from "~/components/settings/schema";

export interface SettingsView {
  values: SettingsInput;
  paused: boolean;
  pausedAt: string | null;
  currency: string;
}

export type SaveResult =
  | { ok: true; changed: string[]; recomputeJobId: string | null }
  | { ok: false; code: "SETTINGS.INVALID"; errors: Record<string, FieldError> };

const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
/** Form values come back through percent conversions: 6 decimals are plenty and avoid false changes. */
const tidy = (x: number): number => Math.round(x * 1e6) / 1e6;

export async function loadSettings(shop: ShopContext): Promise<SettingsView> {
  const [s, vendorRows, catalogue, rules] = await Promise.all([
    shopSettingsOf(shop.db),
    shop.db.vendorSettings.findMany({ orderBy: { vendor: "asc" } }),
    shop.db.product.findMany({
      where: { deletedAt: null, vendor: { not: null } },
      distinct: ["vendor"],
      select: { vendor: true },
    }),
    shop.db.autonomyRule.findMany({}),
  ]);
  const byVendor = new Map(vendorRows.map((v) => [v.vendor, v]));
  const names = new Set<string>([...catalogue.map((p) => p.vendor!.trim()).filter(Boolean), ...byVendor.keys()]);
  const vendors = [...names]
    .sort((a, b) => a.localeCompare(b))
    .map((vendor) => {
      const v = byVendor.get(vendor) ?? VENDOR_DEFAULTS;
      return {
        vendor,
        leadTimeMeanDays: v.leadTimeMeanDays,
        leadTimeSdDays: v.leadTimeSdDays,
        moq: v.moq,
        casePack: v.casePack,
      };
    });
  const price = rules.find((r) => r.actionType === "price");
  const reorder = rules.find((r) => r.actionType === "reorder");
  const values: SettingsInput = {
    minMarginPct: s.minMarginPct,
    maxPriceChangePct: s.maxPriceChangePct,
    priceRounding: s.priceRounding as SettingsInput["priceRounding"],
    cooldownDays: s.cooldownDays,
    compareAtPolicy: s.compareAtPolicy as SettingsInput["compareAtPolicy"],
    observedRangeDistance: s.observedRangeDistance,
    minConfidence: s.minConfidence,
    serviceLevel: s.serviceLevel,
    reviewPeriodDays: s.reviewPeriodDays,
    targetCoverDays: s.targetCoverDays,
    longTermValueWeight: s.longTermValueWeight,
    paymentFeePct: s.paymentFeePct,
    paymentFeeFixed: s.paymentFeeFixed,
    fulfilmentCostPerUnit: s.fulfilmentCostPerUnit,
    holdingCostPct: s.holdingCostPct,
    sellThroughDays: s.sellThroughDays,
    abcShareA: s.abcShareA,
    abcShareB: s.abcShareB,
    serviceLevelA: s.serviceLevelA,
    serviceLevelB: s.serviceLevelB,
    serviceLevelC: s.serviceLevelC,
    vendors,
    autonomy: {
      price: {
        mode: price?.mode === "auto" ? "auto" : "suggest",
        maxChangePct: price?.maxChangePct ?? AUTONOMY_DEFAULTS.price.maxChangePct,
        minMarginPct: price?.minMarginPct ?? s.minMarginPct,
        maxPerDay: price?.maxPerDay ?? AUTONOMY_DEFAULTS.price.maxPerDay,
      },
      reorder: {
        mode: reorder?.mode === "auto" ? "auto" : "suggest",
        maxOrderValue: numOrNull(reorder?.maxOrderValue) ?? AUTONOMY_DEFAULTS.reorder.maxOrderValue,
        maxPerDay: reorder?.maxPerDay ?? AUTONOMY_DEFAULTS.reorder.maxPerDay,
      },
    },
  };
  return { values, paused: s.paused, pausedAt: s.pausedAt ? s.pausedAt.toISOString() : null, currency: shop.currency };
}

/** Flattens the values to path → value; vendors are keyed by name so reordering the list changes nothing. */
function flatten(values: SettingsInput): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(values)) {
    if (key === "vendors" || key === "autonomy") continue;
    out.set(key, value);
  }
  for (const v of values.vendors) {
    for (const key of ["leadTimeMeanDays", "leadTimeSdDays", "moq", "casePack"] as const)
      out.set(`vendors.${v.vendor}.${key}`, v[key]);
  }
  for (const [type, rule] of Object.entries(values.autonomy)) {
    for (const [key, value] of Object.entries(rule)) out.set(`autonomy.${type}.${key}`, value);
  }
  return out;
}

function normalise(input: SettingsInput): SettingsInput {
  const walk = (x: unknown): unknown =>
    typeof x === "number"
      ? tidy(x)
      : Array.isArray(x)
        ? x.map(walk)
        : x && typeof x === "object"
          ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, walk(v)]))
          : x;
  return walk(input) as SettingsInput;
}

export async function saveSettings(shop: ShopContext, input: { actor: string; values: unknown }): Promise<SaveResult> {
  const parsed = settingsSchema.safeParse(input.values);
  if (!parsed.success) return { ok: false, code: "SETTINGS.INVALID", errors: fieldErrors(parsed.error) };
  const next = normalise(parsed.data);
  const duplicate = next.vendors.findIndex((v, i) => next.vendors.findIndex((w) => w.vendor === v.vendor) !== i);
  if (duplicate >= 0)
    return { ok: false, code: "SETTINGS.INVALID", errors: { [`vendors.${duplicate}.vendor`]: { code: "invalid" } } };

  const current = await loadSettings(shop);
  const before = flatten(normalise(current.values));
  const after = flatten(next);
  const changed = [...after.keys()].filter((k) => before.get(k) !== after.get(k));
  if (changed.length === 0) return { ok: true, changed, recomputeJobId: null };

  const { vendors, autonomy, ...shopFields } = next;
  const changedVendors = new Set(
    changed.filter((k) => k.startsWith("vendors.")).map((k) => k.slice(8, k.lastIndexOf("."))),
  );
  const db = shop.db;
  await db.$transaction([
    db.shopSettings.upsert({
      where: { shopId: shop.id },
      create: { shopId: shop.id, ...shopFields },
      update: shopFields,
    }),
    ...vendors
      .filter((v) => changedVendors.has(v.vendor))
      .map(({ vendor, ...terms }) =>
        db.vendorSettings.upsert({
          where: { shopId_vendor: { shopId: shop.id, vendor } },
          create: { shopId: shop.id, vendor, ...terms },
          update: terms,
        }),
      ),
    db.autonomyRule.upsert({
      where: { shopId_actionType: { shopId: shop.id, actionType: "price" } },
      create: { shopId: shop.id, actionType: "price", ...autonomy.price },
      update: autonomy.price,
    }),
    db.autonomyRule.upsert({
      where: { shopId_actionType: { shopId: shop.id, actionType: "reorder" } },
      create: { shopId: shop.id, actionType: "reorder", ...autonomy.reorder },
      update: autonomy.reorder,
    }),
    db.auditEvent.create({
      data: {
        shopId: shop.id,
        actor: input.actor,
        action: "settings.updated",
        entityType: "ShopSettings",
        entityId: shop.id,
        data: JSON.stringify({
          changed,
          before: Object.fromEntries(changed.map((k) => [k, before.get(k) ?? null])),
          after: Object.fromEntries(changed.map((k) => [k, after.get(k) ?? null])),
        }),
      },
    }),
  ]);
  // Autonomy limits do not change recommendations; everything else does.
  const movesDecisions = changed.some((k) => !k.startsWith("autonomy."));
  let recomputeJobId: string | null = null;
  if (movesDecisions) {
    const job = await getJobQueue().enqueue({
      shopId: shop.id,
      type: JOB_TYPES.recomputeShop,
      payload: {},
      coalesceKey: "settings",
    });
    recomputeJobId = job.id;
  }
  return { ok: true, changed, recomputeJobId };
}

/** The global pause: takes effect at once (automatic actions read ShopSettings.paused), audited. */
export async function setPaused(
  shop: ShopContext,
  input: { actor: string; paused: boolean },
): Promise<{ paused: boolean; pausedAt: string | null }> {
  const db = shop.db;
  const stored = await db.shopSettings.findFirst({ select: { paused: true, pausedAt: true } });
  const wasPaused = stored?.paused ?? false;
  if (wasPaused === input.paused) return { paused: wasPaused, pausedAt: stored?.pausedAt?.toISOString() ?? null };
  const pausedAt = input.paused ? new Date() : null;
  await db.$transaction([
    db.shopSettings.upsert({
      where: { shopId: shop.id },
      create: { shopId: shop.id, paused: input.paused, pausedAt },
      update: { paused: input.paused, pausedAt },
    }),
    db.auditEvent.create({
      data: {
        shopId: shop.id,
        actor: input.actor,
        action: "settings.updated",
        entityType: "ShopSettings",
        entityId: shop.id,
        data: JSON.stringify({ changed: ["paused"], before: { paused: wasPaused }, after: { paused: input.paused } }),
      },
    }),
  ]);
  return { paused: input.paused, pausedAt: pausedAt?.toISOString() ?? null };
}

/** The shop's newest full recompute and its progress (Settings' RecomputeCard). */
export async function recomputeProgress(shop: ShopContext): Promise<RecomputeStatus | null> {
  return recomputeStatusOf(prisma, shop.id);
}
