// Helpers shared by approval, push and rollback: stable batch ids, the shop's margin inputs, the push job.
import { createHash } from "node:crypto";
import { getJobQueue } from "~/jobs/index.server";
import { enqueueSummaryRefresh } from "~/services/summary-jobs.server";
import type { JobQueue } from "~/jobs/types";
import type { ShopContext } from "~/services/shop.server";
import { shopSettingsOf } from "~/services/shop-settings.server";
import type { PriceState } from "./price-state";

/** The job that pushes a batch of approved prices to Shopify (./push.server.ts). */
export const PUSH_JOB_TYPE = "price.push";

export interface DecisionDeps {
  /** Default the process-wide queue. */
  queue?: JobQueue;
}

/** The same request key always names the same batch (a replay finds it). */
export function batchIdOf(shopId: string, idempotencyKey: string): string {
  return "b" + createHash("sha256").update(`${shopId}\n${idempotencyKey}`).digest("hex").slice(0, 24);
}

export interface ShopPolicy {
  paused: boolean;
  minMarginPct: number;
  paymentFeePct: number;
  fixedCostPerUnit: number;
}

export async function shopPolicy(shop: ShopContext): Promise<ShopPolicy> {
  const s = await shopSettingsOf(shop.db);
  return {
    paused: s.paused,
    minMarginPct: s.minMarginPct,
    paymentFeePct: s.paymentFeePct,
    fixedCostPerUnit: s.fulfilmentCostPerUnit + s.paymentFeeFixed,
  };
}

/** One push job per batch (coalesced on the batch id). */
export async function enqueuePush(shop: ShopContext, batchId: string, deps: DecisionDeps = {}): Promise<string> {
  const queue = deps.queue ?? getJobQueue();
  const job = await queue.enqueue({ shopId: shop.id, type: PUSH_JOB_TYPE, payload: { batchId }, coalesceKey: batchId });
  return job.id;
}

/** The dashboard's stored figures (pending recommendations, impact) follow every decision. */
export async function enqueueSummary(shopId: string, deps: DecisionDeps = {}): Promise<void> {
  await enqueueSummaryRefresh(deps.queue ?? getJobQueue(), shopId);
}

export function parsePriceState(json: string): PriceState | null {
  try {
    const v = JSON.parse(json) as Partial<PriceState>;
    if (typeof v.price !== "number") return null;
    return { price: v.price, compareAtPrice: typeof v.compareAtPrice === "number" ? v.compareAtPrice : null };
  } catch {
    return null;
  }
}

/** Runs a query per slice of ids (SQLite refuses more than 999 bound parameters in one statement). */
export async function findByIds<T>(ids: string[], query: (slice: string[]) => Promise<T[]>, size = 400): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(...(await query(ids.slice(i, i + size))));
  return out;
}
