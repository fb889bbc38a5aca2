// A shop's settings with the defaults filled in (app/core/defaults.ts): the one place the services read
// them, so a shop that never saved its settings gets exactly the documented defaults everywhere.
import { SHOP_DEFAULTS, VENDOR_DEFAULTS } from "~/core/defaults";
import type { StoredShopSettings } from "~/core/decisions/index";
import type { ShopDb } from "~/db/scoped.server";
import { decimal } from "~/core/money";

export interface ResolvedShopSettings extends StoredShopSettings {
  serviceLevel: number;
  reviewPeriodDays: number;
  targetCoverDays: number;
  longTermValueWeight: number;
  abcShareA: number;
  abcShareB: number;
  serviceLevelA: number;
  serviceLevelB: number;
  serviceLevelC: number;
  paused: boolean;
  pausedAt: Date | null;
}

type Row = Awaited<ReturnType<ShopDb["shopSettings"]["findFirst"]>>;

/** Database row (decimals as Prisma gives them) to plain numbers; null = the defaults. */
export function resolveShopSettings(row: Row): ResolvedShopSettings {
  if (!row) return { ...SHOP_DEFAULTS, paused: false, pausedAt: null };
  return {
    ...SHOP_DEFAULTS,
    ...row,
    paymentFeeFixed: decimal(row.paymentFeeFixed, "ShopSettings.paymentFeeFixed"),
    fulfilmentCostPerUnit: decimal(row.fulfilmentCostPerUnit, "ShopSettings.fulfilmentCostPerUnit"),
  };
}

export async function shopSettingsOf(db: ShopDb): Promise<ResolvedShopSettings> {
  return resolveShopSettings(await db.shopSettings.findFirst({}));
}

export interface VendorTerms {
  leadTimeMeanDays: number;
  leadTimeSdDays: number;
  moq: number;
  casePack: number;
}

/** The cycle service level of each ABC class, and of variants without a class. */
export function classLevels(s: ResolvedShopSettings): { A: number; B: number; C: number; none: number } {
  return { A: s.serviceLevelA, B: s.serviceLevelB, C: s.serviceLevelC, none: s.serviceLevel };
}

/** A vendor's saved terms, or the defaults. */
export async function vendorTermsOf(db: ShopDb, vendor: string | null): Promise<VendorTerms> {
  const row = vendor ? await db.vendorSettings.findFirst({ where: { vendor } }) : null;
  return row ?? { ...VENDOR_DEFAULTS };
}
